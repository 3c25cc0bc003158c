"""Columns: where on its file's line a stretch of indexed text starts, so that the sentences of one long line (a
paragraph per line) are told apart. A text file's offsets are the file's own; Markdown is indexed without its
markup, so its column is found by looking for the text's opening in the file's line. The file is searched with its
escape sequences blanked, as its text was when indexed (see safe.blank), so that a quote is found past them."""

from __future__ import annotations

import re
from pathlib import Path

from askdocs.ingest.documents import hash_bytes
from askdocs.ingest.encoding import decode
from askdocs.text.safe import blank

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
PROBE = (40, 12)
"""The longest and shortest opening of a quote looked for in its file line to place a Markdown column."""
PROBE_WORDS = 4
"""Else, its first words in order with only markup (or a table's padding) between them, found once on the line."""


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
    it that the line holds just once begins, else where its first words stand once with only markup between them
    (`Its *captain*`, a table's padding); None when neither is found."""
    lines = _LINE_BREAK.split(blank(decode(data, Path())[0]))
    if not 0 < line <= len(lines):
        return None
    raw = lines[line - 1]
    quote = _LINE_BREAK.split(quote, maxsplit=1)[0]  # a sentence over a soft break: what stands on its first line
    for size in range(min(PROBE[0], len(quote)), PROBE[1] - 1, -1):
        if raw.count(quote[:size]) == 1:
            return raw.index(quote[:size]) + 1
    words = _WORD.findall(quote)[:PROBE_WORDS]  # markup or a table's padding between the first words
    pattern = r"\b" + _GAP.join(re.escape(w) for w in words) + r"\b"
    found = list(re.finditer(pattern, raw)) if words else []
    return found[0].start() + 1 if len(found) == 1 else None


_WORD = re.compile(r"\w+")
_GAP = r"[\W_]{1,80}?"
"""What may stand between two words of a quote in its Markdown file: spaces, punctuation and markup (`**`, `_`,
`[`, a line break, a heading's `#`), never a word (a link's address breaks the match: no span, not a wrong one)."""


def markdown_span(text: str, line: int, column: int | None, quote: str) -> tuple[int, int] | None:
    """Where `quote` (indexed without markup) stands in its Markdown file's `text`: its words in order from file
    line `line` (at `column` when known), with only markup and punctuation between them; None when not found."""
    words = _WORD.findall(quote)
    text = blank(text)  # the same length: a span of it is a span of the file's text
    breaks = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    if not words or not 0 < line <= len(breaks):
        return None
    pattern = re.compile(_GAP.join(re.escape(w) for w in words))
    start = breaks[line - 1] + (column - 1 if column else 0)
    found = pattern.match(text, start) if column else pattern.search(text, start)
    if found is None or (line < len(breaks) and found.start() >= breaks[line]):
        return None
    end = found.end()
    tail = quote[quote.rfind(words[-1]) + len(words[-1]) :].rstrip()
    return found.start(), end + len(tail) if text.startswith(tail, end) else end
