"""Tables on a PDF page: text boxes set in a grid (two rows or more of two cells or more, each row's cells with their
tops level, each cell lined up with its column's left edge, right edge or centre) are read as rows, one line a row
with its cells joined as a Word table's are (askdocs.ingest.table_rows), rather than one paragraph a cell. Two
columns of prose whose paragraphs happen to start level are no table (a row of two paragraphs, each of two lines or
more holding a sentence's end, ends a grid); a form's labels ending in a colon beside their values read each label
before its value, as a line typed "Applicant: Margaret Thornbury" does."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from askdocs.ingest.pdf_table_rows import chars, header_cue, lists, split_run_together

_ROW_LEVEL = 0.25
"""How far apart (a share of a line) the tops of a row's cells may be."""
_ALIGN = 3.0
"""How far (points) a cell's left edge, right edge or centre may be from its column's."""
_ROW_GAP = 2.5
"""How far (in lines) a row may be below the one above it: further down, it is another table or none."""
_SIZES = 1.1
"""How much larger than another cell of its row a cell may be set."""
_HEADING_SCALE = 1.15
"""A row whose cells are all set this much larger than the page's text is two columns' headings (as in pdf.py)."""
_SENTENCE_END = re.compile(r"\w[.!?]['\"’”)\]]*(?:\s|$)")


@dataclass
class _Cell:
    """One text box of the page (or one line of a box that is a tightly set table's column): its edges, its line
    height and its text."""

    element: Any
    source: Any
    """The page's text box it is, or is a line of."""
    parts: int
    x0: float
    y0: float
    x1: float
    y1: float
    height: float
    text: str
    prose: bool
    size: float
    """The mean size of its characters: a row's cells are set in one size (a heading beside a paragraph is none)."""


@dataclass
class TableBlock:
    """A table found on a page, standing in for its cells in the page's reading order: its edges, and its rows, each
    the text boxes of its cells left to right (None for an empty one)."""

    x0: float
    y0: float
    x1: float
    y1: float
    rows: list[list[Any]] = field(default_factory=list)
    named: bool = False
    """Its first row is set apart from the rows below as a header is (see pdf_table_rows.header_cue)."""

    def __iter__(self) -> Iterator[list[Any]]:
        return iter(self.rows)  # a block of as many lines as rows, to the page's reading order

    def __len__(self) -> int:
        return len(self.rows)


def with_tables(elements: list[Any], rules: list[tuple[float, float, float]] | None = None) -> list[Any]:
    """`elements` (a page's pdfminer text boxes) with the cells of each table found among them replaced by one
    TableBlock, where its first cell was. `rules` are the page's horizontal lines (left end, right end, height):
    between a table's rules, cells whose tops are not level (centred in their rows, or set at their foot) are a row
    too."""
    cells = _split_columns([cell for cell in map(_cell, elements) if cell is not None])
    tables = _tables(cells, rules or [])
    if not tables:
        return elements
    place = {id(element): n for n, element in enumerate(elements)}
    first: dict[int, TableBlock] = {}
    taken: set[int] = set()
    for rows, columns in (part for table in tables for part in _parts(*table, rules or [])):
        members = [cell for row in rows for cell in row]
        grid = _grid(rows, columns)
        shares = Counter(id(cell.source) for cell in members)
        if grid is None or any(shares[id(cell.source)] != cell.parts for cell in members) or lists(grid):
            continue  # a box split in lines goes whole into one table, or stays as it is; lists stay lists
        grid = split_run_together(grid)
        block = TableBlock(
            min(c.x0 for c in members),
            min(c.y0 for c in members),
            max(c.x1 for c in members),
            max(c.y1 for c in members),
            grid,
            header_cue(grid, rules or []),
        )
        first[id(min(members, key=lambda c: place[id(c.source)]).source)] = block
        taken.update(id(c.source) for c in members)
    out: list[Any] = []
    for element in elements:
        if id(element) in first:
            out.append(first[id(element)])
        elif id(element) not in taken:
            out.append(element)
    return out


def _grid(rows: list[list[_Cell]], columns: list[_Cell]) -> list[list[Any]] | None:
    """The text boxes of `rows` each under its column (None where a row has no cell), or None when two cells of a
    row would fall under one column (no grid: nothing is read as a table rather than a cell lost)."""
    grid: list[list[Any]] = [[None] * len(columns) for _ in rows]
    for r, row in enumerate(rows):
        for cell in row:
            k = _column(cell, columns)
            if grid[r][k] is not None:
                return None
            grid[r][k] = cell.element
    return grid


def _cell(element: Any) -> _Cell | None:
    from pdfminer.layout import LTTextBoxHorizontal

    if not isinstance(element, LTTextBoxHorizontal):
        return None
    return _made(element, element, 1, max(1, len(list(element))))


def _made(element: Any, source: Any, parts: int, lines: int) -> _Cell | None:
    """A cell of `element` (a text box or a line of one, `source`, split in `parts`), of so many `lines`."""
    text = " ".join(element.get_text().split())
    if not text:
        return None
    height = (element.y1 - element.y0) / lines
    prose = lines >= 2 and bool(_SENTENCE_END.search(text))
    sizes = [c.size for c in chars(element)]
    size = sum(sizes) / len(sizes) if sizes else 0.0
    return _Cell(element, source, parts, element.x0, element.y0, element.x1, element.y1, height, text, prose, size)


def _split_columns(cells: list[_Cell]) -> list[_Cell]:
    """`cells` with the boxes that are a tightly set table's columns (pdfminer puts lines set close together in one
    box) split into a cell a line: two boxes or more side by side, their tops level, of as many lines each (two or
    more), their lines level line for line, and one of them all numbers, amounts, dates or times below its first
    line (a column of values is no wrapped cell, as a table's wrapped cells beside each other are)."""
    from askdocs.ingest.csv_table import is_value

    out: list[_Cell] = []
    for row in _level_rows(cells, []):
        lines = {id(cell): _lines(cell.element) for cell in row}
        counts = Counter(len(lines[id(cell)]) for cell in row if not cell.prose)
        count, boxes = counts.most_common(1)[0] if counts else (0, 0)
        group = [cell for cell in row if not cell.prose and len(lines[id(cell)]) == count]
        level = count >= 2 and boxes >= 2 and all(_level_lines([lines[id(c)][i] for c in group]) for i in range(count))
        valued = any(all(is_value(line.get_text()) for line in lines[id(c)][1:]) for c in group)
        if not (level and valued):
            out += row
            continue
        split_up = {id(cell) for cell in group}
        for cell in row:
            if id(cell) in split_up:
                split = [_made(line, cell.source, count, 1) for line in lines[id(cell)]]
                out += [part for part in split if part is not None]
            else:
                out.append(cell)
    return out


def _lines(box: Any) -> list[Any]:
    """The lines of a text box that hold some text."""
    return [line for line in box if line.get_text().strip()]


def _level_lines(lines: list[Any]) -> bool:
    """Whether the tops of `lines` are level, as a row's cells are."""
    return max(line.y1 for line in lines) - min(line.y1 for line in lines) <= _ROW_LEVEL * min(
        line.y1 - line.y0 for line in lines
    )


def _level_rows(cells: list[_Cell], rules: list[tuple[float, float, float]]) -> list[list[_Cell]]:
    """`cells` in rows, top first: each row the cells whose tops are level with its first's, or that lie between
    the same two rules as it, left to right."""
    rows: list[list[_Cell]] = []
    between: tuple[float, float] | None = None
    for cell in sorted(cells, key=lambda c: -c.y1):
        ruled = _between(cell, rules)
        if rows and (
            rows[-1][0].y1 - cell.y1 <= _ROW_LEVEL * min(rows[-1][0].height, cell.height)
            or (ruled is not None and ruled == between)
        ):
            rows[-1].append(cell)
        else:
            rows.append([cell])
            between = ruled
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _between(cell: _Cell, rules: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """The heights of the rules right above and right below `cell` that run under its middle, if both are."""
    middle = (cell.x0 + cell.x1) / 2
    under = [y for x0, x1, y in rules if x0 <= middle <= x1]
    above = min((y for y in under if y >= cell.y1 - 1), default=None)
    below = max((y for y in under if y <= cell.y0 + 1), default=None)
    return (above, below) if above is not None and below is not None else None


def _tables(
    cells: list[_Cell], rules: list[tuple[float, float, float]]
) -> list[tuple[list[list[_Cell]], list[_Cell], bool]]:
    """The tables among `cells`: runs of two rows or more, one under the next, of two cells or more each that line
    up in columns; each with its rows, the cells that set its columns and whether its rows are each between rules."""
    sizes: Counter[float] = Counter()
    for cell in cells:
        sizes[round(cell.size, 1)] += len(cell.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    out = []
    run: list[list[_Cell]] = []
    columns: list[_Cell] = []
    ruled: set[int] = set()
    for row in _level_rows(cells, rules):
        if _ruled_row(row, rules):
            ruled.add(id(row))
        is_row = _is_row(row, body, id(row) in ruled)
        if is_row and run and _below(run[-1], row) and _fits(row, columns):
            run.append(row)
            columns = _columns(columns, row)
            continue
        if _table(run, columns, all(id(r) in ruled for r in run)):
            out.append((run, columns, all(id(r) in ruled for r in run)))
        run, columns = ([row], list(row)) if is_row else ([], [])
    if _table(run, columns, all(id(r) in ruled for r in run)):
        out.append((run, columns, all(id(r) in ruled for r in run)))
    return out


def _parts(
    rows: list[list[_Cell]], columns: list[_Cell], ruled: bool, rules: list[tuple[float, float, float]]
) -> list[tuple[list[list[_Cell]], list[_Cell]]]:
    """A table's rows and columns split into the tables set side by side in it, each of two columns or more: cut
    at a gap between columns no rule of the table crosses while rules run each side of it (each table its own
    grid), at a gap far wider than the others (without rules), or where the first row's names come again."""
    if len(columns) < 4:
        return [(rows, columns)]
    index = {id(cell): _column(cell, columns) for row in rows for cell in row}
    spans = []
    for k, column in enumerate(columns):
        under = [cell for row in rows for cell in row if index[id(cell)] == k] or [column]
        spans.append((min(c.x0 for c in under), max(c.x1 for c in under)))
    top, foot = max(c.y1 for row in rows for c in row), min(c.y0 for row in rows for c in row)
    inside = [(x0, x1) for x0, x1, y in rules if foot - 2 <= y <= top + 2]
    gaps = [(max(s[1] for s in spans[:k]), min(s[0] for s in spans[k:])) for k in range(1, len(columns))]
    widths = sorted(b - a for a, b in gaps)
    usual = widths[len(widths) // 2]
    names = [cell.text.casefold() for cell in rows[0]]
    cuts = [0]
    for k, (a, b) in enumerate(gaps, start=1):
        if k - cuts[-1] < 2 or len(columns) - k < 2:
            continue
        if inside:
            cut = not any(x0 < a and x1 > b for x0, x1 in inside) and any(x1 <= b for _, x1 in inside)
            cut = cut and any(x0 >= a for x0, _ in inside)
        else:
            cut = b - a >= 3 * max(usual, 1.0) and b - a > min(b2 - a2 for a2, b2 in gaps) + 12
        period = len(rows[0]) == len(columns) and len(columns) % k == 0 and names == names[:k] * (len(columns) // k)
        if cut or period:
            cuts.append(k)
    if len(cuts) == 1:
        return [(rows, columns)]
    out = []
    for lo, hi in zip(cuts, [*cuts[1:], len(columns)], strict=True):
        part = [[cell for cell in row if lo <= index[id(cell)] < hi] for row in rows]
        part = [row for row in part if row]
        if _table(part, columns[lo:hi], ruled):
            out.append((part, columns[lo:hi]))
    return out


def _ruled_row(row: list[_Cell], rules: list[tuple[float, float, float]]) -> bool:
    """Whether all of `row`'s cells lie between the same two rules: a ruled table's row, whose cells may be
    sentences (a question beside its answer, a risk beside its remedy)."""
    spans = {_between(cell, rules) for cell in row}
    return len(spans) == 1 and None not in spans


def _is_row(row: list[_Cell], body: float, ruled: bool = False) -> bool:
    """Whether `row` may be a table's row: two cells or more side by side, set in one size (not a heading beside a
    paragraph) and not all larger than `body`, the size most of the page's text is set in (two columns' headings,
    level), not two paragraphs of prose unless between the same two rules (`ruled`)."""
    apart = all(a.x1 <= b.x0 for a, b in zip(row, row[1:], strict=False))
    sizes = [cell.size for cell in row]
    sized = max(sizes) <= _SIZES * min(sizes) and min(sizes) < _HEADING_SCALE * body
    return len(row) >= 2 and apart and sized and (ruled or sum(cell.prose for cell in row) < 2)


def _below(above: list[_Cell], row: list[_Cell]) -> bool:
    """Whether `row` is the next row under `above`: below its cells, within a few lines of them."""
    foot = min(c.y0 for c in above)
    top = max(c.y1 for c in row)
    return top <= foot + 1 and foot - top <= _ROW_GAP * max(c.height for c in above + row)


def _aligned(cell: _Cell, column: _Cell) -> bool:
    """Whether `cell` lines up with `column`: their left edges, right edges or centres."""
    return (
        abs(cell.x0 - column.x0) <= _ALIGN
        or abs(cell.x1 - column.x1) <= _ALIGN
        or abs((cell.x0 + cell.x1) - (column.x0 + column.x1)) <= 2 * _ALIGN
    )


def _column(cell: _Cell, columns: list[_Cell]) -> int:
    """The index of the column `cell` lines up with, else the one it overlaps most."""
    for i, column in enumerate(columns):
        if _aligned(cell, column):
            return i
    return max(range(len(columns)), key=lambda i: min(cell.x1, columns[i].x1) - max(cell.x0, columns[i].x0))


def _fits(row: list[_Cell], columns: list[_Cell]) -> bool:
    """Whether each cell of `row` lines up with a column of its own, or stands where no column is (a column whose
    first cells were empty)."""
    used: set[int] = set()
    for cell in row:
        found = next((i for i, column in enumerate(columns) if _aligned(cell, column)), None)
        if found is None:
            if cell.prose or any(min(cell.x1, c.x1) > max(cell.x0, c.x0) for c in columns):
                return False
            continue
        if found in used:
            return False
        used.add(found)
    return len(used) >= 1


def _columns(columns: list[_Cell], row: list[_Cell]) -> list[_Cell]:
    """`columns` with a cell of `row` that stands where no column is added, left to right."""
    new = [cell for cell in row if not any(_aligned(cell, c) for c in columns)]
    return sorted(columns + new, key=lambda c: c.x0)


def _table(rows: list[list[_Cell]], columns: list[_Cell], ruled: bool = False) -> bool:
    """Whether a run of rows makes a table: two rows or more in two columns or more, no more than half its cells
    ending a sentence (short paragraphs of two columns of prose, level by chance, do); of two rows, none of its
    cells a block of more than two lines (two pairs of paragraphs, level by chance). Rows each between rules
    (`ruled`) are a table whatever their cells hold."""
    if ruled:
        return len(rows) >= 2 and len(columns) >= 2
    cells = [cell for row in rows for cell in row]
    sentences = sum(bool(_SENTENCE_END.search(cell.text)) for cell in cells)
    short = len(rows) > 2 or all(cell.y1 - cell.y0 < 2.5 * cell.height for cell in cells)
    return len(rows) >= 2 and len(columns) >= 2 and 2 * sentences <= len(cells) and short
