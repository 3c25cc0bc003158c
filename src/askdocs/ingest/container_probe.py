"""What reading a PDF, Word or EPUB file would skip it for, told without reading it through: cheap enough for
`askdocs status`, so that such a file an index run would call damaged is listed as skipped, not as new."""

from __future__ import annotations

import zipfile
from pathlib import Path

from askdocs.errors import UnreadableDocument
from askdocs.ingest import docx, epub

_ZIPPED = {"docx": docx.KIND, "epub": epub.KIND}
"""The formats whose files are zip archives, by reader, and what their skip lines call them."""


def foreseen_skip(path: Path, reader: str) -> str | None:
    """The message reading `path` with `reader` ("pdf", "docx" or "epub": its suffix) would skip it with when that
    is certain, else None (the index run says): for a PDF, see askdocs.ingest.pdf_probe; a Word or EPUB file that is
    not a zip archive at all is damaged, in the words of its reader (which opens it as a zip first). Reads the
    archive's directory only."""
    if reader == "pdf":
        from askdocs.ingest.pdf_probe import foreseen_skip as pdf_skip

        return pdf_skip(path)
    kind = _ZIPPED.get(reader)
    if kind is None:
        return None
    try:
        with zipfile.ZipFile(path):
            return None
    except zipfile.BadZipFile as exc:
        return str(UnreadableDocument.damaged(path, kind, exc))
    except (OSError, ValueError, EOFError):
        return None  # the index run names what is wrong
