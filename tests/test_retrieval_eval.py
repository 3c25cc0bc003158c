"""eval-search: BEIR/TREC files read, metrics from pytrec_eval, and askdocs' document ranking scored end to end."""

from __future__ import annotations

from collections.abc import Iterator
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
    (tmp_path / "bad.tsv").write_text("lonely\n")
    with pytest.raises(UsageError, match="bad.tsv:1"):
        read_queries(tmp_path / "bad.tsv")


def test_qrels_take_an_optional_header_and_the_trec_layout(tmp_path: Path) -> None:
    beir = tmp_path / "qrels.tsv"
    beir.write_text("query-id\tcorpus-id\tscore\n1\ta.txt\t1\n1\tb.txt\t0\n")
    trec = tmp_path / "qrels.trec"
    trec.write_text("1\t0\ta.txt\t1\n1\t0\tb.txt\t0\n")
    assert read_qrels(beir) == read_qrels(trec) == {"1": {"a.txt": 1, "b.txt": 0}}


def test_qrels_with_spaces_a_byte_order_mark_and_crlf_read_alike(tmp_path: Path) -> None:
    layouts = {
        "beir-spaces": "query-id corpus-id score\r\n1 a.txt 1\r\n1  b.txt  0\r\n",
        "trec-spaces": "\ufeff1 0 a.txt 1\n1 Q0 b.txt 0\n",
        "tabs-padded": "1\t a.txt \t1.0\t\n\n1\tb.txt\t0\n",
    }
    for name, text in layouts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert read_qrels(tmp_path / name) == {"1": {"a.txt": 1, "b.txt": 0}}, name


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1 my notes.txt 1", "4 columns separated by spaces can be read more than one way"),
        ("1 a.txt", "expected query-id, corpus-id, score"),
        ("1\ta.txt", "expected .*, separated by tabs"),
        ("1\ta.txt\tlots", "the score 'lots' is not a number"),
    ],
)
def test_unreadable_qrels_lines_say_where_and_why(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "qrels").write_text(f"1\ta.txt\t1\n{line}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=f"qrels:2: {message}"):
        read_qrels(tmp_path / "qrels")


def test_queries_with_spaces_and_a_byte_order_mark_and_clashing_ids(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('\ufeff{"_id": 7, "text": "crane"}\n', encoding="utf-8")
    (tmp_path / "q.txt").write_text("7   crane\n7 crane\n", encoding="utf-8")
    assert read_queries(tmp_path / "q.jsonl") == read_queries(tmp_path / "q.txt") == {"7": "crane"}
    (tmp_path / "twice.txt").write_text("7 crane\n7 harbour\n", encoding="utf-8")
    with pytest.raises(UsageError, match="twice.txt:2: query '7' again with another text"):
        read_queries(tmp_path / "twice.txt")


def test_measures_follow_the_given_order() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}}
    runs = {"q1": ["a", "x"], "q2": ["x", "b"], "q3": ["x"] * 0 + [f"d{i}" for i in range(20)] + ["c"]}
    figures = evaluate(runs, qrels)
    assert figures["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert figures["recall@10"] == pytest.approx(2 / 3)
    assert figures["recall@100"] == pytest.approx(1.0)
    assert figures["ndcg@10"] == pytest.approx((1 + 1 / 1.5849625) / 3, rel=1e-4)


@pytest.fixture
def retriever(tmp_path: Path) -> Iterator[Retriever]:
    """Three small stories indexed with the fake encoder; one has a title in front matter."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crane.md").write_text(
        "---\ntitle: Crane collapse in Mecca\n---\n\nA storm hit the mosque and a crane fell in Mecca.\n"
    )
    (corpus / "bank.txt").write_text("Bank run\n\nDepositors pulled their money from the bank in a single day.\n")
    (corpus / "hill.txt").write_text("Mount Greylock\n\nThe highest point in Massachusetts has a war memorial.\n")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    opened = Retriever.open(settings, embedder=FakeEmbedder())
    yield opened
    opened.close()


def test_document_ranking_finds_each_story_once(retriever: Retriever) -> None:
    for side in ("hybrid", "keyword", "dense"):
        ranked = retriever.rank_documents("storm crane Mecca", 10, side)
        assert ranked[0] == "crane.md" and len(ranked) == len(set(ranked))


def test_document_search_mixes_both_halves_and_keeps_passage_search(retriever: Retriever) -> None:
    from askdocs.retrieval import convex_fusion

    mixed = convex_fusion([(1, 9.0), (2, 3.0)], [(2, 0.8), (3, 0.4)], 0.4)
    assert [i for i, _ in mixed] == [2, 1, 3] and [s for _, s in mixed] == pytest.approx([0.6, 0.4, 0.0])
    assert [i for i, _ in convex_fusion([(1, 9.0), (2, 3.0)], [(2, 0.8), (3, 0.4)], 0.9)] == [1, 2, 3]
    # every document the words match: the keyword scale starts at BM25's 0, not at the worst match
    complete = convex_fusion([(1, 9.0), (2, 3.0)], [(2, 0.8), (3, 0.4)], 0.4, lexical_complete=True)
    assert [s for _, s in complete] == pytest.approx([0.4 / 3 + 0.6, 0.4, 0.0])
    hits = retriever.search_documents("the crane in Mecca", 5)
    assert hits[0].document.path == "crane.md" and hits[0].document.title == "Crane collapse in Mecca"
    assert hits[0].lexical_rank == 1 and hits[0].passage_id is not None and hits[0].as_dict()["rank"] == 1
    assert retriever.search("the crane in Mecca", 3)[0].passage.path == "crane.md"


SCAFFOLDING = {
    "news/tower.txt": "Clock tower repairs begin\n\nWorkers put up scaffolding around the old clock tower on Monday. "
    "The council says the scaffolding will stay until the stonework is repaired in the spring.\n",
    "news/theft.txt": "Paintings stolen from the town gallery\n\nThieves climbed the scaffolding on the gallery's east "
    "wall and broke a window overnight. Police said the scaffolding had been left unlocked by the builders.\n",
    "work/minutes.txt": "Allotment committee minutes\n\nThe committee agreed to build a new tool shed and to fix the "
    "fence. Volunteers will bring ladders, planks and timber on Saturday.\n",
    "work/faq.md": "# Garden FAQ\n\nCan I build a greenhouse on my plot? Yes, if it is under two metres tall. "
    "Who repairs the fences? The volunteers do, with the timber the association buys.\n",
    "news/race.txt": "Runner wins the city marathon\n\nA local runner won the marathon in a record time on Sunday "
    "morning, cheered by thousands along the river.\n",
    "reference/river.txt": "Oskava River\n\nThe Oskava is a river that flows north through farmland into the lake, "
    "fed by mountain streams.\n",
}
"""Two stories say "scaffolding" twice (BM25 0.78 and 0.76); minutes about ladders and planks, which never say it,
are closer in meaning than the second story."""


def test_a_document_the_words_match_is_not_scored_as_one_they_miss(tmp_path: Path, real_embedder: object) -> None:
    """In a small folder the keyword half finds every document that says the word: the one it ranks last keeps its
    keyword share rather than the 0 of the documents that never say it, which only the dense half found."""
    corpus = tmp_path / "corpus"
    for name, text in SCAFFOLDING.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index")
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        hits = retriever.search_documents("scaffolding", 6)
    finally:
        retriever.close()
    said = [h for h in hits if h.lexical_rank]
    assert sorted(h.document.path for h in said) == ["news/theft.txt", "news/tower.txt"]
    assert [h.rank for h in said] == [1, 2], [(h.document.path, round(h.score, 3)) for h in hits]
    unsaid = [h for h in hits if not h.lexical_rank]
    assert max(h.score for h in unsaid) <= 0.5 < min(h.score for h in said)


@pytest.mark.slow
def test_search_documents_and_eval_search_from_the_command_line(tmp_path: Path) -> None:
    import json

    from tests.cli.test_cli import run
    from tests.support import sample_folder

    root = sample_folder(tmp_path / "user")
    assert run("index", cwd=root).returncode == 0
    out = run("search", "--documents", "--json", "arrested on July 2", cwd=root)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["documents"][0]["path"].endswith("mexico-cartel-arrests.txt")
    (root / "q.tsv").write_text("1\tWho was arrested on July 2?\n")
    (root / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n1\tmexico-cartel-arrests.txt\t1\n")
    out = run("eval-search", "q.tsv", "qrels.tsv", "--json", cwd=root)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["ndcg@10"] == pytest.approx(1.0)
    text = run("eval-search", "q.tsv", "qrels.tsv", cwd=root).stdout
    assert text.startswith("1 query, hybrid search") and "ndcg@10" in text
    # TREC's four columns with spaces, naming the file by the absolute path askdocs prints from elsewhere
    (root / "qrels.trec").write_text(f"1 0 {root / 'corpus' / 'mexico-cartel-arrests.txt'} 1\n")
    out = run("eval-search", "q.tsv", "qrels.trec", "--json", cwd=root)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert json.loads(out.stdout)["ndcg@10"] == pytest.approx(1.0)


def test_odd_document_ids_name_nothing_rather_than_fail(tmp_path: Path) -> None:
    from askdocs.judgements import DocumentNames

    names = DocumentNames(["a/x.txt"], tmp_path / "c", tmp_path)
    for odd in ("x\x00.txt", "~nobody-at-all/x.txt", "../../../x.txt", "a/y.txt"):
        assert names.find(odd) is None, odd
    assert {names.find(w) for w in ("a\\x.txt", "c/a/../a/x.txt", str(tmp_path / "c/a/x.txt"), "x.txt")} == {"a/x.txt"}
