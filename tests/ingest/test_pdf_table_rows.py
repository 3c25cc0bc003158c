"""A PDF table's first row names its columns only when it is set apart from the rows below (bold, larger, a rule
under it alone) or by type (names over values): two lists of names or of bulleted items side by side are no table
under a header. The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document

LEFT = ["Anna Hocking", "Ben Rowe", "Carol Tonkin", "David Pascoe"]
RIGHT = ["Fred Nance", "Gwen Bolitho", "Harry Jenkin", "Ivy Curnow"]


def _two_lists(path: Path, left: list[str], right: list[str], head: tuple[str, str] | None = None) -> Path:
    """A heading, then `left` and `right` side by side a line each (under `head` in bold), then a sentence."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, 780, "Our volunteers")
    top = 750
    if head:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(60, top, head[0])
        c.drawString(310, top, head[1])
        top -= 20
    c.setFont("Helvetica", 10)
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(60, top - 20 * n, a)
        c.drawString(310, top - 20 * n, b)
    c.drawString(60, top - 20 * len(left) - 30, "Thank you all for your help this year.")
    c.save()
    return path


def test_two_columns_of_names_make_no_header_of_their_first_names(tmp_path: Path) -> None:
    """Two columns of names in one font: the first two names are no columns' names ("Anna Hocking: Ben Rowe")."""
    text = read_document(tmp_path, _two_lists(tmp_path / "names.pdf", LEFT, RIGHT)).text
    assert "Anna Hocking:" not in text and "Fred Nance:" not in text
    for name in LEFT + RIGHT:
        assert name in text


def test_bulleted_lists_side_by_side_are_no_table(tmp_path: Path) -> None:
    """Two bulleted lists side by side: no bulleted item names a column, and the items are not joined as cells."""
    left = ["\u2022 Waterproof jacket", "\u2022 Walking boots", "\u2022 Packed lunch"]
    right = ["\u2022 Spare socks", "\u2022 A warm hat", "\u2022 Drinks bottle"]
    text = read_document(tmp_path, _two_lists(tmp_path / "lists.pdf", left, right)).text
    assert "jacket:" not in text and " | " not in text
    for item in left + right:
        assert item[2:] in text


def test_a_bold_row_over_names_names_the_columns(tmp_path: Path) -> None:
    """A bold first row over two columns of names in the body font is a header: each name after its column's."""
    path = _two_lists(tmp_path / "roles.pdf", LEFT, RIGHT, ("Walk leaders", "Drivers"))
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert "Walk leaders: Anna Hocking | Drivers: Fred Nance" in paragraphs


INCOME = [("Income", "2024"), ("Moorings", "£41,200"), ("Car park", "£18,950"), ("Fish market", "£22,300")]
SPENDING = [("Spending", "2024"), ("Dredging", "£30,100"), ("Staff", "£52,000"), ("Insurance", "£9,870")]


def test_two_ruled_tables_side_by_side_read_as_two_tables(tmp_path: Path) -> None:
    """Two ruled tables set side by side, their rows level: each table's rows read alone, no row joining a row of
    the one with a row of the other ("Car park | £18,950 | Staff | £52,000")."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    def grid(rows: list[tuple[str, str]]) -> Table:
        table = Table(rows)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        return table

    path = tmp_path / "accounts.pdf"
    body = getSampleStyleSheet()["BodyText"]
    outer = Table([[grid(INCOME), grid(SPENDING)]], colWidths=[220, 220])
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build([Paragraph("Income and spending.", body), outer])
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert not any("Staff" in line and "£18,950" in line for line in paragraphs)
    assert "Income: Car park | 2024: £18,950" in paragraphs
    assert "Spending: Staff | 2024: £52,000" in paragraphs


def test_two_tables_without_rules_far_apart_read_as_two_tables(tmp_path: Path) -> None:
    """Two tables without rules side by side, the gap between them far wider than between their own columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "accounts.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for n, (left, right) in enumerate(zip(INCOME, SPENDING, strict=True)):
        for k, cell in enumerate(left + right):
            c.drawString(60 + 80 * k + 140 * (k >= 2), 700 - 20 * n, cell)
    c.save()
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert not any("Staff" in line and "£18,950" in line for line in paragraphs)
    assert "Income: Car park | 2024: £18,950" in paragraphs
    assert "Spending: Staff | 2024: £52,000" in paragraphs


def test_cells_pdfminer_runs_together_read_each_under_its_own_column(tmp_path: Path) -> None:
    """Two narrow cells set close, which pdfminer reads as one ("1240 m 310 m"): each part reads under its own
    column's name, not both under the first's ("Altitude: 1240 m 310 m")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rows = [
        ("Station", "Altitude", "Ice thickness"),
        ("North Ridge", "1240 m", "310 m"),
        ("Blue Lake", "980 m", "145 m"),
        ("Crow Gap", "1105 m", "222 m"),
    ]
    path = tmp_path / "glacier.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for n, row in enumerate(rows):
        for x, cell in zip([80, 145, 190], row, strict=True):
            c.drawString(x, 700 - 18 * n, cell)
    c.save()
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert "Station: North Ridge | Altitude: 1240 m | Ice thickness: 310 m" in paragraphs
    assert "Station: Blue Lake | Altitude: 980 m | Ice thickness: 145 m" in paragraphs


def _cells(path: Path, rows: list[tuple[str, ...]], xs: list[float]) -> Path:
    """`rows` drawn cell by cell at the lefts `xs`, a row each 18 points."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for n, row in enumerate(rows):
        for x, cell in zip(xs, row, strict=True):
            if cell:
                c.drawString(x, 700 - 18 * n, cell)
    c.save()
    return path


def test_two_forms_side_by_side_read_each_label_before_its_value(tmp_path: Path) -> None:
    """Two forms side by side, labels ending in a colon: each label reads before its own value."""
    rows = [("Name:", "Jane Smith", "Time:", "10:00"), ("Email:", "jane@example.org", "Place:", "Village hall")]
    paragraphs = read_document(tmp_path, _cells(tmp_path / "form.pdf", rows, [72, 180, 320, 400])).text.split("\n\n")
    assert "Name: Jane Smith | Time: 10:00" in paragraphs
    assert "Email: jane@example.org | Place: Village hall" in paragraphs


def test_an_invoices_totals_read_each_label_before_its_amount(tmp_path: Path) -> None:
    """An invoice's totals, each label in the column of unit prices under empty cells beside its amount: the label
    names its amount ("Subtotal: £1,754.50"), not the column it stands in ("Unit price: Subtotal")."""
    rows = [
        ("Description", "Qty", "Unit price", "Amount"),
        ("Quay floodlights", "6", "£145.00", "£870.00"),
        ("Labour (hours)", "14", "£48.00", "£672.00"),
        ("Cable and fittings", "1", "£212.50", "£212.50"),
        ("", "", "Subtotal", "£1,754.50"),
        ("", "", "Total", "£2,105.40"),
    ]
    path = _cells(tmp_path / "invoice.pdf", rows, [72, 300, 360, 450])
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    assert "Description: Labour (hours) | Qty: 14 | Unit price: £48.00 | Amount: £672.00" in paragraphs
    assert "Subtotal: £1,754.50" in paragraphs and "Total: £2,105.40" in paragraphs


def test_a_column_of_bullets_is_joined_to_its_items(tmp_path: Path) -> None:
    """A list whose bullets stand in a column of their own left of the items: each bullet reads with its item."""
    rows = [("-", "Open files inherited by the shell"), ("-", "The current working directory"), ("-", "Traps")]
    text = read_document(tmp_path, _cells(tmp_path / "list.pdf", rows, [72, 90])).text
    assert " | " not in text
    assert "Open files inherited by the shell" in text and "The current working directory" in text


def test_a_plain_row_of_names_over_a_column_of_sentences_names_the_columns(tmp_path: Path) -> None:
    """A first row in the body font over short option names and sentences: the names stand apart by type from the
    sentences below them, so each cell reads after its column's name."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    rows = [
        ("Repair", "The old wall stays and the work is done in one summer.", "The repair lasts ten years at most."),
        ("Rebuild", "A new wall lasts a century and takes the storms well.", "The harbour shuts for a whole year."),
    ]
    table = Table([["Option", "Advantages", "Drawbacks"]] + [[Paragraph(c, body) for c in r] for r in rows])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "options.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build([Paragraph("Options", body), table])
    paragraphs = read_document(tmp_path, path).text.split("\n\n")
    option, good, bad = rows[1]
    assert f"Option: {option} | Advantages: {good} | Drawbacks: {bad}" in paragraphs


def test_two_signature_blocks_side_by_side_are_no_keys_and_values(tmp_path: Path) -> None:
    """Two signature blocks side by side, a name under each side's caption: the names on the left are no keys of
    the names on the right ("Margaret Thornbury: John Penrose")."""
    rows = [
        ("Signed for the trust", "Signed by the tenant"),
        ("Margaret Thornbury", "John Penrose"),
        ("Harbour Master", "Fisherman"),
        ("Date: 1 April 2024", "Date: 1 April 2024"),
    ]
    text = read_document(tmp_path, _cells(tmp_path / "signed.pdf", rows, [72, 320])).text
    assert "Thornbury:" not in text and "trust:" not in text
    assert text.index("Margaret Thornbury") < text.index("John Penrose") < text.index("Harbour Master")
