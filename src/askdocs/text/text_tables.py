"""Tables laid out in plain text: rows whose cells stand in columns set apart by runs of spaces, as a
reStructuredText simple table ("=====  =====" over and under its header) or a table typed into a text file has them.
Each row is a fact of its own, as a Markdown table's or a CSV file's row is: never one sentence with the rows around
it, however the paragraph around it was wrapped.

A line is a row when its cells are set apart by gaps of two spaces or more and either a column rule ("=====  ======")
stands next to it, or it is one of three lines or more in a row, each with two gaps or more, whose cells start (or
end) in exactly the same columns as the next one's, or one of two such lines with as many gaps, every one so
aligned (a header and one row); a line of one gap is a row beside a row so aligned with it (a two-column table's).
A last cell's end counts only short of the text's right margin (a column set flush right). Justified prose (a man
page through `col -bx`, groff's or fmt's output) has runs of two spaces too, but scattered: its gaps may overlap the
next line's, seldom so that the words either side start or end in the same columns on three lines running.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from askdocs.text.terms import column as start_column

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
    in columns (see the module). Linear: the rows found next to a rule or in a run of aligned lines are carried to
    the aligned lines before and after them in one sweep each way."""
    margin = _margin(text, lines)
    gaps = [_gaps(text, line, margin) if line is not None else [] for line in lines]
    rules = [line is not None and _COLUMN_RULE.fullmatch(line.text) is not None for line in lines]
    n = len(lines)
    linked = [i + 1 < n and bool(gaps[i]) and bool(gaps[i + 1]) and _aligned(gaps[i], gaps[i + 1]) for i in range(n)]
    # linked[i]: line i and line i + 1 are aligned
    rows = [bool(gaps[i]) and ((i > 0 and rules[i - 1]) or (i + 1 < n and rules[i + 1])) for i in range(n)]
    run = 0  # lines of two gaps or more aligned in a row up to line i
    for i in range(n):
        run = run + 1 if len(gaps[i]) >= 2 and i > 0 and linked[i - 1] and len(gaps[i - 1]) >= 2 else 1
        if run >= _RUN and len(gaps[i]) >= 2:
            for k in range(i - run + 1, i + 1) if run == _RUN else (i,):
                rows[k] = True
        elif run == 2 and _exactly_aligned(gaps[i - 1], gaps[i]):  # a header and a row: every cell in line
            rows[i - 1] = rows[i] = True
    for i in range(1, n):  # forward: a row carries to the aligned line after it
        rows[i] = rows[i] or (rows[i - 1] and linked[i - 1])
    for i in range(n - 2, -1, -1):  # backward: and to the aligned line before it
        rows[i] = rows[i] or (rows[i + 1] and linked[i])
    return rows


def continuations(text: str, lines: Sequence[_Line | None], rows: Sequence[bool]) -> list[bool]:
    """For each of `lines`, whether it goes on with the last cell of the table row above it: a line of no gaps that
    starts in the very column that cell starts in (a cell wrapped onto the next line: "gregbook/  =>  Source code
    ... from" / "\"PNG: The Definitive Guide\" by ..."), or goes on so after such a line."""
    out = [False] * len(lines)
    column: int | None = None  # where the last cell of the row above starts
    for i, line in enumerate(lines):
        if line is None:
            column = None
        elif rows[i]:
            gaps = _gaps(text, line)
            column = gaps[-1][1] if gaps else None
        elif column is not None and not _GAP.search(line.text) and start_column(text, line) == column:
            out[i] = True
        else:
            column = None
    return out


_RUN = 3
"""Aligned lines in a row that make a table without a column rule: two lines of justified prose may chance to."""


def _margin(text: str, lines: Sequence[_Line | None]) -> int | None:
    """The text's usual right margin: the column most of its lines without gaps end in, when two or more do
    (justified prose's lines all end there); None for a text of table rows alone."""
    ends = Counter(
        start_column(text, line) + len(line.text) for line in lines if line is not None and not _GAP.search(line.text)
    )
    common = ends.most_common(1)
    return common[0][0] if common and common[0][1] >= 2 else None


def _gaps(text: str, line: _Line, margin: int | None = None) -> list[tuple[int, int, int]]:
    """The gaps between a line's cells, as (start, end, end of the cell after it) in columns counted from the start
    of the line in `text`, indentation included; none after a sentence's full stop. The last cell's end is -1 when
    the line reaches the text's right `margin`: there every line of justified prose ends too."""
    indent = start_column(text, line)
    found = [m for m in _GAP.finditer(line.text) if line.text[m.start() - 1] not in _SENTENCE_END]
    ends = [m.start() for m in _GAP.finditer(line.text)]
    last = indent + len(line.text)
    last = -1 if margin is not None and last >= margin else last
    out = []
    for m in found:  # the next gap's start past this one's end, by bisection (ends ascend): a line is not reread
        after = bisect_right(ends, m.end())  # from its first gap for each of its gaps (quadratic in one long line's)
        out.append((indent + m.start(), indent + m.end(), last if after == len(ends) else indent + ends[after]))
    return out


def _exactly_aligned(one: list[tuple[int, int, int]], other: list[tuple[int, int, int]]) -> bool:
    """Whether two lines of two gaps or more have as many gaps, each next to cells starting or ending in the same
    columns as the other line's: enough for two lines to be a table without a rule."""
    return len(one) == len(other) >= 2 and all(
        a < d and c < b and (a == c or b == d or e == f != -1) for (a, b, e), (c, d, f) in zip(one, other, strict=True)
    )


def _aligned(one: list[tuple[int, int, int]], other: list[tuple[int, int, int]]) -> bool:
    """Whether every gap of the line with fewer gaps lies where a gap of the other does, the cells either side of
    it starting or ending in the same column as the other's: their cells stand in columns. A last cell's end is
    compared only short of the text's right margin, where every line of justified prose ends (see _gaps). A line's
    gaps ascend and never overlap, so each gap is compared only with the other's gaps it overlaps, found by
    bisection, not with all of them (quadratic in two long lines' gaps)."""
    fewer, more = (one, other) if len(one) <= len(other) else (other, one)
    ends = [d for _, d, _ in more]
    for a, b, e in fewer:
        k = bisect_right(ends, a)  # the first gap of `more` ending after this one starts: d > a
        stop = bisect_left(more, (b,), k)  # and those starting before it ends: c < b
        if not any(a == c or b == d or (e == f != -1) for c, d, f in more[k:stop]):
            return False
    return True
