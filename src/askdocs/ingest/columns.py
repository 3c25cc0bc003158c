"""Columns: where on its file's line a stretch of indexed text starts, so that the sentences of one long line (a
paragraph per line) are told apart. A text file's offsets are the file's own; Markdown is indexed without its
markup, so its column is found by looking for the text's opening in the file's line."""

from __future__ import annotations

import re
from pathlib import Path

from askdocs.ingest.documents import hash_bytes
from askdocs.ingest.encoding import decode

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
PROBE = (40, 12)
"""The longest and shortest opening of a quote looked for in its file line to place a Markdown column."""


def read_checked(path: Path, sha256: str) -> tuple[str, bytes]:
    """The file's status against what was indexed ('ok', 'changed', 'missing') and, when 'ok', its bytes."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "missing", b""
    except OSError:
        return "changed", b""
    return ("ok", data) if hash_bytes(data) == sha256 else ("changed", b"")


def markdown_column(data: bytes, line: int, quote: str) -> int | None:
    """The column where `quote` (indexed without markup) starts on file line `line`: where the longest opening of
    it that the line holds just once begins, or None when markup breaks up even its first words."""
    lines = _LINE_BREAK.split(decode(data, Path())[0])
    if not 0 < line <= len(lines):
        return None
    raw = lines[line - 1]
    for size in range(min(PROBE[0], len(quote)), PROBE[1] - 1, -1):
        if raw.count(quote[:size]) == 1:
            return raw.index(quote[:size]) + 1
    return None
