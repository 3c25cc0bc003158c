"""eval-search: BEIR/TREC files read, metrics from pytrec_eval, and askdocs' document ranking scored end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.cli.eval_search import evaluate, read_qrels, read_queries
from askdocs.config import Settings
from askdocs.errors import UsageError
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from tests.support import FakeEmbedder


def test_queries_are_read_from_beir_jsonl_and_from_tsv(tmp_path: Path) -> None:
    jsonl = tmp_path / "q.jsonl"
    jsonl.write_text('{"_id": "1", "text": "crane collapse"}\n\n{"_id": "b", "text": "harbour"}\n')
    tsv = tmp_path / "q.tsv"
    tsv.write_text("id\ttext\n1\tcrane collapse\nb\tharbour\n")
    assert read_queries(jsonl) == read_queries(tsv) == {"1": "crane collapse", "b": "harbour"}
    (tmp_path / "bad.tsv").write_text("no tab here\n")
    with pytest.raises(UsageError, match="bad.tsv:1"):
        read_queries(tmp_path / "bad.tsv")


def test_qrels_take_an_optional_header_and_the_trec_layout(tmp_path: Path) -> None:
    beir = tmp_path / "qrels.tsv"
    beir.write_text("query-id\tcorpus-id\tscore\n1\ta.txt\t1\n1\tb.txt\t0\n")
    trec = tmp_path / "qrels.trec"
    trec.write_text("1\t0\ta.txt\t1\n1\t0\tb.txt\t0\n")
    assert read_qrels(beir) == read_qrels(trec) == {"1": {"a.txt": 1, "b.txt": 0}}


def test_measures_follow_the_given_order() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}}
    runs = {"q1": ["a", "x"], "q2": ["x", "b"], "q3": ["x"] * 0 + [f"d{i}" for i in range(20)] + ["c"]}
    figures = evaluate(runs, qrels)
    assert figures["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert figures["recall@10"] == pytest.approx(2 / 3)
    assert figures["recall@100"] == pytest.approx(1.0)
    assert figures["ndcg@10"] == pytest.approx((1 + 1 / 1.5849625) / 3, rel=1e-4)


def test_document_ranking_finds_each_story_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crane.txt").write_text("Crane collapse\n\nA crane fell onto the mosque during a storm in Mecca.\n")
    (corpus / "bank.txt").write_text("Bank run\n\nDepositors pulled their money from the bank in a single day.\n")
    (corpus / "hill.txt").write_text("Mount Greylock\n\nThe highest point in Massachusetts has a war memorial.\n")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    try:
        for side in ("hybrid", "keyword", "dense"):
            ranked = retriever.rank_documents("storm crane Mecca", 10, side)
            assert ranked[0] == "crane.txt" and len(ranked) == len(set(ranked))
    finally:
        retriever.close()
