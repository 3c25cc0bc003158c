"""The library: every document the chat answers from, with its title, date, passages and state on disk, as
`askdocs docs` lists them; read off the UI thread, escape goes back."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from askdocs.config import Settings
from askdocs.errors import AskdocsError
from askdocs.ingest.documents import display_path
from askdocs.library import Row, library, summary
from askdocs.store.filters import Filter
from askdocs.text.safe import clean, name
from askdocs.tui.markup import snippet

COLUMNS = ("path", "published", "passages", "state", "title")


def cells(row: Row, corpus: Path) -> tuple[Text, ...]:
    """A row's cells as plain content: a document's path (as citations show it) and title are text, never markup,
    on one line each."""
    d = row.entry.document
    return (
        Text(name(display_path(corpus, d.path))),
        Text(d.published or "-"),
        Text(str(row.entry.passages), justify="right"),
        Text(row.state),
        Text(snippet(clean(d.title, lines=False), 120)),
    )


class LibraryScreen(Screen[None]):
    """The indexed documents (those the chat's filter admits), sorted by path; escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, settings: Settings, scope: Filter | None) -> None:
        super().__init__()
        self.settings = settings
        self.scope = scope
        self.rows: list[Row] | None = None
        self._reads = 0
        """How many times the library was read: only the latest reading is shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Reading the library…", id="library-summary")
        table: DataTable[Text] = DataTable(id="library", cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the library (again when a re-index changed it while it was shown)."""
        self._reads += 1
        self.query_one("#library-summary", Label).update("Reading the library…")
        self.load(self._reads)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load(self, read: int) -> None:
        """Read the index and compare each file on disk (sizes and times, hashes when they differ), off the UI."""
        try:
            rows = library(self.settings, self.scope)
        except AskdocsError as exc:
            self.app.call_from_thread(self._failed, read, str(exc))
            return
        self.app.call_from_thread(self._show, read, rows)

    def _show(self, read: int, rows: list[Row]) -> None:
        if read != self._reads:  # a reading started later lists the newer state
            return
        self.rows = rows
        table = self.query_one("#library", DataTable)
        table.clear()
        for row in rows:
            table.add_row(*cells(row, self.settings.corpus))
        filtered = self.scope is not None and self.scope.active
        if rows:
            said = summary(rows, advice="ctrl+r re-indexes")
        else:  # an index the filter leaves nothing of is no empty index: ctrl+r would not help
            said = (
                "no indexed document matches the filter" if filtered else "no documents in the index (ctrl+r builds it)"
            )
        if filtered:
            said += f" · only {clean(self.scope.describe(), lines=False)}"  # type: ignore[union-attr]
        self.query_one("#library-summary", Label).update(Content(said))
        table.focus()

    def _failed(self, read: int, message: str) -> None:
        if read != self._reads:
            return
        self.rows = []
        self.query_one("#library-summary", Label).update(Content(clean(message)))

    def action_back(self) -> None:
        self.dismiss(None)
