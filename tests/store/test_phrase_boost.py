"""Document search's phrase bonus: a document naming "Dave Collins" outranks one with the two words apart, and the
bonus is a bonus (the keyword query itself is unchanged, no document is lost or added by it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from askdocs.answering.query import parse_query
from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever, keyword_query, phrase_query
from tests.support import FakeEmbedder

QUESTION = "Where did Dave Collins coach hockey?"


@pytest.fixture
def retriever(tmp_path: Path) -> Iterator[Retriever]:
    """Three stories: the name as a phrase once; both words several times but apart; neither."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "named.txt").write_text(
        "Club news\n\nThe club said Dave Collins will coach the hockey juniors from September, after a long search "
        "that took the board most of the summer and several rounds of interviews with candidates.\n"
    )
    (corpus / "scattered.txt").write_text(
        "Town notes\n\nDave Smith opened a bakery. Dave also sells bread. Mary Collins coaches hockey; Collins "
        "said hockey is growing.\n"
    )
    (corpus / "other.txt").write_text("Weather\n\nRain is expected on Tuesday across the valley.\n")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    opened = Retriever.open(settings, embedder=FakeEmbedder())
    yield opened
    opened.close()


def test_names_and_quoted_phrases_make_the_phrase_query_without_end_stopwords() -> None:
    assert phrase_query(parse_query(QUESTION)) == '"dave collins"'
    assert phrase_query(parse_query('What does "the big apple" mean near The Rhine?')) == '"big apple"'
    assert phrase_query(parse_query("What is the capital of France?")) == ""
    assert '"dave collins"' not in keyword_query(parse_query(QUESTION))


def test_the_document_naming_the_phrase_ranks_above_the_one_with_the_words_apart(retriever: Retriever) -> None:
    assert retriever.rank_documents(QUESTION, 10, "keyword", phrase_weight=0.0) == ["scattered.txt", "named.txt"]
    assert retriever.rank_documents(QUESTION, 10, "keyword", phrase_weight=1.0) == ["named.txt", "scattered.txt"]
    plain = {h.document.path: h.lexical_score for h in retriever.search_documents(QUESTION, 10, "keyword", 0.0)}
    boosted = {h.document.path: h.lexical_score for h in retriever.search_documents(QUESTION, 10, "keyword", 1.0)}
    assert boosted["scattered.txt"] == pytest.approx(plain["scattered.txt"])
    assert boosted["named.txt"] > plain["named.txt"]


def test_a_document_found_only_through_the_phrase_keeps_its_keyword_score(retriever: Retriever) -> None:
    """With room for one document, the phrase's document still enters with its own BM25 plus the bonus."""
    store = retriever.store
    query = parse_query(QUESTION)
    alone = dict(store.lexical_documents(keyword_query(query), 10))
    top = store.lexical_documents(keyword_query(query), 1, boost=phrase_query(query), boost_weight=1.0)
    phrase = dict(store.lexical_documents(phrase_query(query), 10))
    (doc, score) = top[0]
    assert store.documents_by_id([doc])[doc].path == "named.txt" and max(alone, key=alone.__getitem__) != doc
    assert score == pytest.approx(alone[doc] + phrase[doc])
