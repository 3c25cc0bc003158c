"""What the chat writes besides its saved conversations: Markdown exports and screenshots, under the index folder."""

from __future__ import annotations

from pathlib import Path

from askdocs import transcript
from askdocs.conversations import Conversation

SCREENSHOTS = "screenshots"
"""Screenshots go to INDEX/screenshots/, a folder askdocs makes, never to a Downloads folder that may not exist."""


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when it is inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def export_markdown(index: Path, conversation: Conversation) -> Path:
    """Write the conversation with its sources as Markdown beside its JSON: INDEX/chats/NAME.md."""
    return transcript.write(transcript.export_path(index, conversation.name), conversation)


def screenshot_folder(index: Path) -> Path:
    """INDEX/screenshots/, made if missing."""
    folder = index / SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder
