"""A small CSV file indexed with the real model, FAISS and SQLite: a question whose answer is one row cites that
row first, at its line in the file (below a quoted cell that spans lines), quoting its cells with their names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import answers

pytestmark = pytest.mark.slow  # the real model

HEALTH = (
    "Country,Year,Life expectancy,Notes\n"
    "Japan,2018,84.3,\n"
    'Germany,2018,81.0,"Provisional figure,\nrevised in 2020"\n'
    "Germany,2019,81.3,\n"
    "Japan,2019,84.4,\n"
    "Japan,2020,84.7,\n"
    "Germany,2020,81.1,\n"
)


def test_a_question_answered_by_one_row_cites_that_row_at_its_line(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (answer,) = answers(
        tmp_path, {"life_expectancy.csv": HEALTH}, real_embedder, "What was life expectancy in Japan in 2019?"
    )
    assert answer.found, answer.reasons
    first = answer.citations[0]
    assert first.quote == "Country: Japan | Year: 2019 | Life expectancy: 84.4"
    assert (first.line, first.where, first.offsets_in, first.column) == (6, "line 6", "rows as text", None)
    assert first.location().endswith("/corpus/life_expectancy.csv:6")
    assert HEALTH.splitlines()[first.line - 1] == "Japan,2019,84.4,"  # the file's own line 6 is that row
