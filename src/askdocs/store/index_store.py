"""IndexStore: the SQLite file that holds the truth (documents, passages, sentences, embeddings, FTS5).

Verbs: open/create/close, put/touch/remove documents, passages/sentences by id, lexical search, embeddings,
vectors; sentence-level search is the `sentence_search` view (askdocs.store.fts).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from askdocs.errors import IndexMissing, IndexNotAFolder, IndexUnusable, database_error
from askdocs.ingest.documents import Document
from askdocs.ingest.layout import Layout
from askdocs.ingest.passages import CHUNKER_VERSION, Chunk
from askdocs.store import vector_log
from askdocs.store.checks import Checks
from askdocs.store.connection import (
    CORPUS_KEY,
    DB_FILE,
    connect,
    corpus_record,
    guarded,
    make_folder,
)
from askdocs.store.files import transaction
from askdocs.store.fts import SentenceSearch, bounded_bm25, document_passages
from askdocs.store.library import Library
from askdocs.store.metadata import Metadata
from askdocs.store.records import DocumentRows, IndexInfo, Passage, StoredDocument, StoredSentence
from askdocs.store.rows import LayoutCache, insert_document, layouts
from askdocs.store.schema import SCHEMA, SCHEMA_VERSION
from askdocs.store.scope import Scoped
from askdocs.store.vectors import VectorIndex
from askdocs.text.sentences import Sentence

__all__ = ["DB_FILE", "SCHEMA_VERSION", "IndexInfo", "IndexStore", "Passage", "StoredDocument", "StoredSentence"]


class IndexStore(Metadata, Checks, Scoped, Library):
    """Open with `IndexStore.open(folder)` to read, `IndexStore.create(...)` to write a new one; `restrict` limits
    its searches to a Filter's documents; `library` lists the documents for `askdocs docs`; `check` its files."""

    def __init__(self, conn: sqlite3.Connection, folder: Path, db_path: Path) -> None:
        self._conn = conn
        self.folder = folder
        self.db_path = db_path
        self._vectors: VectorIndex | None = None
        self._layouts = LayoutCache()  # each document's layout parsed once for all that reads it

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def exists(cls, folder: Path) -> bool:
        return (folder / DB_FILE).is_file()

    @classmethod
    def open(cls, folder: Path, db_path: Path | None = None) -> IndexStore:
        """Open an existing index; IndexMissing or IndexUnusable with a one-line reason otherwise."""
        db_path = db_path or folder / DB_FILE
        if folder.exists() and not folder.is_dir():
            raise IndexNotAFolder.at(folder)
        if not db_path.exists():
            raise IndexMissing.at(folder)
        conn = connect(db_path)
        try:
            rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise database_error(exc, folder) from None
        store = cls(conn, folder, db_path)
        if rows.get("schema") != SCHEMA_VERSION or rows.get("chunker") != CHUNKER_VERSION:
            conn.close()
            older = rows.get("schema", "0").isdigit() and int(rows.get("schema", "0")) < int(SCHEMA_VERSION)
            why = "an older askdocs (it lacks pages and sections for citations)" if older else "another askdocs version"
            raise IndexUnusable(f"the index at {folder} was built by {why}; run: askdocs index --rebuild")
        return store

    @classmethod
    def create(cls, folder: Path, model: str, db_path: Path | None = None, corpus: Path | None = None) -> IndexStore:
        """A new, empty index file (at `db_path`, default `folder/askdocs.sqlite3`), recording `corpus` as the
        folder it is built from in the same transaction as the rest of its metadata."""
        make_folder(folder)
        db_path = db_path or folder / DB_FILE
        conn = connect(db_path)
        now = str(time.time())
        try:
            conn.executescript(SCHEMA)
            with transaction(conn):
                meta = {"schema": SCHEMA_VERSION, "chunker": CHUNKER_VERSION, "model": model, "dimension": "0"}
                meta |= {"uuid": uuid.uuid4().hex, "generation": "0", "created": now, "updated": now}
                meta |= {CORPUS_KEY: corpus_record(corpus, folder)} if corpus is not None else {}
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise database_error(exc, folder) from None
        return cls(conn, folder, db_path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> IndexStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -----------------------------------------------------------------------------
    @guarded
    def documents(self) -> dict[str, StoredDocument]:
        rows = self._conn.execute("SELECT id, path, sha256, size, mtime, title, published FROM documents ORDER BY path")
        return {row[1]: StoredDocument(*row) for row in rows}

    @guarded
    def document(self, path: str) -> StoredDocument | None:
        row = self._conn.execute(
            "SELECT id, path, sha256, size, mtime, title, published FROM documents WHERE path = ?", (path,)
        ).fetchone()
        return StoredDocument(*row) if row else None

    def documents_by_id(self, ids: Sequence[int]) -> dict[int, StoredDocument]:
        """Documents by id (missing ids are left out)."""
        out: dict[int, StoredDocument] = {}
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            rows = self._conn.execute(
                "SELECT id, path, sha256, size, mtime, title, published FROM documents"
                f" WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update({row[0]: StoredDocument(*row) for row in rows})
        return out

    @guarded
    def document_text(self, doc_id: int, start: int = 0, end: int | None = None) -> str:
        """The document's indexed text, or `text[start:end]` of it, cut by SQLite (cheap in a big document)."""
        sql, cut = ("text", ()) if end is None else ("substr(text, ?, ?)", (start + 1, max(end - start, 0)))
        row = self._conn.execute(f"SELECT {sql} FROM documents WHERE id = ?", (*cut, doc_id)).fetchone()
        return row[0] if row else ""

    @guarded
    def put_documents(self, items: Sequence[DocumentRows]) -> None:
        """Add or replace several documents in one transaction (one disk sync for all: much faster for many
        small files); each document is still all-or-nothing, and so is the group."""
        for _, _, chunks, vectors, _ in items:
            if len(chunks) != len(vectors):
                raise ValueError("one vector per chunk")
        with transaction(self._conn) as conn:
            generation = self._next_generation(conn)
            for item in items:
                self._put(conn, generation, *item)
            self._bump(conn)

    def _put(
        self,
        conn: sqlite3.Connection,
        generation: int,
        doc: Document,
        sentences: Sequence[Sentence],
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentence_dates: Sequence[str | None] | None,
    ) -> None:
        dates = list(sentence_dates) if sentence_dates is not None else [None] * len(sentences)
        self._delete_paths(conn, [doc.path], generation)
        if vectors.shape[0] and self.dimension == 0:
            self._set(conn, "dimension", str(vectors.shape[1]))
        passage_ids = insert_document(conn, doc, sentences, chunks, vectors, dates)
        vector_log.record(conn, generation, passage_ids)

    @guarded
    def touch_document(self, path: str, mtime: float) -> None:
        """Record a new modification time for a file whose content did not change."""
        with transaction(self._conn) as conn:
            conn.execute("UPDATE documents SET mtime = ? WHERE path = ?", (mtime, path))

    @guarded
    def remove_documents(self, paths: Iterable[str]) -> int:
        """Remove documents and everything derived from them, in one transaction."""
        paths = list(paths)
        if not paths:
            return 0
        with transaction(self._conn) as conn:
            removed = self._delete_paths(conn, paths, self._next_generation(conn))
            self._bump(conn)
        return removed

    def _delete_paths(self, conn: sqlite3.Connection, paths: list[str], generation: int) -> int:
        removed = 0
        for path in paths:
            row = conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
            if row is None:
                continue
            vector_log.record_document(conn, generation, row[0])
            conn.execute(
                "DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id = ?)", (row[0],)
            )
            conn.execute(
                "DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE doc_id = ?)", (row[0],)
            )
            conn.execute(
                "INSERT INTO documents_fts (documents_fts, rowid, title, text)"
                " SELECT 'delete', id, title, text FROM documents WHERE id = ?",
                (row[0],),
            )
            conn.execute("DELETE FROM documents WHERE id = ?", (row[0],))
            removed += 1
        return removed

    def _next_generation(self, conn: sqlite3.Connection) -> int:
        """The generation the open write transaction will commit."""
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]) + 1

    def _bump(self, conn: sqlite3.Connection) -> None:
        self._set(conn, "generation", str(self._next_generation(conn)))
        self._set(conn, "updated", str(time.time()))

    # -- reading -------------------------------------------------------------------------------
    @guarded
    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        """Passages by id (missing ids are left out), each saying where it is in its file (`where`)."""
        out: dict[int, Passage] = {}
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                'SELECT p.id, p.doc_id, d.path, p.ord, p.start, p."end", p.line, p.first_sentence,'
                f" p.last_sentence, p.text FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})",
                chunk,
            ).fetchall()
            found = layouts(self._conn, [row[1] for row in rows], self._layouts)
            out.update({row[0]: Passage(*row, found[row[1]].place(row[4], row[5], row[6]).where) for row in rows})
        return out

    @guarded
    def indexed_since(self, moment: float) -> int:
        """How many documents were committed at or after `moment` (time.time()): what a run added or changed."""
        return int(self._conn.execute("SELECT COUNT(*) FROM documents WHERE indexed_at >= ?", (moment,)).fetchone()[0])

    @guarded
    def passage_count(self, doc_ids: Sequence[int]) -> int:
        """How many passages these documents have: one count, nothing filled or kept (a filter's status line)."""
        sql = "SELECT COUNT(*) FROM passages WHERE doc_id IN (SELECT value FROM json_each(?))"
        return int(self._conn.execute(sql, (json.dumps(list(doc_ids)),)).fetchone()[0])

    @guarded
    def has_passages(self) -> bool:
        """Whether any passage is indexed, from one row however big the index: an empty one has nothing to search."""
        return bool(self._conn.execute("SELECT EXISTS (SELECT 1 FROM passages)").fetchone()[0])

    @guarded
    def layout(self, doc_id: int) -> Layout:
        """Where things are in a document's original file: pages, headings, line map (see askdocs.ingest.layout)."""
        return layouts(self._conn, [doc_id], self._layouts)[doc_id]

    @guarded
    def layouts(self, doc_ids: Sequence[int]) -> dict[int, Layout]:
        """`layout` of several documents, each read and parsed once."""
        return layouts(self._conn, doc_ids, self._layouts)

    @guarded
    def sentences(self, doc_id: int, first: int, last: int) -> list[StoredSentence]:
        """Sentences `first..last` (inclusive, by order) of one document."""
        rows = self._conn.execute(
            'SELECT s.id, s.doc_id, d.path, s.ord, s.start, s."end", s.line, s.text, s.dates FROM sentences s'
            " JOIN documents d ON d.id = s.doc_id WHERE s.doc_id = ? AND s.ord BETWEEN ? AND ? ORDER BY s.ord",
            (doc_id, first, last),
        )
        return [StoredSentence(*row) for row in rows]

    @guarded
    def lexical(self, fts_query: str, k: int) -> list[tuple[int, float]]:
        """Passages matching an FTS5 query, best BM25 first, as (id, score) with higher = better; the cost stays
        bounded in big indexes: at most a fixed number of matches is ranked (the rarest words' first; see
        askdocs.store.fts)."""
        return bounded_bm25(self._conn, "passages_fts", fts_query, k, within=self.within("passages_fts"))

    @guarded
    def matching_passages(self, doc_id: int, fts_query: str, limit: int) -> list[str]:
        """Up to `limit` passages of one document that an FTS5 query matches (see askdocs.store.fts)."""
        return document_passages(self._conn, fts_query, doc_id, limit)

    def lexical_documents(
        self, fts_query: str, k: int, weights: Sequence[float] = (1.0, 1.0)
    ) -> list[tuple[int, float]]:
        """Documents matching an FTS5 query, best BM25 first over (title, text) weighted by `weights`, as (document
        id, score) with higher = better; bounded like `lexical`."""
        within = self.within("documents_fts")
        return bounded_bm25(self._conn, "documents_fts", fts_query, k, weights=weights, within=within)

    @guarded
    def embeddings(self) -> tuple[np.ndarray, np.ndarray]:
        """All passage ids and their vectors, read back from SQLite (never recomputed)."""
        return vector_log.all_embeddings(self._conn, self.dimension)

    @property
    def sentence_search(self) -> SentenceSearch:
        """Sentence-level full-text search, for the evidence step of answering."""
        return SentenceSearch(self._conn, self.within("sentences_fts"))

    @guarded
    def vectors(self) -> VectorIndex:
        """The FAISS index for the current state: the saved file plus the changes logged since, else rebuilt."""
        own = self.db_path == self.folder / DB_FILE  # an index being rebuilt aside never touches the live file
        self._vectors = vector_log.current(self._conn, self.folder, self.dimension, self._vectors, own)
        return self._vectors

    @guarded
    def save_vectors(self) -> VectorIndex:
        """Rewrite the FAISS file when the changes since it was saved have grown large (the indexer's last step)."""
        self._vectors = vector_log.compact(self._conn, self.folder, self.dimension, self.vectors())
        return self._vectors

    def unsaved_vectors(self) -> str | None:
        """Why the FAISS index rebuilt for the searches could not be saved (they were served from memory), once: the
        commands that only read the index warn, and the next question rebuilds it again."""
        vectors = self._vectors
        if vectors is None or vectors.unsaved is None:
            return None
        reason, vectors.unsaved = vectors.unsaved, None
        return reason
