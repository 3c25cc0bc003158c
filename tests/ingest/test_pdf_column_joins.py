"""A sentence goes on across a column break only where the next column surely holds its rest: not from a table's
cell into the cell beside it, not past a pull quote or a figure across the gutter with the left column going on
below it, not from a short line or into a column of no sentences. Tables whose cells are centred in their rows or
set at their foot read row by row between their rules. The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from askdocs.ingest.documents import read_document

RISKS = [
    (
        "Storm surge overtops the north pier wall during the spring tides and floods the fish market stalls",
        "close the flood gates two hours before high water whenever a surge warning is issued.",
    ),
    (
        "Silt builds up in the inner basin so that the boats ground at low water and damage their hulls",
        "dredge the basin every second year and survey the depth each spring before the season.",
    ),
    (
        "The slipway winch fails while a boat is half way up the ramp and the winch cable snaps at last",
        "inspect the winch cable each month and replace it every three years whether worn or not.",
    ),
]


def _table(path: Path, rows: list[tuple[str, ...]], widths: list[float], valign: str | None) -> Path:
    """`rows` as a table with a header row of the first row's width, wrapped cells, a grid and `valign`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    header = [f"Column {k + 1}" for k in range(len(widths))]
    table = Table([header] + [[Paragraph(cell, body) for cell in row] for row in rows], colWidths=widths)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    table.setStyle(TableStyle(style + ([("VALIGN", (0, 0), (-1, -1), valign)] if valign else [])))
    _, height = table.wrapOn(c, 468, 600)
    table.drawOn(c, 72, 700 - height)
    c.save()
    return path


def test_a_table_cell_is_not_run_on_into_the_cell_beside_it(tmp_path: Path) -> None:
    """A risk, its cell ending without a full stop, beside its mitigation, starting in a small letter: the table
    reads row by row, each row one paragraph whose cells stay apart after their columns' names, not one sentence."""
    text = read_document(tmp_path, _table(tmp_path / "risks.pdf", RISKS, [230, 230], "TOP")).text
    paragraphs = text.split("\n\n")
    for risk, mitigation in RISKS:
        assert f"Column 1: {risk} | Column 2: {mitigation}" in paragraphs
    order = [cell[:20] for row in RISKS for cell in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


BRANCHES = [
    (
        "Kings Street",
        "Monday to Friday, nine until five, and Saturday mornings",
        "Closing at the end of the year when the lease runs out and the building is sold.",
    ),
    ("Market Hall", "Every day from eight until eight", "Opens next year once the roof has been mended."),
    (
        "Mobile van",
        "Tuesdays in the villages north of the river, Thursdays south of it",
        "Carries about two thousand books and a computer with internet access.",
    ),
]


@pytest.mark.parametrize("valign", ["MIDDLE", None])
def test_a_ruled_table_of_cells_centred_or_at_their_foot_reads_row_by_row(tmp_path: Path, valign: str) -> None:
    """A ruled table whose wrapped cells are centred in their rows, or set at their foot (reportlab's default):
    the tops of a row's cells are not level, their centres or bottoms are, so the table reads row by row."""
    text = read_document(tmp_path, _table(tmp_path / "branches.pdf", BRANCHES, [120, 160, 188], valign)).text
    order = [cell[:12] for row in BRANCHES for cell in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


NEWS = [
    "The council voted on Monday to close the old library on Kings Street at the end of the year.",
    "Readers who use the branch each week said they would lose a quiet place to study and work.",
    "A new library will open in the market hall, with longer hours and a larger room for children.",
    "The cost of the move will be met from the sale of the old building to a housing trust.",
    "Staff will move to the new branch and no jobs will be lost, the head of libraries said.",
    "A petition signed by two thousand people asked the council to keep both branches open.",
    "The market hall needs a new roof before the library can open, which may delay the move.",
    "Councillors said they would review the plans again in the spring if the roof costs rise.",
]


def _around(path: Path, figure: bool, titled: bool) -> Path:
    """A title, then two columns, each above and below a box across the gutter mid-page (a pull quote, or a figure
    across the page with its caption): the text goes down the left column above the box, on below it, then up to
    the right column above the box and on below it, so a sentence the foot of the left column's top cuts goes on
    below the box, not at the top of the right column (and the foot of the left column's bottom goes on at the top
    of the right column, above the box). Untitled, the text is set in reportlab's BodyText, spaced."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    width, height = letter
    low, high = (height / 2 - 80, height / 2 + 60) if figure else (height / 2 - 50, height / 2 + 30)
    gap = 20 if figure else 6
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [
        Frame(x, y0, 228, y1 - y0, **pad) for x in (72, 312) for y0, y1 in ((high + 6, height - 112), (72, low - gap))
    ]
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=10, leading=12) if titled else styles["BodyText"]

    def box(c: Any, _: object) -> None:
        if titled:
            c.setFont("Helvetica-Bold", 18)
            c.drawString(72, height - 60, "Library to Move to Market Hall")
        if figure:
            c.setFillColor(colors.lightgrey)
            c.rect(72, low, 468, high - low, fill=1)
            c.setFillColor(colors.black)
            caption = ParagraphStyle("caption", parent=body, fontSize=8, leading=9.5, alignment=TA_CENTER)
            _set(c, "The market hall, which will house the new library from next year.", 72, low - 4, 468, caption)
        else:
            c.rect(200, low, 212, high - low)
            quote = ParagraphStyle("quote", parent=body, fontSize=14, leading=17, alignment=TA_CENTER)
            _set(c, "\u201cWe will lose a quiet place to study,\u201d one reader said.", 210, high - 10, 192, quote)

    doc = BaseDocTemplate(str(path), pagesize=letter, invariant=1)
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=box)])
    doc.build([Paragraph(" ".join(NEWS[(i + k) % 8] for k in range(4)), body) for i in range(8)])
    return path


def _set(c: Any, text: str, x: float, top: float, width: float, style: Any) -> None:
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(text, style)
    _, height = paragraph.wrapOn(c, width, 2000)
    paragraph.drawOn(c, x, top - height)


@pytest.mark.parametrize(("figure", "titled"), [(False, True), (True, True), (True, False)])
def test_no_sentence_runs_on_past_a_box_across_the_gutter(tmp_path: Path, figure: bool, titled: bool) -> None:
    """Past a pull quote or a figure across the gutter, the left column going on below it, which block holds the
    rest of a sentence cut at the foot of the left column's top is not known: it is left cut, never run on into
    the top of the right column; nor is one cut at the foot of the left column's bottom run on into the right
    column's bottom (a sentence made of two is worse than one cut in two)."""
    from askdocs.text.sentences import split_sentences

    text = read_document(tmp_path, _around(tmp_path / "around.pdf", figure, titled)).text
    for sentence in (s.text for s in split_sentences(text)):
        if sentence.startswith(("Library to Move", "\u201cWe will lose", "The market hall, which will house")):
            continue
        assert any(sentence in whole or whole.startswith(sentence) or whole.endswith(sentence) for whole in NEWS)


def test_a_ruled_table_whose_cells_are_sentences_reads_row_by_row(tmp_path: Path) -> None:
    """Each risk and its remedy a full sentence, in a ruled table: a band with a paragraph of prose each side of
    the gutter is no sign of two columns between a table's rules, so each row reads as one line, in order."""
    rows = [(risk + ".", remedy) for risk, remedy in RISKS]
    text = read_document(tmp_path, _table(tmp_path / "risks.pdf", rows, [230, 230], "TOP")).text
    paragraphs = text.split("\n\n")
    for risk, remedy in rows:
        assert f"Column 1: {risk} | Column 2: {remedy}" in paragraphs
    order = [cell[:20] for row in rows for cell in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_two_columns_of_short_paragraphs_without_headings_read_column_by_column(tmp_path: Path) -> None:
    """Two columns of two-line paragraphs starting level, no headings and no rules: columns, not a table's rows,
    so the left column reads whole before the right one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    left = [
        ("The council met on Monday to discuss", "the harbour wall and agreed to repair it."),
        ("Funding comes from the county and", "the lottery, with a local share."),
    ]
    right = [
        ("Residents asked about parking near", "the quay during the works."),
        ("A temporary car park opens at the", "football ground from April."),
    ]
    path = tmp_path / "notes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        for i in range(2):
            c.drawString(60, 760 - 40 * n - 12 * i, a[i])
            c.drawString(310, 760 - 40 * n - 12 * i, b[i])
    c.save()
    text = read_document(tmp_path, path).text
    order = [lines[0] for lines in left + right]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_risk_register_without_rules_reads_row_by_row(tmp_path: Path) -> None:
    """A table without rules under a header row, each risk and its remedy a paragraph of sentences beside a word
    of likelihood: row after row goes on being read row by row, each risk before its remedy and the next risk."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    rows = [(risk + ".", "Medium", remedy) for risk, remedy in RISKS * 2]
    cells = [["Risk", "Likelihood", "Mitigation"]] + [[Paragraph(c, body) for c in row] for row in rows]
    table = Table(cells, colWidths=[180, 70, 200])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "register.pdf"
    SimpleDocTemplate(str(path), pagesize=letter, invariant=1).build([Paragraph("Risk register", body), table])
    text = read_document(tmp_path, path).text
    starts = [text.index(risk[:30]) for risk, _ in RISKS] + [text.index(remedy[:30]) for _, remedy in RISKS]
    assert starts[0] < starts[3] < starts[1] < starts[4] < starts[2] < starts[5]
