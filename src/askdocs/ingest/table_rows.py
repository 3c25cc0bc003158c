"""A table's rows as lines of the indexed text, the same for every format that finds tables in a page (Word, PDF):
cells after their columns' names under a header row ("Name: Albatross | Length: 51 m"), keys and values ("Owner:
Jane Smith"), or bare cells ("Size | S | M"), each with whether it is a label line (kept, never cited)."""

from __future__ import annotations

from collections.abc import Sequence

from askdocs.text.normalize import CELL_SEPARATOR


def keys_and_values(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table is keys and values ("Project | Apollo", "Owner | Jane Smith"): two columns, at least two
    rows, the first column's cells all distinct short labels (words, not numbers or sentences)."""
    from askdocs.ingest.csv_table import is_label

    if len(rows) < 2 or any(len(cells) != 2 for cells in rows):
        return False
    keys = [cells[0].strip() for cells in rows]
    return all(map(is_label, keys)) and len({key.casefold() for key in keys}) == len(keys)


def row_lines(
    rows: Sequence[Sequence[str]], header: int | None, keys: bool = False, bare_label: bool = True
) -> list[tuple[str, bool]]:
    """Each row of `rows` (cells as text) as one line and whether it is a label line. With `keys` (see
    keys_and_values) each row reads "Key: value"; under the row `header` names the columns, each cell reads after
    its column's name; else the cells alone. A header row with any row above it are label lines, and so is the
    first row of a bare table, with `bare_label` (a Word table's unmarked first row is most often its names)."""
    from askdocs.ingest.csv_table import column_name

    if keys:
        return [(f"{column_name(key)}: {value}" if value else key, False) for key, value in rows]
    names = [column_name(cell) for cell in rows[header]] if header is not None else []
    out = []
    for n, cells in enumerate(rows):
        named = header is not None and n > header
        parts = [
            f"{names[i]}: {text}" if named and i < len(names) and names[i] else text for i, text in enumerate(cells)
        ]
        label = len(rows) > 1 and (
            (n == 0 and (bare_label or header is not None)) or (header is not None and n <= header)
        )
        out.append((CELL_SEPARATOR.join(part for part, text in zip(parts, cells, strict=True) if text), label))
    return out
