"""A sentence that a PDF page break cuts in two reads on over the break with a plain space (in the text, its
sentences and a search preview), and page numbers stay right; a page that ends its sentence, or a next page that
starts a new paragraph, keeps the break. The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from askdocs.text.excerpt import LINE_SEPARATOR, flattened
from askdocs.text.sentences import split_sentences

PAGE_ONE = [
    "The animals met in the big barn to hear the plans of Snowball for the farm.",
    "Snowball said that the animals must work together through the winter to build a",
]
PAGE_TWO = [
    "windmill on the knoll, which would give the farm light and heat in the cold months.",
    "Napoleon said nothing at the meeting.",
]


def _pdf(path: Path, *pages: list[str]) -> Path:
    """A PDF of one 12 pt line of text per item, single spaced, a page per list."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        c.setFont("Times-Roman", 12)
        for n, line in enumerate(lines):
            c.drawString(72, 780 - n * 14.4, line)
        c.showPage()
    c.save()
    return path


def test_a_sentence_over_a_page_break_reads_on_with_a_space(tmp_path: Path) -> None:
    doc = read_document(tmp_path, _pdf(tmp_path / "animal-farm.pdf", PAGE_ONE, PAGE_TWO))
    assert "to build a windmill on the knoll" in doc.text
    assert LINE_SEPARATOR not in flattened(doc.text)
    sentences = [s.text for s in split_sentences(doc.text)]
    whole = f"{PAGE_ONE[1]} {PAGE_TWO[0]}"
    assert whole in sentences
    assert doc.layout.page(doc.text.index("build a")) == 1
    assert doc.layout.page(doc.text.index("windmill")) == 2
    assert doc.layout.place(doc.text.index("Snowball said"), doc.text.index("knoll")).where == "pp.1-2"
    assert doc.layout.place(doc.text.index("Napoleon")).where == "p.2"


def test_a_word_hyphenated_over_a_page_break_is_made_whole(tmp_path: Path) -> None:
    page_one = [*PAGE_ONE[:-1], "Snowball said that the animals must work together through the winter on the wind-"]
    page_two = ["mill, which would give the farm light and heat in the cold months."]
    doc = read_document(tmp_path, _pdf(tmp_path / "hyphen.pdf", page_one, page_two))
    assert "through the winter on the windmill, which" in doc.text
    assert doc.layout.page(doc.text.index("mill, which")) == 2


def test_a_page_that_ends_its_sentence_or_a_page_that_starts_a_paragraph_keeps_the_break(tmp_path: Path) -> None:
    ended = read_document(tmp_path, _pdf(tmp_path / "ended.pdf", PAGE_ONE[:1], ["windmills were not discussed."]))
    assert ended.text == f"{PAGE_ONE[0]}\n\nwindmills were not discussed."
    assert flattened(ended.text) == f"{PAGE_ONE[0]}{LINE_SEPARATOR}windmills were not discussed."
    new = read_document(tmp_path, _pdf(tmp_path / "new.pdf", ["Minutes of the meeting in the barn"], PAGE_TWO[1:]))
    assert new.text == "Minutes of the meeting in the barn\n\nNapoleon said nothing at the meeting."
    assert new.layout.page(new.text.index("Napoleon")) == 2


def test_a_page_number_at_the_foot_of_a_short_file_is_never_run_on(tmp_path: Path) -> None:
    """In a two-page file no footer rule catches the page number "1": it is the page's last box, and running the
    next page on from it glued "1 windmill" together (a count that is not in the text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "numbered.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, lines in enumerate((PAGE_ONE, PAGE_TWO), start=1):
        c.setFont("Times-Roman", 12)
        for n, line in enumerate(lines):
            c.drawString(72, 780 - n * 14.4, line)
        c.drawString(72, 400, str(number))  # a page number in the body's size, below the text
        c.showPage()
    c.save()
    doc = read_document(tmp_path, path)
    assert "1 windmill" not in doc.text and "windmill on the knoll" in doc.text
