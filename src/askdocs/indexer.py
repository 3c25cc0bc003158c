"""Sync a corpus folder into the index: add new files, re-index changed ones, drop deleted ones, skip the rest.

The reading, embedding and committing of the new and changed files is askdocs.index_pipeline; this module decides
what to sync, into which store (the index in place, or a rebuild aside), and with which encoder variant.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from askdocs.config import Settings
from askdocs.encoders import choose
from askdocs.encoders.base import Encoder
from askdocs.encoders.onnx import EXPORT_TAG, export_warnings, forget_damaged, read_tag
from askdocs.errors import AskdocsError, CorpusMissing, ModelUnavailable, UsageError
from askdocs.index_pipeline import BIG_FILE_BYTES, CHECK_PASSAGES, EMBED_BATCH_PASSAGES, Pipeline
from askdocs.index_progress import Listeners, Passages, Phase, Phases, Progress, Skips
from askdocs.index_report import IndexInterrupted, IndexReport, file_type, nothing_indexed, unsupported_note
from askdocs.index_rereads import begin_rereads, reread
from askdocs.ingest.documents import recorded_mtime, relative_name
from askdocs.ingest.ignore import IGNORED, SAVED_PAGE_FILES, UNSUPPORTED, IgnoreReader
from askdocs.ingest.links import same_file
from askdocs.ingest.loaders import READER_VERSIONS
from askdocs.project import require_project, require_writable
from askdocs.store import skipped as skip_log
from askdocs.store.changes import CorpusChanges, compare
from askdocs.store.index_store import DB_FILE, IndexStore, make_folder
from askdocs.store.run_lock import LOCK_FILE, index_lock, remove_leftovers
from askdocs.store.skipped import reason_kind, short_reason
from askdocs.text.counts import count
from askdocs.text.safe import name

__all__ = ["EMBED_BATCH_PASSAGES", "CorpusChanges", "IndexReport", "Indexer", "Phase", "compare", "index_corpus"]

REPAIRING_MODEL = "repairing the model export (a file of it is damaged or missing)"
"""The phase line while a damaged export is replaced: by the per-user cache's copy when that is whole (a graph
damaged in place damages its hard-linked cache copy too), else by exporting again."""


def other_corpus(store: IndexStore, corpus: Path) -> Path | None:
    """The folder the index's documents come from when it is not `corpus` and still exists (an index run with
    `corpus` would remove them all), else None (the same folder, a folder since moved or renamed, no documents)."""
    recorded, wanted = store.corpus, corpus.resolve()
    if recorded is None or recorded == wanted or not recorded.is_dir() or not store.info().documents:
        return None
    return recorded


def other_corpus_advice(recorded: Path, wanted: Path) -> str:
    """What to do when the index holds the documents of `recorded` and `wanted` is asked for."""
    return (
        f"holds the documents of {name(str(recorded))}, not {name(str(wanted))}; to replace them, run: askdocs index"
        " --rebuild (or give another --index for a second index)"
    )


class Indexer:
    """Runs one sync of `settings.corpus` into `settings.index`."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Encoder | None = None,
        progress: Progress | None = None,
        phases: Phases | None = None,
        skipped: Skips | None = None,
        passages: Passages | None = None,
        batch_passages: int = EMBED_BATCH_PASSAGES,
        big_bytes: int = BIG_FILE_BYTES,
        ignore: IgnoreReader | None = None,
        keep_if_empty: bool = False,
        copy_back: int | None = None,
    ):
        """`progress`, `phases`, `skipped`, `passages`: see askdocs.index_progress. `batch_passages` and
        `big_bytes`: see EMBED_BATCH_PASSAGES and BIG_FILE_BYTES in askdocs.index_pipeline. `ignore`: how the
        scan reads .askdocsignore (load_ignore when None; a watch keeps the last good rules). `keep_if_empty`: a
        corpus folder with no file to index removes nothing from an index that holds documents (a watch's syncs:
        see IndexReport.kept_while_empty). `copy_back`: while a watch's folder fills again (after it was empty,
        gone or made anew), how many indexed documents had no file at the last sync: a sync that finds fewer
        missing removes nothing, as the rest may still be on their way (see IndexReport.held)."""
        self.settings = settings
        self._ignore, self._keep_if_empty, self._copy_back = ignore, keep_if_empty, copy_back
        self._embedder = embedder
        self._listen = Listeners(progress, phases, skipped, passages)
        self._batch_passages, self._big_bytes = batch_passages, big_bytes
        self._variant = "fp32"
        self._retry_export = False
        self.side_by_side = 1
        """How many batches the last sync embedded at once."""
        self._committed = 0  # documents the last sync committed, for what an interrupt says
        self._sync_started = time.time()  # when the last sync began: documents committed since are its own

    def run(self, *, rebuild: bool = False, lock_held: bool = False) -> IndexReport:
        """Sync the index with the corpus; with `rebuild`, build a new index aside and swap it in at the end.
        `lock_held`: the caller holds the folder's run lock already (a watch holds it between runs)."""
        folder = self.settings.index
        require_project(self.settings, indexing=True)
        require_writable(folder, rebuild)  # said before the model loads and passages are embedded
        if rebuild or not IndexStore.exists(folder):
            self._require_model()  # said before anything is written: no index is left that records that model
        started = time.perf_counter()
        made, locked = not folder.exists(), (folder / LOCK_FILE).exists()
        make_folder(folder)
        self._retry_export = rebuild
        if lock_held:
            return self._run_locked(started, rebuild)
        try:
            with index_lock(folder):
                remove_leftovers(folder)
                try:
                    return self._run_locked(started, rebuild)
                except ModelUnavailable:  # the lock file goes while still held: no other run took it meanwhile
                    _forget_failed_start(folder, lock=not locked, folder=False)
                    raise
        except ModelUnavailable:
            _forget_failed_start(folder, lock=False, folder=made)
            raise

    def _run_locked(self, started: float, rebuild: bool) -> IndexReport:
        """The run itself, with the folder locked and cleared of what killed runs left; then damaged ONNX graphs
        that the run neither used nor repaired are dropped (made again when a run needs them)."""
        report = self._run_checked(started, rebuild)
        dropped = forget_damaged(self.settings.index)
        report.notes.extend(f"the damaged ONNX export {name} was removed (made again when needed)" for name in dropped)
        return report

    def _run_checked(self, started: float, rebuild: bool) -> IndexReport:
        folder = self.settings.index
        exists = IndexStore.exists(folder)
        if not rebuild and exists:
            # a first build that failed before storing any vector (a mistyped --model) binds nothing: start over
            with IndexStore.open(folder) as store:
                rebuild = store.dimension == 0 and store.info().documents == 0
        if rebuild or not exists:  # the model: checked by run(), or for a build started over, before a file is read
            self._variant = choose.variant_for_index(self.settings.quantize, None, has_passages=False)
            return self._build_new(started, held=_documents_held(folder) if exists else 0)
        with IndexStore.open(folder) as store:
            # another model that is not installed is said so: a rebuild with it could not work
            choose.require_index_model(store, self.settings.model, encoder_given=self._embedder is not None)
            store.require_sound()
            self._variant = choose.variant_for_index(self.settings.quantize, store.encoder, bool(store.info().passages))
            self._check_same_corpus(store)
            store.record_corpus(self.settings.corpus)  # before the sync: an interrupted run resumes this folder
            with self._on_interrupt(store):
                report = self._sync(store, started)
            if self._embedder is None and store.encoder.startswith("onnx-"):  # nothing embedded: repair the export
                report.notes.extend(self._repair_export(store))
            return report

    def _require_model(self) -> None:
        """ModelUnavailable when the model to index with cannot be loaded (cheap: no model load), unless an
        encoder was given."""
        if self._embedder is None:
            choose.require_model(self.settings.index, self.settings.model)

    def _check_same_corpus(self, store: IndexStore) -> None:
        """UsageError when the index holds documents of another folder that still exists: syncing would remove
        them all and embed the new folder's in their place, a slow loss a mistyped --corpus should not cause.
        A folder that is gone (moved, renamed) is taken over; --rebuild replaces the documents on purpose."""
        recorded, wanted = other_corpus(store, self.settings.corpus), self.settings.corpus.resolve()
        if recorded is not None:
            raise UsageError(f"the index at {self.settings.index} {other_corpus_advice(recorded, wanted)}")

    def _repair_export(self, store: IndexStore) -> tuple[str, ...]:
        """Export again when a file questions use no longer matches its recorded hash, or the record is damaged
        or gone (else nothing to say)."""
        gone = not (self.settings.index / EXPORT_TAG).exists()
        elsewhere = bool(export_warnings(self.settings.index, store.encoder)) and not gone  # another version's
        recorded = read_tag(self.settings.index) is not None or not store.encoder.startswith("onnx")
        if recorded and choose.export_intact(self.settings.index, self.settings.model, store.encoder):
            return ()  # an index built with ONNX whose record went would otherwise quietly answer on torch
        sample = [p.text for p in store.passages(list(range(1, 4 * CHECK_PASSAGES))).values()][:CHECK_PASSAGES]
        self._listen.on_phase(Phase("export", REPAIRING_MODEL))  # from the cache if its copy is whole, else anew
        chosen = choose.for_indexing(
            self.settings.index, self.settings.model, self._variant, sample, threads=self.settings.threads, retry=True
        )
        said = (
            f"the ONNX export's record {EXPORT_TAG} was missing"
            if gone
            else f"the ONNX export's record {EXPORT_TAG} was from another version of askdocs"
            if elsewhere
            else "the ONNX export was damaged"
        )
        return (f"{said} and was made again", *chosen.notes)

    def _build_new(self, started: float, *, held: int | None) -> IndexReport:
        """A new index from the corpus. One replacing an index of `held` documents (None: unreadable) is built
        aside and swapped in when done, so an interrupt leaves the old one as it was; with nothing to keep it is
        built in place, so an interrupt keeps what it committed and the next run goes on from there."""
        folder = self.settings.index
        aside = held != 0
        target = folder / (DB_FILE + ".rebuild") if aside else folder / DB_FILE
        _drop(target)  # what an earlier run left of it
        swapped = False
        try:
            created = IndexStore.create(folder, self.settings.model, db_path=target, corpus=self.settings.corpus)
            with created as store, self._on_interrupt(None if aside else store, held):
                report = self._sync(store, started, save_vectors=not aside, fresh=True)
            if aside:
                os.replace(target, folder / DB_FILE)
                swapped = True
                with IndexStore.open(folder) as store:
                    store.save_vectors()  # an interrupt here leaves the FAISS file to be made when next opened
        except BaseException as exc:
            if aside and not swapped:
                _drop(target)
            elif not aside and isinstance(exc, ModelUnavailable) and not self._committed:
                _drop(target)  # a model that failed to load binds nothing: no index is left that records it
            if aside and isinstance(exc, KeyboardInterrupt) and not isinstance(exc, IndexInterrupted):
                documents = report.total_documents if swapped else held
                raise IndexInterrupted(documents, self._committed, rebuild_dropped=not swapped) from exc
            raise
        return report

    @contextlib.contextmanager
    def _on_interrupt(self, store: IndexStore | None, held: int | None = None) -> Iterator[None]:
        """Turn Ctrl-C into IndexInterrupted, saying what the index holds: `store`'s documents when it is the index
        written in place, else (None: a rebuild aside, dropped) the `held` documents of the index left as it was."""
        try:
            yield
        except IndexInterrupted:
            raise
        except KeyboardInterrupt as exc:
            if store is None:
                raise IndexInterrupted(held, self._committed, rebuild_dropped=True) from exc
            committed = self._committed
            try:
                documents: int | None = store.info().documents
                # counted in the index, not by the run: Ctrl-C can land between a commit and the run's count of it
                committed = store.indexed_since(self._sync_started)
            except (sqlite3.Error, AskdocsError):
                documents = None
            raise IndexInterrupted(documents, committed, rebuild_dropped=False) from exc

    def _sync(
        self, store: IndexStore, started: float, *, save_vectors: bool = True, fresh: bool = False
    ) -> IndexReport:
        """Bring `store` in line with the corpus; a `fresh` store (a first build or a rebuild) reads every file
        again, those an earlier run skipped too, so their warnings are said again."""
        corpus = self.settings.corpus
        self._committed = 0
        self._sync_started = time.time()
        warnings: list[str] = []
        settings = self.settings
        before = {} if fresh else skip_log.load(settings.index)
        self._listen.on_phase(Phase("scanning", "scanning the corpus folder"))
        left_out: list[tuple[Path, str]] = []  # by the scan, with why: said when nothing, or not all, is indexed
        documents = store.documents()
        if fresh or not documents:  # all it will hold is read by these readers: a run cut short resumes, not rereads
            store.record_readers(READER_VERSIONS)
        changes = compare(
            corpus,
            documents,
            warnings,
            outside_links=settings.outside_links,
            max_mb=settings.max_file_mb,
            skipped=before,
            left_out=left_out,
            ignore=self._ignore,
        )
        begin_rereads(store)  # before a file is read: a re-read cut short resumes where it stopped
        changes = reread(changes, store, corpus)
        if changes.removed and not corpus.is_dir():  # gone while it was read: an empty scan, not removed files
            raise CorpusMissing(f"the corpus folder {corpus} went while it was read; the index keeps every document")
        if self._keep_if_empty and changes.removed and not changes.found:  # an empty mount point, a folder made anew
            return _kept(store, warnings, started)
        back = self._copy_back is not None and len(changes.removed) < self._copy_back  # more came back: wait
        removed = () if back else changes.removed
        report = IndexReport(unchanged=len(changes.unchanged), removed=store.remove_documents(removed))
        report.held = len(changes.removed) - len(removed)
        report.warnings.extend(warnings)
        for path in changes.touched:
            with contextlib.suppress(OSError):  # gone since the scan: the next run sees it removed
                store.touch_document(relative_name(corpus, path), recorded_mtime(path.stat().st_mtime))
        todo = [(p, False) for p in changes.new] + [(p, True) for p in changes.changed]
        if todo and self._embedder is None:  # a model that is not there is said before minutes of reading
            choose.require_model(settings.index, settings.model)
        if todo:
            self._listen.on_phase(Phase("reading", f"reading {count(len(todo), 'file')}", len(todo)))
        pipeline = Pipeline(
            settings,
            store,
            report,
            self._listen,
            embedder=self._embedder,
            variant=self._variant,
            retry_export=self._retry_export,
            batch_passages=self._batch_passages,
            big_bytes=self._big_bytes,
        )
        carried = {n: before[n] for n in (relative_name(corpus, p) for p in changes.skipped)}
        pipeline.skipped.update(carried)
        try:
            pipeline.run(todo)
        finally:
            self._embedder, self.side_by_side = pipeline.embedder, pipeline.side_by_side
            self._committed = pipeline.committed
        if not report.held:  # documents held while their files come back were not read anew: read them next time
            store.record_readers(READER_VERSIONS)  # every file of a type read anew: its index holds the new reading
        # every file left out, whichever run met it first: the files `askdocs status` lists, as it counts them
        faults = [short_reason(corpus / n, s.reason) for n, s in pipeline.skipped.items()]
        apart = (IGNORED, UNSUPPORTED, SAVED_PAGE_FILES)
        faults += [why for _, why in left_out if why not in apart and not same_file(why)]
        report.page_folders = sum(why == SAVED_PAGE_FILES for _, why in left_out)
        report.skipped = len(faults)
        report.skip_reasons = dict(Counter(reason_kind(why) for why in faults))
        report.unsupported = dict(Counter(file_type(p) for p, why in left_out if why == UNSUPPORTED))
        report.skipped_before = len(carried)
        if report.added or report.changed or report.removed:  # else the summary says it all, not a phase
            self._listen.on_phase(Phase("writing", "writing index", len(todo)))
        if save_vectors:
            store.save_vectors()
        if pipeline.skipped or before or fresh:
            with contextlib.suppress(OSError):  # only a stale-badge nicety: a read-only folder still indexed
                skip_log.save(settings.index, pipeline.skipped)
        info = store.info()
        report.total_documents, report.total_passages = info.documents, info.passages
        if not info.documents:
            read = [(corpus / n, short_reason(corpus / n, s.reason)) for n, s in sorted(pipeline.skipped.items())]
            report.no_documents = nothing_indexed(corpus, read + left_out)
        elif unread := unsupported_note([p for p, why in left_out if why == UNSUPPORTED]):
            report.warnings.append(unread)
        report.seconds = time.perf_counter() - started
        return report


def _kept(store: IndexStore, warnings: list[str], started: float) -> IndexReport:
    """The report of a sync that found no file to index and kept every document of `store`, removing nothing."""
    info = store.info()
    return IndexReport(
        total_documents=info.documents,
        total_passages=info.passages,
        warnings=warnings,
        seconds=time.perf_counter() - started,
        kept_while_empty=info.documents,
    )


def _drop(db: Path) -> None:
    """Remove the database file `db` (the index, or a rebuild aside) and its journals: nothing of it is left."""
    for suffix in ("", "-journal", "-wal"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def _forget_failed_start(index: Path, *, lock: bool, folder: bool) -> None:
    """After a first build whose model failed to load (and whose database was dropped): remove the run lock when
    this run made it, and the index folder when this run made it and nothing else is in it, so that the failed run
    leaves nothing behind. An index that holds a database is left as it is."""
    if (index / DB_FILE).exists():
        return
    with contextlib.suppress(OSError):
        if lock:
            (index / LOCK_FILE).unlink(missing_ok=True)
        if folder:
            index.rmdir()  # only when empty


def _documents_held(folder: Path) -> int | None:
    """How many documents the index in `folder` holds; None when it cannot be read (another version, damaged)."""
    try:
        with IndexStore.open(folder) as store:
            return store.info().documents
    except (sqlite3.Error, AskdocsError):
        return None


def index_corpus(
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Encoder | None = None,
    progress: Progress | None = None,
    phases: Phases | None = None,
    skipped: Skips | None = None,
    passages: Passages | None = None,
) -> IndexReport:
    """One call for the CLI, the TUI and tests."""
    run = Indexer(settings, embedder=embedder, progress=progress, phases=phases, skipped=skipped, passages=passages)
    return run.run(rebuild=rebuild)
