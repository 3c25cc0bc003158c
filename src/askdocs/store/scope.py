"""The SQL of a Filter: the documents it admits, and their passages and sentences, go into temporary tables of the
connection once, and full-text searches keep only rows listed there, so BM25 ranks only admitted rows (the filter
acts before the top-k cut, not after). The admitted rows are searched as ranges of rowids where they form few."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from askdocs.store.connection import guarded
from askdocs.store.filters import NAMED, Filter, Undated
from askdocs.store.fts import Rows

TABLES = {
    "documents_fts": "temp.askdocs_scope_documents",
    "passages_fts": "temp.askdocs_scope_passages",
    "sentences_fts": "temp.askdocs_scope_sentences",
}
"""Ids of the documents, passages and sentences the current filter admits, by the full-text table they restrict;
they live in the connection's temporary database (never in the index file, so a read-only index can be filtered)."""

SLICES = 32
"""Most rowid ranges a filter is searched as, one FTS5 query each; a filter whose rows form more (documents
scattered over the index) is searched as one range from its first to its last row, tested against the id list."""


def slices(conn: sqlite3.Connection, passages: np.ndarray) -> dict[str, tuple[Rows, ...]]:
    """The rows of each full-text table the filled scope admits, as runs of consecutive rowids (nothing admitted:
    one empty run), from the sorted ids of the admitted `passages`. Cheap first: a filter whose documents form more
    than `SLICES` runs is listed without looking further, and the sentences (six a passage) are read only when they
    do not form a single run."""
    documents = _ids(conn, TABLES["documents_fts"])
    found = {"documents_fts": _slices(documents, "documents_fts")}
    if len(found["documents_fts"]) == 1 and found["documents_fts"][0].listed:
        return {fts: (_listed(conn, fts),) for fts in TABLES}
    found["passages_fts"] = _slices(passages, "passages_fts")
    table = TABLES["sentences_fts"]
    low, high, count = conn.execute(f"SELECT min(id), max(id), count(*) FROM {table}").fetchone()
    single = count and high - low + 1 == count
    found["sentences_fts"] = (Rows(low, high),) if single else _slices(_ids(conn, table), "sentences_fts")
    return found


def _ids(conn: sqlite3.Connection, table: str) -> np.ndarray:
    return np.fromiter((r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")), dtype=np.int64)


def _slices(ids: np.ndarray, fts: str) -> tuple[Rows, ...]:
    """Sorted admitted `ids` of full-text table `fts` as up to `SLICES` runs, else as one listed range."""
    if not len(ids):
        return (Rows(1, 0),)
    cuts = np.flatnonzero(np.diff(ids) != 1)
    if len(cuts) >= SLICES:
        return (_range(int(ids[0]), int(ids[-1]), len(ids), fts),)
    starts, ends = np.concatenate(([0], cuts + 1)), np.concatenate((cuts, [len(ids) - 1]))
    return tuple(Rows(int(ids[a]), int(ids[b])) for a, b in zip(starts, ends, strict=True))


def _listed(conn: sqlite3.Connection, fts: str) -> Rows:
    low, high, count = conn.execute(f"SELECT min(id), max(id), count(*) FROM {TABLES[fts]}").fetchone()
    return _range(low, high, count, fts) if low is not None else Rows(1, 0)


def _range(low: int, high: int, count: int, fts: str) -> Rows:
    """Rows `low`..`high` tested against the id list of `fts`, which admits `count` of them."""
    return Rows(low, high, _LISTED.format(TABLES[fts]), count / (high - low + 1))


_LISTED = "+rowid IN (SELECT id FROM {})"
"""The unary + keeps SQLite from handing the id list to FTS5, which would run the MATCH once per listed row."""


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


def undated_left_out(conn: sqlite3.Connection, scope: Filter | None) -> Undated:
    """The documents `scope`'s dates leave out only because they have no publication date, among those its path
    patterns admit (none without --since or --until): one query on the documents table, counted in SQL when no
    path pattern has to be tested in Python."""
    if scope is None or not (scope.since or scope.until):
        return Undated()
    undated_rows = "FROM documents WHERE published IS NULL OR published = ''"
    test = scope.path_test
    if test is None:
        rows = conn.execute(f"SELECT path, count(*) OVER () {undated_rows} ORDER BY path LIMIT ?", (NAMED,)).fetchall()
        return Undated(rows[0][1] if rows else 0, tuple(path for path, _ in rows))
    paths = [path for (path,) in conn.execute(f"SELECT path {undated_rows} ORDER BY path") if test(path)]
    return Undated(len(paths), tuple(paths[:NAMED]))


def passage_ids(conn: sqlite3.Connection) -> np.ndarray:
    """Ids of the passages of the admitted documents (int64, sorted), for the dense half of retrieval."""
    return _ids(conn, TABLES["passages_fts"])


class Scoped:
    """What IndexStore gains from a filter: `restrict` to it, and the condition each full-text search adds."""

    _conn: sqlite3.Connection
    _conditions: dict[str, tuple[Rows, ...]] = {}  # noqa: RUF012 - replaced, never mutated

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
        passages = passage_ids(self._conn)
        self._conditions = slices(self._conn, passages)
        return passages

    @guarded
    def undated(self, scope: Filter | None) -> Undated:
        """The documents `scope` leaves out only for want of a publication date (see `undated_left_out`)."""
        return undated_left_out(self._conn, scope)

    def within(self, table: str) -> tuple[Rows, ...]:
        """The rows of full-text `table` the filter admits (see `slices`), or () when there is no filter."""
        return self._conditions.get(table, ())
