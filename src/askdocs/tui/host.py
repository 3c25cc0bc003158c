"""What the chat screen needs from the app that hosts it: a small interface instead of the app class itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from askdocs.config import Settings
from askdocs.conversations import Conversation
from askdocs.tui.backend import Backend


class ChatHost(Protocol):
    """The app as the chat screen sees it: the backend, the clock, the settings, and a way to save the chat."""

    backend: Backend
    clock: Callable[[], float]
    settings: Settings

    def save_conversation(self, conversation: Conversation) -> Path | None: ...
