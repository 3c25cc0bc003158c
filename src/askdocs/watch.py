"""Keep the index following the corpus folder: one sync, then one incremental sync per burst of file changes.

Each burst is indexed by the same sync as `askdocs index` (hidden files, suffixes, size caps, links, skipped
files all apply as there), so only the files that changed are read and embedded. The folder's run lock is held
for the whole watch: another `askdocs index` meanwhile is refused, as it would be during a single run. An
interrupt stops it like any run: what was committed stays, and the index is never half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from askdocs.config import Settings
from askdocs.encoders.base import Encoder
from askdocs.errors import CorpusMissing
from askdocs.index_progress import Passages, Phases, Progress, Skips
from askdocs.indexer import Indexer, IndexReport
from askdocs.ingest.ignore import BadIgnoreLine, Matcher, load_ignore
from askdocs.project import require_project
from askdocs.store.index_store import make_folder
from askdocs.store.run_lock import index_lock, remove_leftovers

DEBOUNCE_MS = 1_600
"""Longest a burst of changes is gathered before it is indexed (watchfiles' default)."""
QUIET_MS = 400
"""A burst ends once no change has come for this long: saving a file or copying a few makes one batch."""
TICK_MS = 1_000
"""How often the watcher wakes with no change; the first wake catches up with changes made before it started."""


def relevant(corpus: Path, index: Path) -> Callable[[object, str], bool]:
    """A watchfiles filter: changes that may matter to the index. Hidden files and folders never do (but the
    corpus's .askdocsignore does), nor files of kinds askdocs does not read, nor the index's own files (an index
    inside the corpus would otherwise wake the watch with every write); a removed path always may (it may have
    been a folder)."""
    from askdocs.ingest.documents import SUFFIXES
    from askdocs.ingest.ignore import IGNORE_FILE

    def keep(change: object, path: str) -> bool:
        where = Path(path)
        if where == index or index in where.parents:
            return False
        if where == corpus / IGNORE_FILE:
            return True
        try:
            parts = where.relative_to(corpus).parts
        except ValueError:
            parts = where.parts[-1:]
        if any(part.startswith(".") for part in parts):
            return False
        if getattr(change, "name", "") == "deleted" or not where.is_file():
            return True
        return where.suffix.lower() in SUFFIXES

    return keep


def watch_corpus(
    settings: Settings,
    on_batch: Callable[[IndexReport], None],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    phases: Phases | None = None,
    skipped: Skips | None = None,
    passages: Passages | None = None,
    on_first: Callable[[IndexReport], None] | None = None,
    stop: threading.Event | None = None,
    embedder: Encoder | None = None,
    on_gone: Callable[[bool], None] | None = None,
    on_bad_ignore: Callable[[str], None] | None = None,
    on_empty: Callable[[int | None], None] | None = None,
) -> None:
    """Sync the index (with `progress` and `phases`, then `on_first`), then call `on_batch` with the report of
    each later sync that added, changed or removed files (or met a new warning), until `stop` is set or an
    interrupt (KeyboardInterrupt) ends it. The run lock is held from start to end. `embedder`: as for
    index_corpus (each sync chooses its own when None); `skipped`, `passages`: see askdocs.index_progress. While
    the corpus folder is gone (moved, unmounted) nothing is synced, so the index keeps every document; `on_gone`
    hears True when it goes and False when it is back (then it is synced at once). A line of .askdocsignore
    that is not a pattern stops the first sync (BadIgnoreLine); met later, `on_bad_ignore` hears it once per
    change of the file and the syncs keep the rules last read whole (see LastGoodRules). A folder that holds no
    file to index (an unmounted drive's mount point, a folder made anew, the last file deleted: they look alike)
    removes nothing either: `on_empty` hears how many documents the index keeps, then None once files are back.
    After such a spell (or the folder gone or made anew) files may come back over several batches: a sync that finds
    more of them back than the one before removes nothing (see Indexer's copy_back); one that finds no more does."""
    require_project(settings, indexing=True)
    make_folder(settings.index)
    rules = LastGoodRules(on_bad_ignore or (lambda message: None))
    with index_lock(settings.index):
        remove_leftovers(settings.index)
        first = Indexer(
            settings,
            embedder=embedder,
            progress=progress,
            phases=phases,
            skipped=skipped,
            passages=passages,
            ignore=rules,
            keep_if_empty=True,
        ).run(rebuild=rebuild, lock_held=True)
        if on_first is not None:
            on_first(first)
        heard = on_empty or (lambda kept: None)
        empty = _empty(first, False, heard)
        seen = set(first.warnings)
        held, missing = first.total_documents, first.kept_while_empty or None  # missing: files that may come back

        def sync() -> IndexReport | None:
            indexer = Indexer(settings, embedder=embedder, ignore=rules, keep_if_empty=True, copy_back=missing)
            return _sync(settings, indexer)

        def new_folder() -> None:  # gone or made anew: every document's file may be on its way back
            nonlocal missing
            missing = held or None

        for report in _later_syncs(settings, stop, sync, on_gone or (lambda gone: None), new_folder):
            held, missing = report.total_documents, report.kept_while_empty or report.held or None
            empty = _empty(report, empty, heard)
            new = [w for w in report.warnings if w not in seen]
            seen.update(report.warnings)
            if report.added or report.changed or report.removed or new:
                report.warnings[:] = new
                on_batch(report)


def _empty(report: IndexReport, was: bool, on_empty: Callable[[int | None], None]) -> bool:
    """Whether `report`'s sync kept the documents of an index whose folder holds no file to index; `on_empty`
    hears when that begins (the documents kept) and ends (None), `was` being the state before it."""
    now = report.kept_while_empty > 0
    if now and not was:
        on_empty(report.kept_while_empty)
    elif was and not now:
        on_empty(None)
    return now


class LastGoodRules:
    """A watch's reader of .askdocsignore: the rules as the file says them, or while a line of it is not a pattern,
    the rules last read whole (nothing is added or removed because of the broken line)."""

    def __init__(self, on_bad: Callable[[str], None]) -> None:
        """`on_bad` hears the error naming the line, once per change of the broken file."""
        self._on_bad = on_bad
        self._rules: Matcher | None = None
        self._read = False
        self._warned: str | None = None

    def __call__(self, corpus: Path) -> Matcher | None:
        """The rules to scan `corpus` with; before any read whole, a bad line is an error (BadIgnoreLine)."""
        try:
            self._rules, self._read, self._warned = load_ignore(corpus), True, None
        except BadIgnoreLine as exc:
            if not self._read:
                raise
            if exc.text != self._warned:
                self._warned = exc.text
                self._on_bad(str(exc))
        return self._rules


def _later_syncs(
    settings: Settings,
    stop: threading.Event | None,
    sync: Callable[[], IndexReport | None],
    on_gone: Callable[[bool], None],
    on_new: Callable[[], None],
) -> Iterator[IndexReport]:
    """One sync per burst of relevant changes, and one at the watcher's first wake (changes made while the first
    sync ran, before the watcher started, are caught by it). While the folder is gone, none; when it is back, one,
    and the watcher starts again on the folder as it now is (a folder made anew is another one to the OS): `on_new`
    hears when the watched folder went or was made anew. The caller holds the run lock."""
    gone = False
    while stop is None or not stop.is_set():
        if not settings.corpus.is_dir():
            if not gone:
                gone = True
                on_gone(True)
            (stop or threading.Event()).wait(TICK_MS / 1000)
            continue
        if gone:
            gone = False
            on_gone(False)
            if (report := sync()) is not None:
                yield report
        went = yield from _syncs_while_there(settings, stop, sync)
        if not went:
            return
        on_new()


def _sync(settings: Settings, indexer: Indexer) -> IndexReport | None:
    """One sync, or None when the corpus folder went before or while it was read (nothing is removed then)."""
    try:
        return indexer.run(lock_held=True)
    except CorpusMissing:
        if settings.corpus.is_dir():
            raise
        return None


def _syncs_while_there(
    settings: Settings, stop: threading.Event | None, sync: Callable[[], IndexReport | None]
) -> Iterator[IndexReport]:
    """The syncs of one watcher on the corpus folder; returns True when the folder went (the watch then waits) or
    is another folder now (deleted and made anew, a drive mounted on it or unmounted: watched again)."""
    from watchfiles import watch

    caught_up = False
    home = _identity(settings.corpus)
    watcher = watch(
        settings.corpus,
        watch_filter=relevant(settings.corpus, settings.index),
        debounce=DEBOUNCE_MS,
        step=QUIET_MS,
        rust_timeout=TICK_MS,
        yield_on_timeout=True,
        stop_event=stop,
    )
    while True:
        try:
            changes = next(watcher)
        except StopIteration:
            return False
        except FileNotFoundError:  # gone between the check and the watcher's start
            if settings.corpus.is_dir():
                raise
            return True
        if not settings.corpus.is_dir() or _identity(settings.corpus) != home or _went(settings.corpus, changes):
            return True
        if not changes and caught_up:
            continue
        caught_up = True
        report = sync()
        if report is None:
            return True
        yield report


def _went(folder: Path, changes: set[tuple[object, str]]) -> bool:
    """Whether `changes` say the watched folder itself was deleted: one made anew since (its inode may be the old
    one's, reused) is not watched by this watcher."""
    return any(getattr(change, "name", "") == "deleted" and Path(path) == folder for change, path in changes)


def _identity(folder: Path) -> tuple[int, int] | None:
    """The device and inode of `folder`: they change when it is made anew or a drive is mounted on it."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino
