"""Filters act inside retrieval, before the top-k cut: a filtered search finds a document that an unfiltered one
ranks out behind many near-duplicates, on both the keyword and the meaning side, in passages, sentences and
documents."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import CANDIDATES, Retriever
from askdocs.store import vectors as vectors_mod
from askdocs.store.filters import Filter
from askdocs.store.vectors import VectorIndex
from tests.support import FakeEmbedder

DUPLICATES = CANDIDATES + 10
QUESTION = "harbour crane collapsed Veracruz"
INSIDE = "reports/2024/tampico.txt"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """DUPLICATES near-identical 2021 notes that match the question best, and one 2024 report that matches less."""
    root = tmp_path_factory.mktemp("filters")
    old = root / "corpus" / "notes"
    old.mkdir(parents=True)
    for i in range(DUPLICATES):
        (old / f"note-{i:03d}.txt").write_text(
            f"Date: 2021-07-{1 + i % 28:02d}\n\nThe harbour crane collapsed in Veracruz, note {i}.\n"
        )
    (root / "corpus" / "reports" / "2024").mkdir(parents=True)
    (root / "corpus" / INSIDE).write_text(
        "Date: 2024-03-01\n\nCranes at the harbour of Tampico fell over in a storm; the port closed for a week.\n"
    )
    (root / "corpus" / "undated.txt").write_text("A harbour crane collapsed in Veracruz, says an undated note.\n")
    settings = Settings(corpus=root / "corpus", index=root / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    return settings


def paths(hits: list) -> list[str]:  # noqa: ANN001 - Hit or DocumentHit
    return [h.passage.path if hasattr(h, "passage") else h.document.path for h in hits]


def open_retriever(settings: Settings, scope: Filter | None = None) -> Retriever:
    return Retriever.open(settings, embedder=FakeEmbedder(), scope=scope)


def test_without_a_filter_the_report_is_cut_by_the_duplicates(indexed: Settings) -> None:
    retriever = open_retriever(indexed)
    try:
        assert INSIDE not in paths(retriever.search(QUESTION, 100))
        lexical = retriever.store.lexical('"harbour" OR "crane" OR "collapsed" OR "veracruz"', CANDIDATES)
        dense = retriever.store.vectors().search(retriever.embed_query(QUESTION), CANDIDATES)
        inside = retriever.store.document(INSIDE)
        assert inside is not None
        found = retriever.store.passages([i for i, _ in lexical + dense])
        assert all(p.doc_id != inside.id for p in found.values())
    finally:
        retriever.close()


@pytest.mark.parametrize(
    "scope",
    [
        Filter(since=datetime.date(2024, 1, 1)),
        Filter(until=datetime.date(2024, 12, 31), since=datetime.date(2022, 1, 1)),
        Filter(paths=("reports/",)),
        Filter(paths=("*.txt", "!notes/**", "!undated.txt")),
        Filter(paths=("reports/2024/*.txt",), since=datetime.date(2024, 3, 1), until=datetime.date(2024, 3, 1)),
    ],
)
def test_a_filter_finds_the_report_the_duplicates_hid(indexed: Settings, scope: Filter) -> None:
    retriever = open_retriever(indexed, scope)
    try:
        hits = retriever.search(QUESTION, 5)
        assert paths(hits)[0] == INSIDE
        assert hits[0].lexical_rank == 1 and hits[0].dense_rank == 1  # both halves found it, inside the filter
        assert set(paths(hits)) <= {INSIDE, "undated.txt"}
        sentences = retriever.store.sentence_search.lexical('"harbour" OR "crane"', 20)
        assert sentences and {s.path for s in sentences} <= {INSIDE, "undated.txt"}
        documents = retriever.search_documents(QUESTION, 5)
        assert paths(documents)[0] == INSIDE
    finally:
        retriever.close()


def test_dates_leave_out_undated_documents_and_paths_keep_them(indexed: Settings) -> None:
    dated = open_retriever(indexed, Filter(since=datetime.date(2000, 1, 1)))
    by_path = open_retriever(indexed, Filter(paths=("undated.txt", "reports")))
    try:
        assert "undated.txt" not in paths(dated.search(QUESTION, 100))
        assert set(paths(by_path.search(QUESTION, 100))) == {"undated.txt", INSIDE}
    finally:
        dated.close()
        by_path.close()


def test_a_filter_that_admits_nothing_finds_nothing(indexed: Settings) -> None:
    retriever = open_retriever(indexed, Filter(since=datetime.date(2030, 1, 1)))
    try:
        assert retriever.search(QUESTION, 5) == []
        assert retriever.search_documents(QUESTION, 5) == []
        assert retriever.store.sentence_search.lexical('"crane"', 10) == []
    finally:
        retriever.close()


def test_an_empty_filter_changes_nothing(indexed: Settings) -> None:
    plain, empty = open_retriever(indexed), open_retriever(indexed, Filter())
    try:
        assert paths(plain.search(QUESTION, 20)) == paths(empty.search(QUESTION, 20))
    finally:
        plain.close()
        empty.close()


def test_a_filter_that_admits_every_document_is_no_filter(indexed: Settings) -> None:
    plain, everything = open_retriever(indexed), open_retriever(indexed, Filter.parse(paths=["*"]))
    try:
        assert everything._allowed is None and not everything.store.within("passages_fts")
        assert paths(plain.search(QUESTION, 20)) == paths(everything.search(QUESTION, 20))
    finally:
        plain.close()
        everything.close()


def test_the_same_filter_reuses_its_selector_and_another_gets_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors_mod, "FLAT_MAX", 100)
    monkeypatch.setattr(vectors_mod, "EXACT_FILTERED", 0)
    dim = 16
    matrix = _random(400, dim, 4)
    index = VectorIndex.build(np.arange(1, 401, dtype=np.int64), matrix, dim, "u:1")
    query = _random(1, dim, 5)[0]
    odd = np.arange(1, 401, 2, dtype=np.int64)
    even = np.arange(2, 401, 2, dtype=np.int64)
    first = index.search(query, 5, odd)
    params = index._filtered
    assert index.search(query, 5, odd) == first and index._filtered is params  # built once for one filter
    assert all(i % 2 == 0 for i, _ in index.search(query, 5, even)) and index._filtered is not params
    assert all(i % 2 == 1 for i, _ in first)


def test_a_small_filter_reads_its_stored_vectors_once_and_another_reads_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exact search over a small filter's passages reads their stored vectors for its first question only."""
    monkeypatch.setattr(vectors_mod, "FLAT_MAX", 100)
    dim = 16
    matrix = _random(400, dim, 4)
    index = VectorIndex.build(np.arange(1, 401, dtype=np.int64), matrix, dim, "u:1")
    reads: list[int] = []

    def stored(wanted: list[int]) -> tuple[np.ndarray, np.ndarray]:
        reads.append(len(wanted))
        return np.asarray(wanted, dtype=np.int64), matrix[np.asarray(wanted) - 1]

    index.exact = stored
    odd, even = np.arange(1, 401, 2, dtype=np.int64), np.arange(2, 401, 2, dtype=np.int64)
    queries = _random(3, dim, 5)
    for query in queries:
        expected = sorted(odd.tolist(), key=lambda i: -float(matrix[i - 1] @ query))[:5]
        assert [i for i, _ in index.search(query, 5, odd)] == expected
    assert reads == [200]
    assert all(i % 2 == 0 for i, _ in index.search(queries[0], 5, even)) and reads == [200, 200]


def _random(n: int, dim: int, seed: int) -> np.ndarray:
    matrix = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


@pytest.mark.parametrize("size", [300, 3_000])
def test_filtered_vector_search_is_the_exact_top_k_of_the_allowed_ids(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """Flat and HNSW bases, with hidden (replaced) ids and a delta: the filtered result is the brute-force answer
    over the allowed ids, whether FAISS's id selector or the exact path served it."""
    monkeypatch.setattr(vectors_mod, "FLAT_MAX", 1_000)
    dim = 32
    matrix = _random(size, dim, 1)
    ids = np.arange(1, size + 1, dtype=np.int64)
    base = VectorIndex.build(ids, matrix, dim, "u:1")
    replaced = ids[:10]
    changed = np.concatenate([replaced, np.arange(size + 1, size + 11, dtype=np.int64)])
    fresh = _random(20, dim, 2)
    index = base.with_changes("u:2", replaced, changed, fresh, size + 10)
    truth = {int(i): matrix[int(i) - 1] for i in ids} | {int(i): v for i, v in zip(changed, fresh, strict=True)}
    index.exact = lambda wanted: (
        np.asarray(wanted, dtype=np.int64),
        np.stack([truth[int(i)] for i in wanted]),
    )
    allowed = np.asarray(sorted([*range(1, size + 11, 7), *replaced[:3].tolist()]), dtype=np.int64)
    query = _random(1, dim, 3)[0]
    expected = sorted(allowed.tolist(), key=lambda i: -float(truth[i] @ query))[:10]
    found = index.search(query, 10, allowed)
    assert [i for i, _ in found] == expected
    monkeypatch.setattr(vectors_mod, "EXACT_FILTERED", 0)  # the same through FAISS's selector on the HNSW graph
    recall = len({i for i, _ in index.search(query, 10, allowed)} & set(expected)) / 10
    assert recall >= (1.0 if index.kind == "flat" else 0.8)
    assert index.search(query, 10, np.zeros(0, dtype=np.int64)) == []


def test_filter_paths_from_a_bad_pattern_fail_in_one_line(tmp_path: Path) -> None:
    from askdocs.errors import UsageError

    with pytest.raises(UsageError, match="--path"):
        Filter.parse(paths=["!"])
    with pytest.raises(UsageError, match="--path"):  # a character range backwards: the regex library's error
        Filter.parse(paths=["[z-a]"])
