"""A list of places in the documents (citations or passages); choosing one asks to open it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from askdocs.tui.messages import OpenSource
from askdocs.tui.sources import SourceRef


class SourceList(OptionList):
    """Citations under an answer, or its retrieved passages; enter or a click opens the document there."""

    def __init__(self, refs: Sequence[SourceRef], *, id: str | None = None, classes: str | None = None) -> None:
        self.refs = tuple(refs)
        options = [Option(Content(ref.label), id=str(i)) for i, ref in enumerate(self.refs)]
        super().__init__(*options, id=id, classes=classes)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(OpenSource(self.refs[event.option_index]))
