"""The conversation: questions and cited answers above, the input below; answering runs in a thread worker."""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input
from textual.worker import get_current_worker

from askdocs.answering import Answer
from askdocs.config import text_too_long
from askdocs.conversations import Conversation, Exchange
from askdocs.errors import AskdocsError, IndexMissing, IndexUnusable, advises_rebuild
from askdocs.ingest.documents import display_path
from askdocs.text.safe import read_as_shown
from askdocs.tui.backend import IndexStatus
from askdocs.tui.messages import AnswerFailed, AnswerReady, SuggestionsFound
from askdocs.tui.suggestions import answerable
from askdocs.tui.widgets.answer import AnswerBubble
from askdocs.tui.widgets.index_bar import IndexBar
from askdocs.tui.widgets.question import QuestionBubble
from askdocs.tui.widgets.status_line import StatusLine
from askdocs.tui.widgets.suggestions import SuggestionList, Suggestions

if TYPE_CHECKING:
    from askdocs.tui.host import ChatHost

PLACEHOLDER = "Ask a question about the documents and press enter"


class ChatScreen(Screen[None]):
    """Keeps the conversation; questions wait in a queue and are answered one at a time, in order."""

    BINDINGS = [
        Binding("escape", "focus_input", "Back to the question", show=False),
        Binding("tab", "next_focus", "Next", show=False),
    ]
    app: ChatHost  # type: ignore[assignment] - the app, seen through what this screen uses

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conversation = conversation
        self._queue: deque[tuple[int, str, str]] = deque()
        self._asking = False
        self._count = 0
        self._restored: list[tuple[int, Exchange]] = []
        self._wanted: tuple[object, Sequence[str], Mapping[str, Sequence[str]]] = (None, (), {})
        """The index state (titles and index facts) to suggest questions for, its titles and their documents."""
        self._suggesting: object = None
        """The index state the suggestions were last looked for."""
        for exchange in conversation.exchanges:
            self._restored.append((self._next_number(), exchange))

    def _next_number(self) -> int:
        self._count += 1
        return self._count

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusLine(self.app.backend.corpus_label())
        conversation = VerticalScroll(id="conversation")
        conversation.can_focus = False  # tab from the question goes straight to the suggestions or the sources
        with conversation:
            yield Suggestions()
            for number, exchange in self._restored:
                yield QuestionBubble(exchange.question)
                yield self._restored_bubble(number, exchange)
        yield IndexBar()
        yield Input(placeholder=PLACEHOLDER, id="question")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()
        self.query_one("#conversation", VerticalScroll).scroll_end(animate=False)
        self._show_suggestions()

    # -- suggestions while the chat is empty ---------------------------------------------------------
    def suggest_for(self, status: IndexStatus) -> None:
        """Find questions to suggest from the status's titles, once per state of the index (a corpus that only
        changed on disk keeps them) and only while the chat is empty: each candidate is put to the answerer."""
        sources: dict[str, tuple[str, ...]] = {}  # title -> its documents (two files may share a title)
        for title, path in zip(status.titles, status.sources, strict=False):
            sources[title] = (*sources.get(title, ()), path)
        self._wanted = ((status.titles, status.info), status.titles, sources)
        self._suggest_if_empty()

    def _suggest_if_empty(self) -> None:
        key, titles, sources = self._wanted
        if key == self._suggesting or self.query(AnswerBubble) or self.conversation.exchanges:
            return
        self._suggesting = key
        if titles:
            self.query_one(Suggestions).start_looking()
            self._show_suggestions()
        self.suggest_worker(key, titles, sources)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def suggest_worker(self, key: object, titles: Sequence[str], sources: Mapping[str, Sequence[str]]) -> None:
        """Ask the answerer the candidate questions (at most ASKED) and keep those it answers; a question the user
        asks meanwhile goes first, and no index or model means no suggestions."""
        backend = self.app.backend
        worker = get_current_worker()
        while not backend.wait_started(0.1):
            if worker.is_cancelled:
                return

        def ask(question: str) -> Answer:
            while (self._asking or self._queue) and not worker.is_cancelled:
                time.sleep(0.1)
            return backend.ask(question)

        questions: list[str] = []

        def found_so_far(so_far: Sequence[str]) -> None:
            questions[:] = so_far
            self.post_message(SuggestionsFound(key, tuple(so_far), done=False))

        try:
            if backend.ready:
                with contextlib.suppress(AskdocsError):  # the index changed under us: the next status looks again
                    questions = answerable(
                        ask, titles, sources=sources, stop=lambda: worker.is_cancelled, found_so_far=found_so_far
                    )
        finally:  # whatever stopped the looking (an error too), the box stops saying it looks
            if not worker.is_cancelled:
                self.post_message(SuggestionsFound(key, tuple(questions)))

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        if message.key == self._suggesting:
            self.query_one(Suggestions).show_questions(message.questions, done=message.done)
            self._show_suggestions()

    def _show_suggestions(self) -> None:
        suggestions = self.query_one(Suggestions)
        wanted = bool(suggestions.questions) or suggestions.looking
        suggestions.display = wanted and not self.query(AnswerBubble)

    @on(SuggestionList.OptionSelected, "SuggestionList")
    async def ask_suggested(self, event: SuggestionList.OptionSelected) -> None:
        event.stop()
        self.action_focus_input()
        await self.ask(self.query_one(Suggestions).questions[event.option_index])

    def shown_path(self, relative: str) -> str:
        return display_path(self.app.settings.corpus, relative)

    # -- asking -----------------------------------------------------------------------------------
    @on(Input.Submitted, "#question")
    async def submit(self, event: Input.Submitted) -> None:
        question = read_as_shown(event.value).strip()  # pasted colour codes: read as the terminal showed them
        if not question:
            return
        if (too_long := text_too_long(question, "the question")) is not None:  # kept in the input, to be cut down
            self.notify(too_long[0].upper() + too_long[1:] + ".", severity="error")
            return
        event.input.clear()
        await self.ask(question)

    async def ask(self, question: str) -> AnswerBubble:
        """Show the question and a thinking answer at once; the answer is filled in by a worker."""
        number = self._next_number()
        scroll = self.query_one("#conversation", VerticalScroll)
        bubble = AnswerBubble(number, self.shown_path, waiting_for_model=not self.app.backend.ready)
        if self._asking:
            bubble.border_subtitle = "waiting for the question before…"
        await scroll.mount_all([QuestionBubble(question), bubble])
        self._show_suggestions()
        scroll.scroll_end(animate=False)
        self._queue.append((number, question, self.conversation.name))
        self._start_next()
        return bubble

    def _start_next(self) -> None:
        if self._asking or not self._queue:
            return
        number, question, name = self._queue.popleft()
        if name != self.conversation.name:  # asked before the chat was cleared
            self._start_next()
            return
        self._asking = True
        bubble = self._bubble(number)
        if bubble is not None and bubble.answer is None:
            bubble.border_subtitle = "thinking…" if self.app.backend.ready else "loading the model, then thinking…"
        self.answer_worker(number, question, self.conversation.answers)

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def answer_worker(self, number: int, question: str, earlier: Sequence[Answer]) -> None:
        """Answer in a thread: the first question waits for the model, later ones reuse the warm retriever."""
        backend, clock = self.app.backend, self.app.clock
        worker = get_current_worker()
        while not backend.wait_started(0.1):
            if worker.is_cancelled:
                return
        started = clock()
        try:
            answer = backend.ask(question, earlier)
            previews = backend.previews(answer)
        except (IndexMissing, IndexUnusable) as exc:  # ctrl+r builds a missing index and offers the rebuild one needs
            fix = "build the index" if isinstance(exc, IndexMissing) else "rebuild it" if advises_rebuild(exc) else ""
            self.post_message(AnswerFailed(number, f"{exc}. Press ctrl+r to {fix}." if fix else str(exc)))
        except AskdocsError as exc:
            self.post_message(AnswerFailed(number, str(exc)))
        except Exception as exc:  # noqa: BLE001 - shown in the conversation, never as a traceback
            self.post_message(AnswerFailed(number, f"unexpected error: {type(exc).__name__}: {exc}"))
        else:
            warning = None
            with contextlib.suppress(Exception):  # a warning never costs the answer
                warning = backend.unsaved()
            self.post_message(AnswerReady(number, answer, clock() - started, previews, warning))

    def _bubble(self, number: int) -> AnswerBubble | None:
        try:
            return self.query_one(f"#answer-{number}", AnswerBubble)
        except NoMatches:
            return None

    async def on_answer_ready(self, message: AnswerReady) -> None:
        bubble = self._bubble(message.number)
        if bubble is not None:
            await bubble.show(message.answer, message.seconds, message.previews)
            exchange = Exchange(message.answer, message.seconds, time.time(), message.previews)
            self.conversation = self.conversation.add(exchange)
            self.app.save_conversation(self.conversation)
            self.call_after_refresh(self._reveal, bubble)
        if message.warning is not None:
            self.app.notify(message.warning, title="Vectors not saved", severity="warning", timeout=30)
        self._asking = False
        self._start_next()

    def _reveal(self, bubble: AnswerBubble) -> None:
        """Scroll so the question and the start of its answer are in view."""
        scroll = self.query_one("#conversation", VerticalScroll)
        nodes = list(scroll.children)
        index = nodes.index(bubble) if bubble in nodes else 0
        target = nodes[index - 1] if index > 0 else bubble
        scroll.scroll_to_widget(target, top=True, animate=False)

    async def on_answer_failed(self, message: AnswerFailed) -> None:
        bubble = self._bubble(message.number)
        if bubble is not None:
            await bubble.fail(message.message)
        self._asking = False
        self._start_next()

    # -- what the app's commands act on -------------------------------------------------------------
    def answered(self) -> list[AnswerBubble]:
        return [b for b in self.query(AnswerBubble) if b.answer is not None]

    def current(self) -> AnswerBubble | None:
        """The answer holding the focus, else the latest one."""
        node = self.focused
        while node is not None:
            if isinstance(node, AnswerBubble) and node.answer is not None:
                return node
            node = node.parent  # type: ignore[assignment]
        answered = self.answered()
        return answered[-1] if answered else None

    async def clear(self, conversation: Conversation) -> None:
        """Empty the conversation and start a new one; earlier turns stop being follow-up context."""
        self.conversation = conversation
        await self.query_one("#conversation", VerticalScroll).query(".bubble").remove()
        self._suggest_if_empty()
        self._show_suggestions()
        self.query_one("#question", Input).focus()

    async def load(self, conversation: Conversation) -> None:
        """Show a saved conversation in place of the current one."""
        await self.clear(conversation)
        scroll = self.query_one("#conversation", VerticalScroll)
        for exchange in conversation.exchanges:
            number = self._next_number()
            await scroll.mount_all([QuestionBubble(exchange.question), self._restored_bubble(number, exchange)])
        self._show_suggestions()
        scroll.scroll_end(animate=False)

    def _restored_bubble(self, number: int, exchange: Exchange) -> AnswerBubble:
        """A saved answer as it was shown, its passages opening where they did."""
        return AnswerBubble(
            number, self.shown_path, answer=exchange.answer, seconds=exchange.seconds, previews=exchange.previews
        )

    def action_next_focus(self) -> None:
        """Tab from the question goes to the newest answer's sources (or the suggestions), not the oldest: the
        question box comes last in the focus order, so a plain tab would wrap to the top of the conversation."""
        if self.focused is self.query_one("#question", Input):
            newest_first = [*reversed(self.query(AnswerBubble)), self.query_one(Suggestions)]
            for container in newest_first:
                lists = [w for w in container.query("SourceList, SuggestionList") if w.focusable]
                if lists:
                    lists[0].focus()
                    lists[0].scroll_visible(animate=False)
                    return
        self.focus_next()

    def toggle_shown(self, name: str) -> None:
        """Show or hide a part of every answer (the class `name`: passages, rewrites) without losing one's place:
        the latest answer, when it was on screen, is brought back to its question, else the bubble at the top of
        the view stays there (the answers above it growing or shrinking moved everything below them)."""
        scroll = self.query_one("#conversation", VerticalScroll)
        answered = self.answered()
        latest = answered[-1] if answered else None
        view = scroll.region
        anchor: Widget | None
        if latest is not None and latest.region.overlaps(view):
            anchor = latest
        else:
            anchor = next((n for n in scroll.children if n.display and n.region.bottom > view.y), None)
        self.toggle_class(name)
        if anchor is None:
            return
        if anchor is latest:
            self.call_after_refresh(self._reveal, latest)
        else:
            self.call_after_refresh(scroll.scroll_to_widget, anchor, top=True, animate=False)

    def action_focus_input(self) -> None:
        self.query_one("#question", Input).focus()
