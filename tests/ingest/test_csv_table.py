"""CSV and TSV files read as tables: each data row one citable line naming its cells, cited at the row's first line
in the file; dialects, encodings, header rows, ragged rows, caps and files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.errors import UnreadableDocument
from askdocs.ingest import csv_table
from askdocs.ingest.documents import Document, discover, foreseen_skip, read_document
from askdocs.ingest.passages import chunk_text

LIFE = 'Country,Year,Life expectancy\nJapan,2019,84.4\n"Chad, Republic of",2019,"54.2\nestimated"\nFrance,2019,82.5\n'
ROWS = [
    "Country: Japan | Year: 2019 | Life expectancy: 84.4",
    "Country: Chad, Republic of | Year: 2019 | Life expectancy: 54.2 estimated",
    "Country: France | Year: 2019 | Life expectancy: 82.5",
]


def _read(tmp_path: Path, name: str, data: str | bytes) -> Document:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_document(tmp_path, path)


def _sentences(doc: Document) -> list[tuple[int, str, bool]]:
    """(file line, text, citable) of each sentence askdocs would store, as the index stores them."""
    sentences, _ = chunk_text(doc.text, whole_lines=True)
    line = doc.layout.line_finder(doc.text)
    return [(line(s.start), s.text, doc.layout.citable(s.start, s.end)) for s in sentences]


def _rows(doc: Document) -> list[str]:
    return [text for _, text, citable in _sentences(doc) if citable]


def test_each_row_is_one_sentence_naming_its_cells_at_the_line_where_it_starts(tmp_path: Path) -> None:
    """A quoted cell with a comma and a line break stays one cell, on one line of the indexed text; the row after
    it is cited at its own line (5, not 4); the header row is kept for its words but never cited."""
    doc = _read(tmp_path, "life_expectancy.csv", LIFE)
    assert _sentences(doc) == [
        (1, "Country | Year | Life expectancy", False),
        (2, ROWS[0], True),
        (3, ROWS[1], True),
        (5, ROWS[2], True),
    ]
    assert (doc.layout.kind, doc.layout.place(doc.text.index(ROWS[2]), line=5).where) == ("csv", "line 5")
    assert doc.layout.place(0).offsets_in == "rows as text"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("semicolons.csv", "Country;Year;Life expectancy\nJapan;2019;84,4\nFrance;2019;82,5\n"),
        ("tabs.tsv", "Country\tYear\tLife expectancy\nJapan\t2019\t84,4\nFrance\t2019\t82,5\n"),
        ("tabs.csv", "Country\tYear\tLife expectancy\nJapan\t2019\t84,4\nFrance\t2019\t82,5\n"),
        ("pipes.csv", "Country|Year|Life expectancy\nJapan|2019|84,4\nFrance|2019|82,5\n"),
        ("quoted.csv", 'Country,Year,Life expectancy\n"Japan",2019,"84,4"\n"France",2019,"82,5"\n'),
        ("bom.csv", '\ufeffCountry,Year,Life expectancy\r\nJapan,2019,"84,4"\r\nFrance,2019,"82,5"\r\n'),
        ("utf16.tsv", "Country\tYear\tLife expectancy\nJapan\t2019\t84,4\nFrance\t2019\t82,5\n".encode("utf-16")),
    ],
)
def test_the_delimiter_quotes_and_encoding_are_told_from_the_file(tmp_path: Path, name: str, data: str) -> None:
    """Semicolons with decimal commas (a European export), tabs, pipes, quoted cells, a UTF-8 byte order mark with
    CRLF endings (Excel's "CSV UTF-8"), UTF-16 (Excel's "Unicode text"): the same rows."""
    doc = _read(tmp_path, name, data)
    assert _rows(doc) == [
        "Country: Japan | Year: 2019 | Life expectancy: 84,4",
        "Country: France | Year: 2019 | Life expectancy: 82,5",
    ]
    assert doc.warning is None and "\ufeff" not in doc.text


def test_a_file_not_in_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    doc = _read(tmp_path, "prices.csv", "Stadt;Preis\nMünchen;3,50\n".encode("cp1252"))
    assert _rows(doc) == ["Stadt: München | Preis: 3,50"]
    assert doc.warning == f"{tmp_path / 'prices.csv'}: not valid UTF-8, read as Windows-1252"


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        ("Japan,2019,84.4\nFrance,2019,82.5\n", ["Japan | 2019 | 84.4", "France | 2019 | 82.5"]),  # numbers: data
        ("JPN,Japan,2019\nFRA,France,2019\n", ["JPN | Japan | 2019", "FRA | France | 2019"]),  # 2019 comes again
        ("2024-03-05,Yoga\n2024-03-06,Choir\n", ["2024-03-05 | Yoga", "2024-03-06 | Choir"]),  # dates: data
    ],
)
def test_a_first_row_of_data_is_no_header(tmp_path: Path, data: str, rows: list[str]) -> None:
    assert _rows(_read(tmp_path, "t.csv", data)) == rows


def test_a_header_of_years_and_a_preamble_above_the_header(tmp_path: Path) -> None:
    """A table with a column per year names its cells by year; the lines a statistics export puts above the
    table (narrower than it) are rows of their own, read as they are."""
    data = (
        '"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-06-28",\n\n'
        '"Country Name","Country Code","2019","2020",\n"Aruba","ABW","","76.3",\n"Japan","JPN","84.4","84.6",\n'
    )
    doc = _read(tmp_path, "wdi.csv", data)
    assert _sentences(doc) == [
        (1, "Data Source | World Development Indicators", True),
        (3, "Last Updated Date | 2024-06-28", True),
        (5, "Country Name | Country Code | 2019 | 2020", False),
        (6, "Country Name: Aruba | Country Code: ABW | 2020: 76.3", True),  # an empty cell is left out
        (7, "Country Name: Japan | Country Code: JPN | 2019: 84.4 | 2020: 84.6", True),
    ]


def test_apostrophes_are_never_taken_for_quote_marks(tmp_path: Path) -> None:
    """csv.Sniffer may guess "'" quotes a file's cells; then "'tis the 'season'" lost its apostrophes."""
    doc = _read(tmp_path, "q.csv", "name,quote\nA,'tis the 'season', yes\nB,it's O'Brien's\n")
    assert _rows(doc) == ["name: A | quote: 'tis the 'season' | yes", "name: B | quote: it's O'Brien's"]


def test_a_quote_left_open_is_warned_of(tmp_path: Path) -> None:
    """An unclosed quote swallows every row after it into one cell: the reader cannot know, but says so."""
    rows = "".join(f"R{n},x\n" for n in range(30))
    doc = _read(tmp_path, "o.csv", f'name,note\nA,"oops\n{rows}')
    assert doc.warning == f"{tmp_path / 'o.csv'}: a cell of the row at line 2 runs over 31 lines (a quote left open?)"
    assert _read(tmp_path, "ok.csv", 'name,note\nA,"two\nlines"\nB,x\n').warning is None


def test_a_row_is_one_sentence_though_its_cells_hold_several(tmp_path: Path) -> None:
    """A cell of two sentences split its row in two, the second cited without its column's name."""
    doc = _read(tmp_path, "s.csv", 'Summary,Year\n"The bridge opened in May. It cost 4 million euros.",2019\n')
    assert _rows(doc) == ["Summary: The bridge opened in May. It cost 4 million euros. | Year: 2019"]


def test_long_column_names_over_columns_of_numbers_are_a_header(tmp_path: Path) -> None:
    """Names of any length head columns of numbers, as a statistics site writes them (the header was cited as a row
    and the rows named no column when a name ran past a heading's length)."""
    speeding = "Percentage Of Drivers Involved In Fatal Collisions Who Had Not Been Involved In Any Previous Accidents"
    data = f"State,{speeding},Car Insurance Premiums ($)\nAlabama,80,784.55\nTexas,87,1004.75\n"
    doc = _read(tmp_path, "bad-drivers.csv", data)
    assert _sentences(doc) == [
        (1, f"State | {speeding} | Car Insurance Premiums ($)", False),
        (2, f"State: Alabama | {speeding}: 80 | Car Insurance Premiums ($): 784.55", True),
        (3, f"State: Texas | {speeding}: 87 | Car Insurance Premiums ($): 1004.75", True),
    ]


def test_ragged_rows_and_column_names_in_snake_case(tmp_path: Path) -> None:
    """A row shorter than the header names what it has; one longer shows its extra cells unnamed; blank lines and
    rows of empty cells are skipped, the rows after them cited at their own lines."""
    data = "country_code,life_expectancy,note\nJPN,84.4\n\n,,\nFRA,82.5,est.,extra\n"
    doc = _read(tmp_path, "t.csv", data)
    assert _sentences(doc)[1:] == [
        (2, "country code: JPN | life expectancy: 84.4", True),
        (5, "country code: FRA | life expectancy: 82.5 | note: est. | extra", True),
    ]


def test_the_title_is_the_file_name_made_readable_and_there_is_no_publication_date(tmp_path: Path) -> None:
    """As a text file without a Date: header, a CSV has no publication date, even with a Date column first."""
    doc = _read(tmp_path, "ferry_timetable-2024.csv", "Date,Sailing\n2024-03-05,10:00\n")
    assert (doc.title, doc.published) == ("Ferry timetable 2024", None)  # "-" and "_" alike
    assert _read(tmp_path, "GDP_by-country.tsv", "Country\tGDP\nJapan\t4.2\n").title == "GDP by country"


def test_markup_in_cells_is_kept_as_text_and_escape_sequences_are_blanked(tmp_path: Path) -> None:
    """As in a text file, the indexed text is the cells' text, markup and all (what prints it escapes it, see
    tests/cli), but without escape sequences: made spaces, they are a cell's run of spaces, read as one."""
    doc = _read(tmp_path, "t.csv", 'Name,Note\nAlice,"[bold red]x[/] \x1b]0;PWNED\x07 **done**\x1b[0m"\n')
    assert _rows(doc) == ["Name: Alice | Note: [bold red]x[/] **done**"]


def test_rows_past_the_cap_are_left_out_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_table, "MAX_ROWS", 3)
    doc = _read(tmp_path, "t.csv", "n,square\n" + "".join(f"{n},{n * n}\n" for n in range(1, 6)))
    assert _rows(doc) == ["n: 1 | square: 1", "n: 2 | square: 4", "n: 3 | square: 9"]
    assert doc.warning == f"{tmp_path / 't.csv'}: 2 rows after the first 3 left out"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b" \n\n", "empty"),
        (b",,,\r\n,,,\r\n", "empty"),  # a blank sheet exported
        (b"Country,Year,Life expectancy\n", "only a header row"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "binary"),  # an Excel workbook renamed
        (b'a,b\n1,"' + b"x" * 200_000 + b'"\n', r"damaged CSV \(a cell over 131,072 characters; a quote left open\?\)"),
    ],
)
def test_files_without_rows_are_skipped_with_one_line_why(tmp_path: Path, data: bytes, why: str) -> None:
    with pytest.raises(UnreadableDocument, match=f"^{tmp_path / 't.csv'}: {why}, skipped$"):
        _read(tmp_path, "t.csv", data)


@pytest.mark.parametrize(("data", "why"), [(b" \n", "empty"), (b"\x00\x01binary", "binary"), (b"a,b\n1,2\n", None)])
def test_status_foresees_what_reading_a_csv_will_skip(tmp_path: Path, data: bytes, why: str | None) -> None:
    (tmp_path / "t.tsv").write_bytes(data)
    assert foreseen_skip(tmp_path / "t.tsv") == (None if why is None else f"{tmp_path / 't.tsv'}: {why}, skipped")


def test_csv_and_tsv_files_are_found_and_excel_workbooks_are_not(tmp_path: Path) -> None:
    for name in ("a.csv", "b.TSV", "c.xlsx", "d.txt"):
        (tmp_path / name).write_text("x,y\n1,2\n")
    assert [p.name for p in discover(tmp_path)] == ["a.csv", "b.TSV", "d.txt"]
