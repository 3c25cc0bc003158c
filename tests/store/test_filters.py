"""Filter and its SQL: dates and gitignore-style paths admit the right documents, and full-text search ranks only
those, in every branch of the bounded BM25, also on an index file that cannot be written."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import UsageError
from askdocs.indexer import index_corpus
from askdocs.store import fts as fts_module
from askdocs.store import scope as scope_module
from askdocs.store.filters import Filter
from askdocs.store.fts import Rows, bounded_bm25
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder

D = datetime.date


@pytest.mark.parametrize(
    ("scope", "path", "published", "admitted"),
    [
        (Filter(since=D(2024, 1, 1)), "a.txt", "2024-01-01", True),
        (Filter(since=D(2024, 1, 1)), "a.txt", "2023-12-31", False),
        (Filter(until=D(2024, 1, 1)), "a.txt", "2024-01-01", True),
        (Filter(until=D(2024, 1, 1)), "a.txt", "2024-01-02", False),
        (Filter(since=D(2024, 1, 1)), "a.txt", None, False),
        (Filter(paths=("reports/",)), "reports/2024/q1.md", None, True),
        (Filter(paths=("reports/",)), "old-reports/q1.md", None, False),
        (Filter(paths=("*.md",)), "deep/er/x.md", None, True),
        (Filter(paths=("/*.md",)), "deep/x.md", None, False),
        (Filter(paths=("2024/**/minutes*",)), "2024/board/minutes-03.txt", None, True),
        (Filter(paths=("*.md", "!drafts/**")), "drafts/x.md", None, False),
        (Filter(paths=("!news/",)), "news/a.txt", None, False),
        (Filter(paths=("!news/",)), "deep/news/a.txt", None, False),
        (Filter(paths=("!news/",)), "reports/a.txt", None, True),
        (Filter(paths=("!/news/",)), "deep/news/a.txt", None, True),
        (Filter(paths=("!news",)), "news/sub/a.txt", None, False),
        (Filter(paths=("!./news/",)), "news/a.txt", None, False),
        (Filter(paths=("!./news/",)), "reports/a.txt", None, True),
        (Filter(paths=("*.txt", "!news/")), "news/a.txt", None, False),
        (Filter(paths=("*.txt", "!news/")), "a.txt", None, True),
        (Filter(paths=("reports/", "!reports/old/")), "reports/old/q1.md", None, False),
        (Filter(paths=("./notes.txt",)), "notes.txt", None, True),
        (Filter(since=D(2024, 1, 1), paths=("a.txt",)), "a.txt", "2024-05-01", True),
        (Filter(since=D(2024, 1, 1), paths=("b.txt",)), "a.txt", "2024-05-01", False),
        (Filter(), "anything", None, True),
    ],
)
def test_admits(scope: Filter, path: str, published: str | None, admitted: bool) -> None:
    assert scope.admits(path, published) is admitted


def test_parse_reads_dates_and_refuses_bad_ones_in_one_line() -> None:
    assert Filter.parse("2024-02-29", None, ["  reports/ ", ""]) == Filter(D(2024, 2, 29), None, ("reports/",))
    assert not Filter.parse(None, None, []).active
    for bad in ("2024/01/01", "01-02-2024", "2024-1-1", "", "2024-01-01T00:00"):
        with pytest.raises(UsageError, match="--since .* YYYY-MM-DD"):
            Filter.parse(bad)
    with pytest.raises(UsageError, match="--since '2023-02-29' has no day 29: February 2023 has 28 days"):
        Filter.parse("2023-02-29")
    with pytest.raises(UsageError, match="after --until"):
        Filter.parse("2024-02-01", "2024-01-01")
    assert Filter(D(2024, 1, 1), None, ("a/", "b/")).describe() == "published 2024-01-01 to …; paths a/, b/"


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty 2021 notes and five 2024 ones under new/, all about the harbour crane."""
    root = tmp_path_factory.mktemp("scope")
    corpus = root / "corpus"
    (corpus / "new").mkdir(parents=True)
    for i in range(20):
        (corpus / f"old-{i:02d}.txt").write_text(f"Date: 2021-05-{i + 1:02d}\n\nThe harbour crane {i} rusted away.\n")
    for i in range(5):
        (corpus / "new" / f"n{i}.txt").write_text(f"Date: 2024-05-{i + 1:02d}\n\nA new harbour crane {i} arrived.\n")
    index_corpus(Settings(corpus=corpus, index=root / "index", model="fake"), embedder=FakeEmbedder())
    return root / "index"


def _paths(store: IndexStore, ids: list[int]) -> set[str]:
    return {p.path for p in store.passages(ids).values()}


def test_restrict_limits_every_full_text_search_and_lifts_again(store_folder: Path) -> None:
    with IndexStore.open(store_folder) as store:
        allowed = store.restrict(Filter(since=D(2024, 1, 1)))
        assert allowed is not None and _paths(store, allowed.tolist()) == {f"new/n{i}.txt" for i in range(5)}
        hits = store.lexical('"harbour" OR "crane"', 50)
        assert len(hits) == 5 and _paths(store, [i for i, _ in hits]) <= {f"new/n{i}.txt" for i in range(5)}
        assert {s.path for s in store.sentence_search.lexical('"crane"', 50)} == {f"new/n{i}.txt" for i in range(5)}
        docs = store.documents_by_id([d for d, _ in store.lexical_documents('"crane"', 50)])
        assert {d.path for d in docs.values()} == {f"new/n{i}.txt" for i in range(5)}
        assert store.sentence_search.document_frequency('"crane"') == 25  # IDF stays corpus-wide
        assert store.restrict(None) is None and len(store.lexical('"crane"', 50)) == 25
        assert store.restrict(Filter()) is None


@pytest.mark.parametrize("budget", [3, 8, 100])
def test_the_bounded_bm25_branches_all_keep_the_filter(store_folder: Path, budget: int) -> None:
    """budget 100: the plain ranking; 8: the rarest words only; 3: every word too common, the newest matches."""
    with IndexStore.open(store_folder) as store:
        store.restrict(Filter(paths=("new/",)))
        ranked = bounded_bm25(
            store._conn,
            "passages_fts",
            '"harbour" OR "crane" OR "arrived"',
            50,
            budget,
            within=store.within("passages_fts"),
        )
        assert ranked and _paths(store, [i for i, _ in ranked]) <= {f"new/n{i}.txt" for i in range(5)}


def test_a_read_only_index_can_be_filtered(store_folder: Path) -> None:
    """The scope table lives in the connection's temporary database: a read-only connection filters too."""
    import sqlite3

    db = store_folder / "askdocs.sqlite3"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    with IndexStore(conn, store_folder, db) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("UPDATE documents SET title = 'x'")
        allowed = store.restrict(Filter(until=D(2021, 5, 3)))
        assert allowed is not None and len(allowed) == 3
        assert len(store.lexical('"crane"', 50)) == 3


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty notes in their own folders, every third one under keep/ (indexed in path order), so the admitted rows
    form many short runs of rowids."""
    root = tmp_path_factory.mktemp("slices")
    corpus = root / "corpus"
    for i in range(40):
        folder = corpus / f"d{i:02d}" / ("keep" if i % 3 == 0 else "other")
        folder.mkdir(parents=True)
        words = " ".join(["crane"] * (1 + i % 4) + ["harbour"] * (1 + i % 5))
        (folder / f"n{i:02d}.txt").write_text(f"The {words} note {i}. A second crane sentence, number {i}.\n")
    index_corpus(Settings(corpus=corpus, index=root / "index", model="fake"), embedder=FakeEmbedder())
    return root / "index"


@pytest.mark.parametrize("limit", [1, 2, 100])
@pytest.mark.parametrize("budget", [3, 30, 1000])
def test_a_filter_searched_as_rowid_ranges_ranks_as_its_id_list_does(
    mixed_folder: Path, monkeypatch: pytest.MonkeyPatch, limit: int, budget: int
) -> None:
    """Whether the admitted rows are searched as runs of rowids (up to `SLICES` of them) or as one range tested
    against the id list, every branch of the bounded BM25 returns the same rows with the same scores."""
    query = '"harbour" OR "crane" OR "note"'
    monkeypatch.setattr(scope_module, "SLICES", limit)
    with IndexStore.open(mixed_folder) as store:
        store.restrict(Filter(paths=("keep/",)))
        admitted = {row[0] for row in store._conn.execute(f"SELECT id FROM {scope_module.TABLES['passages_fts']}")}
        for fts in ("passages_fts", "sentences_fts"):
            within = store.within(fts)
            assert len(within) == (1 if limit < 14 else 14)  # 14 of the 40 notes, none of them next to another
            assert all(rows.listed for rows in within) is (limit < 14)
            listed = (Rows(0, 1 << 40, f"+rowid IN (SELECT id FROM {scope_module.TABLES[fts]})"),)
            ranked = bounded_bm25(store._conn, fts, query, 100, budget, within=within)
            assert _ties_by_id(ranked) == _ties_by_id(bounded_bm25(store._conn, fts, query, 100, budget, within=listed))
            top = bounded_bm25(store._conn, fts, query, 5, budget, within=within)
            assert len(ranked) >= 14 and [s for _, s in top] == [s for _, s in ranked[:5]]
        everything = bounded_bm25(store._conn, "passages_fts", query, 1000, 1000)
        ranked = bounded_bm25(store._conn, "passages_fts", query, 1000, 1000, within=store.within("passages_fts"))
        assert _ties_by_id(ranked) == _ties_by_id([row for row in everything if row[0] in admitted])


def test_a_listed_filter_estimates_a_common_words_matches_from_its_density(
    mixed_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scattered rows are tested one by one against the id list; a word with many matches in their range has its
    admitted matches estimated from the share of the range the list admits, and a rare one is counted exactly."""
    monkeypatch.setattr(scope_module, "SLICES", 1)
    with IndexStore.open(mixed_folder) as store:
        store.restrict(Filter(paths=("keep/",)))
        (rows,) = store.within("passages_fts")
        admitted = store._conn.execute(f"SELECT count(*) FROM {scope_module.TABLES['passages_fts']}").fetchone()[0]
        assert rows.listed and rows.density == pytest.approx(admitted / (rows.high - rows.low + 1))
        conn, word = store._conn, '"0" OR "1" OR "2" OR "3" OR "6" OR "9"'  # notes 0, 3, 6 and 9 are admitted
        exact = fts_module._count(conn, "passages_fts", word, 1000, (rows,))
        in_range = fts_module._count(conn, "passages_fts", word, 1000, (Rows(rows.low, rows.high),))
        assert (exact, in_range, round(in_range * rows.density)) == (4, 6, 2)
        monkeypatch.setattr(fts_module, "ESTIMATED_ABOVE", in_range - 1)
        assert fts_module._count(conn, "passages_fts", word, 1000, (rows,)) == round(in_range * rows.density)
        monkeypatch.setattr(fts_module, "ESTIMATED_ABOVE", in_range)
        assert fts_module._count(conn, "passages_fts", word, 1000, (rows,)) == exact


def _ties_by_id(ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """A ranking with equal scores put in rowid order: FTS5 leaves their order open."""
    return sorted(ranked, key=lambda row: (-row[1], row[0]))


def test_a_filter_that_admits_nothing_finds_nothing(mixed_folder: Path) -> None:
    with IndexStore.open(mixed_folder) as store:
        assert store.restrict(Filter(paths=("absent/",))) is not None
        assert store.within("passages_fts") == (Rows(1, 0),)
        assert store.lexical('"crane"', 10) == [] and store.sentence_search.lexical('"crane"', 10) == []
        assert store.lexical_documents('"crane"', 10) == []
