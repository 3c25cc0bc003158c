"""Sync a corpus folder into the index: add new files, re-index changed ones, drop deleted ones, skip the rest."""

from __future__ import annotations

import contextlib
import datetime
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from askdocs.config import Settings, require_project
from askdocs.encoders import choose
from askdocs.encoders.base import Encoder, finite
from askdocs.encoders.onnx import read_tag
from askdocs.errors import UnreadableDocument
from askdocs.index_progress import Phase, Phases, Progress, rounded
from askdocs.ingest import timeline
from askdocs.ingest.documents import Document, read_document, relative_name
from askdocs.ingest.passages import Chunk, chunk_text
from askdocs.store import skipped as skip_log
from askdocs.store.changes import CorpusChanges, compare
from askdocs.store.index_store import DB_FILE, IndexStore, make_folder
from askdocs.store.run_lock import index_lock, remove_leftovers
from askdocs.text.counts import count
from askdocs.text.sentences import Sentence

__all__ = ["CorpusChanges", "IndexReport", "Indexer", "Phase", "compare", "index_corpus"]

EMBED_BATCH_PASSAGES = 256
"""Passages per batch. Big runs embed one batch per core side by side, each on one thread, while the main thread
reads the next files. On 2 cores, 2,110 passages in bfloat16, encoding alone: 77-78 passages/s side by side against
66-67 for one batch at a time on two threads (which also wait on each other whenever the reading takes a core)."""
CHECK_PASSAGES = 32
CHECK_SENTENCES = 32
"""How many of the first passages and sentences a new ONNX export is checked on against torch."""
COMMIT_DOCUMENTS = 32
"""Documents per transaction: one disk sync per group instead of per file (about 17 ms each here)."""


@dataclass
class IndexReport:
    """What one `askdocs index` run did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    passages: int = 0
    """Passages embedded in this run."""
    total_documents: int = 0
    total_passages: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    encoder: str = ""
    """How this run's vectors were computed ("onnx-fp32", "onnx-int8", "torch"); empty if nothing was embedded."""
    notes: list[str] = field(default_factory=list)
    """What the run decided about the encoder (an export made, a check failed)."""

    def summary(self) -> str:
        encoder = f" with {self.encoder}" if self.encoder else ""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged; "
            f"{count(self.passages, 'passage')} embedded{encoder} ({count(self.total_documents, 'document')}, "
            f"{count(self.total_passages, 'passage')} in the index) in {self.seconds:.1f}s"
        )


@dataclass
class _Pending:
    doc: Document
    sentences: list[Sentence]
    chunks: list[Chunk]
    dates: list[str | None]


class _Embedding:
    """One batch being embedded on its own thread while the next files are read, chunked and dated.

    torch and ONNX Runtime release the GIL while they compute, so the reading overlaps the model's work. An
    interrupted run joins the thread before it exits: a native library still computing while Python shuts down
    aborts the process (SIGABRT) instead of exiting 130.
    """

    def __init__(self, embedder: Encoder, items: list[_Pending]) -> None:
        self.items = items
        self._done = threading.Event()
        self._vectors: np.ndarray | None = None
        self._error: BaseException | None = None
        texts = [c.text for p in items for c in p.chunks]
        self._thread = threading.Thread(target=self._run, args=(embedder, texts), name="askdocs-embed")
        self._thread.start()

    def join(self) -> None:
        """Wait for the model call to end, whatever it gives (the run is stopping); a new Ctrl-C waits too."""
        while self._thread.is_alive():
            try:
                self._thread.join()
            except KeyboardInterrupt:
                continue

    def _run(self, embedder: Encoder, texts: list[str]) -> None:
        try:
            self._vectors = embedder.encode(texts)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> np.ndarray:
        """The vectors, once computed; the embedder's error is raised here, in the caller's thread."""
        while not self._done.wait(0.5):
            pass
        if self._error is not None:
            raise self._error
        assert self._vectors is not None
        return self._vectors


class Indexer:
    """Runs one sync of `settings.corpus` into `settings.index`."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Encoder | None = None,
        progress: Progress | None = None,
        phases: Phases | None = None,
    ):
        self.settings = settings
        self._embedder = embedder
        self._progress = progress or (lambda done, total, path: None)
        self._phase = phases or (lambda phase: None)
        self._done = self._total = 0
        self._variant = "fp32"
        self._retry_export = False
        self._report = IndexReport()
        self._todo_bytes = 0
        self._embedding: deque[_Embedding] = deque()
        self._side_by_side = 1
        self._skipped: dict[str, skip_log.Skipped] = {}
        self._announced = False

    def run(self, *, rebuild: bool = False, lock_held: bool = False) -> IndexReport:
        """Sync the index with the corpus; with `rebuild`, build a new index aside and swap it in at the end.
        `lock_held`: the caller holds the folder's run lock already (a watch holds it between runs)."""
        folder = self.settings.index
        require_project(self.settings, indexing=True)
        started = time.perf_counter()
        make_folder(folder)
        self._retry_export = rebuild
        if lock_held:
            return self._run_locked(started, rebuild)
        with index_lock(folder):
            remove_leftovers(folder)
            return self._run_locked(started, rebuild)

    def _run_locked(self, started: float, rebuild: bool) -> IndexReport:
        """The run itself, with the folder locked and cleared of what killed runs left."""
        folder = self.settings.index
        if not rebuild and IndexStore.exists(folder):
            # a first build that failed before storing any vector (a mistyped --model) binds nothing: start over
            with IndexStore.open(folder) as store:
                rebuild = store.dimension == 0 and store.info().documents == 0
        if rebuild or not IndexStore.exists(folder):
            self._variant = choose.variant_for_index(self.settings.quantize, None, has_passages=False)
            return self._build_new(started, swap=rebuild and IndexStore.exists(folder))
        with IndexStore.open(folder) as store:
            store.check_model(self.settings.model)
            self._variant = choose.variant_for_index(self.settings.quantize, store.encoder, bool(store.info().passages))
            report = self._sync(store, started)
            if self._embedder is None and store.encoder.startswith("onnx-"):  # nothing embedded: repair the export
                report.notes.extend(self._repair_export(store))
            return report

    def _repair_export(self, store: IndexStore) -> tuple[str, ...]:
        """Export again when the graph questions use no longer matches its recorded hash (else nothing to say)."""
        if choose.export_intact(self.settings.index, self.settings.model, store.encoder):
            return ()
        sample = [p.text for p in store.passages(list(range(1, 4 * CHECK_PASSAGES))).values()][:CHECK_PASSAGES]
        self._phase(Phase("export", "preparing model (one-time export)"))
        chosen = choose.for_indexing(
            self.settings.index, self.settings.model, self._variant, sample, threads=self.settings.threads, retry=True
        )
        return ("the ONNX export was damaged and was made again", *chosen.notes)

    def _build_new(self, started: float, *, swap: bool) -> IndexReport:
        folder = self.settings.index
        target = folder / (DB_FILE + ".rebuild") if swap else folder / DB_FILE
        target.unlink(missing_ok=True)
        try:
            with IndexStore.create(folder, self.settings.model, db_path=target) as store:
                report = self._sync(store, started, save_vectors=not swap)
            if swap:
                os.replace(target, folder / DB_FILE)
                with IndexStore.open(folder) as store:
                    store.save_vectors()
        except BaseException:
            if swap:
                target.unlink(missing_ok=True)
            raise
        return report

    def _sync(self, store: IndexStore, started: float, *, save_vectors: bool = True) -> IndexReport:
        corpus = self.settings.corpus
        warnings: list[str] = []
        settings = self.settings
        before = skip_log.load(settings.index)
        self._phase(Phase("scanning", "scanning the corpus folder"))
        changes = compare(
            corpus,
            store.documents(),
            warnings,
            outside_links=settings.outside_links,
            max_mb=settings.max_file_mb,
            skipped=before,
        )
        self._skipped = {name: before[name] for name in (relative_name(corpus, p) for p in changes.skipped)}
        report = IndexReport(unchanged=len(changes.unchanged), removed=store.remove_documents(changes.removed))
        report.warnings.extend(warnings)
        self._report = report
        for path in changes.touched:
            with contextlib.suppress(OSError):  # gone since the scan: the next run sees it removed
                store.touch_document(relative_name(corpus, path), path.stat().st_mtime)
        todo = [(p, False) for p in changes.new] + [(p, True) for p in changes.changed]
        self._done, self._total = 0, len(todo)
        self._todo_bytes = sum(_size(p) for p, _ in todo)
        self._embedding.clear()
        if todo:
            self._phase(Phase("reading", f"reading {count(len(todo), 'file')}", self._total))
        try:
            self._embed_all(store, todo, report)
        except BaseException:
            for batch in self._embedding:  # stopping: let every model call end before the exception leaves
                batch.join()
            self._embedding.clear()
            raise
        self._phase(Phase("writing", "writing index", self._total))
        if save_vectors:
            store.save_vectors()
        if self._skipped or before:
            with contextlib.suppress(OSError):  # only a stale-badge nicety: a read-only folder still indexed
                skip_log.save(settings.index, self._skipped)
        info = store.info()
        report.total_documents, report.total_passages = info.documents, info.passages
        report.seconds = time.perf_counter() - started
        return report

    def _embed_all(self, store: IndexStore, todo: list[tuple[Path, bool]], report: IndexReport) -> None:
        """Read, embed and commit the new and changed files, in order."""
        corpus = self.settings.corpus
        pending: list[_Pending] = []
        for path, was_indexed in todo:
            item = self._prepare(path, report)
            if item is None:
                if was_indexed:
                    report.removed += store.remove_documents([relative_name(corpus, path)])
                self._advance(relative_name(corpus, path))
                continue
            if was_indexed:
                report.changed += 1
            else:
                report.added += 1
            pending.append(item)
            if sum(len(p.chunks) for p in pending) >= EMBED_BATCH_PASSAGES:
                report.passages += self._flush(store, pending)
        report.passages += self._flush(store, pending, final=True)

    def _prepare(self, path: Path, report: IndexReport) -> _Pending | None:
        """Read and chunk one file; an unreadable file becomes a warning, never a stop."""
        try:
            doc = read_document(self.settings.corpus, path, max_mb=self.settings.max_file_mb)
        except UnreadableDocument as exc:
            report.warnings.append(str(exc))
            with contextlib.suppress(OSError):
                stat = path.stat()
                name = relative_name(self.settings.corpus, path)
                self._skipped[name] = skip_log.Skipped(stat.st_size, stat.st_mtime, str(exc))
            return None
        if doc.warning:
            report.warnings.append(doc.warning)
        sentences, chunks = chunk_text(
            doc.text,
            target_words=self.settings.target_words,
            max_words=self.settings.max_words,
            overlap_sentences=self.settings.overlap_sentences,
        )
        published = datetime.date.fromisoformat(doc.published) if doc.published else None
        dates = [timeline.encode(d) for d in timeline.sentence_dates([s.text for s in sentences], published)]
        return _Pending(doc, sentences, chunks, dates)

    def _advance(self, path: str) -> None:
        """Report one more file done: committed to the index, or skipped with a warning."""
        self._done += 1
        self._progress(self._done, self._total, path)

    def _flush(self, store: IndexStore, pending: list[_Pending], *, final: bool = False) -> int:
        """Start embedding the pending documents' passages in the background, once fewer batches than may run side
        by side are still embedding (the oldest are committed first, in order, a group of documents per
        transaction); with `final`, commit everything. Returns how many passages were committed."""
        committed = 0
        if pending:
            if self._embedder is None:
                self._embedder = self._choose_embedder(store, pending)
            if not self._announced:
                self._announce(pending, final)
            while len(self._embedding) >= self._side_by_side:  # a model that runs one batch at a time gets one
                committed += self._commit_oldest(store)
            self._embedding.append(_Embedding(self._embedder, list(pending)))
            pending.clear()
        while final and self._embedding:
            committed += self._commit_oldest(store)
        return committed

    def _announce(self, pending: list[_Pending], final: bool) -> None:
        """Report the embedding phase with its passage count: exact when every file is read (`final`), else
        estimated from the bytes read so far."""
        passages = sum(len(p.chunks) for p in pending)
        if not final:
            passages = rounded(round(passages * max(1.0, self._todo_bytes / (sum(p.doc.size for p in pending) or 1))))
        self._phase(
            Phase("embedding", f"embedding {'' if final else 'about '}{count(passages, 'passage')}", self._total)
        )
        self._announced = True

    def _commit_oldest(self, store: IndexStore) -> int:
        """Commit the oldest batch; it leaves the queue only once committed, so an interrupt still joins it."""
        committed = self._commit(store, self._embedding[0])
        self._embedding.popleft()
        return committed

    def _commit(self, store: IndexStore, batch: _Embedding) -> int:
        """Wait for a batch's vectors and commit its documents, a group per transaction."""
        vectors = finite(batch.result(), f"the encoder {self._report.encoder or self.settings.model}")
        offset, rows = 0, []
        for item in batch.items:
            n = len(item.chunks)
            rows.append((item.doc, item.sentences, item.chunks, vectors[offset : offset + n], item.dates))
            offset += n
        for start in range(0, len(rows), COMMIT_DOCUMENTS):
            group = rows[start : start + COMMIT_DOCUMENTS]
            store.put_documents(group)
            for doc, *_ in group:
                self._advance(doc.path)
        return offset

    def _choose_embedder(self, store: IndexStore, pending: list[_Pending]) -> Encoder:
        """The encoder askdocs.encoders.choose picks for this index, and how many batches run side by side."""
        passages = [c.text for p in pending for c in p.chunks]
        sentences = [s.text for p in pending for s in p.sentences]
        seen_bytes = sum(p.doc.size for p in pending) or 1
        expected = len(passages) * max(1.0, self._todo_bytes / seen_bytes)
        cores = self.settings.threads or os.cpu_count() or 1
        side_by_side = cores if cores > 1 and expected >= 2 * EMBED_BATCH_PASSAGES else 1
        tag = read_tag(self.settings.index)
        exported = tag is not None and tag.model == self.settings.model and self._variant in tag.variants
        label = "loading model" if exported else "preparing model (one-time export)"
        self._phase(Phase("model" if exported else "export", label, self._total))
        chosen = choose.for_indexing(
            self.settings.index,
            self.settings.model,
            self._variant,
            passages[:CHECK_PASSAGES] + sentences[:CHECK_SENTENCES],
            threads=self.settings.threads,
            retry=self._retry_export,
        )
        if side_by_side > 1 and chosen.encoder.concurrent:
            chosen.encoder.threads = 1  # each batch on one thread, one batch per core
        else:
            side_by_side = 1  # one batch at a time, on every thread
        self._side_by_side = side_by_side
        self._report.encoder = chosen.label
        self._report.notes.extend(chosen.notes)
        if store.encoder != chosen.label:
            store.set_encoder(chosen.label)
        return chosen.encoder


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def index_corpus(
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Encoder | None = None,
    progress: Progress | None = None,
    phases: Phases | None = None,
) -> IndexReport:
    """One call for the CLI, the TUI and tests."""
    return Indexer(settings, embedder=embedder, progress=progress, phases=phases).run(rebuild=rebuild)
