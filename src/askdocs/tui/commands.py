"""The chat's commands: keys, the command palette, and the actions on the conversation (copy, clear, export, …)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from askdocs import conversations
from askdocs.config import Settings
from askdocs.conversations import Conversation
from askdocs.errors import AskdocsError, os_reason
from askdocs.tui.exports import SCREENSHOTS, export_markdown, screenshot_folder, shown
from askdocs.tui.markup import answer_plain
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.library import LibraryScreen

if TYPE_CHECKING:
    from textual.app import App

    from askdocs.tui.backend import Backend

    _App = App[None]
else:
    _App = object

DARK, LIGHT = "textual-dark", "textual-light"
KEYS = [
    Binding("ctrl+r", "reindex", "Re-index"),
    Binding("ctrl+o", "open_source", "Open"),
    Binding("ctrl+t", "toggle_passages", "Passages"),
    Binding("ctrl+e", "export_chat", "Export", priority=True),  # before the input's ctrl+e (end: the end key)
    Binding("ctrl+y", "copy_answer", "Copy", show=False),
    Binding("ctrl+b", "library", "Library"),
    Binding("ctrl+l", "clear_chat", "Clear", show=False),
    Binding("ctrl+q", "quit", "Quit", priority=True),  # shown: a newcomer looks for the way out first
    Binding("ctrl+g", "toggle_rewritten", "Rewrites", show=False),
    Binding("f2", "toggle_dark", "Theme", show=False),
]
"""The footer shows the keys that fit in 80 columns; the others are in the command palette (ctrl+p)."""
PALETTE = [
    ("Re-index", "Bring the index in line with the corpus folder (ctrl+r)", "reindex"),
    ("Rebuild index", "Build the index again from scratch", "rebuild"),
    ("Check corpus", "Look for files added, changed or removed since the last index", "check_corpus"),
    ("Clear chat", "Start a new conversation (ctrl+l)", "clear_chat"),
    ("Copy answer", "Copy the answer and its sources (ctrl+y)", "copy_answer"),
    ("Toggle passages", "Show the passages behind each answer, with their scores (ctrl+t)", "toggle_passages"),
    ("Toggle rewritten questions", "Show how follow-up questions were searched (ctrl+g)", "toggle_rewritten"),
    ("Library", "List the indexed documents: path, title, date, passages and state (ctrl+b)", "library"),
    ("Open source", "Open the document at the answer's first source (ctrl+o)", "open_source"),
    ("Export chat", "Save the conversation and its sources as Markdown (ctrl+e)", "export_chat"),
    ("Resume last chat", "Reopen the most recently saved conversation", "resume_last"),
    ("Light/dark theme", "Switch between the light and dark themes (f2)", "toggle_dark"),
]
"""Command palette entries: title, help, and the app action they run."""
CHAT_ACTIONS = frozenset({"library", "open_source", "toggle_passages", "toggle_rewritten", "clear_chat", "export_chat"})


class ChatCommands(_App):
    """The app's actions on the conversation and its palette; mixed into ChatApp, which provides what is declared."""

    settings: Settings
    chat: ChatScreen
    backend: Backend

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions on the conversation are offered only while the conversation is on screen."""
        return not (action in CHAT_ACTIONS and not isinstance(self.screen, ChatScreen))

    def action_toggle_passages(self) -> None:
        self.chat.toggle_shown("-show-passages")

    def action_toggle_rewritten(self) -> None:
        self.chat.toggle_shown("-show-rewritten")

    def action_library(self) -> None:
        """The documents questions are answered from, as `askdocs docs` lists them (under the chat's filter)."""
        self.push_screen(LibraryScreen(self.settings, self.backend.scope), lambda _: self.chat.action_focus_input())

    def action_copy_answer(self) -> None:
        bubble = self.chat.current()
        if bubble is None or bubble.answer is None:
            self.notify("No answer to copy yet.", timeout=4)
            return
        self.copy_to_clipboard(answer_plain(bubble.answer))
        self.notify("Answer copied to the clipboard.", timeout=3)

    async def action_clear_chat(self) -> None:
        await self.chat.clear(Conversation(conversations.new_name()))
        self.sub_title = self.subtitle(self.chat.conversation.name)

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
        self.sub_title = self.subtitle(conversation.name)

    def action_export_chat(self) -> None:
        """Write the conversation as Markdown with its sources to INDEX/chats/NAME.md and say where."""
        conversation = self.chat.conversation
        if not conversation.exchanges:
            self.notify("Nothing to export yet: ask a question first.", timeout=4)
            return
        try:
            path = export_markdown(self.settings.index, conversation)
        except OSError as exc:
            self.notify(f"The conversation cannot be exported: {os_reason(exc)}", severity="error", timeout=10)
            return
        self.notify(f"Saved as Markdown in {shown(path)}", title="Export", timeout=8)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen in INDEX/screenshots/ (made if missing) and say where."""
        try:
            folder = Path(path) if path else screenshot_folder(self.settings.index)
            saved = Path(self.save_screenshot(filename, str(folder)))
        except OSError as exc:
            self.notify(
                f"The screenshot cannot be saved: {os_reason(exc)}", title="Screenshot", severity="error", timeout=10
            )
            return
        self.notify(f"Saved in {shown(saved)}", title="Screenshot", timeout=8)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        for title, help_text, action in PALETTE:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield SystemCommand(
            "Screenshot",
            f"Save an SVG picture of the screen in {shown(self.settings.index / SCREENSHOTS)}/",
            lambda: self.set_timer(0.1, self.action_screenshot),  # once the palette has closed
        )
