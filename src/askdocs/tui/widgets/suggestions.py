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


HEADING = "Try asking (tab, then enter, or click):"
LOOKING = "Looking for questions the documents answer, from their titles…"
"""Said while the first question is being tried (the model may still be loading), so the box is not a surprise."""


class Suggestions(Vertical):
    """Shown while the conversation is empty, while questions are looked for and once some were found to suggest
    (the chat screen decides)."""

    def __init__(self) -> None:
        super().__init__(id="suggestions")
        self.questions: list[str] = []
        self.checked = False
        """True once the questions were checked against the answerer for the current index (maybe none passed)."""
        self.looking = False
        """True while candidate questions are being tried; those found so far are offered meanwhile."""

    def compose(self) -> ComposeResult:
        yield Label(HEADING if self.questions or not self.looking else LOOKING, classes="heading")
        yield SuggestionList(*(Option(Content(q)) for q in self.questions))

    def start_looking(self) -> None:
        """Say that questions are being looked for (until the first is found, or none)."""
        self.looking = True
        self._update()

    def show_questions(self, questions: Sequence[str], *, done: bool = True) -> None:
        """Offer these questions (none: nothing to offer); not `done`: more may follow. The screen decides whether
        the list is on screen."""
        self.checked = self.checked or done
        self.looking = not done
        self._update(list(questions))

    def _update(self, questions: list[str] | None = None) -> None:
        """Heading and list in place: a question added while the list has the focus keeps the focus where it is."""
        new = self.questions if questions is None else questions
        if self.is_mounted and self.children:
            self.query_one(".heading", Label).update(HEADING if new or not self.looking else LOOKING)
            options = self.query_one(SuggestionList)
            if new[: len(self.questions)] == self.questions:
                options.add_options([Option(Content(q)) for q in new[len(self.questions) :]])
            else:
                options.clear_options()
                options.add_options([Option(Content(q)) for q in new])
            if options.highlighted is None and options.option_count:  # as a list made with its options starts
                options.highlighted = 0
        self.questions = new
