"""One line above the conversation: which corpus, how big the index is, whether it is stale, the model's state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from askdocs.text.counts import count
from askdocs.tui.backend import IndexStatus


class StatusLine(Horizontal):
    """Corpus, documents and passages (under a filter, how many of them it admits), a `stale` badge when files
    changed since the last index, and the model."""

    def __init__(self, corpus: str) -> None:
        super().__init__()
        self.status = IndexStatus(corpus)
        self.state = "loading the model…"

    def compose(self) -> ComposeResult:
        yield Label(id="index-facts")
        yield Label("stale", id="stale-badge")
        yield Label(id="model-state")

    def on_mount(self) -> None:
        self._render_status()

    def show_status(self, status: IndexStatus) -> None:
        self.status = status
        self._render_status()

    def show_state(self, state: str) -> None:
        """The model or indexing state: loading, ready, indexing 3/10, …"""
        self.state = state
        self._render_status()

    def _render_status(self) -> None:
        status = self.status
        if status.info is not None and status.admitted is not None:  # a filter: what it admits, of the whole
            documents, passages = status.admitted
            facts = (
                f"{status.corpus} · {documents:,} of {count(status.info.documents, 'document')} · "
                f"{passages:,} of {count(status.info.passages, 'passage')}"
            )
        elif status.info is not None:
            facts = (
                f"{status.corpus} · {count(status.info.documents, 'document')} · "
                f"{count(status.info.passages, 'passage')}"
            )
        elif status.missing:
            facts = f"{status.corpus} · no index yet: press ctrl+r to build it"
        elif status.problem:
            facts = f"{status.corpus} · {status.problem}"
        else:
            facts = status.corpus
        label = self.query_one("#index-facts", Label)
        label.update(Content(facts))
        label.tooltip = status.problem  # in full, where the line is too narrow for it
        badge = self.query_one("#stale-badge", Label)
        badge.display = status.stale
        if status.changes is not None and status.stale:
            counts = [
                (len(status.changes.new), "new"),
                (len(status.changes.changed) - status.rereads, "changed"),
                (len(status.changes.removed), "removed"),
                (status.rereads, "to re-read"),
            ]
            badge.update(Content("stale: " + ", ".join(f"{n} {what}" for n, what in counts if n)))
            upgraded = " (files to re-read are unchanged: askdocs reads their type anew)" if status.rereads else ""
            badge.tooltip = f"Files changed since the last index{upgraded}; " + (
                "the index folder is read-only, so ctrl+r cannot update it: make it writable, or start the chat"
                " with --index naming a writable copy."
                if status.read_only
                else "press ctrl+r to re-index."
            )
        self.query_one("#model-state", Label).update(Content(self.state))
