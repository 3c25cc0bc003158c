"""An answer in the conversation: thinking, then the cited text with its sources, or a plain not-found reply."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, LoadingIndicator, Markdown, Static

from askdocs.answering import Answer
from askdocs.retrieval import Hit
from askdocs.text.excerpt import Preview
from askdocs.text.safe import clean
from askdocs.tui.markup import (
    CITE_SCHEME,
    answer_markdown,
    citation_ref,
    citation_refs,
    escape,
    hit_ref,
    related_refs,
    rewritten,
    seconds_text,
)
from askdocs.tui.messages import OpenSource
from askdocs.tui.sources import SourceRef
from askdocs.tui.widgets.source_list import SourceList

RELATED_SHOWN = 3
RELATED_LABEL = "Related passages (not judged to answer the question)"


def why(reasons: Sequence[str]) -> Widget:
    """The reasons for a refusal under one "Why:": after it on its line when there is one, else a bullet for each
    on lines of its own, wrapped under its first word (a filter adds its own reason to the answerer's)."""
    said = [f"{clean(reason, lines=False)}." for reason in reasons]
    if len(said) == 1:
        return Static(Content(f"Why: {said[0]}"), classes="reason")
    bullets = [Horizontal(Static("•", classes="bullet"), Static(Content(r)), classes="because") for r in said]
    return Vertical(Static("Why:"), *bullets, classes="reason")


class AnswerBubble(Vertical):
    """askdocs's side of an exchange; `show` or `fail` replace the thinking state."""

    def __init__(
        self,
        number: int,
        shown_path: Callable[[str], str],
        *,
        waiting_for_model: bool = False,
        answer: Answer | None = None,
        seconds: float = 0.0,
        previews: Mapping[int, Preview] | None = None,
    ) -> None:
        super().__init__(classes="bubble -thinking", id=f"answer-{number}")
        self.number = number
        self.answer: Answer | None = None
        self.error: str | None = None
        self._shown_path = shown_path
        self._previews: Mapping[int, Preview] = previews or {}
        """Where retrieved passages open, by passage id (as saved, for a restored answer)."""
        self.border_title = "askdocs"
        self.border_subtitle = "loading the model, then thinking…" if waiting_for_model else "thinking…"
        if answer is not None:
            self._settle(answer, seconds)

    def _settle(self, answer: Answer, seconds: float) -> None:
        self.answer = answer
        self.remove_class("-thinking")
        self.add_class("-found" if answer.found else "-not-found")
        self.border_title = "askdocs" if answer.found else "askdocs · not found in the documents"
        self.border_subtitle = f"answered in {seconds_text(seconds)}"

    def compose(self) -> ComposeResult:
        answer = self.answer
        if self.error is not None:
            yield Static(Content(clean(self.error)), classes="error-text")
            return
        if answer is None:
            yield LoadingIndicator()
            return
        yield Markdown(answer_markdown(answer) if answer.found else escape(clean(answer.text)), open_links=False)
        searched = rewritten(answer)
        if searched:
            yield Static(Content(f"searched as: {searched}"), classes="rewritten")
        for note in answer.notes:
            yield Static(Content(f"note: {clean(note, lines=False)}"), classes="note")
        if answer.found:
            yield Label("Sources", classes="heading")
            yield SourceList(citation_refs(answer.citations), classes="citations")
        else:
            if answer.reasons:
                yield why(answer.reasons)
            if related := related_refs(answer.related or answer.hits, self._shown_path, RELATED_SHOWN, self._previews):
                yield Label(RELATED_LABEL, classes="heading related")
                yield SourceList(related, classes="related")
        if answer.hits:
            yield Label("Retrieved passages (fused score, cosine similarity)", classes="heading passages")
            yield SourceList(self._hit_refs(answer.hits), classes="passages")

    def _hit_refs(self, hits: Sequence[Hit]) -> list[SourceRef]:
        """The passages view: every retrieved passage with its scores, shown only on request (ctrl+t)."""
        return [hit_ref(h, self._shown_path(h.passage.path), self._previews.get(h.passage.id)) for h in hits]

    async def show(self, answer: Answer, seconds: float, previews: Mapping[int, Preview] | None = None) -> None:
        """Replace the thinking state with the answer and how long it took; `previews` (by passage id) open the
        retrieved passages at their best sentence."""
        self._previews = previews or {}
        self._settle(answer, seconds)
        await self.recompose()

    async def fail(self, message: str) -> None:
        """Show why this question got no answer."""
        self.error = message
        self.remove_class("-thinking")
        self.add_class("-error")
        self.border_title = "askdocs · error"
        self.border_subtitle = ""
        await self.recompose()

    @property
    def first_source(self) -> SourceList | None:
        for source_list in self.query(SourceList):
            if source_list.has_class("citations") or source_list.has_class("related"):
                return source_list
        return None

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if self.answer is None or not event.href.startswith(CITE_SCHEME):
            return
        number = event.href[len(CITE_SCHEME) :]
        for citation in self.answer.citations:
            if str(citation.n) == number:
                self.post_message(OpenSource(citation_ref(citation)))
