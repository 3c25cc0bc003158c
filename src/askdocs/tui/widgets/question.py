"""A question as the user typed it, shown in the conversation."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class QuestionBubble(Static):
    """The user's side of an exchange."""

    def __init__(self, question: str) -> None:
        super().__init__(Content(question), classes="bubble")
        self.question = question
        self.border_title = "You"
