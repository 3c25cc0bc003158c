"""The indexer embeds one batch in the background while it reads the next: order, counts and failures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.errors import IndexUnusable, ModelUnavailable
from askdocs.index_batch import SLICE_PASSAGES
from askdocs.indexer import EMBED_BATCH_PASSAGES, index_corpus
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder

FILES = EMBED_BATCH_PASSAGES + 60


class FailingAfter(FakeEmbedder):
    """Embeds the first `calls` batches, then fails as a model that cannot run would."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls = calls

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.calls <= 0:
            raise ModelUnavailable("the model stopped")
        self.calls -= 1
        return super().encode(texts)


@pytest.fixture
def many(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(FILES):
        (corpus / f"note-{i:04d}.txt").write_text(f"Note {i}: the harbour crane number {i} was inspected.")
    return Settings(corpus=corpus, index=tmp_path / "index", model="fake")


def test_batches_are_committed_in_order_with_their_own_vectors(many: Settings) -> None:
    seen: list[tuple[int, int, str]] = []
    embedder = FakeEmbedder()
    report = index_corpus(many, embedder=embedder, progress=lambda done, total, path: seen.append((done, total, path)))
    assert (report.added, report.passages) == (FILES, FILES)
    assert [d for d, _, _ in seen] == list(range(1, FILES + 1)) and {t for _, t, _ in seen} == {FILES}
    with IndexStore.open(many.index) as store:
        ids, matrix = store.embeddings()
        texts = {pid: p.text for pid, p in store.passages([int(i) for i in ids]).items()}
    assert len(ids) == FILES
    for pid, vector in zip(ids, matrix, strict=True):
        assert np.allclose(vector, embedder._vector(texts[int(pid)]), atol=1e-6)


def test_a_model_failing_mid_run_stops_with_its_error_and_keeps_the_committed_batch(many: Settings) -> None:
    with pytest.raises(ModelUnavailable, match="stopped"):  # the first batch's calls succeed, one slice each
        index_corpus(many, embedder=FailingAfter(calls=EMBED_BATCH_PASSAGES // SLICE_PASSAGES))
    with IndexStore.open(many.index) as store:
        assert store.info().documents == EMBED_BATCH_PASSAGES
    report = index_corpus(many, embedder=FakeEmbedder())
    expected = (FILES - EMBED_BATCH_PASSAGES, EMBED_BATCH_PASSAGES, FILES)
    assert (report.added, report.unchanged, report.total_documents) == expected


def test_a_first_build_whose_model_failed_binds_no_model(many: Settings) -> None:
    """A model that fails the first build before any vector leaves no index behind; an empty index an older run
    left recording it is started over by the next run with a good model, instead of refusing a model it never
    used."""
    from dataclasses import replace

    with pytest.raises(ModelUnavailable):
        index_corpus(replace(many, model="mistyped"), embedder=FailingAfter(calls=0))
    assert not IndexStore.exists(many.index)
    IndexStore.create(many.index, "mistyped", corpus=many.corpus).close()  # what such a run used to leave
    report = index_corpus(many, embedder=FakeEmbedder())
    assert report.added == FILES
    with IndexStore.open(many.index) as store:
        assert store.model == "fake"
    with pytest.raises(IndexUnusable, match="built with model 'fake'"):  # a real index still binds its model
        index_corpus(replace(many, model="other"), embedder=FakeEmbedder())


@pytest.mark.slow
def test_batches_embedded_side_by_side_keep_each_passage_with_its_own_vector(tmp_path: Path) -> None:
    """Big runs embed one batch per core at once, on the real model; every stored vector must still be the one
    of its own passage, and the files are committed in order."""
    import askdocs.indexer as indexer
    from askdocs.encoders.choose import for_questions
    from askdocs.index_pipeline import usable_cores

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    topics = ["harbour cranes", "river floods", "school budgets", "train delays", "forest fires", "city markets"]
    for i in range(40):
        topic = topics[i % len(topics)]
        (corpus / f"n{i:02d}.txt").write_text(f"Report {i} on {topic}: officials counted {i * 7} cases in week {i}.")
    settings = Settings(corpus=corpus, index=tmp_path / "index", quantize="none")
    seen: list[str] = []
    run = indexer.Indexer(settings, progress=lambda done, total, path: seen.append(path), batch_passages=6)
    report = run.run()
    assert report.encoder == "onnx-fp32" and report.passages == 40
    assert seen == sorted(seen)
    assert usable_cores() < 2 or run.side_by_side >= 2
    with IndexStore.open(settings.index) as store:
        ids, matrix = store.embeddings()
        texts = {pid: p.text for pid, p in store.passages([int(i) for i in ids]).items()}
    expected = for_questions(settings.model, index_dir=settings.index).encode([texts[int(i)] for i in ids])
    assert np.sum(matrix * expected, axis=1).min() >= 0.9999


class OneAtATime(FakeEmbedder):
    """A model whose encode must never run twice at once (like sentence-transformers' tokenizer); counts overlaps."""

    concurrent = False

    def __init__(self) -> None:
        super().__init__()
        self.active = self.most = 0
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.active += 1
            self.most = max(self.most, self.active)
        time.sleep(0.2)  # long enough for the next batch to be read meanwhile
        try:
            return super().encode(texts)
        finally:
            with self._lock:
                self.active -= 1


def test_a_model_that_embeds_one_batch_at_a_time_never_gets_two(many: Settings) -> None:
    embedder = OneAtATime()
    report = index_corpus(many, embedder=embedder)
    assert report.passages == FILES and len(embedder.encoded) == FILES
    assert embedder.most == 1


def test_an_extreme_date_neither_stops_indexing_nor_asking(tmp_path: Path) -> None:
    from askdocs.answering import answer_question
    from askdocs.retrieval import Retriever

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m.txt").write_text("The clock rolled over on 9999-12-31. The next day nothing worked.\n")
    (corpus / "n.txt").write_text("On 0001-01-01 the calendar began. The day before is not a day.\n")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    assert index_corpus(settings, embedder=FakeEmbedder()).added == 2
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    try:
        answer = answer_question(retriever, "What happened on 9999-12-31 and the day after?")
    finally:
        retriever.close()
    assert answer.dates == ("9999-12-31",)


class SlowEmbedder(FakeEmbedder):
    """Takes a while per batch, like a real model, and says when a call is running."""

    def __init__(self) -> None:
        super().__init__()
        self.running = threading.Event()

    def encode(self, texts: list[str]) -> np.ndarray:
        self.running.set()
        time.sleep(0.4)
        return super().encode(texts)


def test_an_interrupt_waits_for_the_model_calls_in_flight(many: Settings) -> None:
    (many.corpus / "note-9999.txt").write_text("   ")  # skipped (no text) while the first batch is embedding
    embedder = SlowEmbedder()

    def interrupt(done: int, total: int, path: str) -> None:
        if path == "note-9999.txt":
            assert embedder.running.is_set()
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index_corpus(many, embedder=embedder, progress=interrupt)
    assert not [t for t in threading.enumerate() if t.name == "askdocs-embed" and t.is_alive()]


def test_skipped_files_are_remembered_and_stop_counting_as_new(tmp_path: Path) -> None:
    from askdocs.store import skipped as skip_log
    from askdocs.store.changes import compare

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    first = index_corpus(settings, embedder=FakeEmbedder())
    assert first.added == 1 and len(first.warnings) == 2
    with IndexStore.open(settings.index) as store:
        changes = compare(corpus, store.documents(), skipped=skip_log.load(settings.index))
    assert not changes.stale and sorted(p.name for p in changes.skipped) == ["bin.txt", "empty.txt"]
    assert "empty" in skip_log.load(settings.index)["empty.txt"].reason
    again = index_corpus(settings, embedder=FakeEmbedder())
    assert again.warnings == [] and set(skip_log.load(settings.index)) == {"bin.txt", "empty.txt"}
    (corpus / "empty.txt").write_text("Now it has text about a bridge.")
    with IndexStore.open(settings.index) as store:
        changes = compare(corpus, store.documents(), skipped=skip_log.load(settings.index))
    assert [p.name for p in changes.new] == ["empty.txt"]
    assert index_corpus(settings, embedder=FakeEmbedder()).added == 1
    assert set(skip_log.load(settings.index)) == {"bin.txt"}
    rebuilt = index_corpus(settings, rebuild=True, embedder=FakeEmbedder())  # reads every file again, and says so
    assert rebuilt.added == 2 and len(rebuilt.warnings) == 1 and "bin.txt" in rebuilt.warnings[0]
    assert set(skip_log.load(settings.index)) == {"bin.txt"}


def test_a_reader_failing_on_one_file_skips_that_file_and_indexes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that meets something it never expected (a ValueError deep in a parser) costs one file, named in the
    warning and the skipped list, not the whole run."""
    import askdocs.index_pipeline as pipeline
    from askdocs.store import skipped as skip_log

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (corpus / "odd.txt").write_text("A file its reader chokes on.")
    real = pipeline.read_document

    def read(root: Path, path: Path, **kwargs: object) -> object:
        if path.name == "odd.txt":
            raise ValueError("day is out of range for month")
        return real(root, path, **kwargs)

    monkeypatch.setattr(pipeline, "read_document", read)
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.added == 1 and len(report.warnings) == 1
    assert "odd.txt" in report.warnings[0] and "ValueError: day is out of range" in report.warnings[0]
    assert "day is out of range" in skip_log.load(settings.index)["odd.txt"].reason
    with IndexStore.open(settings.index) as store:
        assert list(store.documents()) == ["a.txt"]


def test_a_corpus_folder_that_goes_while_it_is_scanned_removes_nothing(
    fake_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moved away between the run's start and its scan (a watch's sync, a drive that drops): the scan finds no file,
    which must not read as "every document was deleted"."""
    from askdocs import indexer
    from askdocs.errors import CorpusMissing

    index_corpus(fake_settings, embedder=FakeEmbedder())
    real = indexer.compare

    def moved_first(corpus: Path, *args: object, **kwargs: object) -> object:
        corpus.rename(corpus.with_name("moved"))
        return real(corpus, *args, **kwargs)

    monkeypatch.setattr(indexer, "compare", moved_first)
    with pytest.raises(CorpusMissing, match="went while it was read; the index keeps every document"):
        index_corpus(fake_settings, embedder=FakeEmbedder())
    with IndexStore.open(fake_settings.index) as store:
        assert sorted(store.documents()) == ["mexico-cartel-arrests.txt"]


def test_a_passage_that_repeats_is_embedded_once_and_stored_for_every_place(tmp_path: Path) -> None:
    """A file of one word over and over (or a footer on every page) gave thousands of passages of one text, each
    embedded anew: 124 s for three hostile files. Each distinct text is embedded once; every passage keeps a vector."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "junk.txt").write_text("buffalo " * 6000)
    (corpus / "news.txt").write_text("The harbour crane collapsed on Tuesday. Two workers were hurt.")
    embedder = FakeEmbedder()
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = index_corpus(settings, embedder=embedder)
    assert report.passages > 10
    assert len(embedder.encoded) == len(set(embedder.encoded)) < report.passages
    with IndexStore.open(settings.index) as store:
        ids, matrix = store.embeddings()
        texts = {pid: p.text for pid, p in store.passages([int(i) for i in ids]).items()}
    assert len(ids) == report.passages
    expected = np.stack([embedder._vector(texts[int(i)]) for i in ids])
    assert np.allclose(matrix, expected, atol=1e-6)


def test_batches_side_by_side_follow_the_cores_the_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run pinned to one core of eight (taskset, a container's cpuset) counts one core, not the machine's eight."""
    import os

    from askdocs.index_pipeline import usable_cores

    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert usable_cores() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert usable_cores() == 4
    monkeypatch.delattr(os, "sched_getaffinity")
    assert usable_cores() == 8
