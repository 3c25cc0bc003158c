"""The library: every indexed document with its title, publication date, passages and state on disk, as
`askdocs docs` lists it and the chat's library screen shows it (no model load)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store's modules load numpy: `askdocs --help` reads this module and must not
    from askdocs.config import Settings
    from askdocs.store.filters import Filter
    from askdocs.store.library import LibraryEntry

STATES = ("indexed", "changed", "missing", "ignored")


@dataclass(frozen=True)
class Row:
    """One line of the library: an indexed document and how its file on disk compares."""

    entry: LibraryEntry
    state: str


def state_of(corpus: Path, entry: LibraryEntry, ignore: Callable[[str], bool] | None) -> str:
    """indexed, changed or missing, as a citation's check says (size and time first, the hash when they differ);
    ignored when .askdocsignore now leaves the file out (the next index removes it)."""
    from askdocs.answering.citations import indexed_status

    d = entry.document
    status = indexed_status(corpus, d.path, d.size, d.mtime, d.sha256)
    if status != "missing" and ignore is not None and ignore(d.path):
        return "ignored"
    return "indexed" if status == "ok" else status


def rows(corpus: Path, entries: Iterable[LibraryEntry]) -> list[Row]:
    """Each entry with its state on disk, .askdocsignore read once."""
    from askdocs.ingest.ignore import load_ignore

    ignore = load_ignore(corpus)
    return [Row(e, state_of(corpus, e, ignore)) for e in entries]


def admitted(entries: list[LibraryEntry], scope: Filter | None) -> list[LibraryEntry]:
    """The entries whose documents `scope` admits (all without one)."""
    if scope is None:
        return entries
    return [e for e in entries if scope.admits(e.document.path, e.document.published)]


def library(settings: Settings, scope: Filter | None = None) -> list[Row]:
    """The index's documents that `scope` admits, sorted by path, with their states (IndexMissing and the like
    when there is no sound index)."""
    from askdocs.store.checks import OPEN_CHECKED_BYTES
    from askdocs.store.index_store import IndexStore

    with IndexStore.open(settings.index) as store:
        store.require_sound(OPEN_CHECKED_BYTES)
        entries = store.library()
    return rows(settings.corpus, admitted(entries, scope))  # files compared on disk with the index closed


def summary(rows: Sequence[Row], advice: str | None = None) -> str:
    """The library's last line: its documents and passages, then how many are not as indexed, ending with
    `advice` (what to run) when some are."""
    from askdocs.text.counts import count

    passages = sum(r.entry.passages for r in rows)
    said = f"{count(len(rows), 'document')}, {count(passages, 'passage')}"
    off = ", ".join(f"{n} {s}" for s in STATES[1:] if (n := sum(r.state == s for r in rows)))
    return said + (f"; {off}" + (f" ({advice})" if advice else "") if off else "")
