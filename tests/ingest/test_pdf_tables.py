"""Tables in a PDF read as rows: a grid of cells (rows whose cells' tops line up, columns whose edges line up) reads
one line a row, its cells after their columns' names under a header row, as a Word or CSV table's rows do; two
columns of prose whose headings and paragraphs start level are no table and read column by column. The PDFs are
made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from tests.ingest.test_pdf_columns import _paragraph

ACCOUNTS = [
    ("Item", "2024", "2025"),
    ("Ticket income", "£310,000", "£355,400"),
    ("Grants", "£120,000", "£98,000"),
    ("Dredging", "£75,000", "£142,300"),
]
HOURS = [("Monday", "9:00", "17:00"), ("Tuesday", "10:00", "16:00"), ("Saturday", "8:30", "12:30")]


def _ruled_table(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A paragraph, then `rows` as a ruled table of short cells (reportlab's grid), then a paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    top = _paragraph(c, "Income and spending for the year are shown in the table below.", 72, 760, 450) - 14
    table = Table(rows, colWidths=[110, 80, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    _, height = table.wrapOn(c, 450, 600)
    table.drawOn(c, 150, top - height)
    _paragraph(c, "The auditors signed the accounts in February without qualification.", 72, top - height - 20, 450)
    c.save()
    return path


def test_a_ruled_table_reads_a_row_to_a_line_under_its_header(tmp_path: Path) -> None:
    """Each row of a ruled table is one paragraph naming its cells after the header row's names, between the text
    above and below the table; the header row is kept but never cited, the rows are."""
    document = read_document(tmp_path, _ruled_table(tmp_path / "accounts.pdf", ACCOUNTS))
    text = document.text
    paragraphs = text.split("\n\n")
    assert "Item | 2024 | 2025" in paragraphs
    assert "Item: Grants | 2024: £120,000 | 2025: £98,000" in paragraphs
    assert "Item: Dredging | 2024: £75,000 | 2025: £142,300" in paragraphs
    assert "£98,000" not in paragraphs and "Grants" not in paragraphs
    assert text.index("Income and spending") < text.index("Item | 2024") < text.index("The auditors")
    header = text.index("Item | 2024")
    assert not document.layout.citable(header, header + len("Item | 2024 | 2025"))
    row = text.index("Item: Grants")
    assert document.layout.citable(row, row + len("Item: Grants | 2024: £120,000 | 2025: £98,000"))


def test_an_aligned_table_without_rules_reads_a_row_to_a_line(tmp_path: Path) -> None:
    """Cells set in a grid without rules, their lefts lined up in columns and each row's tops level: a row each,
    no row's cell alone (a question about Tuesday finds its hours), the first row citable as the others (it does
    not read as names)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "hours.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _paragraph(c, "The reading room keeps these hours through the winter.", 72, 760, 450)
    c.setFont("Helvetica", 10)
    for n, row in enumerate(HOURS):
        for k, cell in enumerate(row):
            c.drawString(90 + 120 * k, 700 - 20 * n, cell)
    c.save()
    document = read_document(tmp_path, path)
    paragraphs = document.text.split("\n\n")
    for day, opens, closes in HOURS:
        assert f"{day} | {opens} | {closes}" in paragraphs
    assert "Tuesday" not in paragraphs and "10:00" not in paragraphs
    first = document.text.index("Monday")
    assert document.layout.citable(first, first + len("Monday | 9:00 | 17:00"))


def test_a_tightly_set_table_whose_columns_pdfminer_reads_as_blocks_reads_a_row_to_a_line(tmp_path: Path) -> None:
    """Rows set a line apart, which pdfminer reads as one block a column ("Day Monday Tuesday"), a column of times
    beside the days: each line of those blocks is a cell, and each row reads under the header row's names."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _paragraph(c, "The reading room keeps these hours through the winter.", 72, 760, 450)
    c.setFont("Helvetica", 10)
    for n, row in enumerate([("Day", "Opens", "Closes"), *HOURS]):
        for k, cell in enumerate(row):
            c.drawString(90 + 120 * k, 700 - 12 * n, cell)
    c.save()
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert "Day | Opens | Closes" in paragraphs
    for day, opens, closes in HOURS:
        assert f"Day: {day} | Opens: {opens} | Closes: {closes}" in paragraphs


NEWS = {
    "Pumpkin Contest": "The annual pumpkin contest was won by Dorothy Finch, whose pumpkin weighed 61 kilograms.",
    "Compost Scheme": "The new compost bays behind the shed are for green waste only, the committee says.",
    "Water Supply": "The water troughs will be switched off on 30 October for the winter months.",
    "Bee Corner": "Our beekeeper, Rashid Malik, harvested 23 jars of honey from the two hives this summer.",
}
MORE = " Members are reminded to keep the paths between plots clear of tools and hoses at all times."


def test_two_columns_whose_headings_and_paragraphs_start_level_read_column_by_column(tmp_path: Path) -> None:
    """Two columns of prose, each of two sections, their headings level across the gutter and their paragraphs
    starting level too: no table's rows, so the left column reads whole, each heading before its paragraph,
    before the right one, and no paragraph is joined to the one beside it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "newsletter.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(160, 780, "Allotments Newsletter")
    left, right = list(NEWS)[0::2], list(NEWS)[1::2]
    top = 740.0
    for heading_left, heading_right in zip(left, right, strict=True):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(46, top, heading_left)
        c.drawString(314, top, heading_right)
        foot = min(
            _paragraph(c, NEWS[heading_left] + MORE * 2, 46, top - 10, 235),
            _paragraph(c, NEWS[heading_right] + MORE * 2, 314, top - 10, 235),
        )
        top = foot - 30
    c.save()
    text = read_document(tmp_path, path).text
    order = [part for heading in left + right for part in (heading, NEWS[heading][:30])]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert " | " not in text


def test_a_forms_labels_ending_in_a_colon_read_each_before_its_value(tmp_path: Path) -> None:
    """A form's labels ending in a colon, each beside its value (pdfminer reads the labels as one column, then the
    values): each label reads before its value on one line, as typed "Applicant: Margaret Thornbury", no table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    fields = [("Applicant:", "Margaret Thornbury"), ("Vessel:", "Sea Swallow"), ("Berth:", "North pier 14")]
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _paragraph(c, "Application for a berth in the harbour for the coming season.", 72, 760, 450)
    c.setFont("Helvetica", 10)
    for n, (label, value) in enumerate(fields):
        c.drawString(90, 700 - 20 * n, label)
        c.drawString(250, 700 - 20 * n, value)
    c.save()
    text = read_document(tmp_path, path).text
    assert " | " not in text
    paragraphs = text.split("\n\n")
    for label, value in fields:
        assert f"{label} {value}" in paragraphs


def test_two_columns_of_short_paragraphs_level_by_chance_are_no_table(tmp_path: Path) -> None:
    """Two columns, each a heading over short paragraphs, headings and paragraphs level across the gutter: their
    headings are set larger than the text and the paragraphs end sentences, so no table's rows are made of them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "notices.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    columns = [
        ("Car Park", ["The car park closes at six.", "Parking is free on Sundays."]),
        ("Library", ["The library opens at nine.", "Children's books are on the ground floor."]),
    ]
    for k, (heading, lines) in enumerate(columns):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(46 + 268 * k, 760, heading)
        c.setFont("Helvetica", 10)
        for n, line in enumerate(lines):
            c.drawString(46 + 268 * k, 736 - 18 * n, line)
    c.setFont("Helvetica", 10)
    c.drawString(46, 600, "Notices are posted by the parish council and renewed at the start of each month.")
    c.save()
    text = read_document(tmp_path, path).text
    assert " | " not in text and ": The" not in text


FAQ = [
    ("Can I moor my boat overnight at the visitor pontoon?", "Yes. Visitors may moor for three nights. Pay first."),
    ("Where do I leave my car while I am out at sea?", "Use the long stay car park. The quay is for short stays."),
    ("Is there fresh water on the pontoons?", "Water is free at every berth. Power cards are sold at the office."),
]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_table_of_questions_beside_their_answers_reads_each_question_before_its_answer(
    tmp_path: Path, ruled: bool
) -> None:
    """A table of questions beside answers of full sentences, with rules or without: each question reads before
    its answer and the answer before the next question (not all the questions, then all the answers); between
    rules each row is one line."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    path = tmp_path / "faq.pdf"
    table = Table([["Question", "Answer"]] + [[Paragraph(q, body), Paragraph(a, body)] for q, a in FAQ], [200, 250])
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")] + ([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else [])
    table.setStyle(TableStyle(style))
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build([Paragraph("Visitor questions", body), table])
    text = read_document(tmp_path, path).text
    order = [part[:25] for row in FAQ for part in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    if ruled:
        for question, answer in FAQ:
            assert f"Question: {question} | Answer: {answer}" in text.split("\n\n")
