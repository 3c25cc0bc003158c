"""How much a query word weighs in choosing a preview's sentence: its rarity among the index's sentences, counted
exactly (however its sentences lie in the index) over the sentences the index holds now (not those it once held)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from askdocs.store.fts import LEXICAL_BUDGET
from askdocs.text.stem import stem
from tests.support import FakeEmbedder, indexed


def test_a_word_packed_into_the_last_document_is_weighed_by_its_true_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spread = {
        f"a{d:02}.txt": "".join(
            f"Entry {d}-{n}: the harbour master logged ship {n}.\n" if n % 2 else f"Entry {d}-{n}: rain fell.\n"
            for n in range(200)
        )
        for d in range(11)
    }
    packed = "".join(f"Zorblat entry {n} was written down.\n" for n in range(1001))
    retriever = indexed(tmp_path, {**spread, "zz.txt": packed}, FakeEmbedder())
    try:
        weights = retriever._word_weights("harbour Zorblat")
        assert weights[stem("zorblat")] > weights[stem("harbour")] > 0.5  # 1,001 sentences against 1,100
        search = retriever.store.sentence_search
        for budget in (LEXICAL_BUDGET, 100):  # counted up to the budget, read from the vocabulary above it
            monkeypatch.setattr("askdocs.store.fts.LEXICAL_BUDGET", budget)
            assert search.sentence_frequency("Zorblat") == 1001
            assert search.sentence_frequency("harbours") == 1100
            assert search.sentence_frequency("quay") == 0
            assert search.sentence_frequency("0-1") == 1  # a word the tokenizer parts: its phrase's matches
    finally:
        retriever.close()


def test_word_weights_do_not_depend_on_what_the_index_once_held(tmp_path: Path) -> None:
    kept = {f"k{n}.txt": f"The ferry left pier {n} at noon.\nThe tide was high on day {n}.\n" for n in range(5)}
    gone = {f"g{n}.txt": "".join(f"Gone line {n}-{m} about the tide.\n" for m in range(20)) for n in range(30)}
    (tmp_path / "fresh").mkdir()
    (tmp_path / "used").mkdir()
    fresh = indexed(tmp_path / "fresh", kept, FakeEmbedder())
    try:
        expected = fresh._word_weights("ferry tide")
    finally:
        fresh.close()
    indexed(tmp_path / "used", {**kept, **gone}, FakeEmbedder()).close()
    for name in gone:
        (tmp_path / "used" / "corpus" / name).unlink()
    used = indexed(tmp_path / "used", {}, FakeEmbedder())
    try:
        assert used._word_weights("ferry tide") == expected
        total = used.store.sentence_search.count()
    finally:
        used.close()
    assert expected[stem("tide")] == math.log((total + 1) / (5 + 0.5))
