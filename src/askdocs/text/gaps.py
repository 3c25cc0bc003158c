"""Gaps: the runs of spaces a document's removed characters left in its indexed text (an escape sequence, a
control, a zero-width character: see askdocs.text.safe.blank), closed to one space in what a person reads, while
the stored text and its offsets keep them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

Runs = Sequence[tuple[int, int]]
"""(start, end) of each stretch of the indexed text that stands for removed characters, in order."""

_SPACES = re.compile(r" +")


def closed(text: str, runs: Runs, offset: int = 0) -> str:
    """`text` (which starts at `offset` in its document's indexed text) with each run of spaces that holds a
    removed character's space made one space, or none before punctuation or at a line's edge; every other run of
    spaces (a table's padding) as it is."""
    return closing(text, runs, offset)[0]


def closed_span(text: str, runs: Runs, start: int, end: int, offset: int = 0) -> tuple[str, int, int]:
    """`closed` of `text`, and where `text[start:end]` is in it: a view shows the closed text and highlights the
    same words."""
    shown, moved = closing(text, runs, offset)
    return shown, moved(start), moved(end)


def closing(text: str, runs: Runs, offset: int = 0) -> tuple[str, Callable[[int], int]]:
    """`closed` of `text`, and what a place in `text` becomes in it: a preview that knows places in the text (the
    line breaks that run on) finds them in what it shows."""
    if not runs:  # an index built before the runs were recorded, or a document without any
        return text, _same
    gaps = [
        (m.start(), m.end(), _kept(text, m.start(), m.end()))
        for m in _SPACES.finditer(text)
        if _overlaps(runs, offset + m.start(), offset + m.end())
    ]
    if not gaps:
        return text, _same
    parts, last = [], 0
    for a, b, kept in gaps:
        parts.append(text[last : a + kept])
        last = b
    parts.append(text[last:])

    def moved(place: int) -> int:
        return place - sum(min(max(place - a - kept, 0), b - a - kept) for a, b, kept in gaps)

    return "".join(parts), moved


def _same(place: int) -> int:
    """A place in a text that closes no gap: where it was."""
    return place


def _kept(text: str, start: int, end: int) -> int:
    """How many of the spaces `start`..`end` stay: one between words, none at a line's edge or before a comma."""
    edge = start == 0 or text[start - 1] in "\r\n" or end == len(text) or text[end] in _BEFORE_NOTHING
    return 0 if edge else 1


_BEFORE_NOTHING = frozenset("\r\n,.;:!?)]}”’")
"""What a gap before it closes up to: a line's end, closing punctuation."""


def _overlaps(runs: Runs, start: int, end: int) -> bool:
    """Whether any of `runs` overlaps `start`..`end`: the last to start before it, or the first to start in it."""
    i = bisect.bisect_left(runs, (start, start)) - 1
    return any(a < end and start < b for a, b in runs[max(i, 0) : i + 2])
