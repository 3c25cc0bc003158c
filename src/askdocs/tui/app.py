"""The askdocs chat app: loads the model in the background, answers in workers, re-indexes with a progress bar.

Its commands live in commands.py and its care of the index in indexing.py; this file starts it and holds it together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from askdocs import conversations
from askdocs.config import Settings
from askdocs.conversations import Conversation
from askdocs.encoders.base import Encoder
from askdocs.errors import AskdocsError, IndexMissing, IndexUnusable, os_reason
from askdocs.text.counts import count
from askdocs.text.safe import clean
from askdocs.tui.backend import Backend
from askdocs.tui.commands import KEYS, ChatCommands
from askdocs.tui.exports import shown
from askdocs.tui.indexing import IndexUpkeep
from askdocs.tui.messages import BackendFailed, BackendReady, OpenSource
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.confirm import ConfirmScreen
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.sources import SourceRef
from askdocs.tui.widgets.status_line import StatusLine


class ChatApp(ChatCommands, IndexUpkeep, App[None]):
    """Ask questions of the indexed documents and read cited answers, without leaving the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "askdocs"
    BINDINGS = KEYS

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
        self.undated = 0
        """Documents the filter's dates leave out for want of a publication date, as the last status check found."""
        self.sub_title = self._conversation.name

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

    def action_help_quit(self) -> None:
        """Ctrl+C copies in an input; say how to quit, in plain text (toasts here never read markup)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit askdocs.", title="Do you want to quit?")
                return

    def get_default_screen(self) -> Screen:
        return ChatScreen(self._conversation)

    @property
    def chat(self) -> ChatScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    def subtitle(self, name: str) -> str:
        """The header's line under the title: the conversation, and the documents it may draw on when filtered
        (with how many its dates leave out for want of a publication date, when any)."""
        scope = self.backend.scope
        if scope is None or not scope.active:
            return name
        undated = f" ({count(self.undated, 'document')} without a date left out)" if self.undated else ""
        return f"{name} · only {clean(scope.describe(), lines=False)}{undated}"

    def on_mount(self) -> None:
        self.sub_title = self.subtitle(self._conversation.name)  # the scope is set after the app is made
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
        scope = self.backend.scope
        if scope is not None and self.backend.admits_nothing:
            said = scope.admits_none()
            said = f"{said[:1].upper()}{said[1:]}. Questions will find nothing."  # the paths keep their case
            self.notify(said, title="Nothing to search", severity="warning", timeout=30)

    def on_backend_failed(self, message: BackendFailed) -> None:
        line, corpus = self.chat.query_one(StatusLine), self.backend.corpus_label()
        if message.index_missing:
            line.show_state("no index")
            question = f"There is no index in {shown(self.settings.index)}/ yet. Build it from {corpus} now?"
            self.push_screen(ConfirmScreen(question, yes="Build the index"), self._build_if_confirmed)
        elif message.index_unusable:
            self.offer_rebuild(message.message)
        else:
            line.show_state("model unavailable")
            self.notify(message.message, title="Cannot load the model", severity="error", timeout=30)

    def offer_rebuild(self, problem: str) -> None:
        """The dialog that rebuilds an unusable index: on opening one, and when ctrl+r finds one a re-index cannot
        mend (damaged while the chat was open)."""
        self.chat.query_one(StatusLine).show_state("index unusable")
        question = f"{problem}\n\nRebuild the index from {self.backend.corpus_label()} now?"
        self.push_screen(ConfirmScreen(question, yes="Rebuild"), self._rebuild_if_confirmed)

    def _build_if_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.action_reindex()
        else:
            self.notify("Questions need an index: press ctrl+r to build it.", title="No index", timeout=10)

    def _rebuild_if_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.action_rebuild()

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

    def save_conversation(self, conversation: Conversation) -> Path | None:
        """Save after every answer; a read-only index folder is reported once, never fatal."""
        if not self.save_chats:
            return None
        try:
            return conversations.save(self.settings.index, conversation)
        except OSError as exc:
            if not self._save_warned:
                self._save_warned = True
                self.notify(f"The conversation cannot be saved: {os_reason(exc)}", severity="warning", timeout=10)
            return None

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
