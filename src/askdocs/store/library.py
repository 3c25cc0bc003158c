"""The library view of an index: every document with its passage count and when it was indexed (askdocs docs)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from askdocs.store.connection import guarded
from askdocs.store.records import StoredDocument


@dataclass(frozen=True)
class LibraryEntry:
    """One indexed document as the library lists it."""

    document: StoredDocument
    passages: int
    indexed_at: float
    """Seconds since the epoch when this version of the document was indexed."""


class Library:
    """What IndexStore gains for the library view: `library`, one read for every document."""

    _conn: sqlite3.Connection

    @guarded
    def library(self) -> list[LibraryEntry]:
        """Every indexed document with its passage count, sorted by path."""
        rows = self._conn.execute(
            "SELECT d.id, d.path, d.sha256, d.size, d.mtime, d.title, d.published, d.indexed_at,"
            " (SELECT count(*) FROM passages p WHERE p.doc_id = d.id) FROM documents d ORDER BY d.path"
        )
        return [LibraryEntry(StoredDocument(*row[:7]), int(row[8]), float(row[7])) for row in rows]
