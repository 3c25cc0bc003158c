"""What keeps a column break from joining what is no sentence cut in two: a left column ending on a short line, a
column of no sentences (an index), a title above three columns that is no top of the middle one, and a page
without two blocks of text, which keeps pdfminer's order without being searched for columns. The PDFs are made
with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from tests.ingest.test_pdf_columns import HARBOUR, SUMMARY, _Block, _paragraph

NOTICE = "Volunteers meet at the mill on Saturdays. Bring boots"
RENEWALS = "membership renewals are due in April, and the form to fill in is on the back page of this newsletter."


def test_a_left_column_ending_on_a_short_line_does_not_run_on_into_the_right_one(tmp_path: Path) -> None:
    """The left column ends on a short line without a full stop (a notice), the right column opens in a small
    letter: the short line had room for the next word, so it ended its paragraph and the two are not joined."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    _paragraph(c, NOTICE, 72, _paragraph(c, HARBOUR, 72, 700, 228) - 8, 228)
    _paragraph(c, RENEWALS + " " + SUMMARY, 312, 700, 228)
    c.save()
    text = read_document(tmp_path, path).text
    assert NOTICE in text.split("\n\n")
    assert f"{NOTICE} {RENEWALS}" not in text


ENTRIES = [
    "anchorage, outer harbour",
    "ballast, rules for",
    "berths, allocation of",
    "buoys, mooring",
    "cargo, dangerous",
    "charts, admiralty",
    "dredging, inner basin",
    "dues, harbour",
    "ferry, south quay",
    "fish market, hours",
    "harbour master, powers of",
    "herring season",
    "ice plant",
    "lighting, slipway",
    "moorings, winter",
    "north pier, repairs",
    "pilotage, compulsory",
    "quays, use of",
    "sea wall, survey",
    "slipway, winch",
]


def test_two_columns_of_an_index_are_not_run_on_into_one_another(tmp_path: Path) -> None:
    """An index in two columns, its dot leaders filling each line to its page number: the left column's last line
    is full and ends in no full stop, the right column opens in a small letter, but no sentence ends in them, so
    they are no paragraph cut in two and are not joined."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "index.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Helvetica", 10)
    for n, entry in enumerate(ENTRIES):
        x, y = (72, 700 - 12 * n) if n < 10 else (312, 700 - 12 * (n - 10))
        number = f" {3 + 2 * n}"
        room = 228 - c.stringWidth(entry + number, "Helvetica", 10)
        c.drawRightString(x + 228, y, entry + " ." * int(room / c.stringWidth(" .", "Helvetica", 10)) + number)
    c.save()
    text = read_document(tmp_path, path).text
    last, first = ENTRIES[9], ENTRIES[10]
    assert text.index(last) < text.index(first)
    assert "\n\n" in text[text.index(last) : text.index(first)]


def test_a_title_and_an_issue_number_above_three_columns_come_first(tmp_path: Path) -> None:
    """A short title centred over the middle column and an issue number over the right one, both right of the
    first gutter: no run of columns starts with them (its left column is not in it), so they come before the
    columns and not between the first and the second."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, _ = A4
    column = (width - 2 * 56 - 2 * 14) / 3
    path = tmp_path / "masthead.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 20)
    c.drawCentredString(width / 2, 780, "Bulletin")
    c.setFont("Helvetica", 9)
    c.drawRightString(width - 56, 782, "No. 12")
    for k, text in enumerate([HARBOUR, SUMMARY, HARBOUR.upper()]):
        _paragraph(c, text, 56 + k * (column + 14), 750, column)
    c.save()
    text = read_document(tmp_path, path).text
    assert text.index("Bulletin") < text.index("The harbour board") < text.index("Nadia Farrow")
    assert text.index("No. 12") < text.index("The harbour board")


def test_a_page_without_two_blocks_of_text_is_not_searched_for_columns(monkeypatch) -> None:  # noqa: ANN001
    """A page of short table cells and one paragraph has no two blocks of text to stand side by side: it keeps
    pdfminer's order at once, without cutting it into bands (a page of 800 cells took 0.8 s to search)."""
    from askdocs.ingest import pdf_order

    monkeypatch.setattr(pdf_order._Page, "order", lambda self, items: (_ for _ in ()).throw(AssertionError))
    blocks = [_Block(72, 692, 538, 750, 5)]
    blocks += [_Block(40 + k * 45, 650 - r * 9, 51 + k * 45, 656 - r * 9, 1) for r in range(20) for k in range(12)]
    assert pdf_order.reading_order(blocks, 612) == blocks


def test_a_page_without_columns_keeps_pdfminers_order() -> None:
    """Two blocks of text across the page and a short line beside them, in no columns: pdfminer's order stands as
    it came (it may put a block lower on the page first, as a text box it grouped), not re-sorted top first."""
    from askdocs.ingest import pdf_order

    blocks = [_Block(72, 300, 538, 400, 6), _Block(72, 600, 538, 700, 6), _Block(560, 650, 590, 660, 1)]
    assert pdf_order.reading_order(blocks, 612) == blocks
