"""Word files (.docx) through python-docx: paragraphs and tables in document order, heading styles kept as section
landmarks so a citation can say "minutes.docx § Budget"."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest.layout import Layout, TextBuilder
from askdocs.text.normalize import CELL_SEPARATOR, cell_text

KIND = "Word file"
"""What a skip line calls a .docx file: `damaged Word file (...)`."""
_MAX_PART_BYTES = 64 * 1024 * 1024
"""A part of a Word file (word/document.xml above all) larger than this unpacked is a zip bomb, not a document:
python-docx would hold all of it in memory and every paragraph would be embedded. As askdocs.ingest.epub's chapters."""
_MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""All parts together, unpacked (python-docx loads every part, pictures too): many parts each under the limit."""


@dataclass(frozen=True)
class DocxText:
    """The text, its layout (headings, paragraphs) and the file's own title, author and keywords."""

    text: str
    layout: Layout
    title: str | None
    author: str | None
    tags: tuple[str, ...]


def read_docx(data: bytes, path: Path) -> DocxText:
    """Headings, paragraphs and table rows ("cell | cell") as text; UnreadableDocument for a damaged file."""
    import docx

    _refuse_a_bomb(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        builder = TextBuilder("docx")
        title = None
        for block in document.iter_inner_content():
            if hasattr(block, "rows"):
                _table(builder, block)
                continue
            style = _style(block)
            if style == "title":
                title = title or " ".join(block.text.split()) or None
                builder.heading(block.text)
            elif style.startswith("heading"):
                builder.heading(block.text)
            else:
                builder.paragraph(block.text)
        props = document.core_properties
        keywords = props.keywords or ""
    except Exception as exc:  # python-docx, zipfile and lxml all raise their own errors on a damaged file
        raise UnreadableDocument.damaged(path, KIND, exc) from None
    tags = tuple(t.strip() for t in keywords.replace(";", ",").split(",") if t.strip())
    return DocxText(builder.text(), builder.layout(), props.title or title, props.author or None, tags)


def _refuse_a_bomb(data: bytes, path: Path) -> None:
    """UnreadableDocument when a part would unpack to more than _MAX_PART_BYTES, or all of them to more than
    _MAX_TOTAL_BYTES (as the zip entries say; zipfile never unpacks more than an entry says); a file that is no zip
    at all is left to python-docx to call damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    largest = max(parts, key=lambda i: i.file_size, default=None)
    total = sum(i.file_size for i in parts)
    if largest is not None and largest.file_size > _MAX_PART_BYTES:
        unpacked = f"{largest.filename} unpacks to {largest.file_size / 1024 / 1024:,.0f} MB"
    elif total > _MAX_TOTAL_BYTES:
        unpacked = f"its {len(parts)} parts unpack to {total / 1024 / 1024:,.0f} MB"
    else:
        return
    raise UnreadableDocument(f"{path}: too large {KIND} ({unpacked}), skipped")


def _style(paragraph: Any) -> str:
    try:
        return (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        return ""


def _table(builder: TextBuilder, table: Any) -> None:
    """One line per row; merged cells (which python-docx repeats) are given once."""
    rows = list(table.rows)
    for n, row in enumerate(rows):
        cells: list[str] = []
        for box in row.cells:
            text = cell_text(box.text)
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        builder.paragraph(CELL_SEPARATOR.join(cells), label=n == 0 and len(rows) > 1)  # the header row
