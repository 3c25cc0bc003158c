"""Word files: the footnotes and endnotes are read after the body (a fact told only in a footnote was never found),
and a table under a row of column names gives each row's cells their names, as a CSV row does."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.normalize import CELL_SEPARATOR

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _notes_xml(kind: str, notes: list[str]) -> str:
    """A footnotes or endnotes part as Word writes it: the separator and continuation notes, then the notes (a note's
    paragraphs parted by a line break in its text)."""
    tag = kind[:-1]
    parts = [
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>',
    ]
    for n, text in enumerate(notes, start=1):
        paragraphs = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in text.split("\n")[1:]
        )
        parts.append(
            f'<w:{tag} w:id="{n}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{tag}Ref/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text.split(chr(10))[0]}</w:t></w:r></w:p>{paragraphs}</w:{tag}>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} xmlns:w="{_W}">{"".join(parts)}</w:{kind}>'
    )


def _word_file(
    path: Path,
    body: list[str],
    footnotes: list[str] = (),  # type: ignore[assignment]
    endnotes: list[str] = (),  # type: ignore[assignment]
    refers: list[int] = (),  # type: ignore[assignment]
) -> None:
    """A Word file (python-docx) of `body` paragraphs, with a footnotes and an endnotes part added as Word adds them:
    the part, its content type and the body's relationship to it; the body's paragraph n refers to the footnote of
    id `refers[n]`."""
    import docx

    word = docx.Document()
    for text in body:
        word.add_paragraph(text)
    word.save(str(path))
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body_xml = parts["word/document.xml"].decode().split("</w:p>")
    for n, note in enumerate(refers):
        body_xml[n] += f'<w:r><w:footnoteReference w:id="{note}"/></w:r>'
    parts["word/document.xml"] = "</w:p>".join(body_xml).encode()
    types = parts["[Content_Types].xml"].decode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    for kind, notes in (("footnotes", footnotes), ("endnotes", endnotes)):
        if not notes:
            continue
        parts[f"word/{kind}.xml"] = _notes_xml(kind, list(notes)).encode()
        types = types.replace(
            "</Types>", f'<Override PartName="/word/{kind}.xml" ContentType="{_CT}.{kind}+xml"/></Types>'
        )
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rId9{kind}" Type="{_REL}/{kind}" Target="{kind}.xml"/></Relationships>',
        )
    parts["[Content_Types].xml"] = types.encode()
    parts["word/_rels/document.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _citable(corpus: Path, name: str) -> list[str]:
    """The sentences the index stores and may cite for a file."""
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def test_footnotes_and_endnotes_are_read_after_the_body_and_cited_as_such(tmp_path: Path) -> None:
    _word_file(
        tmp_path / "harbour.docx",
        ["The harbour was deepened in 1998.", "The work took two years."],
        footnotes=["The dredging contractor was Van Oord Marine of Gorinchem.", "Costs are in guilders."],
        endnotes=["Source: the port authority's annual report."],
    )
    doc = read_document(tmp_path, tmp_path / "harbour.docx")
    assert doc.text.index("The work took two years.") < doc.text.index("Van Oord Marine") < doc.text.index("Source:")
    for phrase, where in [
        ("The dredging contractor was Van Oord Marine of Gorinchem.", "§ Footnote 1 ¶1"),
        ("Costs are in guilders.", "§ Footnote 2 ¶1"),
        ("Source: the port authority's annual report.", "§ Endnote 1 ¶1"),
    ]:
        at = doc.text.index(phrase)
        assert doc.layout.citable(at, at + len(phrase)), phrase
        assert doc.layout.place(at, at + len(phrase)).where == where
    assert "separator" not in doc.text.casefold()
    assert "The dredging contractor was Van Oord Marine of Gorinchem." in _citable(tmp_path, "harbour.docx")


def test_a_note_is_cited_by_its_number_in_the_order_the_body_refers_to_the_notes(tmp_path: Path) -> None:
    _word_file(
        tmp_path / "harbour.docx",
        ["The harbour was deepened in 1998.", "The work took two years."],
        footnotes=["Costs are in guilders.\nThey were paid in three parts.", "The contractor was Van Oord Marine."],
        refers=[2, 1],  # the first note in the body is the part's second: the page numbers it 1
    )
    doc = read_document(tmp_path, tmp_path / "harbour.docx")
    for phrase, where in [
        ("The contractor was Van Oord Marine.", "§ Footnote 1 ¶1"),
        ("Costs are in guilders.", "§ Footnote 2 ¶1"),
        ("They were paid in three parts.", "§ Footnote 2 ¶2"),
    ]:
        at = doc.text.index(phrase)
        assert doc.layout.place(at, at + len(phrase)).where == where, phrase


def test_a_word_file_without_notes_gains_no_heading_for_them(tmp_path: Path) -> None:
    _word_file(tmp_path / "plain.docx", ["Only the body speaks here."], footnotes=[" "])
    doc = read_document(tmp_path, tmp_path / "plain.docx")
    assert doc.text == "Only the body speaks here." and not doc.layout.headings


def _table_file(path: Path, rows: list[tuple[str, ...]], header: str = "bold") -> None:
    """A Word file of a paragraph and a table of `rows`, its first row marked as Word marks a header row: "bold"
    (every run), "repeat" (w:tblHeader, repeated atop each page), "style" (a table style whose first row is bold)
    or "" (not at all)."""
    import docx
    from docx.oxml import OxmlElement

    word = docx.Document()
    word.add_paragraph("The harbour's berths this week.")
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text
    if header == "bold":
        for box in table.rows[0].cells:
            for run in box.paragraphs[0].runs:
                run.bold = True
    elif header == "repeat":
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    elif header == "style":
        table.style = "Light Grid Accent 1"
    word.save(str(path))


@pytest.mark.parametrize("header", ["bold", "repeat", "style"])
def test_a_word_tables_rows_name_their_cells_by_the_header_row(tmp_path: Path, header: str) -> None:
    _table_file(
        tmp_path / "berths.docx",
        [("Name", "Length", "Berth"), ("Albatross", "51 m", "Quay 12"), ("Kestrel", "38 m", "Quay 3")],
        header,
    )
    doc = read_document(tmp_path, tmp_path / "berths.docx")
    assert "Name | Length | Berth" in doc.text  # the header row, a label line
    assert _citable(tmp_path, "berths.docx") == [
        "The harbour's berths this week.",
        CELL_SEPARATOR.join(["Name: Albatross", "Length: 51 m", "Berth: Quay 12"]),
        CELL_SEPARATOR.join(["Name: Kestrel", "Length: 38 m", "Berth: Quay 3"]),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("Albatross", "51 m", "Quay 12"), ("Kestrel", "38 m", "Quay 3")],  # the first row is data ("51 m" is no name)
        [("2019", "2020"), ("4.1", "4.3")],  # years alone, numbers below
        [("Name", "Length"), ("Name", "51 m")],  # a "name" that comes again below it is a value
    ],
)
def test_a_word_table_without_a_row_of_names_keeps_its_plain_rows(tmp_path: Path, rows: list[tuple[str, ...]]) -> None:
    _table_file(tmp_path / "t.docx", rows)
    doc = read_document(tmp_path, tmp_path / "t.docx")
    assert ": " not in doc.text.replace("berths this week", "")
    assert CELL_SEPARATOR.join(rows[-1]) in doc.text


def test_a_first_row_word_does_not_mark_as_a_header_names_no_column(tmp_path: Path) -> None:
    rows = [("Size", "S", "M", "XL"), ("Chest", "86 cm", "91 cm", "102 cm"), ("Waist", "71 cm", "76 cm", "86 cm")]
    _table_file(tmp_path / "sizes.docx", rows, header="")
    assert _citable(tmp_path, "sizes.docx")[1:] == [CELL_SEPARATOR.join(row) for row in rows[1:]]


def test_an_unmarked_two_column_table_keeps_its_rows_whatever_its_first_row_is(tmp_path: Path) -> None:
    """ "Project | Apollo" over "Owner | Jane Smith" and "Country | Capital" over "France | Paris" read alike: no row
    is made a key and a value ("Country: Capital" would be a false fact), no cell named by a row that may be data."""
    project = [("Project", "Apollo"), ("Owner", "Jane Smith"), ("Budget", "$4.2 million"), ("Start", "3 May 2025")]
    capitals = [("Country", "Capital"), ("France", "Paris"), ("Spain", "Madrid")]
    for name, rows in (("project.docx", project), ("capitals.docx", capitals)):
        _table_file(tmp_path / name, rows, header="")
        assert _citable(tmp_path, name)[1:] == [CELL_SEPARATOR.join(row) for row in rows[1:]], name


def test_a_cell_merged_over_columns_is_given_once_and_the_names_stay_in_their_columns(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    rows = [("Vessel", "Length", "Beam"), ("Albatross", "51 m", "9 m"), ("Kestrel", "", "")]
    for row, cells in zip(table.rows, rows, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text
    for box in table.rows[0].cells:
        box.paragraphs[0].runs[0].bold = True
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "in dry dock"
    table.cell(1, 2).text = "51 m"  # the same text as its neighbour, not merged with it: both are given
    word.save(str(tmp_path / "merged.docx"))
    assert _citable(tmp_path, "merged.docx") == [
        "Vessel: Albatross | Length: 51 m | Beam: 51 m",
        "Vessel: Kestrel | Length: in dry dock",
    ]


def test_a_question_a_footnote_or_a_table_row_answers_is_answered_and_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """End to end with the real model: the footnote's fact is found and cited as a footnote, and the table row is
    cited with its columns' names."""
    from askdocs.answering import answer_question
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _word_file(
        corpus / "harbour.docx",
        ["The harbour was deepened in 1998 to take larger ships.", "The work took two years and closed one quay."],
        footnotes=["The dredging contractor was Van Oord Marine of Gorinchem."],
    )
    _table_file(
        corpus / "berths.docx",
        [("Name", "Length", "Berth"), ("Albatross", "51 m", "Quay 12"), ("Kestrel", "38 m", "Quay 3")],
    )
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "Who was the dredging contractor?")
        assert answer.found, answer.reasons
        cited = next(c for c in answer.citations if "Van Oord" in c.quote)
        assert cited.where == "§ Footnote 1 ¶1" and cited.path.endswith("harbour.docx")
        answer = answer_question(retriever, "How long is the Albatross?")
        assert answer.found, answer.reasons
        assert any("Length: 51 m" in c.quote for c in answer.citations)
        assert answer.short is None or "51 m" in answer.short
    finally:
        retriever.close()


@pytest.mark.parametrize("header", ["bold", "repeat"])
def test_a_row_word_marks_as_a_header_names_its_columns_whatever_units_it_holds(tmp_path: Path, header: str) -> None:
    """ "Station | 24h" over rainfall was read as keys and values ("Station: 24h"), and a marked row is not doubted
    for a unit that comes again in its column ("3h", a reading over three hours)."""
    for name, rows in (
        ("rain.docx", [("Station", "24h"), ("Oslo", "5"), ("Bergen", "7")]),
        ("gauges.docx", [("Station", "24h"), ("Oslo", "5"), ("Bergen", "3h"), ("Tromsø", "4")]),
        ("runs.docx", [("Athlete", "Country", "400m"), ("Anna", "Norway", "52.1"), ("Bo", "Kenya", "49.8")]),
    ):
        _table_file(tmp_path / name, rows, header)
        names = rows[0]
        expected = [CELL_SEPARATOR.join(f"{n}: {cell}" for n, cell in zip(names, row, strict=True)) for row in rows[1:]]
        assert _citable(tmp_path, name)[1:] == expected, name
