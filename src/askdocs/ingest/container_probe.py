"""What reading a PDF, Word or EPUB file would skip it for, told without reading it through: cheap enough for
`askdocs status`, so that such a file an index run would call damaged is listed as skipped, not as new."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest import docx, epub

_ZIPPED = {"docx": docx.KIND, "epub": epub.KIND}
"""The formats whose files are zip archives, by reader, and what their skip lines call them."""
_MAX_POINTER_BYTES = 4 * 1024 * 1024
"""A part that names others (a Word `.rels`, an EPUB's container or package file) larger than this is not read
here: the index run says what is wrong with the file, if anything is."""


def foreseen_skip(path: Path, reader: str) -> str | None:
    """The message reading `path` with `reader` ("pdf", "docx" or "epub": its suffix) would skip it with when that
    is certain, else None (the index run says): for a PDF, see askdocs.ingest.pdf_probe; a Word or EPUB file that is
    not a zip archive at all is damaged, in the words of its reader (which opens it as a zip first), and so is a zip
    archive without a part its reader opens (a zip of other files): that one is read, for the reader's own words.
    Otherwise reads the archive's directory and the small parts that name the others."""
    if reader == "pdf":
        from askdocs.ingest.pdf_probe import foreseen_skip as pdf_skip

        return pdf_skip(path)
    kind = _ZIPPED.get(reader)
    if kind is None:
        return None
    try:
        with zipfile.ZipFile(path) as package:
            needed = _docx_parts(package) if reader == "docx" else _epub_parts(package)
            names = set(package.namelist())
            if all(part in names for part in needed):
                return None
        return _skip_message(path, docx.read_docx if reader == "docx" else epub.read_epub)
    except zipfile.BadZipFile as exc:
        return str(UnreadableDocument.damaged(path, kind, exc))
    except (OSError, ValueError, EOFError):
        return None  # the index run names what is wrong


def _docx_parts(package: zipfile.ZipFile) -> Iterator[str]:
    """The parts python-docx opens: `[Content_Types].xml`, the package's relationships (`_rels/.rels`, which must
    name the main part) and every part a relationship of the package names (python-docx loads them all)."""
    yield "[Content_Types].xml"
    yield "_rels/.rels"
    for rels in package.namelist():
        folder, name = posixpath.split(rels)
        if posixpath.basename(folder) != "_rels" or not name.endswith(".rels"):
            continue
        source_folder = posixpath.dirname(folder)
        for rel in _elements(package, rels, "Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External" and target:
                joined = target.lstrip("/") if target.startswith("/") else posixpath.join(source_folder, target)
                yield posixpath.normpath(joined)


def _epub_parts(package: zipfile.ZipFile) -> Iterator[str]:
    """The parts askdocs.ingest.epub opens: `META-INF/container.xml`, the package file it names and the chapters of
    that file's spine."""
    yield "META-INF/container.xml"
    opf = next((r.get("full-path") for r in _elements(package, "META-INF/container.xml", "rootfile")), None)
    if not opf:
        return
    yield opf
    items = {i.get("id"): i.get("href") for i in _elements(package, opf, "item")}
    base = posixpath.dirname(opf)
    for ref in _elements(package, opf, "itemref"):
        href = items.get(ref.get("idref"))
        if href:
            yield posixpath.normpath(posixpath.join(base, href.split("#")[0]))


def _elements(package: zipfile.ZipFile, part: str, local_name: str) -> list[Any]:
    """The elements named `local_name` (any namespace) of XML `part`: none when the part is missing, too large to
    read here or not XML (then its reader says what is wrong, or reads the file after all)."""
    from lxml import etree

    try:
        if package.getinfo(part).file_size > _MAX_POINTER_BYTES:
            return []
        root = etree.fromstring(package.read(part), etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:  # a missing part (KeyError), a bad zip entry, lxml's own errors
        return []
    return list(root.iter(f"{{*}}{local_name}", local_name))


def _skip_message(path: Path, read: Callable[[bytes, Path], object]) -> str | None:
    """The message `read` (the format's reader, as the index run calls it) skips `path` with, or None when it reads
    it after all: only for a file that lacks a part its reader opens, so a sound file is never read here."""
    try:
        read(path.read_bytes(), path)
    except UnreadableDocument as exc:
        return str(exc)
    return None
