"""A big file among small ones: the small files read before it are committed before it embeds, its passages are
embedded over several batches (the passage count moves inside it), and it is committed alone."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.index_progress import PassageCount
from askdocs.indexer import Indexer, index_corpus
from askdocs.store.index_store import DB_FILE, IndexStore
from askdocs.store.vectors import FAISS_FILE
from tests.support import FakeEmbedder

SMALL = 10
BATCH = 8


def big_text(lines: int) -> str:
    """Distinct sentences, about 14 words each: `lines` of them make lines / 13 passages of 180 words."""
    return "".join(
        f"Bigfile line {i}: the harbour crane number {i} was painted green on day {i % 28 + 1} by crew {i % 7}.\n"
        for i in range(lines)
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Settings:
    """Ten one-passage files, then (in name order) one file of about 60 passages."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(SMALL):
        (folder / f"a{i:02d}.txt").write_text(f"Note {i}: the ferry number {i} left the harbour at dawn.\n")
    (folder / "zz-big.txt").write_text(big_text(800))
    return Settings(corpus=folder, index=tmp_path / "index", model="fake")


def committed(settings: Settings) -> list[str]:
    """Paths committed so far, read through a second connection as another process would."""
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        return sorted(row[0] for row in conn.execute("SELECT path FROM documents"))


class WatchingBig(FakeEmbedder):
    """Records what is committed when the big file's first passages reach the model."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.before_big: list[str] | None = None
        self.calls: list[int] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        if self.before_big is None and any(t.startswith("Bigfile") for t in texts):
            self.before_big = committed(self.settings)
        return super().encode(texts)


@pytest.mark.parametrize("big_bytes", [10**9, 1000], ids=["known-big-after-reading", "known-big-by-size"])
def test_small_files_are_committed_before_a_big_file_embeds_and_it_embeds_in_batches(
    corpus: Settings, big_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    smalls = [f"a{i:02d}.txt" for i in range(SMALL)]
    embedder = WatchingBig(corpus)
    events: list[tuple[str, int]] = []
    groups: list[list[str]] = []
    put = IndexStore.put_documents

    def spy(store: IndexStore, items: list) -> None:
        groups.append([doc.path for doc, *_ in items])
        put(store, items)

    monkeypatch.setattr(IndexStore, "put_documents", spy)
    run = Indexer(
        corpus,
        embedder=embedder,
        progress=lambda done, total, path: events.append(("file", done)),
        passages=lambda count: events.append(("passages", count.done)),
        batch_passages=BATCH,
        big_bytes=big_bytes,
    )
    report = run.run()
    big_passages = report.passages - SMALL
    assert report.added == SMALL + 1 and big_passages > 5 * BATCH
    assert embedder.before_big == smalls  # every small file committed before the big one's first batch
    assert groups[-1] == ["zz-big.txt"] and all("zz-big.txt" not in g for g in groups[:-1])  # alone
    assert max(embedder.calls) <= BATCH and sum(embedder.calls) == report.passages
    inside = events[events.index(("file", SMALL)) + 1 : events.index(("file", SMALL + 1))]
    counts = [n for kind, n in inside if kind == "passages"]
    assert len(counts) >= big_passages // BATCH and counts == sorted(set(counts))  # moves, batch by batch
    assert counts[-1] == report.passages
    with IndexStore.open(corpus.index) as store:
        ids, matrix = store.embeddings()
        texts = {pid: p.text for pid, p in store.passages([int(i) for i in ids]).items()}
    assert len(ids) == report.passages
    for pid, vector in zip(ids, matrix, strict=True):  # each passage of the big file kept its own vector
        assert np.allclose(vector, embedder._vector(texts[int(pid)]), atol=1e-6)


def test_an_interrupt_while_a_big_file_embeds_keeps_the_small_files_read_before_it(corpus: Settings) -> None:
    seen: list[PassageCount] = []

    def interrupt(count: PassageCount) -> None:
        seen.append(count)
        if count.done >= SMALL + 3 * BATCH:  # the big file is three batches in
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Indexer(corpus, embedder=FakeEmbedder(), passages=interrupt, batch_passages=BATCH).run()
    assert committed(corpus) == [f"a{i:02d}.txt" for i in range(SMALL)]
    with IndexStore.open(corpus.index) as store:
        info = store.info()
        ids, _ = store.embeddings()
        assert (info.documents, info.passages, len(ids)) == (SMALL, SMALL, SMALL) and store.check_database() == []
        assert store.check_vectors() == f"{FAISS_FILE} is missing"  # not saved yet: the next question makes it
    assert seen[-1].exact and seen[-1].expected > seen[-1].done
    again = index_corpus(corpus, embedder=FakeEmbedder())
    assert (again.added, again.unchanged, again.total_documents) == (1, SMALL, SMALL + 1)


def test_an_interrupt_while_a_big_file_is_read_keeps_the_small_files_read_before_it(
    corpus: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading, chunking and dating a big file takes a while too (about 1.3 s per MB): a file of big_bytes or
    more is read only once the files before it are committed."""
    import askdocs.index_pipeline as pipeline

    real = pipeline.read_document

    def read(corpus_folder: Path, path: Path, **kwargs: object):  # noqa: ANN202 - a Document, as the real one
        if path.name == "zz-big.txt":
            raise KeyboardInterrupt
        return real(corpus_folder, path, **kwargs)

    monkeypatch.setattr(pipeline, "read_document", read)
    with pytest.raises(KeyboardInterrupt):
        Indexer(corpus, embedder=FakeEmbedder(), batch_passages=BATCH, big_bytes=1000).run()
    assert committed(corpus) == [f"a{i:02d}.txt" for i in range(SMALL)]


def test_the_estimate_is_marked_until_every_file_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-big.txt").write_text(big_text(400))
    (folder / "b.txt").write_text("The ferry left at dawn.\n")
    seen: list[PassageCount] = []
    settings = Settings(corpus=folder, index=tmp_path / "index", model="fake")
    Indexer(settings, embedder=FakeEmbedder(), passages=seen.append, batch_passages=BATCH).run()
    assert not seen[0].exact and seen[0].label.startswith(f"embedding passages {BATCH}/~")
    assert seen[-1].exact and seen[-1].done == seen[-1].expected
    assert seen[-1].label == f"embedding passages {seen[-1].done}/{seen[-1].done}"


def test_short_files_read_first_do_not_make_a_big_one_look_like_millions(tmp_path: Path) -> None:
    """Twenty one-line files, then one of 26,000 lines (about 2,900 passages): the first estimate, made from the
    short files alone, stays within a few times the truth."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(20):
        (folder / f"a{i:02d}.txt").write_text(f"The ferry {i} left at dawn.\n")
    (folder / "z-big.txt").write_text(big_text(26_000))
    seen: list[PassageCount] = []
    settings = Settings(corpus=folder, index=tmp_path / "index", model="fake")
    Indexer(settings, embedder=FakeEmbedder(), passages=seen.append, batch_passages=BATCH, big_bytes=10**9).run()
    truth = seen[-1].done
    assert seen[-1].exact and 2500 < truth < 3300
    first = next(c for c in seen if not c.exact)
    assert truth / 3 < first.expected < 3 * truth, (first.expected, truth)


def test_skipped_files_are_reported_as_skipped_with_why(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02")
    (folder / "huge.txt").write_text("word " * 300_000)  # 1.4 MB, over a 1 MB cap
    settings = Settings(corpus=folder, index=tmp_path / "index", model="fake", max_file_mb=1)
    indexed: list[str] = []
    skipped: list[tuple[int, int, str, str]] = []
    report = index_corpus(
        settings,
        embedder=FakeEmbedder(),
        progress=lambda done, total, path: indexed.append(path),
        skipped=lambda done, total, path, reason: skipped.append((done, total, path, reason)),
    )
    assert indexed == ["a.txt"]
    assert report.skipped == 2 and "0 unchanged, 2 skipped (1 binary, 1 too large);" in report.summary()
    again = index_corpus(settings, embedder=FakeEmbedder())  # remembered: not read, not warned again, still counted
    assert again.skipped == 2 and not again.warnings
    assert "1 unchanged, 2 skipped (1 binary, 1 too large; 2 unchanged since an earlier run skipped them);" in (
        again.summary()
    )
    assert [(path, reason) for _, _, path, reason in skipped] == [
        ("bin.txt", "binary"),
        ("huge.txt", "1 MB, over max_file_mb = 1"),
    ]
    assert {total for _, total, _, _ in skipped} == {3} and skipped[-1][0] == 3  # they count as done
    raised = replace(settings, max_file_mb=2)  # a raised cap lets the big file in; the binary one stays skipped
    said = index_corpus(raised, embedder=FakeEmbedder()).summary()
    assert "1 added, 0 changed, 0 removed, 1 unchanged, 1 skipped (1 binary; 1 unchanged since an earlier run" in said


def test_the_log_says_skipped_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    from askdocs.cli.index import _Lines

    lines = _Lines()
    lines.skipped(2, 3, "bin\x1b[2J.txt", "binary")
    lines.progress(3, 3, "a.txt")
    assert capsys.readouterr().err.splitlines() == ["skipped 2/3 'bin\\x1b[2J.txt': binary", "indexed 3/3 a.txt"]


def test_the_log_gives_the_passage_count_only_now_and_then(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from askdocs.cli import index as cli_index

    clock = iter([0.0, 1.0, 2.0, 11.0, 12.0, 25.0])
    monkeypatch.setattr(cli_index.time, "monotonic", lambda: next(clock))
    lines = cli_index._Lines()  # 0 s
    for done in (8, 16, 24, 32, 40):  # at 1, 2, 11, 12 and 25 s
        lines.passages(PassageCount(done, 100, exact=True))
    assert capsys.readouterr().err.splitlines() == ["embedding passages 24/100", "embedding passages 40/100"]
