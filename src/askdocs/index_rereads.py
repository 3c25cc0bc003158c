"""Which unchanged files `askdocs index` reads again because the reader of their type changed (see askdocs.ingest.
loaders.READER_VERSIONS), so that a re-read cut short resumes where it stopped, and status counts what is left."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from askdocs.ingest.documents import relative_name
from askdocs.ingest.loaders import READER_VERSIONS
from askdocs.store.changes import CorpusChanges
from askdocs.store.index_store import IndexStore


def stale_types(recorded: dict[str, str]) -> dict[str, str]:
    """The file types whose reader changed since the index recorded `recorded`, with their version now."""
    return {kind: version for kind, version in READER_VERSIONS.items() if recorded.get(kind, "1") != version}


def begin_rereads(store: IndexStore) -> None:
    """Before a sync reads a file: note where each re-read began (the last document id given, not the clock, which
    may step back), keeping where one a run cut short began (same type, same version), so that what it stored since
    counts as read."""
    under_way, last = store.rereading, store.last_document_id
    begun = {
        kind: under_way[kind] if under_way.get(kind, ("", 0))[0] == version else (version, last)
        for kind, version in stale_types(store.readers).items()
    }
    store.record_rereading(begun)


def reread(changes: CorpusChanges, store: IndexStore, corpus: Path) -> CorpusChanges:
    """`changes` with the unchanged files of a type whose reader changed since the index recorded it moved to the
    changed files, to be read again, but for those a re-read under way read already (stored since it began)."""
    stale = stale_types(store.readers)
    if not stale or not changes.unchanged:
        return changes
    begun = {kind: last for kind, (version, last) in store.rereading.items() if stale.get(kind) == version}
    read = store.read_after(min(begun.values())) if begun else {}

    def again(path: Path) -> bool:
        kind = path.suffix.lower()
        if kind not in stale:
            return False
        return kind not in begun or read.get(relative_name(corpus, path), -1) <= begun[kind]

    due = tuple(p for p in changes.unchanged if again(p))
    if not due:
        return changes
    kept = tuple(p for p in changes.unchanged if not again(p))
    touched = tuple(p for p in changes.touched if not again(p))
    return replace(changes, changed=changes.changed + due, unchanged=kept, touched=touched)
