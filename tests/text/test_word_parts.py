"""What a word is, read the same across askdocs: an underscore parts words ("Life_Expectancy", a column's name in
a Markdown table or a sentence), as the full-text index and the answering signals read them, so a preview opens on
the sentence holding "Life_Expectancy" for "life expectancy" as the search found it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from askdocs.answering.signals import TOKEN
from askdocs.text.normalize import words
from tests.support import fake_commands, run_cli

SAMPLES = ("Life_Expectancy", "GDP_per_capita in 2019", "snake__case_ name_", "_leading and trailing_")


def _fts_terms(text: str) -> list[str]:
    """The terms FTS5 indexes `text` as, with the index's tokenizer less its stemming (see store/schema.py)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t (text) VALUES (?)", (text,))
    return [term for (term,) in conn.execute("SELECT term FROM v ORDER BY offset")]


@pytest.mark.parametrize("text", SAMPLES)
def test_an_underscore_parts_words_as_the_full_text_index_and_the_signals_read_them(text: str) -> None:
    assert words(text) == _fts_terms(text) == [token.lower() for token in TOKEN.findall(text)]


def test_a_preview_opens_on_the_sentence_holding_a_snake_case_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "japan.md").write_text(
        "# Country notes\n\nJapan is an island country in East Asia with a population of about 125 million people. "
        "Its capital is Tokyo, one of the largest cities in the world. The country has a Life_Expectancy of 84 "
        "years, among the highest anywhere. Rice is the staple food of the country.\n",
        encoding="utf-8",
    )
    fake_commands(monkeypatch, tmp_path)
    assert run_cli(capsys, "index")[0] == 0
    code, out, err = run_cli(capsys, "search", "life expectancy", "--json", "-k", "1")
    assert code == 0, err
    (hit,) = json.loads(out)["passages"]
    assert hit["lexical_rank"] == 1  # the full-text index found it by these words
    assert hit["match"]["line"] == 3 and hit["match"]["column"] == 150
    _, out, _ = run_cli(capsys, "search", "life expectancy", "-k", "1")
    assert "\n   The country has a Life_Expectancy of 84 years" in out
