"""The index from inside the chat: the status line's facts, watching the corpus, and re-indexing in a worker."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from askdocs.config import Settings
from askdocs.errors import AskdocsError, advises_rebuild
from askdocs.index_progress import PassageCount
from askdocs.project import with_folders
from askdocs.tui.backend import Backend
from askdocs.tui.messages import IndexFailed, IndexFinished, IndexPassages, IndexProgress, StatusChecked
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.library import LibraryScreen
from askdocs.tui.widgets.index_bar import IndexBar
from askdocs.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.app import App

    _App = App[None]
else:
    _App = object


class _Stopped(Exception):
    """Raised from the progress callback to end a re-index when the app quits."""


class IndexUpkeep(_App):
    """Keeps the status line true to the corpus and the index, and re-indexes on request while questions go on;
    mixed into ChatApp, which provides what is declared."""

    WATCH_SECONDS = 3.0
    """How often the corpus and the index are looked at for the stale badge (sizes and times only)."""
    settings: Settings
    backend: Backend
    chat: ChatScreen
    _fingerprint: object
    _next_watch: float
    undated: int

    def offer_rebuild(self, problem: str) -> None:
        """Ask whether to rebuild an index only a rebuild mends (provided by ChatApp)."""
        raise NotImplementedError

    # -- status line ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="status", exit_on_error=False)
    def check_status(self) -> None:
        """Count what the index holds and compare the corpus with it (no model needed)."""
        self._fingerprint = self.backend.fingerprint()
        self.post_message(StatusChecked(self.backend.status()))

    def _watch_tick(self) -> None:
        busy = any(w.group in ("index", "status", "watch") and w.is_running for w in self.workers)
        if not busy and time.monotonic() >= self._next_watch:
            self.watch_corpus()

    @work(thread=True, group="watch", exit_on_error=False)
    def watch_corpus(self) -> None:
        """The status is checked again only when a corpus or index file's size or time moved; a corpus so large
        that looking takes long is looked at less often (at most 5% of the time)."""
        started = time.monotonic()
        changed = self._fingerprint != self.backend.fingerprint()
        self._next_watch = time.monotonic() + 20 * (time.monotonic() - started)
        if changed:
            self.check_status()

    def on_status_checked(self, message: StatusChecked) -> None:
        self.chat.query_one(StatusLine).show_status(message.status)
        if message.status.info is not None and message.status.undated != self.undated:
            self.undated = message.status.undated  # a re-index can date or add documents
            self.sub_title = self.subtitle(self.chat.conversation.name)
        self.chat.suggest_for(message.status)

    def action_check_corpus(self) -> None:
        self.check_status()

    # -- re-index ------------------------------------------------------------------------------------
    def action_reindex(self) -> None:
        self._start_reindex(rebuild=False)

    def action_rebuild(self) -> None:
        self._start_reindex(rebuild=True)

    def _start_reindex(self, *, rebuild: bool) -> None:
        if any(w.group == "index" and w.is_running for w in self.workers):
            self.notify("The index is already being updated.", timeout=4)
            return
        self.chat.query_one(IndexBar).start()
        self.chat.query_one(StatusLine).show_state("indexing…")
        self.reindex_worker(rebuild)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def reindex_worker(self, rebuild: bool) -> None:
        """Sync the index with the corpus; questions keep being answered from the old index until it is done."""

        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            if worker.is_cancelled:  # quitting: stop after this file; committed files stay indexed
                raise _Stopped
            self.post_message(IndexProgress(done, total, path))

        def passages(count: PassageCount) -> None:
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(IndexPassages(count))

        try:
            report = self.backend.reindex(progress, rebuild=rebuild, passages=passages)
        except _Stopped:
            return
        except AskdocsError as exc:
            self.post_message(IndexFailed(str(exc), rebuild=not rebuild and advises_rebuild(exc)))
        except Exception as exc:  # noqa: BLE001 - reported as a notification, never as a traceback
            self.post_message(IndexFailed(f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(IndexFinished(report))

    def on_index_progress(self, message: IndexProgress) -> None:
        self.chat.query_one(IndexBar).advance(message.done, message.total, message.path)
        self.chat.query_one(StatusLine).show_state(f"indexing {message.done}/{message.total}")

    def on_index_passages(self, message: IndexPassages) -> None:
        self.chat.query_one(IndexBar).embedded(message.count)
        self.chat.query_one(StatusLine).show_state(message.count.label)

    def on_index_finished(self, message: IndexFinished) -> None:
        report = message.report
        self.chat.query_one(IndexBar).stop()
        self.chat.query_one(StatusLine).show_state(f"{self.settings.model} ready")
        self.notify(report.summary(), title="Index up to date", timeout=8)
        for warning in report.warnings:
            title = "Skipped a file" if warning.rstrip().endswith("skipped") else "Read a file with a warning"
            self.notify(warning, title=title, severity="warning", timeout=15)
        if report.no_documents:  # the corpus folder named as the status line names it
            said = report.no_documents.replace(str(self.settings.corpus) + os.sep, self.backend.corpus_label())
            said = with_folders(said, self.settings)
            self.notify(said, title="No documents indexed", severity="warning", timeout=30)
        self.check_status()
        self._reload_library()

    def on_index_failed(self, message: IndexFailed) -> None:
        self.chat.query_one(IndexBar).stop()
        state = f"{self.settings.model} ready" if self.backend.ready else "no index"
        self.chat.query_one(StatusLine).show_state(state)
        if message.rebuild:
            self.offer_rebuild(message.message)
        else:
            self.notify(message.message, title="Indexing stopped", severity="error", timeout=30)
        self.check_status()
        self._reload_library()

    def _reload_library(self) -> None:
        """A library screen open while the index changed lists it anew (a failed run may have committed files)."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.reload()
