"""EPUB books, read with zipfile and lxml (no extra dependency): the chapters in reading order (the spine), their
headings kept as section landmarks, so a citation can say "book.epub § Chapter 3"."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest.layout import Layout, TextBuilder

KIND = "EPUB"
"""What a skip line calls an .epub file: `damaged EPUB (...)`."""
_MAX_CHAPTER_BYTES = 20 * 1024 * 1024
"""A chapter larger than this (unpacked) is a zip bomb, not a chapter."""


@dataclass(frozen=True)
class EpubText:
    """The book's text, its layout (headings, paragraphs) and its title, date and author from the package file."""

    text: str
    layout: Layout
    title: str | None
    date: str | None
    author: str | None


def read_epub(data: bytes, path: Path) -> EpubText:
    """Every chapter of the spine as text; UnreadableDocument for a damaged or DRM-protected book."""
    from lxml import etree, html

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            if "META-INF/encryption.xml" in book.namelist():
                raise UnreadableDocument(f"{path}: encrypted EPUB (DRM), skipped")
            safe = etree.XMLParser(resolve_entities=False, no_network=True)  # a book never reads other files
            container = etree.fromstring(book.read("META-INF/container.xml"), safe)
            opf_path = container.xpath("string(//*[local-name()='rootfile']/@full-path)")
            opf = etree.fromstring(book.read(opf_path), safe)
            base = posixpath.dirname(opf_path)
            items = {i.get("id"): i.get("href") for i in opf.xpath("//*[local-name()='manifest']/*")}
            builder = TextBuilder("epub")
            for ref in opf.xpath("//*[local-name()='spine']/*[local-name()='itemref']/@idref"):
                href = items.get(ref)
                if not href:
                    continue
                name = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
                if book.getinfo(name).file_size > _MAX_CHAPTER_BYTES:
                    raise UnreadableDocument(f"{path}: chapter {name} is too large, skipped")
                _chapter(builder, html.document_fromstring(book.read(name)))
    except UnreadableDocument:
        raise
    except Exception as exc:  # zipfile, lxml and missing entries each raise their own error on a damaged book
        raise UnreadableDocument.damaged(path, KIND, exc) from None
    return EpubText(builder.text(), builder.layout(), _dc(opf, "title"), _dc(opf, "date"), _dc(opf, "creator"))


def _chapter(builder: TextBuilder, root: Any) -> None:
    from askdocs.ingest.html import add_blocks

    body = root.find(".//body")
    if body is None:
        body = root
    for junk in body.xpath(".//script|.//style|.//nav"):
        junk.drop_tree()
    add_blocks(builder, body)


def _dc(opf: Any, field: str) -> str | None:
    value = opf.xpath(f"string(//*[local-name()='metadata']/*[local-name()='{field}'])")
    return " ".join(value.split()) or None
