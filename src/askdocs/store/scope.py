"""The SQL of a Filter: the documents it admits, and their passages and sentences, go into temporary tables of the
connection once, and full-text searches keep only rows listed there, so BM25 ranks only admitted rows (the filter
acts before the top-k cut, not after)."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from askdocs.store.connection import guarded
from askdocs.store.filters import Filter

TABLES = {
    "documents_fts": "temp.askdocs_scope_documents",
    "passages_fts": "temp.askdocs_scope_passages",
    "sentences_fts": "temp.askdocs_scope_sentences",
}
"""Ids of the documents, passages and sentences the current filter admits, by the full-text table they restrict;
they live in the connection's temporary database (never in the index file, so a read-only index can be filtered)."""

_WITHIN = {fts: f"+rowid IN (SELECT id FROM {table})" for fts, table in TABLES.items()}
"""A rowid list straight from an INTEGER PRIMARY KEY table is searched in place, not rebuilt per query; the unary +
keeps SQLite from handing the list to FTS5, which would then run the MATCH once per listed row (800 ms instead
of 2 ms for 500 admitted passages out of 5,000)."""


def restrict(conn: sqlite3.Connection, scope: Filter) -> int | None:
    """Fill the scope tables with what `scope` admits (dates in SQL, path patterns in Python); returns how many
    documents, or None, filling nothing, when it admits every document (a filter that leaves nothing out costs
    nothing: at a million passages, listing them all took 7 s and every search 3.8x as long)."""
    where, args = [], []
    if scope.since or scope.until:
        where.append("published IS NOT NULL")
    if scope.since:
        where.append("published >= ?")
        args.append(scope.since.isoformat())
    if scope.until:
        where.append("published <= ?")
        args.append(scope.until.isoformat())
    sql = "SELECT id, path, published FROM documents" + (" WHERE " + " AND ".join(where) if where else "")
    admitted = [doc_id for doc_id, path, published in conn.execute(sql, args) if scope.admits(path, published)]
    if len(admitted) == conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
        return None
    documents, passages, sentences = TABLES.values()
    for table in TABLES.values():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
        conn.execute(f"DELETE FROM {table}")
    conn.execute(f"INSERT INTO {documents} (id) SELECT value FROM json_each(?)", (json.dumps(admitted),))
    for table, source in ((passages, "passages"), (sentences, "sentences")):
        conn.execute(f"INSERT INTO {table} (id) SELECT id FROM {source} WHERE doc_id IN (SELECT id FROM {documents})")
    return len(admitted)


def passage_ids(conn: sqlite3.Connection) -> np.ndarray:
    """Ids of the passages of the admitted documents (int64, sorted), for the dense half of retrieval."""
    rows = conn.execute(f"SELECT id FROM {TABLES['passages_fts']} ORDER BY id")
    return np.fromiter((r[0] for r in rows), dtype=np.int64)


class Scoped:
    """What IndexStore gains from a filter: `restrict` to it, and the condition each full-text search adds."""

    _conn: sqlite3.Connection
    _conditions: dict[str, str] = {}  # noqa: RUF012 - replaced, never mutated

    @guarded
    def restrict(self, scope: Filter | None) -> np.ndarray | None:
        """Limit full-text searches to the documents `scope` admits (None or an empty filter: all again); returns
        the ids of their passages for the dense half, or None when nothing is left out."""
        if scope is None or not scope.active:
            self._conditions = {}
            return None
        if restrict(self._conn, scope) is None:
            self._conditions = {}
            return None
        self._conditions = dict(_WITHIN)
        return passage_ids(self._conn)

    def within(self, table: str) -> str:
        """The filter's SQL condition on full-text `table`, or "" when there is no filter."""
        return self._conditions.get(table, "")
