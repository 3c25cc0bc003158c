"""A PDF table's rows as lines of text (see askdocs.ingest.table_rows): a PDF marks no header row, so a first row
names the columns only when it is set apart from the rows below it (another font or a larger size, a rule under it
that the next row has not) or stands apart by type (names over columns of values or of sentences); a cell starting
with a bullet names no column, and a grid of bulleted cells is lists side by side, no table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

BULLET = re.compile(r"^\s*(?:\(cid:\d+\)|[-*+•‣◦▪●○■□–—·]|\(?\d{1,2}[.)]|\(?[a-z][.)])(?:\s|$)")
"""A list item's marker at the start of a cell ("• Walking boots", "- Socks", "2. Pay", "b) Sign"; a glyph pdfminer
finds no letter for, "(cid:127)", is most often a bullet)."""
_ALIGN = 3.0
"""How far (points) left of a column's left edge a character may start and still be that column's."""
_SIZE_APART = 1.05
"""How much larger than the rows below a header row may be set to stand apart by size."""


def lists(rows: Sequence[Sequence[Any]]) -> bool:
    """Whether a grid's cells (text boxes, None for an empty one) below its first row all start with a list's
    marker: lists set side by side, read as they are rather than as a table's rows."""
    cells = [cell for cells in rows[1:] for cell in cells if cell is not None]
    return bool(cells) and all(BULLET.match(cell.get_text()) for cell in cells)


def chars(element: Any) -> list[Any]:
    """The characters of a text box or of a line."""
    from pdfminer.layout import LTChar

    out = []
    for item in element:
        if isinstance(item, LTChar):
            out.append(item)
        elif not isinstance(item, str) and hasattr(item, "__iter__"):
            out += [c for c in item if isinstance(c, LTChar)]
    return out


def header_cue(rows: Sequence[Sequence[Any]], rules: Sequence[tuple[float, float, float]]) -> bool:
    """Whether the first row of a grid (text boxes, None for an empty cell) is set apart from the rows below it as
    a header is: in another font (bold) or larger, or with a rule under it where the next row has none."""
    if len(rows) < 2:
        return False
    head = [c for cell in rows[0] if cell is not None for c in chars(cell)]
    below = [c for cells in rows[1:] for cell in cells if cell is not None for c in chars(cell)]
    if not head or not below:
        return False
    fonts = Counter(c.fontname for c in below)
    head_fonts = Counter(c.fontname for c in head)
    if head_fonts.most_common(1)[0][0] != fonts.most_common(1)[0][0]:
        return True
    if sum(c.size for c in head) / len(head) > _SIZE_APART * sum(c.size for c in below) / len(below):
        return True
    return _ruled_under(rows, 0, rules) and not _ruled_under(rows, 1, rules)


def _ruled_under(rows: Sequence[Sequence[Any]], n: int, rules: Sequence[tuple[float, float, float]]) -> bool:
    """Whether a rule runs under row `n` of a grid, above the next row (or within a line of its foot, for the last)
    and across most of the table."""
    cells = [cell for cell in rows[n] if cell is not None]
    every = [cell for cells in rows for cell in cells if cell is not None]
    left, right = min(c.x0 for c in every), max(c.x1 for c in every)
    foot = min(c.y0 for c in cells)
    line = max((c.y1 - c.y0) / max(1, len(list(c))) for c in cells)
    below = [cell for cell in rows[n + 1] if cell is not None] if n + 1 < len(rows) else []
    floor = max(c.y1 for c in below) if below else foot - line
    return any(
        floor - 1 <= y <= foot + 1 and min(x1, right) - max(x0, left) >= 0.5 * (right - left) for x0, x1, y in rules
    )


def row_texts(rows: list[list[str]], cue: bool = False) -> list[tuple[str, bool]]:
    """The rows of a table (its cells' texts, "" for an empty one) as lines of text (see table_rows.row_lines), each
    with whether it is a label line: under a first row that names the columns (by the CSV reader's rule, each name a
    few words, and either set apart from the rows below, `cue`, or standing apart by type), each cell after its
    column's name; a table of two columns of distinct labels beside values as keys and values; a form's labels
    ending in a colon each before its value ("Applicant: Margaret Thornbury"), not a first column of names (one
    list set in two columns); else bare cells, the first row too citable (a PDF marks no header row: a first row
    that does not read as names is most often data)."""
    from askdocs.ingest.csv_table import LABEL_MAX_WORDS, header_at
    from askdocs.ingest.table_rows import keys_and_values, row_lines
    from askdocs.text.normalize import CELL_SEPARATOR, cell_text

    rows = [_marked([cell_text(cell) for cell in cells]) for cells in rows]
    if all(next((c for c in cells if c), "").endswith(":") for cells in rows):  # a form's labels beside values
        return [(_form_line(cells, CELL_SEPARATOR), False) for cells in rows]
    found = header_at(rows, facts=True)
    if found is not None and (
        any(len(cell.split()) > LABEL_MAX_WORDS or BULLET.match(cell) for cell in rows[found])
        or not ((cue and found == 0) or _apart(rows[found], rows[found + 1 :]))
    ):
        found = None
    keys = found is None and keys_and_values(rows) and not _alike(rows)
    lines = row_lines(rows, found, keys, bare_label=False)
    if found is not None:  # a total's label in a column of amounts, under empty cells: "Subtotal: £1,754.50"
        for n in range(found + 1, len(rows)):
            total = _total(rows, found, n)
            if total is not None:
                lines[n] = (total, False)
    return lines


def _marked(cells: list[str]) -> list[str]:
    """A row's cells with a cell that is a list's marker alone ("•", "2.") joined to the cell after it."""
    cells = list(cells)
    for k in range(len(cells) - 1):
        if cells[k] and cells[k + 1] and BULLET.fullmatch(cells[k] + " "):
            cells[k], cells[k + 1] = "", f"{cells[k]} {cells[k + 1]}"
    return cells


def _form_line(cells: Sequence[str], separator: str) -> str:
    """A form's row as a line: each label ending in a colon followed by its value, the pairs apart ("Name: Jane
    Smith | Time: 10:00", two forms side by side)."""
    out = ""
    for cell in (c for c in cells if c):
        out += (" " if out.endswith(":") else separator if out else "") + cell
    return out


def _total(rows: Sequence[Sequence[str]], header: int, n: int) -> str | None:
    """Row `n` as "Label: value" when it opens, after empty cells, on a label in a column of values with only values
    after it (an invoice's "Subtotal" under "Unit price", beside its amount); else None."""
    from askdocs.ingest.csv_table import is_label, is_value
    from askdocs.text.normalize import CELL_SEPARATOR

    cells = rows[n]
    k = next((i for i, cell in enumerate(cells) if cell), None)
    if not k or not is_label(cells[k]) or not all(is_value(cell) for cell in cells[k + 1 :] if cell):
        return None
    if not any(cells[k + 1 :]):
        return None
    column = [row[k] for row in rows[header + 1 :] if row[0] and k < len(row) and row[k]]  # the items' rows
    if not column or 2 * sum(map(is_value, column)) <= len(column):
        return None
    return f"{cells[k]}: {CELL_SEPARATOR.join(cell for cell in cells[k + 1 :] if cell)}"


def _apart(head: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """Whether a row of names stands apart by type from the rows below it: words or a year over a column of values
    (see csv_table._typed_apart), or a name over a column of sentences or cells longer than any name is."""
    from askdocs.ingest.csv_table import _YEAR, LABEL_MAX_WORDS, _numbers, _typed_apart, is_value

    if _typed_apart(head, [list(cells) for cells in below]):
        return True
    for k, name in enumerate(head):  # a year over amounts ("2024" over "£310,000"), words over measures
        column = [cells[k] for cells in below if k < len(cells) and cells[k]]
        if _YEAR.fullmatch(name) and _numbers(column) and not any(_YEAR.fullmatch(cell) for cell in column):
            return True
        if name and not is_value(name) and column and all(map(is_value, column)):
            return True
        if name and len(column) >= 2 and all(len(cell.split()) > LABEL_MAX_WORDS for cell in column):
            return True  # a name over cells of sentences ("Mitigation" over what to do)
    return False


def _alike(rows: Sequence[Sequence[str]]) -> bool:
    """Whether the first column of a two-column table is half or more people's or places' names ("Anna Hocking",
    "Harbour Master"): one list set in two columns, or two signature blocks side by side, not keys beside values."""
    from askdocs.ingest.csv_table import _proper_name

    keys = [cells[0] for cells in rows if cells[0]]
    return 2 * sum(map(_proper_name, keys)) >= len(keys)


@dataclass
class Piece:
    """Part of a one-line cell that pdfminer ran on into the empty cell beside it: its characters and edges, read
    as a text box is."""

    chars: list[Any]
    x0: float
    y0: float
    x1: float
    y1: float

    def get_text(self) -> str:
        return "".join(c.get_text() for c in self.chars).strip() + "\n"

    def __iter__(self) -> Iterator[Any]:
        return iter(self.chars)


def split_run_together(grid: list[list[Any]]) -> list[list[Any]]:
    """`grid` (text boxes, None for an empty cell) with each one-line cell that reaches over an empty cell's column
    to its right ("1240 m 310 m" under "Altitude", beside an empty cell under "Ice thickness") split at the space
    before that column's left edge, so each part reads under its own column's name."""
    width = max(map(len, grid))
    lefts = [min((row[k].x0 for row in grid if row[k] is not None), default=None) for k in range(width)]
    out = [list(row) for row in grid]
    for row in out:
        for k in range(width - 1):
            cell = row[k]
            if cell is None or len(_text_lines(cell)) != 1:
                continue
            for j in range(k + 1, width):
                left = lefts[j]
                if row[j] is not None or left is None or cell.x1 <= left + _ALIGN:
                    continue
                found = _split(chars(row[k]), left)
                if found is not None:
                    row[k], row[j] = found
    return out


def _text_lines(cell: Any) -> list[Any]:
    """The lines of a text box holding text, or the cell itself when it is a line or a piece of one."""
    from pdfminer.layout import LTTextBox

    return [line for line in cell if line.get_text().strip()] if isinstance(cell, LTTextBox) else [cell]


def _split(letters: list[Any], left: float) -> tuple[Piece, Piece] | None:
    """`letters` cut before the first character at or right of `left` (less a little), where a space or a white gap
    (pdfminer keeps no character for one) stands, both parts holding text; else None."""
    first = next((n for n, c in enumerate(letters) if c.x0 >= left - _ALIGN), None)
    if first is None or first == 0:
        return None
    before, after = letters[first - 1], letters[first]
    spaced = not before.get_text().strip()
    if not spaced and after.x0 - before.x1 < 0.2 * after.size:  # a word's letters, no white gap between cells
        return None
    head, tail = letters[: first - 1] if spaced else letters[:first], letters[first:]
    if not "".join(c.get_text() for c in head).strip() or not "".join(c.get_text() for c in tail).strip():
        return None
    return _piece(head), _piece(tail)


def _piece(letters: list[Any]) -> Piece:
    return Piece(
        letters,
        min(c.x0 for c in letters),
        min(c.y0 for c in letters),
        max(c.x1 for c in letters),
        max(c.y1 for c in letters),
    )
