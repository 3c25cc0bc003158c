"""A PDF heading that pdfminer.six reads in one text block with the paragraph under it (it groups lines by distance,
not size) is still a heading: the section of that paragraph, never glued onto its first sentence nor cited. Only
larger type makes one: a bold line in the body size stays part of its paragraph. The PDFs are made with reportlab at
test time."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences

TITLE = "Greenfield Water Authority Annual Report 2023"
INTRO = (
    "This report covers the financial year that ended on 31 December 2023. The authority supplies drinking water to "
    "about 310,000 households in the Greenfield region."
)
OPERATIONS = "The authority replaced 37 kilometres of old water pipes in 2023. Leakage fell to 17 percent."
FINANCES = "Total revenue was 88.2 million dollars. The new treatment plant will open in 2025."


def _report(path: Path, lead_in: str | None = None) -> Path:
    """The sample style sheet's Title, Heading1 and Normal, which set headings close enough above their text that
    pdfminer.six puts each heading in one block with it; `lead_in` adds a bold line in the body size on page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    bold = ParagraphStyle("lead-in", parent=styles["Normal"], fontName="Helvetica-Bold")
    story = [Paragraph(TITLE, styles["Title"])]
    if lead_in:
        story.append(Paragraph(lead_in, bold))
    story += [
        Paragraph(INTRO, styles["Normal"]),
        PageBreak(),
        Paragraph("Operations", styles["Heading1"]),
        Paragraph(OPERATIONS, styles["Normal"]),
        Paragraph("Finances", styles["Heading1"]),
        Paragraph(FINANCES, styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


def _blocks(path: Path) -> list[list[str]]:
    """The lines of each text block pdfminer.six finds, to check the PDF shows the case under test."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        [line.get_text().strip() for line in element]
        for page in extract_pages(str(path))
        for element in page
        if isinstance(element, LTTextContainer)
    ]


def test_a_pdf_heading_in_one_block_with_its_paragraph_is_the_section_and_not_cited(tmp_path: Path) -> None:
    path = _report(tmp_path / "report.pdf")
    blocks = [(block[0], block[1].split()[0]) for block in _blocks(path)]
    assert blocks == [(TITLE, "This"), ("Operations", "The")]  # each heading shares a block with the text below it
    doc = read_document(tmp_path, path)
    assert doc.text.split("\n\n") == [TITLE, INTRO, "Operations", OPERATIONS, "Finances", FINANCES]
    assert [h[2] for h in doc.layout.headings] == [TITLE, "Operations", "Finances"]
    cited = [s.text for s in split_sentences(doc.text) if doc.layout.citable(s.start, s.end)]
    replaced = "The authority replaced 37 kilometres of old water pipes in 2023."
    assert cited[2:4] == [replaced, "Leakage fell to 17 percent."]
    assert cited[0].startswith("This report") and cited[4].startswith("Total revenue")
    for sentence, section, page in [(INTRO, TITLE, 1), (OPERATIONS, "Operations", 2), (FINANCES, "Finances", 2)]:
        place = doc.layout.place(doc.text.index(sentence))
        assert (place.section, place.page, place.where) == (section, page, f"p.{page}")


def test_a_bold_line_in_the_body_size_stays_in_its_paragraph(tmp_path: Path) -> None:
    path = _report(tmp_path / "report.pdf", lead_in="Summary")
    assert any(block[0] == "Summary" and block[1].startswith("This") for block in _blocks(path) if len(block) > 1)
    doc = read_document(tmp_path, path)
    assert doc.text.split("\n\n")[:2] == [TITLE, f"Summary {INTRO}"]
    assert "Summary" not in [h[2] for h in doc.layout.headings]


def test_a_heading_asked_as_a_question_is_a_section(tmp_path: Path) -> None:
    """ "What changed?" set as a heading is one, as a large line ending in a full stop is not; the same question in
    the body size stays text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [
        Paragraph(TITLE, styles["Title"]),
        Paragraph(INTRO, styles["Normal"]),
        Paragraph("What changed?", styles["Heading1"]),
        Paragraph(OPERATIONS, styles["Normal"]),
        Paragraph("Who pays for the new treatment plant?", styles["Heading2"]),
        Paragraph(FINANCES, styles["Normal"]),
        Paragraph("Why does it matter?", styles["Normal"]),
        Paragraph("Water is cheaper to save than to treat.", styles["Normal"]),
    ]
    path = tmp_path / "questions.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    doc = read_document(tmp_path, path)
    assert [h[2] for h in doc.layout.headings] == [TITLE, "What changed?", "Who pays for the new treatment plant?"]
    for sentence, section in [(OPERATIONS, "What changed?"), (FINANCES, "Who pays for the new treatment plant?")]:
        assert doc.layout.place(doc.text.index(sentence)).section == section
    cited = [s.text for s in split_sentences(doc.text) if doc.layout.citable(s.start, s.end)]
    assert "What changed?" not in cited and "Why does it matter?" in " ".join(cited)
