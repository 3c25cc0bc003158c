"""The embedding pipeline of an index run: files read in order (big files last), their passages embedded in batches
on background threads, documents committed in order, a group per transaction.

A big document (more passages than one batch, or a file of at least BIG_FILE_BYTES) waits until everything read
before it is committed, is embedded over several batches (the passage count moves while it embeds) and is
committed alone: an interrupt or a crash while it embeds loses only that document.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections import deque
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from askdocs.config import Settings
from askdocs.encoders import choose, export_cache
from askdocs.encoders.base import Encoder, finite
from askdocs.encoders.onnx import read_tag
from askdocs.errors import UnreadableDocument
from askdocs.index_batch import Embedding, Pending
from askdocs.index_estimate import PassageEstimate
from askdocs.index_progress import Listeners, PassageCount, Phase, rounded
from askdocs.index_report import IndexReport
from askdocs.ingest import timeline
from askdocs.ingest.documents import (
    DECODED_SUFFIXES,
    foreseen_skip,
    over_cap,
    read_document,
    relative_name,
)
from askdocs.ingest.passages import chunk_text
from askdocs.store import skipped as skip_log
from askdocs.store.index_store import IndexStore
from askdocs.text.counts import count
from askdocs.text.safe import name as name_of

EMBED_BATCH_PASSAGES = 256
"""Passages per batch. Big runs embed one batch per core side by side, each on one thread, while the main thread
reads the next files. On 2 cores, 2,110 passages in bfloat16, encoding alone: 77-78 passages/s side by side against
66-67 for one batch at a time on two threads (which also wait on each other whenever the reading takes a core)."""
BIG_FILE_BYTES = 1024 * 1024
"""Files at least this big are read only once everything before them is committed: reading, chunking and dating
take about 1.3 s per MB here (26 s for 20 MB of news), too long to keep the files read before uncommitted."""
CHECK_PASSAGES = 32
CHECK_SENTENCES = 32
"""How many of the first passages and sentences a new ONNX export is checked on against torch."""
CACHED_MODEL = "loading model (exported before, from the cache)"
"""The model phase's line when another index's export is reused; its note is then left out of the summary."""
EXPORTING_MODEL = "preparing model (one-time export)"
COMMIT_DOCUMENTS = 32
"""Documents per transaction: one disk sync per group instead of per file (about 17 ms each here)."""


def model_phase(model: str, exported: bool, total: int | None = None) -> Phase:
    """The phase line while the encoder is chosen: loading an export the index has, linking the per-user cache's,
    or exporting (slow, once)."""
    if exported:
        return Phase("model", "loading model", total)
    if export_cache.holds(model):
        return Phase("model", CACHED_MODEL, total)
    return Phase("export", EXPORTING_MODEL, total)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as `taskset` or a container's cpuset sets it), not the
    machine's: a run pinned to 2 of 64 cores embeds 2 batches at a time, not 64."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


class Pipeline:
    """Reads, embeds and commits one run's new and changed files, in order (see the module's docstring)."""

    def __init__(
        self,
        settings: Settings,
        store: IndexStore,
        report: IndexReport,
        listen: Listeners,
        *,
        embedder: Encoder | None,
        variant: str,
        retry_export: bool,
        batch_passages: int = EMBED_BATCH_PASSAGES,
        big_bytes: int = BIG_FILE_BYTES,
    ) -> None:
        self.settings, self.store, self.report, self.listen = settings, store, report, listen
        self.embedder = embedder
        """The encoder given, or the one chosen once there was something to embed (None: nothing embedded)."""
        self.side_by_side = 1
        """How many batches embed at once: one per core for a model that allows it and a run that needs it."""
        self.skipped: dict[str, skip_log.Skipped] = {}
        """Files this run skipped, by corpus-relative name, with why."""
        self.committed = 0
        """Documents this run committed so far."""
        self._variant, self._retry_export = variant, retry_export
        self._batch, self._big_bytes = batch_passages, big_bytes
        self._queue: deque[Embedding] = deque()
        self._pending: list[Pending] = []
        self._vectors: list[np.ndarray] = []  # embedded, not yet committed: a big document's first batches
        self._done = self._total = self._embedded = 0
        self._foreseen: set[Path] = set()
        """Files this run will skip, as told before reading them: they count in no estimate."""
        self._estimate = PassageEstimate({}, settings.target_words)
        self._announced: bool | None = None
        """None before the embedding phase is said, then whether its count was exact."""

    def run(self, todo: Sequence[tuple[Path, bool]]) -> None:
        """Read, embed and commit `todo` (path, was_indexed), in order, files of BIG_FILE_BYTES or more last: a big
        file never keeps the small ones from being committed. Whatever stops the run (an interrupt, a failing
        model) leaves only after every model call in flight has ended."""
        todo = sorted(todo, key=lambda item: _size(item[0]) >= self._big_bytes)  # stable: in order otherwise
        self._total = len(todo)
        self._foreseen = {p for p, _ in todo if _skipped_unread(p, self.settings.max_file_mb)}
        sizes = {p: _size(p) for p, _ in todo if p not in self._foreseen}
        self._estimate = PassageEstimate(sizes, self.settings.target_words)
        try:
            for path, was_indexed in todo:
                self._read_one(path, was_indexed)
            self._settle()
        except BaseException:
            self._abandon()
            raise

    def _abandon(self) -> None:
        """Stop every batch in flight and wait for its thread to leave the model; a Ctrl-C meanwhile waits too."""
        while self._queue:
            try:
                for batch in self._queue:
                    batch.stop()
                self._queue[0].join()
                self._queue.popleft()
            except KeyboardInterrupt:
                continue

    def _read_one(self, path: Path, was_indexed: bool) -> None:
        """Read one file and queue its passages: with the next ones if small, alone after a commit if big."""
        size = _size(path)
        if size >= self._big_bytes:
            self._settle()  # the files read before a big one are committed before it is read
        name = relative_name(self.settings.corpus, path)
        item, message = None, None
        try:
            item = self._prepare(path)
        except UnreadableDocument as exc:
            message = str(exc)
        except (ValueError, TypeError, LookupError, ArithmeticError, RecursionError) as exc:
            # a reader meeting what it never expected in one file skips that file, never the whole run
            message = f"{path}: could not be read ({type(exc).__name__}: {exc}), skipped"
        self._estimate.read(path, 0 if item is None else len(item.chunks))  # a foreseen skip is in no estimate
        if self._announced is False and self._estimate.exact:  # the first estimate said, the count now known
            self._announce()
        if message is not None:
            self._skip(path, name, message, was_indexed)
            return
        assert item is not None
        if was_indexed:
            self.report.changed += 1
        else:
            self.report.added += 1
        if len(item.chunks) > self._batch:
            self._settle()  # and committed before it embeds, if it was not known to be big before reading
            texts = [c.text for c in item.chunks]
            for start in range(0, len(texts), self._batch):
                end = start + self._batch
                self._start(texts[start:end], [item] if end >= len(texts) else [], [item])
            return
        self._pending.append(item)
        if sum(len(p.chunks) for p in self._pending) >= self._batch:
            self._flush()

    def _skip(self, path: Path, name: str, message: str, was_indexed: bool) -> None:
        """An unreadable file becomes a warning and a skipped file, never a stop; a changed one leaves the index. The
        warning quotes a name that does not print as status and the progress lines do ('bin\\x1b[2J.txt')."""
        said = str(path)
        self.report.warnings.append(name_of(said) + message[len(said) :] if message.startswith(said) else message)
        with contextlib.suppress(OSError):
            stat = path.stat()
            self.skipped[name] = skip_log.Skipped(stat.st_size, stat.st_mtime, message)
        if was_indexed:
            self.report.removed += self.store.remove_documents([name])
        self._done += 1
        reason = message.removeprefix(f"{path}: ").removesuffix(", skipped")
        self.listen.on_file(self._done, self._total, name, skipped=reason)

    def _prepare(self, path: Path) -> Pending:
        """Read, chunk and date one file (UnreadableDocument if it cannot be read)."""
        doc = read_document(self.settings.corpus, path, max_mb=self.settings.max_file_mb)
        if doc.warning:
            self.report.warnings.append(doc.warning)
        sentences, chunks = chunk_text(
            doc.text,
            doc.layout.soft_breaks,
            whole_lines=doc.layout.kind == "csv",  # a row is one sentence, whatever its cells say
            target_words=self.settings.target_words,
            max_words=self.settings.max_words,
            overlap_sentences=self.settings.overlap_sentences,
        )
        published = datetime.date.fromisoformat(doc.published) if doc.published else None
        dates = [timeline.encode(d) for d in timeline.sentence_dates([s.text for s in sentences], published)]
        return Pending(doc, sentences, chunks, dates)

    def _flush(self) -> None:
        """Start embedding the pending documents' passages in the background."""
        if self._pending:
            items, self._pending = self._pending, []
            self._start([c.text for p in items for c in p.chunks], items, items)

    def _settle(self) -> None:
        """Embed and commit everything read so far."""
        self._flush()
        while self._queue:
            self._commit_oldest()

    def _start(self, texts: list[str], items: list[Pending], sample: list[Pending]) -> None:
        """Queue one batch, once fewer batches than may run side by side are still embedding (the oldest are
        committed first). `sample`: the documents the texts come from (to check a new export on)."""
        if self.embedder is None:
            self.embedder = self._choose_embedder(sample)
        if self._announced is None:
            self._announce()
        while len(self._queue) >= self.side_by_side:  # a model that runs one batch at a time gets one
            self._commit_oldest()
        batch = Embedding(self.embedder, texts, items)
        self._queue.append(batch)
        batch.start()

    def _count(self) -> tuple[int, bool]:
        """Passages this run embeds: exact once every file is read, else estimated (askdocs.index_estimate)."""
        return self._estimate.count()

    def _announce(self) -> None:
        """Report the embedding phase with its passage count (again once an estimate said first is exact), naming
        the file that makes most of them: a big one read last would otherwise make the count jump unexplained."""
        passages, exact = self._count()
        label = f"embedding {count(passages, 'passage')}"
        if not exact:
            label = f"embedding about {count(passages, 'passage')} (a first estimate, updated as files are read)"
        heaviest = self._estimate.heaviest()
        if heaviest is not None:
            path, many = heaviest
            shown = name_of(relative_name(self.settings.corpus, path))
            of = f"{many:,} of them" if path in self._estimate.passages else f"about {rounded(many):,}"
            label += f"; {of} from {shown} ({_megabytes(_size(path))})"
        self.listen.on_phase(Phase("embedding", label, self._total))
        self._announced = exact

    def _commit_oldest(self) -> None:
        """Take the oldest batch's vectors and commit the documents it completes, a group per transaction; it
        leaves the queue only then, so an interrupt still joins it."""
        batch = self._queue[0]
        vectors = finite(batch.result(), f"the encoder {self.report.encoder or self.settings.model}")
        self._vectors.append(vectors)
        self._embedded += batch.size
        expected, exact = self._count()
        self.listen.on_passages(PassageCount(self._embedded, max(expected, self._embedded), exact))
        if batch.items:
            ready = np.concatenate(self._vectors) if len(self._vectors) > 1 else vectors
            self._vectors = []
            offset, rows = 0, []
            for item in batch.items:
                n = len(item.chunks)
                rows.append((item.doc, item.sentences, item.chunks, ready[offset : offset + n], item.dates))
                offset += n
            for start in range(0, len(rows), COMMIT_DOCUMENTS):
                group = rows[start : start + COMMIT_DOCUMENTS]
                self.store.put_documents(group)
                self.report.passages += sum(len(chunks) for _, _, chunks, _, _ in group)
                self.committed += len(group)
                for doc, *_ in group:
                    self._done += 1
                    self.listen.on_file(self._done, self._total, doc.path)
        self._queue.popleft()

    def _choose_embedder(self, sample: list[Pending]) -> Encoder:
        """The encoder askdocs.encoders.choose picks for this index, and how many batches run side by side."""
        passages = [c.text for p in sample for c in p.chunks[:CHECK_PASSAGES]]
        sentences = [s.text for p in sample for s in p.sentences[:CHECK_SENTENCES]]
        expected, _ = self._count()
        cores = self.settings.threads or usable_cores()
        side_by_side = cores if cores > 1 and expected >= 2 * self._batch else 1
        tag = read_tag(self.settings.index)
        exported = tag is not None and tag.model == self.settings.model and self._variant in tag.variants
        phase = model_phase(self.settings.model, exported, self._total)
        self.listen.on_phase(phase)
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
        self.side_by_side = side_by_side
        self.report.encoder = chosen.label
        cached = phase.label == CACHED_MODEL  # the phase line said so: a note would say it again
        self.report.notes.extend(n for n in chosen.notes if not (cached and "reused from the cache" in n))
        if self.store.encoder != chosen.label:
            self.store.set_encoder(chosen.label)
        return chosen.encoder


def _skipped_unread(path: Path, max_mb: int) -> bool:
    """Whether reading `path` will skip it, told before reading it (too large or empty; a text, HTML or CSV file also
    binary or blank, from its first bytes): the passage estimate leaves it out. PDF, Word and EPUB files are told
    from their size alone, since probing their pages would read them twice."""
    if path.suffix.lower() in DECODED_SUFFIXES:
        return foreseen_skip(path, max_mb) is not None
    size = _size(path)
    return size == 0 or over_cap(size, max_mb)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _megabytes(size: int) -> str:
    """A file's size for a progress line: "4.8 MB", "310 KB"."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1):,} KB"
