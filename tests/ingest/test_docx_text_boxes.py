"""Word text boxes: a newsletter's boxed story or a side note is read, each of its paragraphs a paragraph after the
one anchoring the box, once (Word writes the box as DrawingML and again as VML in mc:Fallback); it was not read at
all, so a fact told only in a box was never found."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{_W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _content(paragraphs: list[str], style: str | None = None) -> str:
    """A text box's content (w:txbxContent): its paragraphs, the first in paragraph style `style` if given."""
    out = []
    for n, text in enumerate(paragraphs):
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style and n == 0 else ""
        out.append(f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
    return f"<w:txbxContent>{''.join(out)}</w:txbxContent>"


def _vml(paragraphs: list[str], style: str | None = None) -> str:
    """A VML text box, as Word 2007 writes one and Word writes the copy older readers take."""
    box = f"<v:textbox>{_content(paragraphs, style)}</v:textbox>"
    return f'<w:pict><v:shape style="width:200pt;height:80pt">{box}</v:shape></w:pict>'


def _box_run(paragraphs: list[str], form: str = "word", style: str | None = None) -> str:
    """A run holding a text box as Word writes one ("word": the DrawingML shape in mc:Choice, its VML copy in
    mc:Fallback) or as Word 2007 and older writers do ("vml": the VML shape alone)."""
    if form == "vml":
        return f"<w:r {_NS}>{_vml(paragraphs, style)}</w:r>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:extent cx="2540000" cy="1016000"/><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f"<wps:spPr/><wps:txbx>{_content(paragraphs, style)}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>"
        "</a:graphic></wp:anchor></w:drawing>"
    )
    return (
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{_vml(paragraphs, style)}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _anchor(paragraph, run: str, *, deleted: bool = False) -> None:  # noqa: ANN001
    """Append `run` (a text box's) to a python-docx paragraph, inside a tracked deletion if `deleted`."""
    from docx.oxml import parse_xml

    if deleted:
        run = f'<w:del {_NS} w:id="9" w:author="Editor">{run}</w:del>'
    paragraph._p.append(parse_xml(run))


def _newsletter(path: Path, form: str = "word") -> None:
    """A newsletter: a heading, a paragraph anchoring a boxed story (its title in the Heading 2 style), and one more
    paragraph."""
    import docx

    word = docx.Document()
    word.add_heading("Spring news", level=1)
    welcome = word.add_paragraph("Welcome to the spring newsletter of the village hall.")
    _anchor(
        welcome,
        _box_run(
            ["Volunteer corner", "The library needs two volunteers on Saturdays.", "Call Ruth Okafor to help."],
            form,
            style="Heading2",
        ),
    )
    word.add_paragraph("The summer fair is on 3 May.")
    word.save(str(path))


def _citable(corpus: Path, name: str) -> list[str]:
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def test_a_text_boxs_paragraphs_follow_the_paragraph_anchoring_it_once(tmp_path: Path) -> None:
    for form in ("word", "vml"):
        _newsletter(tmp_path / f"{form}.docx", form)
        doc = read_document(tmp_path, tmp_path / f"{form}.docx")
        assert doc.text.count("two volunteers") == 1, form  # the fallback copy is not read again
        assert doc.text == (
            "Spring news\n\nWelcome to the spring newsletter of the village hall.\n\nVolunteer corner\n\n"
            "The library needs two volunteers on Saturdays.\n\nCall Ruth Okafor to help.\n\n"
            "The summer fair is on 3 May."
        ), form
        assert _citable(tmp_path, f"{form}.docx") == [
            "Welcome to the spring newsletter of the village hall.",
            "Volunteer corner",
            "The library needs two volunteers on Saturdays.",
            "Call Ruth Okafor to help.",
            "The summer fair is on 3 May.",
        ]
        places = {
            phrase: doc.layout.place(doc.text.index(phrase), doc.text.index(phrase) + len(phrase)).where
            for phrase in ("The library needs two volunteers", "The summer fair")
        }
        # the box's heading is no section: the body after the box stays under its own heading
        assert places == {"The library needs two volunteers": "§ Spring news ¶3", "The summer fair": "§ Spring news ¶5"}


def test_text_boxes_in_a_table_a_box_and_a_deletion(tmp_path: Path) -> None:
    """A box anchored in a table's cell is read after the table; a box in a box after the paragraph anchoring it;
    a box deleted with changes on is not read."""
    import docx

    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Stall", "Cakes"
    _anchor(table.cell(0, 1).paragraphs[0], _box_run(["Gluten-free cakes are on the left."]))
    outer = word.add_paragraph("The hall opens at nine.")
    nested = _box_run(["The outer box speaks first."]).replace(
        "first.</w:t></w:r></w:p>", f"first.</w:t></w:r>{_box_run(['The inner box speaks last.'])}</w:p>", 2
    )
    _anchor(outer, nested)
    gone = word.add_paragraph("The raffle is cancelled.")
    _anchor(gone, _box_run(["Raffle tickets cost one pound."]), deleted=True)
    word.save(str(tmp_path / "hall.docx"))

    text = read_document(tmp_path, tmp_path / "hall.docx").text
    assert text == (
        "Stall | Cakes\n\nGluten-free cakes are on the left.\n\nThe hall opens at nine.\n\n"
        "The outer box speaks first.\n\nThe inner box speaks last.\n\nThe raffle is cancelled."
    )


def test_a_text_box_in_a_footnote_is_read_once_as_the_notes_text(tmp_path: Path) -> None:
    import zipfile

    from tests.ingest.test_docx_notes_tables import _word_file

    path = tmp_path / "harbour.docx"
    _word_file(path, ["The harbour was deepened in 1998."], footnotes=["Costs are in guilders."], refers=[1])
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    notes = parts["word/footnotes.xml"].decode()
    boxed = f"guilders.</w:t></w:r>{_box_run(['The contractor was Van Oord.'])}</w:p>"
    parts["word/footnotes.xml"] = notes.replace("guilders.</w:t></w:r></w:p>", boxed).encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)

    doc = read_document(tmp_path, path)
    assert doc.text.count("Van Oord") == 1
    at = doc.text.index("The contractor was Van Oord.")
    assert doc.layout.place(at, at + 10).where == "§ Footnote 1 ¶2"


def test_a_fact_told_only_in_a_text_box_is_found_and_cited(tmp_path: Path) -> None:
    """Through an index on disk: the box's sentence is a passage the search finds, cited by its paragraph."""
    from askdocs.config import Settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever
    from tests.support import FakeEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _newsletter(corpus / "newsletter.docx")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    try:
        hits = retriever.search("volunteers on Saturdays library")
    finally:
        retriever.close()
    assert hits and "The library needs two volunteers on Saturdays." in hits[0].passage.text


def test_a_question_a_text_box_answers_is_answered_and_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """End to end with the real model: the answer quotes the box's sentence, cited by its paragraph."""
    from askdocs.answering import answer_question
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _newsletter(corpus / "newsletter.docx")
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "How many volunteers does the library need?")
    finally:
        retriever.close()
    assert answer.found, answer.reasons
    cited = next(c for c in answer.citations if "two volunteers" in c.quote)
    assert cited.where == "§ Spring news ¶3" and cited.path.endswith("newsletter.docx")
