"""PDF body text set single, one-and-a-half or double spaced reads the same: wrapped lines are joined into whole
sentences, while the marks of a new paragraph (a blank line's worth of space, an indented first line) still end one.
The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences

HEADING = "Harbour budget 2026"
PARAGRAPHS = [
    "The council adopted the harbour budget for fiscal 2026 on January 15, 2026. Councillor Renata Holloway cast "
    "the only dissenting vote, saying the dredging estimate was too low. The mayor replied that the estimate came "
    "from the port engineer and had been checked twice by an outside firm.",
    "Ferry fares will rise by ten cents in April. The operator said the increase pays for two new deckhands and a "
    "longer winter timetable, and that season tickets bought before March keep their old price until they expire.",
    "Repairs to the north pier begin in May and should last six weeks. During that time the last boat leaves from "
    "the south pier instead, and a shuttle bus runs between the two piers every twenty minutes.",
]
SINGLE, ONE_AND_A_HALF, DOUBLE = 14.4, 21.6, 28.8
"""Leading of 12 pt text: 1.2 times the type size is single spacing, as word processors set it."""
LEADINGS = [SINGLE, 18.0, ONE_AND_A_HALF, 24.0, DOUBLE]
"""Also 1.5 and 2 times the type size (24 pt is the leading of the file the problem was found in)."""


def _pdf(path: Path, paragraphs: list[str], leading: float, space_after: float = 12, indent: float = 0) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle(
        "body", fontName="Times-Roman", fontSize=12, leading=leading, spaceAfter=space_after, firstLineIndent=indent
    )
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=12)
    story = [Paragraph(HEADING, heading)] + [Paragraph(text, body) for text in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_a_pdf_gives_the_same_whole_sentences_single_one_and_a_half_and_double_spaced(tmp_path: Path) -> None:
    expected = _sentences("\n\n".join([HEADING, *PARAGRAPHS]))
    assert "Councillor Renata Holloway cast the only dissenting vote, saying the dredging estimate was too low." in (
        expected
    )
    for leading in (SINGLE, ONE_AND_A_HALF, DOUBLE, 24.0):
        doc = read_document(tmp_path, _pdf(tmp_path / f"budget-{leading}.pdf", PARAGRAPHS, leading))
        assert _sentences(doc.text) == expected, leading


@pytest.mark.parametrize("leading", LEADINGS)
@pytest.mark.parametrize(("space_after", "indent"), [(12, 0), (0, 36)], ids=["blank-line", "indented"])
def test_pdf_paragraphs_stay_apart_and_whole_at_any_line_spacing(
    tmp_path: Path, leading: float, space_after: float, indent: float
) -> None:
    doc = read_document(tmp_path, _pdf(tmp_path / "budget.pdf", PARAGRAPHS, leading, space_after, indent))
    assert doc.text.split("\n\n") == [HEADING, *PARAGRAPHS]
    assert [h[2] for h in doc.layout.headings] == [HEADING]
    assert doc.layout.place(doc.text.index("Councillor Renata")).where == "p.1"


def test_short_pdf_paragraphs_a_blank_line_apart_are_not_taken_for_double_spaced_lines(tmp_path: Path) -> None:
    """A page of one-line paragraphs: the distance between them is the commonest there, and still a break."""
    lines = [
        "Ferries run every hour from the north pier",
        "The bridge closes for repairs in March",
        "Fares rise by ten cents in April",
        "Season tickets keep their old price",
    ]
    doc = read_document(tmp_path, _pdf(tmp_path / "notes.pdf", lines, SINGLE, space_after=SINGLE))
    assert doc.text.split("\n\n") == [HEADING, *lines]


def test_joined_pdf_lines_stay_on_their_own_page(tmp_path: Path) -> None:
    from pdfminer.high_level import extract_text

    paragraphs = [f"Item {n}: {text}" for n in range(1, 6) for text in PARAGRAPHS]
    path = _pdf(tmp_path / "long.pdf", paragraphs, DOUBLE, space_after=0, indent=36)
    doc = read_document(tmp_path, path)
    pages = doc.layout.pages
    assert len(pages) >= 2
    for number, start in enumerate(pages, start=1):
        end = pages[number] if number < len(pages) else len(doc.text)
        assert doc.text[start:end].split() == extract_text(str(path), page_numbers=[number - 1]).split(), number
    whole = "Councillor Renata Holloway cast the only dissenting vote, saying the dredging estimate was too low."
    assert _sentences(doc.text).count(whole) >= 4  # of 5: a page break may fall inside one
    last = doc.text.rindex("Item 5: Repairs")
    assert doc.layout.place(last).where == f"p.{len(pages)}"
