"""Gaps: the runs of spaces a document's removed characters left in its indexed text (an escape sequence, a
control: see askdocs.text.safe.blank_runs), closed in what a person reads as a terminal showed them, while the
stored text and its offsets keep them: an escape sequence takes no room, so its run closes to nothing
("Geo-scienc\\x1b[1me" reads "Geo-science"); a control's run closes to one space between words, none beside white
space or before punctuation."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

CONTROL = 0
"""A run left by control characters (a vertical tab, a bell) or by a cursor move or erase (`ESC [ 10 C`): one space
between two words."""
ESCAPE = 1
"""A run left by escape sequences that draw nothing alone (a colour, a window title): no room at all, as on screen."""

Run = tuple[int, int, int] | tuple[int, int]
Runs = Sequence[Run]
"""(start, end, kind) of each stretch of the indexed text that stands for removed characters, in order; a run
without its kind (recorded by an older index) is read as a CONTROL's."""


def closed(text: str, runs: Runs, offset: int = 0) -> str:
    """`text` (which starts at `offset` in its document's indexed text) with each of `runs` in it closed as a terminal
    showed it; every run of spaces the file holds itself (a table's padding) as it is."""
    return closing(text, runs, offset)[0]


def closed_span(text: str, runs: Runs, start: int, end: int, offset: int = 0) -> tuple[str, int, int]:
    """`closed` of `text`, and where `text[start:end]` is in it: a view shows the closed text and highlights the
    same words."""
    shown, moved = closing(text, runs, offset)
    return shown, moved(start), moved(end)


def closing(text: str, runs: Runs, offset: int = 0) -> tuple[str, Callable[[int], int]]:
    """`closed` of `text`, and what a place in `text` becomes in it: a preview that knows places in the text (the
    line breaks that run on) finds them in what it shows."""
    cuts = _cuts(text, _groups(runs, offset, len(text)))
    if not cuts:  # an index built before the runs were recorded, or a text without any
        return text, _same
    parts, last = [], 0
    for a, b in cuts:
        parts.append(text[last:a])
        last = b
    parts.append(text[last:])
    ends = [b for _, b in cuts]
    gone = [0]
    for a, b in cuts:
        gone.append(gone[-1] + b - a)

    def moved(place: int) -> int:
        i = bisect.bisect_right(ends, place)  # the cuts wholly before `place`, and the one it may stand in
        inside = min(max(place - cuts[i][0], 0), cuts[i][1] - cuts[i][0]) if i < len(cuts) else 0
        return place - gone[i] - inside

    return "".join(parts), moved


def _groups(runs: Runs, offset: int, length: int) -> list[tuple[int, int, int]]:
    """The runs that fall in `offset`..`offset + length`, as places in that text, each touching the next one made
    one: an ESCAPE when all of them are, else a CONTROL."""
    first = max(bisect.bisect_left(runs, (offset,)) - 1, 0)  # the last to start before the text may reach into it
    out: list[tuple[int, int, int]] = []
    for run in runs[first:]:
        a, b = max(run[0] - offset, 0), min(run[1] - offset, length)
        if a >= length:
            break
        if a >= b:
            continue
        kind = run[2] if len(run) > 2 else CONTROL  # noqa: PLR2004 - (start, end, kind)
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b, ESCAPE if out[-1][2] == kind == ESCAPE else CONTROL)
        else:
            out.append((a, b, kind))
    return out


def _cuts(text: str, groups: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The stretches of `text` to take out so that each group reads as it showed: all of an ESCAPE's (and one of
    the two spaces around it, when the file has a space on each side, as `safe.clean` takes it out), all of a
    CONTROL's and one of the file's spaces when it has one on each side ("x BEL y" reads "x y"), all of one's beside
    white space, a line's or the text's edge, or before punctuation, else all but one space."""
    cuts: list[tuple[int, int]] = []
    for a, b, kind in groups:
        left = text[a - 1] if a > 0 else ""
        right = text[b] if b < len(text) else ""
        if kind == ESCAPE or left == right == " ":
            cuts.append((a, b + 1 if left == right == " " else b))
        elif not left or not right or left.isspace() or right.isspace() or right in _BEFORE_NOTHING:
            cuts.append((a, b))
        elif b - a > 1:
            cuts.append((a + 1, b))
    return cuts


def _same(place: int) -> int:
    """A place in a text that closes no gap: where it was."""
    return place


_BEFORE_NOTHING = frozenset(",.;:!?)]}”’")
"""What a gap before it closes up to: closing punctuation."""
