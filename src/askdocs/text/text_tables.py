"""Tables laid out in plain text: rows whose cells stand in columns set apart by runs of spaces, as a
reStructuredText simple table ("=====  =====" over and under its header) or a table typed into a text file has them.
Each row is a fact of its own, as a Markdown table's or a CSV file's row is: never one sentence with the rows around
it, however the paragraph around it was wrapped.

A line is a row when its cells are set apart by two spaces or more and either a column rule ("=====  ======") stands
next to it, or the line beside it, a row too, has its gaps in the same columns. Justified prose has runs of two
spaces too, but scattered: two of its lines seldom have every gap in the same columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_GAP = re.compile(r"(?<=\S)(?: {2,}|\t+ *)(?=\S)")
"""The white space between two cells of a row: two spaces or more, or a tab."""
_COLUMN_RULE = re.compile(r"[=\-~]{2,}(?:[ \t]+[=\-~]{2,})+")
"""A simple table's border: a run of "=" (or "-") over each column, the columns set apart by spaces."""
_SENTENCE_END = frozenset(".!?")
"""A gap after these is the double space some typists leave between sentences, not a column's edge."""


class _Line(Protocol):
    start: int
    end: int
    text: str


def table_rows(text: str, lines: Sequence[_Line | None]) -> list[bool]:
    """For each of `lines` (stripped lines of `text`, None for a blank one), whether it is a row of a table laid out
    in columns: its cells set apart by gaps of two spaces or more, next to a column rule or to another such row
    whose gaps lie in the same columns (two gaps or more each, or one beside a row already found)."""
    gaps = [_gaps(text, line) if line is not None else [] for line in lines]
    rules = [line is not None and _COLUMN_RULE.fullmatch(line.text) is not None for line in lines]
    rows = [False] * len(lines)
    for i, found in enumerate(gaps):
        if not found:
            continue
        beside = [k for k in (i - 1, i + 1) if 0 <= k < len(lines)]
        aligned = len(found) >= 2 and any(len(gaps[k]) >= 2 and _aligned(found, gaps[k]) for k in beside)
        rows[i] = aligned or any(rules[k] for k in beside)
    changed = True
    while changed:  # a two-column table: rows of one gap, found from a row beside them
        changed = False
        for i, found in enumerate(gaps):
            if not rows[i] and found:
                beside = [k for k in (i - 1, i + 1) if 0 <= k < len(lines) and rows[k] and gaps[k]]
                if any(_aligned(found, gaps[k]) for k in beside):
                    rows[i] = changed = True
    return rows


def _gaps(text: str, line: _Line) -> list[tuple[int, int]]:
    """The columns (counted from the start of the line in `text`, indentation included) of the gaps between a
    line's cells; none after a sentence's full stop."""
    begin = max(text.rfind("\n", 0, line.start), text.rfind("\r", 0, line.start)) + 1
    indent = line.start - begin
    return [
        (indent + m.start(), indent + m.end())
        for m in _GAP.finditer(line.text)
        if line.text[m.start() - 1] not in _SENTENCE_END
    ]


def _aligned(one: list[tuple[int, int]], other: list[tuple[int, int]]) -> bool:
    """Whether every gap of the line with fewer gaps overlaps a gap of the other: their cells stand in columns."""
    fewer, more = (one, other) if len(one) <= len(other) else (other, one)
    return all(any(a < d and c < b for c, d in more) for a, b in fewer)
