"""The generated news corpus of bench/quality.py: deterministic, varied, readable, free of the sample's facts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from askdocs.ingest.documents import discover, read_document

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import newsgen  # noqa: E402

SAMPLE_ONLY = [
    "Torres",
    "Herrera",
    "Ramírez",
    "Neri",
    "Guzmán",
    "Guerrero",
    "Cienfuegos",
    "López Obrador",
    "Chapo",
    "Duranguillo",
    "Tolín",
    "Tolin",
    "Culiacanazo",
    "Lantia",
    "Loera",
]


@pytest.fixture(scope="module")
def articles() -> list[newsgen.Article]:
    return newsgen.generate(400, seed=7)


def test_same_seed_same_corpus_other_seed_other_corpus(articles: list[newsgen.Article]) -> None:
    assert newsgen.generate(400, seed=7) == articles
    other = newsgen.generate(400, seed=8)
    assert [a.text for a in other] != [a.text for a in articles]


def test_articles_are_distinct_and_varied(articles: list[newsgen.Article]) -> None:
    assert len({a.name for a in articles}) == len({a.text for a in articles}) == 400
    assert {a.topic for a in articles} == set(newsgen.TOPICS)
    titles = {a.text.split("\n")[0] for a in articles}
    assert len(titles) > 250
    assert all(60 <= len(a.text.split()) <= 400 for a in articles)
    assert not any(re.search(r"\{\w+\}", a.text) for a in articles), "an unfilled template slot"


def test_no_article_uses_the_sample_articles_people(articles: list[newsgen.Article]) -> None:
    for a in articles:
        for name in SAMPLE_ONLY:
            assert name not in a.text, (a.name, name)


def test_distractors_share_the_samples_vocabulary_but_not_its_july_2_arrests(
    articles: list[newsgen.Article],
) -> None:
    crime = [a for a in articles if a.topic in newsgen.ARREST_TOPICS]
    assert len(crime) > 80
    vocabulary = ["July", "arrested", "pesos", "soldiers", "cartel", "wounded", "Sonora", "Sinaloa"]
    for word in vocabulary:
        assert sum(word.lower() in a.text.lower() for a in crime) >= 5, word
    assert not any(re.search(r"\bJuly [12]\b", a.text) for a in crime)
    assert any(re.search(r"\bJuly 2\b", a.text) for a in articles if a.topic not in newsgen.ARREST_TOPICS)


def test_written_corpus_reads_back_with_titles_and_dates(tmp_path: Path) -> None:
    paths = newsgen.write_corpus(tmp_path, 40, seed=3)
    assert sorted(paths) == discover(tmp_path)
    suffixes = {p.suffix for p in paths}
    assert suffixes == {".txt", ".md", ".html"}
    for path in paths:
        doc = read_document(tmp_path, path)
        assert doc.published is not None and path.name.startswith(doc.published), path
        assert doc.title and "Title:" not in doc.title and "{" not in doc.title
        if path.suffix == ".html":
            assert "All rights reserved" not in doc.text and "Home" not in doc.text
