"""The askdocs chat app: loads the model in the background, answers in workers, re-indexes with a progress bar."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from askdocs import conversations
from askdocs.config import Settings
from askdocs.conversations import Conversation
from askdocs.encoders.base import Encoder
from askdocs.errors import AskdocsError, IndexMissing, IndexUnusable
from askdocs.text.safe import clean
from askdocs.tui.backend import Backend, SourceRef
from askdocs.tui.exports import SCREENSHOTS, export_markdown, screenshot_folder, shown
from askdocs.tui.markup import answer_plain
from askdocs.tui.messages import (
    BackendFailed,
    BackendReady,
    IndexFailed,
    IndexFinished,
    IndexProgress,
    OpenSource,
    StatusChecked,
)
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.confirm import ConfirmScreen
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.widgets.index_bar import IndexBar
from askdocs.tui.widgets.status_line import StatusLine

DARK, LIGHT = "textual-dark", "textual-light"
PALETTE = [
    ("Re-index", "Bring the index in line with the corpus folder (ctrl+r)", "reindex"),
    ("Rebuild index", "Build the index again from scratch", "rebuild"),
    ("Check corpus", "Look for files added, changed or removed since the last index", "check_corpus"),
    ("Clear chat", "Start a new conversation (ctrl+l)", "clear_chat"),
    ("Copy answer", "Copy the answer and its sources (ctrl+y)", "copy_answer"),
    ("Toggle passages", "Show the passages behind each answer, with their scores (ctrl+t)", "toggle_passages"),
    ("Toggle rewritten questions", "Show how follow-up questions were searched (ctrl+g)", "toggle_rewritten"),
    ("Open source", "Open the document at the answer's first source (ctrl+o)", "open_source"),
    ("Export chat", "Save the conversation and its sources as Markdown (ctrl+e)", "export_chat"),
    ("Resume last chat", "Reopen the most recently saved conversation", "resume_last"),
    ("Light/dark theme", "Switch between the light and dark themes (f2)", "toggle_dark"),
]
"""Command palette entries: title, help, and the app action they run."""
CHAT_ACTIONS = frozenset({"open_source", "toggle_passages", "toggle_rewritten", "clear_chat", "export_chat"})


class _Stopped(Exception):
    """Raised from the progress callback to end a re-index when the app quits."""


class ChatApp(App[None]):
    """Ask questions of the indexed documents and read cited answers, without leaving the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "askdocs"
    BINDINGS = [
        Binding("ctrl+r", "reindex", "Re-index"),
        Binding("ctrl+o", "open_source", "Open"),
        Binding("ctrl+t", "toggle_passages", "Passages"),
        Binding("ctrl+e", "export_chat", "Export", priority=True),  # before the input's ctrl+e (end: the end key)
        Binding("ctrl+y", "copy_answer", "Copy"),
        Binding("ctrl+l", "clear_chat", "Clear"),
        Binding("ctrl+g", "toggle_rewritten", "Rewrites", show=False),
        Binding("f2", "toggle_dark", "Theme", show=False),
    ]
    """The footer shows the keys that fit in 80 columns; the others are in the command palette (ctrl+p)."""
    WATCH_SECONDS = 3.0
    """How often the corpus and the index are looked at for the stale badge (sizes and times only)."""

    def __init__(
        self,
        settings: Settings,
        conversation: Conversation | None = None,
        *,
        save: bool = True,
        embedder: Encoder | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.backend = Backend(settings, embedder)
        self.clock = clock
        self.save_chats = save
        self._conversation = conversation or Conversation(conversations.new_name())
        self._save_warned = False
        self._fingerprint: object = None
        self._next_watch = 0.0
        self.sub_title = self._conversation.name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions on the conversation are offered only while the conversation is on screen."""
        return not (action in CHAT_ACTIONS and not isinstance(self.screen, ChatScreen))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast whose text (often a file name or an error about one) shows as plain, safe characters."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    def get_default_screen(self) -> Screen:
        return ChatScreen(self._conversation)

    @property
    def chat(self) -> ChatScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    def on_mount(self) -> None:
        self.start_backend()
        self.check_status()
        self.set_interval(self.WATCH_SECONDS, self._watch_tick)

    def on_unmount(self) -> None:
        self.backend.close()

    # -- start: index and model ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="backend", exit_on_error=False)
    def start_backend(self) -> None:
        """Open the index and load the model once, in the background; the input is usable meanwhile."""
        worker = get_current_worker()
        self.backend.start_in_background()
        while not self.backend.wait_started(0.1):
            if worker.is_cancelled:  # quitting: the loading thread is a daemon and is left behind
                return
        problem, info = self.backend.problem, self.backend.info
        if isinstance(problem, IndexMissing):
            self.post_message(BackendFailed(str(problem), index_missing=True))
        elif isinstance(problem, IndexUnusable):
            self.post_message(BackendFailed(str(problem), index_unusable=True))
        elif problem is not None or info is None:
            self.post_message(BackendFailed(str(problem)))
        else:
            self.post_message(BackendReady(info))

    def on_backend_ready(self, message: BackendReady) -> None:
        self.chat.query_one(StatusLine).show_state(f"{self.settings.model} ready")

    def on_backend_failed(self, message: BackendFailed) -> None:
        line = self.chat.query_one(StatusLine)
        if message.index_missing:
            line.show_state("no index")
            question = f"There is no index at {self.settings.index} yet. Build it now from {self.settings.corpus}?"
            self.push_screen(ConfirmScreen(question, yes="Build the index"), self._build_if_confirmed)
        elif message.index_unusable:
            line.show_state("index unusable")
            question = f"{message.message}\n\nRebuild the index from {self.settings.corpus} now?"
            self.push_screen(ConfirmScreen(question, yes="Rebuild"), self._rebuild_if_confirmed)
        else:
            line.show_state("model unavailable")
            self.notify(message.message, title="Cannot load the model", severity="error", timeout=30)

    def _build_if_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.action_reindex()
        else:
            self.notify("Questions need an index: press ctrl+r to build it.", title="No index", timeout=10)

    def _rebuild_if_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.action_rebuild()

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
        self.chat.suggest_from(message.status.titles)

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

        try:
            report = self.backend.reindex(progress, rebuild=rebuild)
        except _Stopped:
            return
        except AskdocsError as exc:
            self.post_message(IndexFailed(str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported as a notification, never as a traceback
            self.post_message(IndexFailed(f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(IndexFinished(report))

    def on_index_progress(self, message: IndexProgress) -> None:
        self.chat.query_one(IndexBar).advance(message.done, message.total, message.path)
        self.chat.query_one(StatusLine).show_state(f"indexing {message.done}/{message.total}")

    def on_index_finished(self, message: IndexFinished) -> None:
        report = message.report
        self.chat.query_one(IndexBar).stop()
        self.chat.query_one(StatusLine).show_state(f"{self.settings.model} ready")
        self.notify(report.summary(), title="Index up to date", timeout=8)
        for warning in report.warnings:
            self.notify(warning, title="Skipped a file", severity="warning", timeout=15)
        self.check_status()

    def on_index_failed(self, message: IndexFailed) -> None:
        self.chat.query_one(IndexBar).stop()
        state = f"{self.settings.model} ready" if self.backend.ready else "no index"
        self.chat.query_one(StatusLine).show_state(state)
        self.notify(message.message, title="Indexing stopped", severity="error", timeout=30)
        self.check_status()

    # -- sources ---------------------------------------------------------------------------------------
    def on_open_source(self, message: OpenSource) -> None:
        self.load_source(message.ref)

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load_source(self, ref: SourceRef) -> None:
        """Read the document from the index off the UI thread, then show it."""
        try:
            source = self.backend.source(ref)
        except AskdocsError as exc:
            self.call_from_thread(self.notify, str(exc), title="Cannot open the source", severity="error")
            return
        self.call_from_thread(self.push_screen, SourceScreen(source), self._back_to_question)

    def _back_to_question(self, _: None) -> None:
        """Leaving a document puts the focus on the question, so typing goes there and enter asks."""
        self.chat.action_focus_input()

    def action_open_source(self) -> None:
        bubble = self.chat.current()
        source_list = bubble.first_source if bubble else None
        if source_list is None or not source_list.refs:
            self.notify("No answer with sources yet.", timeout=4)
            return
        index = source_list.highlighted if source_list.has_focus and source_list.highlighted is not None else 0
        self.load_source(source_list.refs[index])

    # -- conversation -----------------------------------------------------------------------------------
    def action_toggle_passages(self) -> None:
        self.chat.toggle_class("-show-passages")

    def action_toggle_rewritten(self) -> None:
        self.chat.toggle_class("-show-rewritten")

    def action_copy_answer(self) -> None:
        bubble = self.chat.current()
        if bubble is None or bubble.answer is None:
            self.notify("No answer to copy yet.", timeout=4)
            return
        self.copy_to_clipboard(answer_plain(bubble.answer))
        self.notify("Answer copied to the clipboard.", timeout=3)

    async def action_clear_chat(self) -> None:
        await self.chat.clear(Conversation(conversations.new_name()))
        self.sub_title = self.chat.conversation.name

    async def action_resume_last(self) -> None:
        current = self.chat.conversation.name
        saved = [n for n in conversations.names(self.settings.index) if n != current]
        if not saved:
            self.notify("There is no other saved conversation.", timeout=4)
            return
        try:
            conversation = conversations.load(self.settings.index, saved[0])
        except AskdocsError as exc:
            self.notify(str(exc), title="Cannot reopen the conversation", severity="error")
            return
        await self.chat.load(conversation)
        self.sub_title = conversation.name

    def save_conversation(self, conversation: Conversation) -> Path | None:
        """Save after every answer; a read-only index folder is reported once, never fatal."""
        if not self.save_chats:
            return None
        try:
            return conversations.save(self.settings.index, conversation)
        except OSError as exc:
            if not self._save_warned:
                self._save_warned = True
                self.notify(f"The conversation cannot be saved: {exc}", severity="warning", timeout=10)
            return None

    def action_export_chat(self) -> None:
        """Write the conversation as Markdown with its sources to INDEX/chats/NAME.md and say where."""
        conversation = self.chat.conversation
        if not conversation.exchanges:
            self.notify("Nothing to export yet: ask a question first.", timeout=4)
            return
        try:
            path = export_markdown(self.settings.index, conversation)
        except OSError as exc:
            self.notify(f"The conversation cannot be exported: {exc}", severity="error", timeout=10)
            return
        self.notify(f"Saved as Markdown in {shown(path)}", title="Export", timeout=8)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen in INDEX/screenshots/ (made if missing) and say where."""
        try:
            folder = Path(path) if path else screenshot_folder(self.settings.index)
            saved = Path(self.save_screenshot(filename, str(folder)))
        except OSError as exc:
            self.notify(f"The screenshot cannot be saved: {exc}", title="Screenshot", severity="error", timeout=10)
            return
        self.notify(f"Saved in {shown(saved)}", title="Screenshot", timeout=8)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    # -- command palette ---------------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        for title, help_text, action in PALETTE:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield SystemCommand(
            "Screenshot",
            f"Save an SVG picture of the screen in {shown(self.settings.index / SCREENSHOTS)}/",
            lambda: self.set_timer(0.1, self.action_screenshot),  # once the palette has closed
        )

    # -- one place for unexpected worker errors --------------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Something went wrong", severity="error", timeout=30)


def create_app(
    settings: Settings,
    *,
    session: str | None = None,
    resume: bool = False,
    conversation: Conversation | None = None,
    save: bool = True,
    embedder: Encoder | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> ChatApp:
    """The one way to build the app, for the command line and the tests; bad names fail before the screen opens."""
    if conversation is None:
        conversation = conversations.open_or_new(settings.index, session, resume=resume)
    return ChatApp(settings, conversation, save=save, embedder=embedder, clock=clock)
