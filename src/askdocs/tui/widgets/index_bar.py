"""The re-index progress bar, shown above the input while the index is being brought up to date."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar

from askdocs.index_progress import PassageCount
from askdocs.text.safe import name


class IndexBar(Horizontal):
    """Files indexed so far out of those to embed, and the file being read."""

    def compose(self) -> ComposeResult:
        yield Label("indexing", id="index-label")
        yield ProgressBar(total=None, show_eta=False, id="index-progress")
        yield Label(id="index-file")

    def start(self) -> None:
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#index-file", Label).update(Content("looking for changes…"))
        self.add_class("-active")

    def advance(self, done: int, total: int, path: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#index-file", Label).update(Content(name(path)))

    def embedded(self, count: PassageCount) -> None:
        """Passages embedded so far: the bar moves inside one big file, whose file count stays put."""
        self.query_one(ProgressBar).update(total=count.expected, progress=min(count.done, count.expected))

    def stop(self) -> None:
        self.remove_class("-active")
