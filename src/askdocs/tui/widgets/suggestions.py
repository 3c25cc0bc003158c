"""What to ask in an empty chat: the questions the answerer was found to answer; choosing one asks it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class SuggestionList(OptionList):
    """The suggested questions; enter or a click asks the chosen one."""


class Suggestions(Vertical):
    """Shown while the conversation is empty and once questions were found to suggest (the chat screen decides)."""

    def __init__(self) -> None:
        super().__init__(id="suggestions")
        self.questions: list[str] = []
        self.checked = False
        """True once the questions were checked against the answerer for the current index (maybe none passed)."""

    def compose(self) -> ComposeResult:
        yield Label("Try asking (tab, then enter, or click):", classes="heading")
        yield SuggestionList(*(Option(Content(q)) for q in self.questions))

    def show_questions(self, questions: Sequence[str]) -> None:
        """Offer these questions (none: nothing to offer); the screen decides whether the list is on screen."""
        self.checked = True
        if list(questions) != self.questions:
            self.questions = list(questions)
            self.refresh(recompose=True)
