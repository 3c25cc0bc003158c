"""A table's row is read with its table's column names, and a year alone in a cell dates the row: "What was life
expectancy in Japan in 2019?" cites the 2019 Japan row. With the real model."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.dates import find_dates
from tests.support import answers

TABLE = """# Health spending and life expectancy

Per-capita health spending and life expectancy at birth, by country.

| Year | Country | Spending_USD | Life_Expectancy |
|---|---|---|---|
| 2018 | Japan | 4554.276 | 84.3 |
| 2018 | Germany | 6271.543 | 81.0 |
| 2019 | Germany | 6407.928 | 81.3 |
| 2019 | Japan | 4610.794 | 84.4 |
| 2020 | Japan | 4665.641 | 84.7 |
| 2020 | Germany | 6938.983 | 81.1 |
"""


def test_a_year_alone_in_a_rows_first_cell_dates_the_row_and_nothing_else_does() -> None:
    assert [m.text for m in find_dates("2019 | Japan | 4610.794 | 84.4")] == ["2019"]
    assert find_dates("Japan | 2019 | 84.4") == []  # a later cell's number may be a price or a height
    assert find_dates("ThinkPad X1 | 1999 | in stock") == []
    assert find_dates("2019") == []  # a number alone on a line
    assert find_dates("Japan | 2019 visitors | 3") == []  # a count in a cell
    assert find_dates("Year 2019 | x") == []


def test_a_rows_cells_answer_with_the_column_names_above_them(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    # before, the row said nothing of "life expectancy" (its column name) nor of the year (a bare number), and the
    # question was answered with a sentence about New York voted the best city in 2019, or refused
    asked = ("What was life expectancy in Japan in 2019?", "What was the Life_Expectancy of Japan in 2019?")
    for answer in answers(tmp_path, {"health.md": TABLE}, real_embedder, *asked):
        assert answer.found and answer.citations[0].quote == "2019 | Japan | 4610.794 | 84.4", answer.citations


def test_a_row_reads_its_own_tables_header_not_another_tables_nor_a_row_far_above() -> None:
    from askdocs.answering.evidence import TABLE_ROWS, _lead_in
    from askdocs.ingest.layout import Layout
    from askdocs.store.records import StoredSentence

    lines = {1: "Year | Country | Life expectancy", 3: "2019 | Japan | 84.4", 5: "Year | City | People",
             7: "2019 | Tokyo | 14 million", 8: "2020 | Osaka | 2.7 million"}  # fmt: skip
    text, rows, starts = "", {}, {}
    for n, (line, row) in enumerate(lines.items()):
        starts[line] = len(text)
        rows[n] = StoredSentence(n, 1, "t.md", n, len(text), len(text) + len(row), line, row)
        text += row + "\n"
    headers = tuple((starts[line], starts[line] + len(lines[line])) for line in (1, 5))
    layout = Layout("markdown", labels=headers)
    assert [s.text for s in _lead_in(rows[4], rows, layout)] == ["Year | City | People"]
    assert [s.text for s in _lead_in(rows[1], rows, layout)] == ["Year | Country | Life expectancy"]
    assert [s.text for s in _lead_in(rows[4], rows)] == ["2019 | Tokyo | 14 million"]  # no header known: first row
    long = {n: StoredSentence(n, 1, "t.txt", n, 0, 9, n + 1, f"{n} | x | y") for n in range(TABLE_ROWS + 50)}
    assert _lead_in(long[TABLE_ROWS + 40], long) == []  # past TABLE_ROWS: no data row passes for the header


def test_a_rows_header_is_found_past_a_row_of_two_sentences_and_in_extracted_text() -> None:
    from askdocs.answering.evidence import TABLE_ROWS, _lead_in
    from askdocs.ingest.layout import Layout
    from askdocs.store.records import StoredSentence

    def rows(lines: dict[int, str]) -> dict[int, StoredSentence]:
        at = [sum(len(text) + 2 for _, text in lines[:n]) for n in range(len(lines))]  # each row's own offsets
        return {
            n: StoredSentence(n, 1, "t", n, at[n], at[n] + len(text), line, text)
            for n, (line, text) in enumerate(lines)
        }

    one_line = rows(
        [
            (1, "City | Notes | Population"),
            (2, "Paris | Capital of France."),
            (2, "Seat of the government. | 2.1 million"),
            (3, "Lyon | Second city. | 0.5 million"),
        ]
    )
    assert [s.text for s in _lead_in(one_line[3], one_line)] == ["City | Notes | Population"]
    assert [s.text for s in _lead_in(one_line[2], one_line)] == ["City | Notes | Population"]
    word = rows([(1, "Year | Country | Life expectancy"), (3, "2018 | Japan | 84.3"), (5, "2019 | Japan | 84.4")])
    layout = Layout("docx", labels=((0, len("Year | Country | Life expectancy")),))
    assert [s.text for s in _lead_in(word[2], word, layout)] == ["Year | Country | Life expectancy"]
    exact = {n: StoredSentence(n, 1, "t.txt", n, 0, 9, n + 1, f"{n} | x") for n in range(TABLE_ROWS + 1)}
    exact[0] = StoredSentence(0, 1, "t.txt", 0, 0, 9, 1, "Head | x")
    assert [s.text for s in _lead_in(exact[TABLE_ROWS], exact)] == ["Head | x"]  # the first row, TABLE_ROWS above
