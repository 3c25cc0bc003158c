"""A document shown whole, scrolled to the cited sentence or passage, which is highlighted; escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, TextArea
from textual.widgets.text_area import Selection

from askdocs.text.safe import clean, visible
from askdocs.transcript import located
from askdocs.tui.sources import SourceText


def one_line_ending(text: str) -> str:
    """`text` with every line ending as "\n" (the editor turns mixed endings into one style, which would shift
    the highlight by a character per CRLF line) and without the final one, which the editor would number as an
    empty last line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[:-1] if text.endswith("\n") else text


def moved(text: str, index: int) -> int:
    """Where offset `index` into `text` lands in `one_line_ending(text)`."""
    return index - text.count("\r\n", 0, index)


class SourceScreen(Screen[None]):
    """The indexed text of one document, read-only, with the cited span selected and centred."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, source: SourceText) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        src = self.source
        yield Header()
        within = "" if src.offsets_in == "file" else f" of the {src.offsets_in}"
        where = f"{located(src.path, src.line, src.where, src.column)}  characters {src.start}–{src.end}{within}"
        yield Label(Content(where + (f"  ({clean(src.note, lines=False)})" if src.note else "")), id="source-title")
        yield TextArea(
            visible(one_line_ending(src.text)),
            read_only=True,
            soft_wrap=True,
            show_line_numbers=src.first_line is not None,
            line_number_start=src.first_line or 1,
            id="document",
            highlight_cursor_line=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#document", TextArea)
        document = area.document
        last = len(document.text)  # the final line ending is not shown: an offset just past it lands on the end

        def location(offset: int) -> tuple[int, int]:
            index = moved(self.source.text, offset)
            return document.get_location_from_index(last if index == last + 1 else index)

        try:
            start, end = location(self.source.start), location(self.source.end)
        except ValueError:  # offsets beyond a file that changed since indexing: open at the top
            start = end = (0, 0)
        area.selection = Selection(start, end)
        area.focus()
        self.call_after_refresh(area.scroll_cursor_visible, center=True)

    def action_back(self) -> None:
        """Back to the chat; whoever opened the document is told, so it can put the focus back on the question."""
        self.dismiss()

    @property
    def highlighted(self) -> str:
        """The text currently highlighted: the cited sentence or passage."""
        return self.query_one("#document", TextArea).selected_text
