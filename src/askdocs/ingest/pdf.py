"""PDF files: text page by page through pdfminer.six, whose layout analysis keeps columns apart (see docs/formats.md
for the comparison that chose it). Lines are joined into paragraphs, running headers and footers repeated on most
pages are dropped, and the offset where each page starts is kept so citations give the page."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest.layout import Layout, TextBuilder

NO_TEXT_LAYER = "no text layer; OCR is not enabled"
_MARGIN = 0.1
"""Top and bottom share of a page where running headers and footers are looked for."""
_HEADING_SCALE = 1.15
_HEADING_CHARS = 120
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-z])")


@dataclass(frozen=True)
class PdfText:
    """The extracted text, its layout (page starts), title and author as recorded, and pages without text (the
    creation date is not taken as a publication date: it is usually when the file was exported)."""

    text: str
    layout: Layout
    title: str | None
    author: str | None
    empty_pages: tuple[int, ...]


@dataclass(frozen=True)
class _Box:
    text: str
    key: str
    """The text with digits folded, to recognise "Page 3" and "Page 4" as the same running footer."""
    margin: bool
    size: float
    """The mean font size of its characters, to tell headings (larger than the body text) from paragraphs."""
    chars: int


def read_pdf(data: bytes, path: Path) -> PdfText:
    """Text of every page; UnreadableDocument (one line, naming the file) for an encrypted, damaged or scanned PDF."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about odd fonts are not the user's concern
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            pages.append(_boxes(device.get_result()))
        info = document.info[0] if document.info else {}
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(f"{path}: encrypted PDF (a password is needed), skipped") from None
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file; every one means "skip it"
        reason = " ".join(str(exc).split())[:80] or type(exc).__name__
        raise UnreadableDocument(f"{path}: damaged PDF ({reason}), skipped") from None
    if not pages:
        raise UnreadableDocument(f"{path}: damaged PDF (no pages), skipped")
    builder = TextBuilder("pdf")
    running = _running_lines(pages)
    body = _body_size(pages)
    empty = []
    for number, boxes in enumerate(pages, start=1):
        builder.new_page()
        for box in boxes:
            if box.margin and box.key in running:
                continue
            if _is_heading(box, body):
                builder.heading(box.text)
            else:
                builder.paragraph(box.text)
        if not boxes:
            empty.append(number)
    text = builder.text()
    if not text.strip():
        raise UnreadableDocument(f"{path}: {NO_TEXT_LAYER}, skipped")
    return PdfText(text, builder.layout(), _info(info, "Title"), _info(info, "Author"), tuple(empty))


def _boxes(layout: Any) -> list[_Box]:
    """The text boxes of one page in reading order, each as one paragraph (wrapped lines joined)."""
    from pdfminer.layout import LTChar, LTTextContainer

    height = layout.height or 1
    out = []
    for element in layout:
        if not isinstance(element, LTTextContainer):
            continue
        raw = element.get_text().replace("\r\n", "\n").replace("\r", "\n").strip()
        text = " ".join(" ".join(_HYPHENATED.sub(r"\1", raw).split("\n")).split())
        if not text:
            continue
        margin = element.y1 >= height * (1 - _MARGIN) or element.y0 <= height * _MARGIN
        sizes = [c.size for line in element for c in line if isinstance(c, LTChar)]
        size = sum(sizes) / len(sizes) if sizes else 0.0
        out.append(_Box(text, re.sub(r"\d+", "#", text.lower()), margin, size, len(sizes)))
    return out


def _body_size(pages: list[list[_Box]]) -> float:
    """The font size most of the document's characters are set in."""
    sizes: Counter[float] = Counter()
    for boxes in pages:
        for box in boxes:
            sizes[round(box.size, 1)] += box.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_heading(box: _Box, body: float) -> bool:
    """A short line set clearly larger than the body text, not ending like a sentence: a section heading."""
    return (
        body > 0
        and box.size >= body * _HEADING_SCALE
        and len(box.text) <= _HEADING_CHARS
        and box.text[-1] not in ".,;!?"
    )


def _running_lines(pages: list[list[_Box]]) -> set[str]:
    """Texts in the page margins that repeat on at least half of the pages (and at least 3): headers, footers."""
    if len(pages) < 3:
        return set()
    seen = Counter(key for boxes in pages for key in {b.key for b in boxes if b.margin})
    return {key for key, n in seen.items() if n >= max(3, len(pages) / 2)}


def _info(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    if value is None:
        return None
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        value = decode_text(value)
    text = " ".join(str(value).split())
    return text or None
