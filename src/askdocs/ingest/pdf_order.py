"""Reading order of a page set in columns: pdfminer.six orders text boxes by how near they are, which on a page with
a title across it above two columns can put the top of the right column before the left one. A page where columns
are found reads its blocks across the page from the top, and each run of columns left column first, top to bottom
(a recursive cut of the page along its white gaps); any other page keeps pdfminer's order. The element that opens
each column after the first of a run is marked when its top is level with the top of the column left of it: only
there may a sentence go on across a column break (a pull quote set lower down beside a column opens none, nor does a
table's cell, nor a column of a run cut short by a pull quote or a figure across the gutter)."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Any

_GUTTER = 3.0
"""The narrowest white gap (points) between two columns."""
_COLUMN_SHARE = 0.25
"""The least share of a region's width each side of a gutter must take to be a column: a man page's headings, set
out left of its indented text, or a margin note make no column."""
_COLUMN_WIDTH, _COLUMN_LINES = 0.2, 2
"""Each column holds a block of text this share of the page's width or wider, of this many printed lines or more:
a table's columns are narrower, a page header's or a label's single line beside the text makes no column."""
_ROW_LEVEL = 0.25
"""How far apart (a share of a line) the tops of a table row's cells may be: columns' paragraphs are further."""
_HEADING_SCALE = 1.15
"""How much larger than a paragraph's text a heading is set (as in pdf.py)."""
_SENTENCE_END = re.compile(r"\w[.!?]['\"’”)\]]*(?:\s|$)")


@dataclass(frozen=True)
class _Item:
    """A text box's place: its index in pdfminer's order, its edges and how many lines it has."""

    index: int
    x0: float
    y0: float
    x1: float
    y1: float
    lines: int
    prose: bool = False
    """A paragraph of two lines or more holding a sentence's end: a column's, not a table's cell or a label."""
    size: float = 0.0
    """The mean size of its characters: a heading is set larger than the paragraphs under it."""


Bands = list[list[_Item]]
"""Items in bands across the page, top first."""


def reading_order(elements: list[Any], width: float) -> list[Any]:
    """`elements` (pdfminer text boxes of one page `width` points wide) in reading order: the order they came in
    unless the page is set in columns (see the module's docstring)."""
    return [element for element, _ in column_order(elements, width)]


def column_order(
    elements: list[Any], width: float, rules: list[tuple[float, float, float]] | None = None
) -> list[tuple[Any, bool]]:
    """`elements` in reading order (see reading_order), each with whether it opens a column right of a gutter of a
    run of columns found on the page, the place a sentence cut by a column break goes on; none does on a page that
    keeps pdfminer's order (a pull quote or a side box beside the text opens no column there). `rules` are the
    page's horizontal lines (left end, right end, height): a table's rules let its cells be centred in their rows."""
    items = [_Item(i, e.x0, e.y0, e.x1, e.y1, _line_count(e), _prose(e), _size(e)) for i, e in enumerate(elements)]
    page = _Page(width * _COLUMN_WIDTH, rules or [])
    if sum(page.text([item]) for item in items) < 2:  # no two blocks of text to stand side by side: no columns
        return [(element, False) for element in elements]
    ordered = page.order(items)
    if not page.columns:
        return [(element, False) for element in elements]
    return [(elements[item.index], item.index in page.opening) for item in ordered]


def _prose(element: Any) -> bool:
    """Whether a text box is a paragraph of prose (see _Item.prose)."""
    text = element.get_text() if hasattr(element, "get_text") else ""
    return _line_count(element) >= 2 and bool(_SENTENCE_END.search(text))


def _size(element: Any) -> float:
    """The mean size of a text box's characters (0 for a table found on the page)."""
    from askdocs.ingest.pdf_table_rows import chars

    letters = chars(element) if hasattr(element, "get_text") else []
    return sum(c.size for c in letters) / len(letters) if letters else 0.0


def _line_count(element: Any) -> int:
    try:
        return max(1, len(list(element)))
    except TypeError:
        return 1


class _Page:
    """The ordering of one page's items, whether columns were found on it and which items open a column right of a
    gutter."""

    def __init__(self, narrowest: float, rules: list[tuple[float, float, float]]) -> None:
        self.narrowest = narrowest
        self.rules = rules
        self.columns = False
        self.opening: set[int] = set()
        self.rows: set[int] = set()
        """The items of bands read as a table's or a form's rows: no cell of a row opens a column."""

    def order(self, items: list[_Item]) -> list[_Item]:
        """`items` in reading order: in bands across the page cut at its white gaps, top first, the bands that
        make a run of columns kept together and split at the gutter, the left column first, each ordered in turn;
        else as they came."""
        if len(items) < 2:
            return items
        bands = _bands(items)
        blocks = [sum(self.text([item]) for item in band) for band in bands]
        # no run of columns starts from a band without two blocks of text at or below it
        below = list(itertools.accumulate(reversed(blocks)))[::-1]
        out: list[_Item] = []
        start = 0
        while start < len(bands):
            end = self.run(bands, start) if len(bands) > 1 and below[start] >= 2 else start
            group = [item for band in bands[start : end + 1] for item in band]
            split = self.split(group) if len(group) > 1 else None
            if split is not None:
                self.columns = True
                left, right = self.order(split[0]), self.order(split[1])
                if left and right and self.opens(group, split, bands[:start], bands[end + 1 :]):
                    self.opening.add(right[0].index)
                out += left + right
            else:
                out += sorted(group, key=lambda item: item.index)
            start = end + 1
        return out

    def run(self, bands: list[list[_Item]], start: int) -> int:
        """The last band of the longest run of bands from `start` set in columns (`start` when none is): the bands
        down to the last that keeps a white gap between all their items, when they split at a gutter (found once
        for the run: trying each band in turn took seconds on a page of 400 rows). A band across the gutter with no
        block of text in it (a table's row, a footer's two ends) ends the run, and a run starts with its left
        column (a centred title above three columns is not the top of the middle one)."""
        end = _last_gapped(bands, start)
        if end == start:
            return start
        split = self.split([item for band in bands[start : end + 1] for item in band])
        if split is None:
            return start
        sides = ({item.index for item in split[0]}, {item.index for item in split[1]})
        rows = (j for j in range(start + 1, end + 1) if self.row(bands[j], bands[j + 1] if j < end else None, sides))
        trimmed = next((j - 1 for j in rows), end)
        if trimmed < end:
            end, split = trimmed, self.split([item for band in bands[start : trimmed + 1] for item in band])
        if end == start or split is None or not set(bands[start]) & set(split[0]):
            return start  # a title over the columns, inside the second one's width: columns start at the left
        above = bands[start - 1] if start else None
        if above is not None and all(item.index in self.rows for item in above):
            above = []  # the rows of a table read row by row just above go on
        if _rows(bands[start : end + 1], split, self.ruled(bands[start : end + 1], split), above):
            self.rows.update(item.index for band in bands[start : end + 1] for item in band)
            return start  # a table's or a form's rows, each a label and its value: read row by row
        return end

    def opens(self, group: list[_Item], split: tuple[list[_Item], list[_Item]], above: Bands, below: Bands) -> bool:
        """Whether the right side of `group`, split at a gutter, opens a column a sentence cut at the foot of the
        left side may go on in: the sides' tops are level, they are no table's row, and the run is neither ended by
        a box across the gutter (a pull quote, a figure's caption) with the left column going on below it, nor
        starts under one with the right column above it: the sentence may as well go on there (when in doubt, a
        sentence is left cut rather than run on into another)."""
        if not _level(split[0], split[1]) or any(item.index in self.rows for item in group):
            return False
        reach, right = max(item.x1 for item in split[0]), min(item.x0 for item in split[1])
        left_edge = min(item.x0 for item in split[0])
        right_edge = max(item.x1 for item in split[1])

        def across(band: list[_Item]) -> bool:
            return any(item.x0 < right and item.x1 > reach for item in band)

        went_on = below and any(
            item.x1 <= right and left_edge < item.x1 and item.x0 < reach for b in below[1:] for item in b
        )
        if went_on and across(below[0]):
            return False  # the left column goes on below the box that ends the run
        came = above and any(
            item.x0 >= reach and item.x0 < right_edge and item.x1 > right for b in above[:-1] for item in b
        )
        return not (came and across(above[-1]))  # the right column began above the box that starts the run

    def ruled(self, bands: list[list[_Item]], split: tuple[list[_Item], list[_Item]]) -> bool:
        """Whether a horizontal rule crosses the gutter of `split` between the top and the foot of `bands`: a
        table's rules."""
        reach, right = max(item.x1 for item in split[0]), min(item.x0 for item in split[1])
        top = max(item.y1 for item in bands[0])
        foot = min(item.y0 for item in bands[-1])
        return any(x0 < reach and x1 > right and foot - 2 <= y <= top + 2 for x0, x1, y in self.rules)

    def row(self, band: list[_Item], below: list[_Item] | None, sides: tuple[set[int], set[int]]) -> bool:
        """Whether `band` lies across the gutter between `sides` (the indexes of the items left and right of it)
        without a block of text on either side: a row of a table's cells rather than the foot of two columns. One
        item each side above a block of text each side in the band `below` it is no row: a heading atop each
        column, level."""
        counts = [sum(item.index in side for item in band) for side in sides]
        if not all(counts) or self.text(band):
            return False
        if counts == [1, 1] and below is not None:
            return not all(self.text([item for item in below if item.index in side]) for side in sides)
        return True

    def split(self, items: list[_Item]) -> tuple[list[_Item], list[_Item]] | None:
        """`items` as the left and right of the leftmost gutter no item crosses, when both sides are columns: each
        a good share of the items' width holding a block of text; else None."""
        left_edge = min(item.x0 for item in items)
        width = max(item.x1 for item in items) - left_edge
        if width <= 0:
            return None
        reach = None
        for item in sorted(items, key=lambda item: item.x0):
            if reach is not None and item.x0 - reach >= _GUTTER:
                middle = (reach + item.x0) / 2
                if min(middle - left_edge, left_edge + width - middle) >= _COLUMN_SHARE * width:
                    left = [i for i in items if i.x1 <= reach]
                    right = [i for i in items if i.x0 >= item.x0]
                    if self.text(left) and self.text(right):
                        return left, right
            reach = item.x1 if reach is None else max(reach, item.x1)
        return None

    def text(self, items: list[_Item]) -> bool:
        """Whether `items` hold a block of text as a column does: some lines, a good share of the page wide (a
        table's cells, a running header or a page number are not)."""
        return any(i.lines >= _COLUMN_LINES and i.x1 - i.x0 >= self.narrowest for i in items)


def _rows(
    bands: list[list[_Item]],
    split: tuple[list[_Item], list[_Item]],
    ruled: bool = False,
    above: list[_Item] | None = None,
) -> bool:
    """Whether `bands` split at a gutter are rows rather than columns: two or more bands hold items each side of it
    whose tops are all level (a label and its value, the cells of a table row), and no band across it holds items
    whose tops are not (two columns whose paragraph gaps line up, a caption in one of them shifting the other's),
    nor a paragraph of prose each side (two columns whose headings and paragraphs start level), unless between
    rules or under a header row, among `bands` or the band `above` them, or right under a table's rows (`above`
    empty): a table's cells of sentences, a question beside its answer.
    Between a table's rules (`ruled`), cells whose centres or bottoms are level are a row too (cells centred in
    their rows, or set at their foot)."""
    left, right = {item.index for item in split[0]}, {item.index for item in split[1]}
    veto = not ruled and above != [] and not _header_row(bands, split, above)
    rows = 0
    for band in bands:
        if any(item.index in left for item in band) and any(item.index in right for item in band):
            if veto and all(any(item.prose and item.index in side for item in band) for side in (left, right)):
                return False
            if not _row_level(band, ruled):
                return False
            rows += 1
    return rows >= 2


def _header_row(bands: list[list[_Item]], split: tuple[list[_Item], list[_Item]], above: list[_Item] | None) -> bool:
    """Whether the first band across the gutter of `split`, among `bands` or the band `above` them, is a table's
    header row: single lines each side, no sentences, set no larger than the paragraphs of prose among `bands` (a
    newsletter's headings atop its columns are larger); or a table found on the page (no text box, of no size)
    spans the gutter right above them."""
    body = max((item.size for band in bands for item in band if item.prose and item.size), default=0.0)
    reach, right = max(item.x1 for item in split[0]), min(item.x0 for item in split[1])

    def across(band: list[_Item]) -> bool:
        sides = [any(i.x1 <= right for i in band), any(i.x0 >= reach for i in band)]
        return all(sides) and not any(i.x0 < reach and i.x1 > right for i in band)

    if above and any(i.size == 0 and i.x0 < reach and i.x1 > right for i in above):
        return True  # a table found on the page across the gutter right above: its rows go on here
    first = next((band for band in ([above] if above else []) + bands if across(band)), None)
    if first is None or not body:
        return False
    return all(i.lines == 1 and not i.prose and 0 < i.size < _HEADING_SCALE * body for i in first)


def _row_level(band: list[_Item], ruled: bool = False) -> bool:
    """Whether the tops of `band`'s items are level as a table row's cells are, within a quarter of a line (or,
    `ruled`, their centres or their bottoms)."""
    near = _ROW_LEVEL * min(_line_height(item) for item in band)
    edges = [[item.y1 for item in band]]
    if ruled:
        edges += [[(item.y0 + item.y1) / 2 for item in band], [item.y0 for item in band]]
    return any(max(ys) - min(ys) <= near for ys in edges)


def _level(left: list[_Item], right: list[_Item]) -> bool:
    """Whether the tops of `left` and `right` are level, within a line of the taller lines at either top: two
    columns start together, a pull quote set lower down beside a column opens none."""
    top_left = max(left, key=lambda item: item.y1)
    top_right = max(right, key=lambda item: item.y1)
    return abs(top_left.y1 - top_right.y1) <= max(_line_height(top_left), _line_height(top_right))


def _line_height(item: _Item) -> float:
    return (item.y1 - item.y0) / item.lines


def _last_gapped(bands: list[list[_Item]], start: int) -> int:
    """The last band from `start` down to which some white gap as wide as a gutter runs between all the bands'
    items: their spans across the page, merged band by band, stay apart."""
    starts: list[float] = []
    ends: list[float] = []
    end = start
    for j in range(start, len(bands)):
        for item in bands[j]:
            lo = bisect.bisect_right(ends, item.x0 - _GUTTER)  # the spans less than a gutter from the item's
            hi = bisect.bisect_left(starts, item.x1 + _GUTTER)
            x0 = min(item.x0, starts[lo]) if lo < hi else item.x0
            x1 = max(item.x1, ends[hi - 1]) if lo < hi else item.x1
            starts[lo:hi], ends[lo:hi] = [x0], [x1]
        if len(starts) < 2:
            break
        end = j
    return end


def _bands(items: list[_Item]) -> list[list[_Item]]:
    """`items` in bands across the page, top first, cut where no item spans the white gap between them."""
    bands: list[list[_Item]] = []
    floor = 0.0
    for item in sorted(items, key=lambda item: -item.y1):
        if bands and item.y1 >= floor:
            bands[-1].append(item)
            floor = min(floor, item.y0)
        else:
            bands.append([item])
            floor = item.y0
    return bands
