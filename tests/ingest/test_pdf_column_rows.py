"""Rows or columns: bands across a gutter whose items' tops are level are the rows of a table or a form, read row
by row; two columns whose paragraph gaps merely line up are still read column by column, and headings level atop
both columns go on with them. The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from tests.ingest.test_pdf_columns import ENVIRONMENT, HARBOUR, MILL, PIER, STAFF, SUMMARY, _paragraph

CAPTION = "<i>Figure 1. The inner basin at low water.</i>"


def test_two_columns_whose_paragraph_gaps_line_up_read_column_by_column(tmp_path: Path) -> None:
    """A caption in the left column moves its next paragraph down a little: the gaps between the paragraphs of
    the two columns line up, but the tops of the paragraphs below them are not level, so they are no table's rows:
    the left column reads whole before the right one."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "captioned.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    left = _paragraph(c, HARBOUR, 72, 700, 228) - 14
    left = _paragraph(c, CAPTION, 72, left, 228) - 8
    _paragraph(c, PIER, 72, left, 228)
    right = _paragraph(c, SUMMARY, 312, 700, 228) - 14
    _paragraph(c, ENVIRONMENT, 312, right, 228)
    c.save()
    text = read_document(tmp_path, path).text
    order = ["The harbour board", "Figure 1.", "The engineer reported", "Nadia Farrow", "Water quality"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_table_of_three_columns_of_wrapped_cells_reads_row_by_row(tmp_path: Path) -> None:
    """Three wrapped cells a row, their tops level: the table reads row by row, not down its first column and then
    row by row through the other two."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [
        (
            "Spring tide, the tide at new and full moon",
            "the range is at its greatest and the harbour floods",
            "twice a month, most at the equinoxes",
        ),
        (
            "Neap tide, the tide at the quarter moons",
            "when the range is least and the inner basin may dry",
            "for an hour or two either side of low water",
        ),
        (
            "Warp, a heavy rope used to move a vessel",
            "along the quay when her engine cannot be used",
            "or when the harbour master forbids it",
        ),
    ]
    body = getSampleStyleSheet()["BodyText"]
    path = tmp_path / "glossary.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    table = Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=[150, 150, 150])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _, height = table.wrapOn(c, 468, 600)
    table.drawOn(c, 72, 700 - height)
    c.save()
    text = read_document(tmp_path, path).text
    order = [cell[:16] for row in rows for cell in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_level_headings_atop_two_columns_do_not_end_them(tmp_path: Path) -> None:
    """Two columns each go on under a one-line heading, the two headings level across the gutter: no table's row,
    so the left column still reads whole, its heading in its place, before the right one."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "headed.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    left = _paragraph(c, HARBOUR, 72, 700, 228) - 8
    left = _paragraph(c, PIER, 72, left, 228) - 14
    right = _paragraph(c, MILL, 312, 700, 228) - 14
    top = min(left, right)
    _paragraph(c, "<b>Dredging</b>", 72, top, 228)
    _paragraph(c, "<b>Footbridge</b>", 312, top, 228)
    left = _paragraph(c, SUMMARY, 72, top - 20, 228) - 8
    _paragraph(c, STAFF, 72, left, 228)
    _paragraph(c, ENVIRONMENT, 312, top - 20, 228)
    c.save()
    text = read_document(tmp_path, path).text
    order = ["The harbour board", "The engineer", "Dredging", "Nadia Farrow", "The trust employs", "The mill race"]
    order += ["Footbridge", "Water quality"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_long_table_of_wrapped_cells_looks_for_its_gutter_once_a_run(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A page of 36 rows of two wrapped cells each, every row a band across the gutter: each run of bands looked
    for (from each row down) finds its gutter once, not once for every band it might end at (400 rows took
    seconds), and the rows still read in order."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    from askdocs.ingest import pdf_order

    body = getSampleStyleSheet()["BodyText"]
    body.fontSize, body.leading = 5, 6
    rows = [
        (
            f"Term {n} of the harbour glossary, the tide at new and full moon when the range is greatest",
            f"Meaning {n}: the range is at its greatest and the harbour floods twice a month",
        )
        for n in range(36)
    ]
    path = tmp_path / "terms.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    table = Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=[150, 150])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    _, height = table.wrapOn(c, 468, 760)
    table.drawOn(c, 72, 770 - height)
    c.save()
    calls = []
    split = pdf_order._Page.split
    monkeypatch.setattr(pdf_order._Page, "split", lambda self, items: calls.append(1) or split(self, items))
    text = read_document(tmp_path, path).text
    order = [cell for row in rows for cell in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert len(calls) < 4 * len(rows)
