"""A PDF set in two columns reads in order: a title and an introduction across the top of the page first, then the
left column top to bottom, then the right one; a sentence that a column break (or the page break after the right
column) cuts in two is whole again. Text that is no run of columns (a list of options beside their meanings) keeps
its order and its paragraphs. The PDFs are made with reportlab at test time, the columns as platypus frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences

SUMMARY = (
    "Nadia Farrow steps down as chair of the trust this spring after nine years in the post. "
    "She led the trust through the floods of the winter before last and the long repair of the weirs. "
    "The board has appointed Owen Pritchard, formerly chief engineer at Severn Reach Water, to succeed her."
)
ENVIRONMENT = (
    "Water quality at the lower weir improved for the third year running. Otters were seen near the mill in March. "
    "The trust will open a visitor centre at the old mill in the autumn, with a room for school visits and a small "
    "exhibition on the history of the river."
)
STAFF = "The trust employs eleven staff and two apprentices. Its volunteers gave four thousand hours."


def _report(path: Path) -> Path:
    """Two pages: a title block across page 1 above two columns, then two columns on page 2. The columns are short
    (100 pt) so that the summary's last sentence breaks after "formerly chief" into the right column, and the
    environment paragraph breaks after "visitor centre at the" onto page 2's left column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

    width, height = A4
    styles = getSampleStyleSheet()
    body, head = styles["BodyText"], styles["Heading2"]
    margin, gutter, column, depth, top = 56, 18, (width - 2 * 56 - 18) / 2, 100, height - 56
    first = PageTemplate(
        id="first",
        frames=[
            Frame(margin, top - 90, width - 2 * margin, 90, id="title"),
            Frame(margin, top - 90 - depth, column, depth, id="left"),
            Frame(margin + column + gutter, top - 90 - depth, column, depth, id="right"),
        ],
    )
    later = PageTemplate(
        id="later",
        frames=[
            Frame(margin, top - depth, column, depth, id="left2"),
            Frame(margin + column + gutter, top - depth, column, depth, id="right2"),
        ],
    )
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[first, later], invariant=1)
    doc.build(
        [
            Paragraph("Riverside Trust Annual Report", styles["Title"]),
            Paragraph("This report covers the trust's year from April to March and the changes to its board.", body),
            NextPageTemplate("later"),
            FrameBreak(),
            Paragraph("Summary", head),
            Paragraph(SUMMARY, body),
            Paragraph("Environment", head),
            Paragraph(ENVIRONMENT, body),
            Paragraph("Staff", head),
            Paragraph(STAFF, body),
        ]
    )
    return path


def test_a_title_block_then_each_column_top_to_bottom(tmp_path: Path) -> None:
    doc = read_document(tmp_path, _report(tmp_path / "report.pdf"))
    text = doc.text
    order = ["Riverside Trust Annual Report", "This report covers", "Summary", "Nadia Farrow", "Environment"]
    order += ["Water quality", "Staff", "The trust employs"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_sentence_cut_by_the_column_break_or_the_page_break_is_whole(tmp_path: Path) -> None:
    doc = read_document(tmp_path, _report(tmp_path / "report.pdf"))
    sentences = [s.text for s in split_sentences(doc.text)]
    for paragraph in (SUMMARY, ENVIRONMENT, STAFF):
        for sentence in split_sentences(paragraph):
            assert sentence.text in sentences
    appointed = doc.text.index("The board has appointed")
    assert doc.layout.page(appointed) == doc.layout.page(doc.text.index("engineer at Severn")) == 1
    assert doc.layout.page(doc.text.index("old mill in the autumn")) == 2
    assert doc.layout.page(doc.text.index("The trust employs")) == 2


def test_options_beside_their_meanings_keep_their_order_and_paragraphs(tmp_path: Path) -> None:
    """A list of options with their meanings in a column beside them (as a manual prints them) is no run of text
    columns: the options, which end in no full stop, are not run on into the meanings."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "options.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 12)
    c.drawString(72, 780, "The tool reads a file and checks it against the rules it is given.")
    options = [("-c, --check-syntax-only", "checks the syntax only"), ("-o, --output=FILE", "output file")]
    options += [("-h, --help", "display this help and exit"), ("-v, --version", "print the version and exit")]
    for n, (option, meaning) in enumerate(options):
        c.drawString(72, 750 - n * 14.4, option)
        c.drawString(300, 750 - n * 14.4, meaning)
    c.drawString(72, 680, "Report bugs to the address given in the manual.")
    c.showPage()
    c.save()
    text = read_document(tmp_path, path).text
    assert text.index("The tool reads") < text.index("-c, --check-syntax-only") < text.index("Report bugs")
    assert "--version checks" not in text and "--version display" not in text


def test_three_columns_under_a_centred_title_read_left_to_right(tmp_path: Path) -> None:
    """The title is centred over three columns, inside the middle one's width: it still comes first, and the
    paragraphs the column breaks cut in two are whole."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    width, height = A4
    styles = getSampleStyleSheet()
    margin, gutter, depth, top = 56, 14, 120, height - 56
    column = (width - 2 * margin - 2 * gutter) / 3
    frames = [Frame(margin, top - 60, width - 2 * margin, 60)]
    frames += [Frame(margin + k * (column + gutter), top - 60 - depth, column, depth) for k in range(3)]
    path = tmp_path / "bulletin.pdf"
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)], invariant=1)
    weeks = [
        f"In week {n} the river was high at the weir and the mill was shut for repairs to its wheel."
        for n in range(1, 13)
    ]
    doc.build(
        [Paragraph("Valley Bulletin", styles["Title"]), FrameBreak()]
        + [Paragraph(w, styles["BodyText"]) for w in weeks]
    )
    text = read_document(tmp_path, path).text
    assert text.startswith("Valley Bulletin\n\n")
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[1:] == weeks


def _paragraph(canvas: object, text: str, x: float, top: float, width: float) -> float:
    """`text` set as a wrapped paragraph with its top at `top`; the y of its foot."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(text, getSampleStyleSheet()["BodyText"])
    _, height = paragraph.wrapOn(canvas, width, 2000)
    paragraph.drawOn(canvas, x, top - height)
    return top - height


def test_a_form_of_wrapped_labels_beside_wrapped_values_reads_row_by_row(tmp_path: Path) -> None:
    """Labels wrapped in a narrow column, each beside its value wrapped in a wider one, are rows: each label comes
    before its value and the next label after it, not all the labels and then all the values."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    labels = [
        "Full name of the applicant as shown on the vessel registration:",
        "Postal address for all correspondence about the mooring:",
        "Name, length and registration of the vessel to be moored:",
        "Period for which the mooring is requested this year:",
    ]
    values = [
        "Margaret Ellen Thornbury of Porthleven, retired schoolteacher",
        "14 Harbour Row, Porthleven, Helston, Cornwall TR13 9JA, United Kingdom",
        "Sea Swallow, 8.4 metres, registered at Falmouth as FH 214 in 2011",
        "The whole season from the first of April to the end of October",
    ]
    rows = list(zip(labels, values, strict=True))
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    top = 700.0
    for label, value in rows:
        top = min(_paragraph(c, f"<b>{label}</b>", 72, top, 170), _paragraph(c, value, 260, top, 250)) - 12
    c.save()
    text = read_document(tmp_path, path).text
    order = [part[:20] for row in rows for part in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_table_of_two_columns_of_wrapped_cells_reads_row_by_row(tmp_path: Path) -> None:
    """A table without a header whose two cells in each row wrap to two or more lines reads row by row."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [
        ("Spring tide, the tide at new and full moon when the range", "is at its greatest and the harbour floods"),
        ("Neap tide, the tide at the quarter moons when the range is", "at its least and the inner basin may dry out"),
        ("Warp, a heavy rope used to move or moor a vessel along", "the quay when her engine cannot be used safely"),
    ]
    body = getSampleStyleSheet()["BodyText"]
    path = tmp_path / "glossary.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 740, "Glossary of harbour terms")
    table = Table([[Paragraph(a, body), Paragraph(b, body)] for a, b in rows], colWidths=[150, 150])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _, height = table.wrapOn(c, 468, 600)
    table.drawOn(c, 72, 700 - height)
    c.save()
    text = read_document(tmp_path, path).text
    order = [part[:16] for row in rows for part in row]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


HARBOUR = (
    "The harbour board met on Tuesday to discuss the dredging of the inner basin, which silted badly over the winter. "
    "Fishermen asked that the work be finished before the herring season opens in late spring."
)
PIER = (
    "The engineer reported that the old sea wall at the north pier is cracked along most of its length. "
    "Members agreed to seek three tenders for the repair and to report back at the next meeting."
)


def test_a_left_column_longer_than_the_right_keeps_its_last_line(tmp_path: Path) -> None:
    """The left column runs on below the right one; its last paragraph, one line, still comes before the right
    column, and a line across the page below both comes last."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "short.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(232, 720, "Annual Meeting")
    top = 690.0
    for text in (HARBOUR, PIER, HARBOUR):
        top = _paragraph(c, text, 72, top, 228) - 8
    _paragraph(c, "The meeting closed at nine.", 72, top, 228)
    _paragraph(c, ENVIRONMENT, 312, 690, 228)
    c.setFont("Helvetica", 10)
    c.drawString(72, 300, "Minutes taken by the secretary and approved by the chair on the first of April.")
    c.save()
    text = read_document(tmp_path, path).text
    order = ["Annual Meeting", "The meeting closed at nine.", "Water quality", "Minutes taken"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert text.index("The meeting closed") > text.rindex("The harbour board")


def _grid(canvas: object, top: float, rows: int, columns: int, step: float = 45) -> None:
    """A table of short cells ("r.c") across the page, one row every 9 points down from `top`."""
    canvas.setFont("Helvetica", 6)  # type: ignore[attr-defined]
    for r in range(rows):
        for k in range(columns):
            canvas.drawString(40 + k * step, top - r * 9, f"{r}.{k}x")  # type: ignore[attr-defined]


def test_a_table_under_two_columns_reads_row_by_row(tmp_path: Path) -> None:
    """A table of short cells across the page under two columns of text is no part of the columns: its rows read
    whole, its header row first, after both columns."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "cells.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    _paragraph(c, HARBOUR, 72, 750, 228)
    _paragraph(c, PIER, 312, 750, 228)
    _grid(c, 650, 20, 12)
    c.save()
    text = read_document(tmp_path, path).text
    order = ["The harbour board", "The engineer"] + [f"{r}.{k}x" for r in range(3) for k in (0, 5, 6, 11)]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_a_grid_table_between_two_runs_of_columns_keeps_its_header_row(tmp_path: Path) -> None:
    """A table set across the page between two runs of columns: the left column's last line, then the right
    column, then the table's header row and its rows, then the next run of columns."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    path = tmp_path / "paper.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    left = _paragraph(c, "<b>1 Introduction</b>", 72, 690, 228)
    left = _paragraph(c, HARBOUR + " The silt that settles in the basin each year comes mostly from the", 72, left, 228)
    right = _paragraph(c, "river rather than from the sea, as earlier studies had assumed. " + PIER, 312, 690, 228)
    cells = [["Site", "Silt (t/yr)", "Depth (m)", "Dredged"], ["Inner basin", "1200", "2.1", "2019"]]
    cells += [["North pier", "450", "3.4", "2015"], ["South quay", "300", "4.0", "never"]]
    table = Table(cells, colWidths=[120, 100, 100, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    _, height = table.wrapOn(c, 468, 400)
    top = min(left, right) - 14
    table.drawOn(c, 96, top - height)
    _paragraph(c, "<b>2 Method</b>", 72, top - height - 20, 228)
    _paragraph(c, HARBOUR, 72, top - height - 40, 228)
    _paragraph(c, PIER, 312, top - height - 20, 228)
    c.save()
    text = read_document(tmp_path, path).text
    order = ["1 Introduction", "comes mostly from the", "river rather", "Site", "Silt (t/yr)", "Depth (m)"]
    order += ["Dredged", "Inner basin", "1200", "North pier", "2 Method"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


class _Block(list):  # type: ignore[type-arg]
    """A stand-in for a pdfminer text box: its edges, and its lines as its items."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, lines: int) -> None:
        super().__init__(range(lines))
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1


def test_a_crowded_table_under_two_columns_is_ordered_without_looking_for_columns_in_it(monkeypatch) -> None:  # noqa: ANN001
    """Under the last blocks of text that could make columns, no band starts a run of columns: a page of many
    table rows is not searched for one from each of its rows (that took a second a page)."""
    from askdocs.ingest import pdf_order

    calls = []
    split = pdf_order._Page.split
    monkeypatch.setattr(pdf_order._Page, "split", lambda self, items: calls.append(1) or split(self, items))
    blocks = [_Block(72, 692, 297, 750, 5), _Block(312, 692, 538, 750, 5)]
    blocks += [_Block(40 + k * 45, 650 - r * 9, 51 + k * 45, 656 - r * 9, 1) for r in range(60) for k in range(12)]
    ordered = pdf_order.reading_order(blocks, 612)
    assert ordered[:14] == blocks[:14]
    assert len(calls) < 200


MILL = (
    "The mill race was cleared in the summer and the old sluice gates were rebuilt in oak by volunteers from the "
    "village, who worked most weekends from June to September. They now ask the trust to fund a new footbridge over "
    "the tail race, which floods every winter and cuts the path from the mill to the lower weir."
)
QUOTE = "otters came back to the mill within a month of the work ending"


def _split_at(canvas: object, text: str, x: float, top: float, width: float, lines: int) -> object:
    """`text` set as a wrapped paragraph from `top` down, cut after `lines` lines; the rest, to be set elsewhere."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    first, rest = Paragraph(text, getSampleStyleSheet()["BodyText"]).split(width, lines * 12 + 1)
    _, height = first.wrapOn(canvas, width, 2000)
    first.drawOn(canvas, x, top - height)
    return rest


def _newsletter(path: Path, quote_x: float, quote_width: float) -> Path:
    """Page 1: a paragraph cut by the column break, its right column opening "at the north pier is". Page 2: a
    paragraph across most of the page, then a paragraph cut mid-sentence after three full lines (it goes on over
    the page), with a pull quote in italics set right of it from a little above its top. Page 3: the rest."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    rest = _split_at(c, HARBOUR + " " + PIER, 72, 720, 228, 5)
    _, height = rest.wrapOn(c, 228, 2000)  # type: ignore[attr-defined]
    rest.drawOn(c, 312, 720 - height)  # type: ignore[attr-defined]
    c.showPage()
    top = _paragraph(c, HARBOUR, 72, 720, 330) - 8
    rest = _split_at(c, MILL, 72, top, 330, 3)
    _paragraph(c, f"<i>{QUOTE}</i>", quote_x, top + 10, quote_width)
    c.showPage()
    _, height = rest.wrapOn(c, 330, 2000)  # type: ignore[attr-defined]
    rest.drawOn(c, 72, 720 - height)  # type: ignore[attr-defined]
    c.save()
    return path


@pytest.mark.parametrize(("quote_x", "quote_width"), [(430, 110), (410, 150)])
def test_a_pull_quote_beside_a_paragraph_does_not_go_on_with_its_sentence(
    tmp_path: Path, quote_x: float, quote_width: float
) -> None:
    """A pull quote set right of a paragraph whose last line is full and cut mid-sentence (it goes on over the
    page), opening in a small letter, opens no column, however wide (a fifth of the page or more, as wide as a
    column may be): its top is not level with the top of the text left of it. The quote is no part of the
    paragraph's sentence, which is whole again across the page break, and is not run on into the next page's text.
    A sentence a column break cuts in two on the page before is still whole."""
    doc = read_document(tmp_path, _newsletter(tmp_path / "newsletter.pdf", quote_x, quote_width))
    sentences = [s.text for s in split_sentences(doc.text)]
    for sentence in split_sentences(HARBOUR + " " + PIER):
        assert sentence.text in sentences
    assert doc.layout.page(doc.text.index("The engineer reported")) == 1
    for sentence in split_sentences(MILL):  # the one the page break cuts too
        assert sentence.text in sentences
    assert QUOTE in doc.text.split("\n\n")  # a paragraph of its own, not run on into the next page's text
