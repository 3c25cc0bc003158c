"""What to ask in an empty chat: three questions made from the indexed documents' titles; choosing one asks it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from askdocs.text.safe import clean

TEMPLATES = ("What does “{}” say?", "What happened in “{}”?", "Who is mentioned in “{}”?")
"""General questions any document can answer; the n-th suggestion uses the n-th template."""
TITLE_WIDTH = 60
SHOWN = 3


def short_title(title: str, width: int = TITLE_WIDTH) -> str:
    """The title on one line, cut at a word to at most `width` characters, without controls."""
    flat = " ".join(clean(title, lines=False).split()).strip(" “”\"'")
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0] if " " in flat[: width - 1] else flat[: width - 1]
    return cut.rstrip(" ,;:.") + "…"


def suggested_questions(titles: Sequence[str], count: int = SHOWN) -> list[str]:
    """`count` questions over the first documents' titles, one template each; with fewer documents, titles repeat."""
    shown = [t for t in (short_title(title) for title in titles) if t]
    if not shown:
        return []
    return [TEMPLATES[i % len(TEMPLATES)].format(shown[i % len(shown)]) for i in range(count)]


class SuggestionList(OptionList):
    """The suggested questions; enter or a click asks the chosen one."""


class Suggestions(Vertical):
    """Shown while the conversation is empty and once the index's titles are known (the chat screen decides)."""

    def __init__(self) -> None:
        super().__init__(id="suggestions")
        self.questions: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("Try asking (tab, then enter, or click):", classes="heading")
        yield SuggestionList(*(Option(Content(q)) for q in self.questions))

    def show_titles(self, titles: Sequence[str]) -> None:
        """Make the suggestions from these titles (none when the index holds no document); the screen shows them."""
        questions = suggested_questions(titles)
        if questions != self.questions:
            self.questions = questions
            self.refresh(recompose=True)
