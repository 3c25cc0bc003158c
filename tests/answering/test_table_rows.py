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


def test_a_year_alone_in_a_cell_dates_the_row_and_nothing_else_does() -> None:
    assert [m.text for m in find_dates("2019 | Japan | 4610.794 | 84.4")] == ["2019"]
    assert [m.text for m in find_dates("Japan | 2019 | 84.4")] == ["2019"]
    assert find_dates("2019") == []  # a number alone on a line
    assert find_dates("Japan | 2019 visitors | 3") == []  # a count in a cell
    assert find_dates("Year 2019 | x") == []


def test_a_rows_cells_answer_with_the_column_names_above_them(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    # before, the row said nothing of "life expectancy" (its column name) nor of the year (a bare number), and the
    # question was answered with a sentence about New York voted the best city in 2019, or refused
    asked = ("What was life expectancy in Japan in 2019?", "What was the Life_Expectancy of Japan in 2019?")
    for answer in answers(tmp_path, {"health.md": TABLE}, real_embedder, *asked):
        assert answer.found and answer.citations[0].quote == "2019 | Japan | 4610.794 | 84.4", answer.citations
