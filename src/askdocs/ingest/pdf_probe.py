"""What reading a PDF would skip it for, told without laying out a page: cheap enough for `askdocs status`."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument

NO_TEXT_LAYER = "no text layer; OCR is not enabled"
ENCRYPTED = "encrypted PDF (a password is needed)"
NO_PAGES = "damaged PDF (no pages)"
_SHOWS_TEXT = re.compile(rb"(?<![A-Za-z])T[jJ](?![A-Za-z])|['\"]")
"""The operators that show text (Tj, TJ, ' and "); setting a font alone (BT /F1 12 Tf ET) shows none."""
_INLINE_IMAGE = re.compile(rb"(?<![A-Za-z])BI(?![A-Za-z]).*?(?<![A-Za-z])ID\s.*?(?<![A-Za-z])EI(?![A-Za-z])", re.S)


def foreseen_skip(path: Path) -> str | None:
    """The message askdocs.ingest.pdf.read_pdf would skip `path` with when that is certain: it needs a password, it
    cannot be opened (damaged), or no page shows any text of its own; None when it may hold text or cannot be told
    (the index run says). Reads the page tree and the pages' small drawing streams, never an image."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with path.open("rb") as handle:
            try:
                document = PDFDocument(PDFParser(handle))
            except (PDFPasswordIncorrect, PDFEncryptionError):
                return f"{path}: {ENCRYPTED}, skipped"
            except Exception as exc:  # noqa: BLE001 - as read_pdf says it: every error opening the file means damaged
                return str(UnreadableDocument.damaged(path, "PDF", exc))
            pages = 0
            for page in PDFPage.create_pages(document):
                pages += 1
                if _shows_text(page.contents):
                    return None
    except Exception:  # noqa: BLE001 - a page that cannot be told: the index run names what is wrong
        return None
    return f"{path}: {NO_TEXT_LAYER}, skipped" if pages else f"{path}: {NO_PAGES}, skipped"


def _shows_text(streams: Any) -> bool:
    """Whether a page's drawing `streams` show text: a text operator in them, inline images left out. Text a page
    draws through a form (an XObject) is not counted: read_pdf reads only the page's own text boxes."""
    from pdfminer.pdftypes import PDFStream, resolve1

    for stream in streams if isinstance(streams, list) else [streams]:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream) and _SHOWS_TEXT.search(_INLINE_IMAGE.sub(b" ", stream.get_data())):
            return True
    return False
