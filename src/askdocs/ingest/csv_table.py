"""CSV and TSV files read as tables: each data row becomes one line of indexed text, its cells named by the
header row ("Country: Japan | Year: 2019 | Life expectancy: 84.4"), so that a row reads alone and is cited at
the line where it starts in the file."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from askdocs.errors import EMPTY, UnreadableDocument
from askdocs.ingest.layout import Layout
from askdocs.ingest.titles import readable
from askdocs.lang.en import EN
from askdocs.text.normalize import CELL_SEPARATOR, HEADING_MAX_WORDS, cell_text

KIND = "CSV"
"""What a skip line calls a .csv or .tsv file: `damaged CSV (...)`."""
HEADER_ONLY = "only a header row"
"""Why a table with column names but no row under them is skipped: nothing in it can answer a question."""
MAX_ROWS = 50_000
"""Data rows read from one file; the rows after them are left out with a warning saying how many (each row is a
sentence, and a row names its columns: a table of this size is already several times its file's words)."""
SAMPLE_CHARS = 64 * 1024
"""Text from the start of a file that the delimiter and the header row are told from."""
SAMPLE_ROWS = 200
"""Rows of that text compared to tell the delimiter and the header row."""
SNIFF_CHARS = 8192
"""Text csv.Sniffer guesses the dialect from: its guess of the quote character takes time that grows faster than
the text (16 s for 64 KB of `,"a` repeated, 0.13 s for 8 KB)."""
PREAMBLE_ROWS = 10
"""How far down a header row may stand below lines of another width ("Data Source, World Development ...")."""
DELIMITERS = (",", ";", "\t", "|")
_VALUE = re.compile(r"[-+−(]?[$€£¥]?\d[\d.,:/ -]*[%)]?")
"""A cell holding a number, an amount, a date or a time: a data row's cell, never a column's name."""
_MEASURE = re.compile(r"[-+−]?\d[\d.,]*\s?(?!(?:st|nd|rd|th)$)([^\W\d_]{1,3})\.?")
"""A number with a short unit ("51 m", "9.5 kg", "40 km/h" not): a value when the cells below it are such too
("Albatross, 51 m" over "Petrel, 38 m"), else a column's name may read so ("1 Mo", "1990s", "24h"); "2nd" is no
measure."""
FACTS_MAX_ROWS = 25
"""The most rows a table of keys and values whose first row is a fact has (a form's fields; a longer list of
names is more likely a table under its columns' names, "Country, Capital City" over the world's countries)."""
LABEL_MAX_WORDS = 5
"""The most words a key of a two-column table of keys and values has ("Date of completion")."""
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.\w+|(?:https?://|www\.)\S+", re.IGNORECASE)
"""An e-mail or web address: a value, never a column's name ("Contact, jane@example.com")."""
_NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
"""A year, which may name a column ("Country, 2019, 2020": a table with a column per year)."""


@dataclass(frozen=True)
class Table:
    """A CSV file as askdocs indexes it: the rows as text, a line map to the file, and its title."""

    text: str
    layout: Layout
    title: str
    warning: str | None = None
    """Set when rows were left out past MAX_ROWS, or a cell runs over more than LONG_CELL_LINES lines."""


LONG_CELL_LINES = 20
"""A quoted cell running over more lines than this is more likely a quote left open, swallowing the rows after it,
than a note of that length: the index run warns."""


def read_table(source: str, path: Path, max_rows: int | None = None) -> Table:
    """The rows of a CSV or TSV file's text as lines of indexed text (the header row, if any, a label line above
    them, never cited), up to `max_rows` (MAX_ROWS); UnreadableDocument for a file without rows, a header alone,
    or one the csv module cannot parse (a field past its size limit)."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    sample = _whole_lines(source, SAMPLE_CHARS)
    dialect = _dialect(sample, path.suffix.lower())
    try:
        first = [cells for _, cells in itertools.islice(_rows(sample, dialect), SAMPLE_ROWS)]
        header = header_at(first)
        out = _Out()
        runaway: tuple[int, int] | None = None  # (file line, lines) of the first cell that runs on and on
        for n, (line, cells) in enumerate(_rows(source, dialect)):
            spans = max((cell.rstrip("\r\n").count("\n") + 1 for cell in cells), default=1)
            if runaway is None and spans > LONG_CELL_LINES:
                runaway = (line, spans)
            if header is not None and n == header:
                out.label(line, [column_name(cell) for cell in cells])
            elif out.rows < max_rows:
                out.row(line, cells)
            else:
                out.left_out += 1
    except csv.Error as exc:
        if "field limit" in str(exc):  # a cell runs on past what the csv module reads
            exc = csv.Error(f"a cell over {csv.field_size_limit():,} characters; a quote left open?")
        raise UnreadableDocument.damaged(path, KIND, exc) from None
    if not out.rows:
        raise UnreadableDocument.skipped(path, HEADER_ONLY if header is not None else EMPTY)
    notes = [f"{out.left_out:,} rows after the first {max_rows:,} left out"] if out.left_out else []
    if runaway is not None:
        notes.append(f"a cell of the row at line {runaway[0]:,} runs over {runaway[1]:,} lines (a quote left open?)")
    return Table(out.text(), out.layout(), readable(path.stem), f"{path}: {'; '.join(notes)}" if notes else None)


def _whole_lines(text: str, chars: int) -> str:
    """The start of `text`, at most `chars` long, cut after a line (not inside the last one) when it is cut."""
    head = text[:chars]
    return head[: head.rindex("\n")] if len(text) > chars and "\n" in head else head


def _rows(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> Iterator[tuple[int, list[str]]]:
    """Each row that holds something, with the file line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield line, cells
        line = reader.line_num + 1


def _dialect(sample: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    """The dialect that parses `sample` into the most rows of one width: csv.Sniffer's guess (when it quotes with
    '"'), else the plain dialect with each of DELIMITERS (a tab first for .tsv, else a comma), checked against each
    other."""
    preferred = "\t" if suffix == ".tsv" else ","
    candidates: list[type[csv.Dialect] | csv.Dialect] = []
    with contextlib.suppress(csv.Error):  # "Could not determine delimiter"
        guess = csv.Sniffer().sniff(_whole_lines(sample, SNIFF_CHARS), delimiters="".join(DELIMITERS))
        if guess.quotechar == '"':  # an apostrophe taken for a quote mark would eat the apostrophes of "it's"
            candidates.append(guess)
    for delimiter in sorted(DELIMITERS, key=lambda d: d != preferred):
        candidates.append(type(f"_{ord(delimiter)}", (csv.excel,), {"delimiter": delimiter}))
    return max(candidates, key=lambda dialect: _fit(sample, dialect))  # the first of the best


def _fit(sample: str, dialect: type[csv.Dialect] | csv.Dialect) -> tuple[int, int]:
    """How well `dialect` reads `sample`: its rows of the most common width (when more than one cell), and that
    width."""
    reader = csv.reader(io.StringIO(sample, newline=""), dialect)
    try:
        widths = Counter(len(cells) for cells in itertools.islice(reader, SAMPLE_ROWS) if cells)
    except csv.Error:
        return (0, 0)
    width, rows = widths.most_common(1)[0] if widths else (0, 0)
    return (rows if width > 1 else 0, width)


def header_at(rows: Sequence[list[str]], marked: bool = False, facts: bool = False) -> int | None:
    """Which of the first rows names the columns, if one does: the first row at least as wide as most rows are
    (narrower rows above it are a preamble: "Data Source, World Development Indicators"), when its cells read as
    names (see `_names`), it is (with `facts`: a Word table, where tables of keys and values are common, unlike
    CSV files, which nearly always open on their columns' names) no fact of a table of keys and values
    (`_fact_first`), and none of its cells comes again in its column below it, as a value would. A row the file
    `marked` as a header, as Word does, is not doubted for a unit its column repeats nor for reading as a fact."""
    if not rows:
        return None
    usual = Counter(map(_width, rows)).most_common(1)[0][0]
    at = next((i for i, cells in enumerate(rows[:PREAMBLE_ROWS]) if _width(cells) >= usual), 0)
    head, below = rows[at], rows[at + 1 :]
    if not _names(head, apart=_typed_apart(head, below), below=below, units=not marked):
        return None
    if facts and not marked and _fact_first(head, below):
        return None
    seen = [{cell.strip().casefold() for cell in column} for column in _columns(below, len(head))]
    return None if any(cell.strip().casefold() in seen[i] for i, cell in enumerate(head) if cell.strip()) else at


def _names(cells: Sequence[str], apart: bool = False, below: Sequence[list[str]] = (), units: bool = True) -> bool:
    """Whether a row's cells read as column names: some words, each cell different, short (unless the row stands
    `apart` by type from the rows below), and none a number (a year excepted), an amount, a date, a time, an
    e-mail or web address, nor a measure over a column of measures (`below`: the rows under it; with none, a
    measure is a value), nor (with `units`) a measure whose unit comes again in its column below ("Bolt, 2 pcs"
    over "Nut, 10 pcs"). A measure over plain numbers may name its column ("Station, 24h", "Nutrient, 100g",
    "Date, 1 Mo", "Country, 1990s")."""
    named = [cell.strip() for cell in cells]
    columns = _columns(below, len(cells))

    def value(i: int, cell: str) -> bool:
        return bool(
            _VALUE.fullmatch(cell)
            or _ADDRESS.fullmatch(cell)
            or _measure_over(cell, columns[i])
            or (units and _unit_recurs(cell, columns[i]))
        )

    return (
        any(named)
        and len({cell.casefold() for cell in named if cell}) == sum(map(bool, named))
        and (apart or all(len(cell.split()) <= HEADING_MAX_WORDS for cell in named))
        and all(not cell or _YEAR.fullmatch(cell) or not value(i, cell) for i, cell in enumerate(named))
        and any(cell and not _YEAR.fullmatch(cell) for cell in named)
    )


def _fact_first(head: Sequence[str], below: Sequence[list[str]]) -> bool:
    """Whether a first row of two cells is the first fact of a short table of keys and values, not its columns'
    names: each row's first cell a distinct capitalised label ("Owner", "Review date") and the first row's second cell
    a value no column is named by, a proper name ("Jane Smith", "Acme Ltd") or a date in words ("June 2026"), while
    few cells of the first column below are proper names ("Name, Job Title" over "Ann Lee, Head Coach" names its
    columns) and no word stands over a column of numbers ("Item, Cost" over "Tickets, 310")."""
    rows = [list(head), *below]
    if any(_width(cells) > 2 for cells in rows) or _width(head) != 2 or _typed_apart(head, below):
        return False
    keys = [cells[0].strip() for cells in rows if cells and cells[0].strip()]
    if not 2 <= len(keys) <= FACTS_MAX_ROWS or len({key.casefold() for key in keys}) < len(keys):
        return False
    if not all(is_label(key) and key[:1].isupper() and any(c.islower() for c in key) for key in keys):
        return False  # "FR", "alee", "A1" are codes down a column named "Code", not labels
    value, values = head[1].strip(), [cells[1].strip() for cells in below if len(cells) > 1 and cells[1].strip()]
    if len(values) > 1 and all(map(_date, values)):  # "Due Date" over "June 2026", "July 2026"
        return False
    return (_proper_name(value) or _worded_date(value)) and 2 * sum(map(_proper_name, keys[1:])) < len(keys) - 1


def _proper_name(cell: str) -> bool:
    """Whether a cell is a name of two to four capitalised words ("Priya Raman", "Dr A. Jones", "Ludwig van
    Beethoven", "Acme Ltd"): a person, a body or a place, no column's name unless a header is written in Title Case
    ("Job Title": see `_fact_first`)."""
    words = cell.split()
    capitalised = [w for w in words if w[:1].isupper() and (w[1:].replace("-", "").replace("'", "").islower())]
    initials = [w for w in words if len(w) == 2 and w[0].isupper() and w[1] == "."]
    joined = [w for w in words if w in EN.name_connectors]
    return (
        2 <= len(words) <= 4
        and len(capitalised) >= 1 + (not initials)
        and len(capitalised + initials + joined) == len(words)
    )


def _date(cell: str) -> bool:
    """Whether a cell is a date, in words or in figures ("June 2026", "2026-06-01", "01/06/2026")."""
    return _worded_date(cell) or bool(_NUMERIC_DATE.fullmatch(cell))


def _worded_date(cell: str) -> bool:
    """Whether a cell is a date with its month in words ("June 2026", "May 3, 2025", "3rd March 2024")."""
    words = re.findall(r"[^\W\d_]+|\d+", cell.casefold())
    months = [w for w in words if w in EN.month_or_day and w not in EN.weekdays]
    return len(words) <= 4 and len(months) == 1 and any(w.isdigit() for w in words)


def _numbers(column: Sequence[str]) -> bool:
    """Whether the cells of a column that hold something are (nearly all) numbers, amounts or dates."""
    values = [cell.strip() for cell in column if cell.strip()]
    return bool(values) and sum(bool(_VALUE.fullmatch(v)) for v in values) >= 0.9 * len(values)


def _unit(cell: str) -> str | None:
    """The unit of a measure ("pcs" of "2 pcs", "kg" of "9.5 kg"), None for a cell that is no measure."""
    found = _MEASURE.fullmatch(cell.strip())
    return found.group(1).casefold() if found else None


def _unit_recurs(cell: str, column: Sequence[str]) -> bool:
    """Whether `cell` is a measure whose unit a cell below it has too, as values of one column share a unit
    ("2 pcs" over "10 pcs" and "7"; not "24h" over "5" and "7", nor "100g" over "250")."""
    unit = _unit(cell)
    return unit is not None and any(_unit(value) == unit for value in column)


def _measure_over(cell: str, column: Sequence[str]) -> bool:
    """Whether `cell` is a measure as a value is: the cells below it (most of those that hold something) are
    measures too, or there are none ("51 m" over "38 m"; not "1 Mo" over "5.23", "1990s" over "4.1")."""
    if not _MEASURE.fullmatch(cell):
        return False
    values = [value.strip() for value in column if value.strip()]
    return not values or 2 * sum(bool(_MEASURE.fullmatch(v)) for v in values) > len(values)


def is_value(cell: str) -> bool:
    """Whether a cell holds a number, an amount, a date or a time, or a measure ("51 m")."""
    cell = cell.strip()
    return bool(_VALUE.fullmatch(cell) or _MEASURE.fullmatch(cell))


def is_label(cell: str) -> bool:
    """Whether a cell reads as a label of the value beside it ("Owner", "Budget"): a few words with a letter, not
    a number, an amount, a measure, a date or a time, and no sentence."""
    return (
        0 < len(cell.split()) <= LABEL_MAX_WORDS
        and any(c.isalpha() for c in cell)
        and not (_VALUE.fullmatch(cell) or _MEASURE.fullmatch(cell))
        and not cell.endswith((".", "!", "?"))
    )


def _typed_apart(head: Sequence[str], below: Sequence[list[str]]) -> bool:
    """Whether the row stands apart from the rows below it by type: a column of numbers, amounts or dates below a
    cell of words ("Percentage of drivers involved in fatal collisions who were speeding" over "40", "35", ...),
    as csv.Sniffer reads a header: such a row names the columns however long its names are."""
    for name, column in zip(head, _columns(below, len(head)), strict=True):
        name = name.strip()
        if name and not _VALUE.fullmatch(name) and _numbers(column):
            return True
    return False


def _width(cells: Sequence[str]) -> int:
    """A row's cells up to its last one that holds something (spreadsheets often end rows with empty cells)."""
    return max((i + 1 for i, cell in enumerate(cells) if cell.strip()), default=0)


def _columns(rows: Sequence[list[str]], width: int) -> list[list[str]]:
    return [[cells[i] for cells in rows if i < len(cells)] for i in range(width)]


def column_name(text: str) -> str:
    """A column's name as a row shows it: its words, underscores read as spaces, without a closing colon (a cell,
    see normalize.cell_text)."""
    return cell_text(text.replace("_", " ")).rstrip(":").strip()


class _Out:
    """The indexed text line by line, each line remembering the file line its row starts on; rows stand apart by
    a blank line, so that no row is ever read as the wrapped line of another."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._numbers: list[int] = []
        self._length = 0
        self._labels: list[tuple[int, int]] = []
        self.names: list[str] = []
        self.rows = 0
        self.left_out = 0

    def _add(self, text: str, number: int) -> int:
        if self._lines:
            self._lines.append("")
            self._numbers.append(self._numbers[-1])
            self._length += 1
        start = self._length + (1 if self._lines else 0)
        self._length = start + len(text)
        self._lines.append(text)
        self._numbers.append(number)
        return start

    def label(self, number: int, names: list[str]) -> None:
        """The header row: the columns' names, kept so their words count for the rows below, never cited."""
        self.names = names
        text = CELL_SEPARATOR.join(name for name in names if name)
        start = self._add(text, number)
        self._labels.append((start, start + len(text)))

    def row(self, number: int, cells: list[str]) -> None:
        """A data row: each cell that holds something, after its column's name when the column has one."""
        parts = []
        for i, value in enumerate(map(cell_text, cells)):  # a cell's line breaks and pipes part nothing
            name = self.names[i] if i < len(self.names) else ""
            if value:
                parts.append(f"{name}: {value}" if name else value)
        if parts:
            self._add(CELL_SEPARATOR.join(parts), number)
            self.rows += 1

    def text(self) -> str:
        return "\n".join(self._lines)

    def layout(self) -> Layout:
        return Layout("csv", lines=tuple(self._numbers), labels=tuple(self._labels))
