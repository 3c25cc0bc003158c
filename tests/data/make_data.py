"""Makes the small files of every format the loader tests read: `python tests/data/make_data.py` (needs reportlab,
python-docx and Pillow from the test extra). The files are committed; run this again only to change them."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
HEADER = "Harbour Council - Annual Report 2024"
PAGES = [
    (
        "Section 1: The bridge",
        "The harbour bridge will close for repairs on 14 March. Engineers found corrosion in the main cables during "
        "the spring inspection, and the council voted to close the bridge rather than limit its load.",
    ),
    (
        "Section 2: Ferries",
        "While the bridge is closed, ferries will run every ten minutes between the two piers. The ferry operator "
        "hired twelve extra crew and leased two boats from the northern service for the summer.",
    ),
    (
        "Section 3: Costs",
        "The repairs are expected to cost 4.2 million dollars, paid from the maintenance reserve. The work should "
        "last eleven weeks if the weather holds.",
    ),
]


def report_pdf(path: Path) -> None:
    """Three pages with a running header and footer; page 2 is set in two columns drawn line by line across the
    page (the order in the file mixes the columns, as many PDFs do)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Harbour Council Annual Report 2024")
    c.setAuthor("Harbour Council")
    for number, (heading, body) in enumerate(PAGES, start=1):
        c.setFont("Helvetica", 8)
        c.drawString(57, height - 34, HEADER)
        c.drawString(width / 2, 28, f"Page {number}")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(57, height - 80, heading)
        c.setFont("Helvetica", 10)
        if number == 2:
            left = textwrap.wrap(body, 42)
            right = textwrap.wrap(
                "Season tickets stay valid on every ferry. Cyclists may take their bikes on board at no charge, "
                "and the last boat leaves the north pier at midnight.",
                42,
            )
            for i in range(max(len(left), len(right))):
                y = height - 110 - 13 * i
                if i < len(left):
                    c.drawString(57, y, left[i])
                if i < len(right):
                    c.drawString(width / 2 + 14, y, right[i])
        else:
            for i, line in enumerate(textwrap.wrap(body, 90)):
                c.drawString(57, height - 110 - 13 * i, line)
        c.showPage()
    c.save()


def berth_form_pdf(path: Path) -> None:
    """A form, no man page: a code printed in both top corners ("HB-7(2024)", as a man page's running head prints
    its name), a "NAME" field label, and a recorded title."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Berth application form")
    c.setFont("Helvetica", 9)
    c.drawString(40, height - 30, "HB-7(2024)")
    c.drawRightString(width - 40, height - 30, "HB-7(2024)")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, height - 100, "Application for a berth in the harbour")
    c.setFont("Helvetica", 11)
    for i, line in enumerate(
        ["NAME", "Write your full name and address here.", "VESSEL", "Give the length and draught of your boat."]
    ):
        c.drawString(72, height - 140 - 20 * i - (20 if i > 1 else 0), line)
    c.showPage()
    c.save()


def scanned_pdf(path: Path) -> None:
    """One page holding only a picture of text: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (300, 60), 255)
    ImageDraw.Draw(image).text((10, 20), "This page was scanned.", fill=0)
    c = canvas.Canvas(str(path), invariant=1)
    c.drawImage(ImageReader(image), 72, 600, width=300, height=60)
    c.showPage()
    c.save()


def encrypted_pdf(path: Path) -> None:
    """A PDF that opens only with a password."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(72, 700, "The password protects this sentence.")
    c.showPage()
    c.save()


def damaged_pdf(path: Path) -> None:
    """The start of a real PDF cut short, then noise."""
    whole = (HERE / "formats" / "report.pdf").read_bytes()
    path.write_bytes(whole[:400] + bytes(range(256)) * 4)


def minutes_docx(path: Path) -> None:
    """Meeting minutes: a title, headings, paragraphs and a table."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Harbour Council minutes, 3 March 2024"
    d.core_properties.author = "Council clerk"
    d.core_properties.keywords = "minutes, bridge"
    d.add_heading("Harbour Council minutes", level=0)
    d.add_paragraph("The meeting opened at six o'clock with eleven councillors present.")
    d.add_heading("Budget", level=1)
    d.add_paragraph("The council approved a repair budget of 4.2 million dollars for the harbour bridge.")
    table = d.add_table(rows=3, cols=2)
    rows = [("Item", "Cost"), ("Cables", "3.1 million"), ("Paint", "1.1 million")]
    for row, (item, cost) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = item, cost
    for box in table.rows[0].cells:  # the header row, bold as Word's header rows are
        box.paragraphs[0].runs[0].bold = True
    d.add_heading("Ferries", level=1)
    d.add_paragraph("Councillor Okafor asked that the ferries carry bicycles free of charge while the bridge is shut.")
    d.add_paragraph("The motion was carried by nine votes to two.")
    d.save(str(path))


NOTES_MD = """---
title: Parks committee notes
date: 2024-05-03
author: Dana Whitfield
tags: [parks, awards]
---
# Parks committee notes

## Awards

The **Riverside Park** won *Best Green Space* at the [city awards](https://example.org/awards "Awards").
The prize money of `12,000` dollars will pay for __new benches__.

## Opening hours

From June the park gates close at ten o'clock on *Friday* and Saturday nights.
"""

BRIDGE_HTML = """<!DOCTYPE html>
<html><head><title>Harbour bridge to close for eleven weeks</title>
<meta name="author" content="Lee Marsh"><meta name="date" content="2024-03-01"></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/weather">Weather</a></nav>
<article>
<h1>Harbour bridge to close for eleven weeks</h1>
<p>The harbour bridge will close on 14 March so that engineers can replace corroded cables, the council said on
Friday. It is the first full closure since the bridge opened in 1962.</p>
<h2>Getting across</h2>
<p>Ferries will run every ten minutes from both piers while the bridge is shut, and season tickets will be
accepted on every boat.</p>
<p>A shuttle bus will link the ferry piers with the railway station during the morning and evening rush hours.</p>
<h2>Who pays</h2>
<p>The repairs will cost 4.2 million dollars, taken from the council's maintenance reserve rather than from new
taxes.</p>
</article>
<footer>Copyright 2024 Harbour News. All rights reserved.</footer>
</body></html>
"""


def book_epub(path: Path) -> None:
    """A two-chapter EPUB 3 book, written by hand (container, package file, two XHTML chapters)."""
    chapter = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{t}</title>'
        "</head><body><h1>{t}</h1>{body}</body></html>"
    )
    one = chapter.format(
        t="The lighthouse", body="<p>The lighthouse keeper rowed to the island every morning at dawn.</p>"
    )
    two = chapter.format(
        t="The storm",
        body="<p>During the storm of 1953 the lamp burned for three days without a break.</p>"
        "<p>The keeper kept it lit with paraffin carried up one hundred and twelve steps.</p>",
    )
    opf = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">lighthouse-1</dc:identifier>
<dc:title>The Lighthouse Keeper</dc:title><dc:creator>Mara Quinn</dc:creator><dc:date>1998-06-01</dc:date>
<dc:language>en</dc:language></metadata>
<manifest><item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"""
    container = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        fixed = (2024, 1, 1, 0, 0, 0)
        z.writestr(zipfile.ZipInfo("mimetype", fixed), "application/epub+zip")
        for name, data in [
            ("META-INF/container.xml", container),
            ("OEBPS/book.opf", opf),
            ("OEBPS/text/one.xhtml", one),
            ("OEBPS/text/two.xhtml", two),
        ]:
            z.writestr(zipfile.ZipInfo(name, fixed), data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def main() -> None:
    formats = HERE / "formats"
    broken = HERE / "broken"
    formats.mkdir(exist_ok=True)
    broken.mkdir(exist_ok=True)
    report_pdf(formats / "report.pdf")
    minutes_docx(formats / "minutes.docx")
    (formats / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    (formats / "harbour-bridge-closure.html").write_text(BRIDGE_HTML, encoding="utf-8")
    book_epub(formats / "book.epub")
    berth_form_pdf(HERE / "man" / "berth-form.pdf")
    scanned_pdf(broken / "scanned.pdf")
    encrypted_pdf(broken / "encrypted.pdf")
    damaged_pdf(broken / "damaged.pdf")


if __name__ == "__main__":
    main()
