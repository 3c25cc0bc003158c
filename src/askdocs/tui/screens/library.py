"""The library: every document the chat answers from, with its title, date, passages and state on disk, as
`askdocs docs` lists them, the highlighted document's whole title below; read off the UI thread, escape goes back."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Label

from askdocs.config import Settings
from askdocs.errors import AskdocsError
from askdocs.ingest.documents import display_path
from askdocs.library import Row, library, summary
from askdocs.store.filters import Filter
from askdocs.text.safe import clean, name
from askdocs.tui.markup import snippet

COLUMNS = ("path", "published", "passages", "state", "title")
NARROW = 70
"""Below this many cells the published and passages columns are left out, so the path, state and title fit."""
TITLE_MIN = 12
"""The narrowest the title column is made while the path can be cut instead."""
WIDE = 78
"""From this much room (an 80-column screen less its scroll bar) a path is shown whole while the title keeps a fair
share (a quarter) of the room."""
TITLE_LEAST = 4
"""The narrowest the title column is made on a screen too narrow for TITLE_MIN and PATH_MIN (state left out)."""
PATH_MIN = 10
"""The narrowest the path column is made (its start cut: "…/name.txt") while the title needs the room."""
TITLE_MAX = 1000
"""The most of a title shown (below the table); a longer one ends in "…" there too."""
DETAIL_LINES = 4
"""The lines below the table: the path on one, the title on the rest (as app.tcss's max-height)."""
SETTLE = 0.2
"""Seconds a resize waits for the next before the columns are fitted again: dragging a window re-lays out once."""


def cells(row: Row, corpus: Path) -> tuple[Text, ...]:
    """A row's cells as plain content: a document's path (as citations show it) and title are text, never markup,
    on one line each; a title wider than its column ends in "…" where the column cuts it."""
    d = row.entry.document
    return (
        Text(name(display_path(corpus, d.path))),
        Text(d.published or "-"),
        Text(str(row.entry.passages), justify="right"),
        Text(row.state),
        Text(title(row), no_wrap=True, overflow="ellipsis"),
    )


def title(row: Row) -> str:
    """A document's title on one line, without escape sequences or controls."""
    return snippet(clean(row.entry.document.title, lines=False), TITLE_MAX)


def cut_path(path: str, width: int) -> str:
    """`path` in `width` cells: whole when it fits, else its end after "…", from a folder's "/" when the file's
    name fits ("…/name.txt"), else the name cut in its middle, its start and end kept ("note-0017-a…harbour.txt"),
    so that names that end alike still look different."""
    if cell_len(path) <= width:
        return path
    name = path.rsplit("/", 1)[-1]
    if cell_len(name) + 1 <= width:
        start = len(path) - len(name)
        while start > 0 and cell_len(path[start - 1 :]) + 1 <= width:
            start -= 1
        slash = path.find("/", start)
        return "…" + (path[slash:] if 0 <= slash < len(path) - len(name) else name)
    return cut_middle(name, width)


def cut_middle(name: str, width: int) -> str:
    """`name` in `width` cells with its middle cut out ("…"): its start and its end, the extension whole when it
    takes no more than the room left for the start."""
    room = max(width - 1, 0)
    dot = name.rfind(".")
    extension = cell_len(name[dot:]) if dot > 0 else 0
    tail = max(room // 2, extension) if extension <= room // 2 + room % 2 else room // 2
    end = len(name)
    while end > 0 and cell_len(name[end - 1 :]) <= tail:
        end -= 1
    head = set_cell_size(name, room - cell_len(name[end:])).rstrip()
    return head + "…" + name[end:]


def cut_title(text: str, width: int) -> str:
    """`text` in `width` cells, ending in "…" when cut."""
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)).rstrip() + "…"


@dataclass(frozen=True)
class Fit:
    """How the table fits the screen: the columns shown (indexes into COLUMNS) and the path's and title's widths."""

    columns: tuple[int, ...]
    path: int
    title: int


def fit(shown: list[tuple[Text, ...]], room: int, padding: int) -> Fit:
    """The columns that fit `room` cells: below NARROW without published and passages; when path and title do not
    both fit whole, the title gets half the room left (at least TITLE_MIN) and the path the rest (cut, see
    `cut_path`), so that a title always shows and ends in "…" where the column cuts it; when even those least
    widths do not fit, the state column is left out, then the title made as narrow as TITLE_LEAST."""
    kept = (0, 3, 4) if room < NARROW else tuple(range(len(COLUMNS)))
    columns = list(zip(*shown, strict=True)) if shown else [()] * len(COLUMNS)

    def widest(at: int) -> int:
        return max([cell_len(COLUMNS[at]), *(cell.cell_len for cell in columns[at])])

    def left_in(kept: tuple[int, ...]) -> int:
        return room - sum(widest(at) for at in kept[1:-1]) - 2 * padding * len(kept)

    paths, titles = widest(0), widest(len(COLUMNS) - 1)
    least_path, least_title = min(PATH_MIN, paths), min(TITLE_MIN, titles)
    left = left_in(kept)
    if least_path + least_title > left and 3 in kept:
        kept = tuple(at for at in kept if at != 3)
        left = left_in(kept)
    if paths + titles <= left:
        return Fit(kept, paths, titles)
    if room >= WIDE and left - paths >= max(least_title, left // 4):  # the path whole, the title a fair share
        return Fit(kept, paths, left - paths)
    share = min(titles, max(TITLE_MIN, left // 2))
    path = max(least_path, min(paths, left - share))
    title = max(least_title, min(titles, left - path))
    if path + title > left:  # not even the least widths fit: the title narrower still, then the path
        title = max(min(TITLE_LEAST, titles), left - path)
        path = max(1, min(path, left - title))
    return Fit(kept, path, title)


def detail(path: str, text: str, width: int) -> str:
    """The lines below the table: the path first (cut from its start when wider than `width`), then the title over
    the lines left, ending in "…" when it is longer."""
    from rich.console import Console

    console = Console(width=width, file=io.StringIO())
    lines = [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]
    kept = lines[: DETAIL_LINES - 1]
    if len(lines) > len(kept):
        kept[-1] = cut_title(kept[-1] + " " + lines[len(kept)], width)
    return "\n".join([cut_path(path, width), *kept])


class LibraryTable(DataTable[Text]):
    """The documents, one a row, fitted to the screen (see `fit`): a longer title ends in "…" where its column cuts
    it, not at the screen's edge, where no one could tell it went on."""

    def __init__(self) -> None:
        super().__init__(id="library", cursor_type="row", zebra_stripes=True)
        self.shown: list[tuple[Text, ...]] = []
        self._fit: Fit | None = None
        self._settle: Timer | None = None

    def on_mount(self) -> None:
        self.show([])

    def show(self, shown: list[tuple[Text, ...]]) -> None:
        """List these rows (a row's cells as `cells` makes them), the cursor on the first."""
        self.shown = shown
        self._lay_out(cursor=0)

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns again once the resizing settles, and only when their fit changed: laying out every row
        again takes seconds in a library of many thousand documents."""
        if self._settle is not None:
            self._settle.stop()
        self._settle = self.set_timer(SETTLE, self._refit)

    def _refit(self) -> None:
        self._settle = None
        if self._fitted() != self._fit:
            self._lay_out(cursor=self.cursor_row)

    def _fitted(self) -> Fit:
        room = self.size.width - self.styles.scrollbar_size_vertical  # room kept for the scroll bar of a long list
        return fit(self.shown, room, self.cell_padding)

    def _lay_out(self, cursor: int) -> None:
        """The columns again, fitted to the screen, and the rows in them."""
        self._fit = chosen = self._fitted()
        self.clear(columns=True)
        for at in chosen.columns:
            width = chosen.path if at == 0 else chosen.title if at == len(COLUMNS) - 1 else None
            self.add_column(COLUMNS[at], width=width)
        middle = chosen.columns[1:-1]  # path and title cut to their columns here ("…" right after a wide character)
        self.add_rows(
            [
                (
                    Text(cut_path(row[0].plain, chosen.path)),
                    *(row[at] for at in middle),
                    Text(cut_title(row[-1].plain, chosen.title), no_wrap=True),
                )
                for row in self.shown
            ]
        )
        if self.shown:
            self.move_cursor(row=min(cursor, len(self.shown) - 1))


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
        yield LibraryTable()
        yield Label("", id="library-detail")
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
        table = self.query_one(LibraryTable)
        table.show([cells(row, self.settings.corpus) for row in rows])
        self._detail(0)
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

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, at: int) -> None:
        """Show the path and the title of the document in row `at` below the table, as text (see `detail`)."""
        rows, label = self.rows or [], self.query_one("#library-detail", Label)
        if 0 <= at < len(rows):
            width = max(label.content_size.width or self.size.width - 2, 2)
            path = name(display_path(self.settings.corpus, rows[at].entry.document.path))
            said = detail(path, title(rows[at]), width)
        else:
            said = ""
        label.update(Content(said))

    def on_resize(self, event: events.Resize) -> None:
        """The lines below the table cut to the new width."""
        if self.rows:
            self._detail(self.query_one(LibraryTable).cursor_row)

    def _failed(self, read: int, message: str) -> None:
        if read != self._reads:
            return
        self.rows = []
        self._detail(-1)
        self.query_one("#library-summary", Label).update(Content(clean(message)))

    def action_back(self) -> None:
        self.dismiss(None)
