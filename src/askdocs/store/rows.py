"""The rows of one document: what `IndexStore.put_documents` writes (document with its layout, sentences, passages
and their FTS rows), and the layouts read back to say where a passage or sentence is in the original file."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from askdocs.ingest.documents import Document
from askdocs.ingest.layout import Layout
from askdocs.ingest.passages import Chunk
from askdocs.text.hyphens import rejoined
from askdocs.text.sentences import Sentence

LAST_DOCUMENT_ID_KEY = "last_document_id"
"""The meta key of the highest document id given so far, kept so that an id is never given twice (SQLite gives a
deleted highest row's id again): a later document always has a greater id (see Metadata.rereading)."""


def last_document_id(conn: sqlite3.Connection) -> int:
    """The highest document id given so far: the recorded one, or a greater one an older askdocs gave."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM documents), 0),"
        " coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?), 0))",
        (LAST_DOCUMENT_ID_KEY,),
    ).fetchone()
    return int(row[0])


def insert_document(
    conn: sqlite3.Connection,
    doc: Document,
    sentences: Sequence[Sentence],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    dates: Sequence[str | None],
) -> list[int]:
    """Insert one document (its old rows already deleted) and return its passage ids. Line numbers come from the
    document's layout (the file's line for text and Markdown); headings and a text file's header lines are not
    stored as sentences, so they are never cited as evidence (they stay in the passages, headings in the layout as
    sections)."""
    tags = json.dumps(list(doc.tags), ensure_ascii=False) if doc.tags else None
    doc_id = last_document_id(conn) + 1
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (LAST_DOCUMENT_ID_KEY, str(doc_id)))
    conn.execute(
        "INSERT INTO documents (id, path, sha256, size, mtime, title, published, indexed_at, text, layout, author,"
        " tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            doc.path,
            doc.sha256,
            doc.size,
            doc.mtime,
            doc.title,
            doc.published,
            time.time(),
            doc.text,
            doc.layout.to_json(),
            doc.author,
            tags,
        ),
    )
    conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", (doc_id, doc.title, doc.text))
    line = doc.layout.line_finder(doc.text)
    for ord_, (s, when) in enumerate(zip(sentences, dates, strict=True)):
        if not doc.layout.stored(s.start, s.end):
            continue
        cur = conn.execute(
            'INSERT INTO sentences (doc_id, ord, start, "end", line, text, dates) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (doc_id, ord_, s.start, s.end, line(s.start), s.text, when),
        )
        conn.execute("INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, rejoined(s.text)))
    passage_ids = []
    for ord_, (c, vec) in enumerate(zip(chunks, vectors, strict=True)):
        cur = conn.execute(
            'INSERT INTO passages (doc_id, ord, start, "end", line, first_sentence, last_sentence, text, embedding)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                ord_,
                c.start,
                c.end,
                line(c.start),
                c.first_sentence,
                c.last_sentence,
                c.text,
                np.asarray(vec, dtype=np.float32).tobytes(),
            ),
        )
        conn.execute("INSERT INTO passages_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, rejoined(c.text)))
        passage_ids.append(cur.lastrowid)
    return passage_ids


class LayoutCache:
    """Layouts parsed from their stored JSON, kept by it, the most recently read first to stay: a command reads one
    document's layout for its passages' places, its previews and its quotes, and a file with many escape sequences
    records a long list of them (120,000 runs take a third of a second to parse). Bounded by an estimate of the
    memory the parsed layouts hold (about 8 bytes for each character of JSON: 110,000 runs, 2 MB of JSON, hold
    some 14 MB parsed) and by a count; safe to share between threads (the chat's workers read one store)."""

    BYTES_PER_CHAR = 9
    """The memory a kept layout holds for each character of its JSON: its runs, a tuple of three ints each, and the
    JSON itself, the key it is kept by."""

    def __init__(self, limit: int = 32 * 1024 * 1024, documents: int = 64) -> None:
        self._kept: OrderedDict[str, Layout] = OrderedDict()
        self._size = 0
        self._limit = limit
        self._documents = documents
        self._lock = threading.Lock()

    def parsed(self, raw: str | None) -> Layout:
        """The layout stored as `raw`, parsed once while kept; the least recently read go first past the bounds."""
        if not raw:
            return Layout.from_json(raw)
        with self._lock:
            found = self._kept.get(raw)
            if found is not None:
                self._kept.move_to_end(raw)
                return found
        found = Layout.from_json(raw)  # outside the lock: another thread's read of a kept layout need not wait
        cost = self._cost(raw)
        if cost > self._limit:
            return found
        with self._lock:
            if raw not in self._kept:
                while self._kept and (self._size + cost > self._limit or len(self._kept) >= self._documents):
                    oldest, _ = self._kept.popitem(last=False)
                    self._size -= self._cost(oldest)
                self._kept[raw] = found
                self._size += cost
        return found

    @property
    def size(self) -> int:
        """The estimated memory, in bytes, of the layouts kept."""
        return self._size

    def _cost(self, raw: str) -> int:
        """The estimated memory of the layout parsed from `raw`."""
        return self.BYTES_PER_CHAR * len(raw) + 1024


def layouts(conn: sqlite3.Connection, doc_ids: Sequence[int], cache: LayoutCache | None = None) -> dict[int, Layout]:
    """The stored layout of each document (a plain text layout for ids not found), from `cache` when it has it."""
    parse = cache.parsed if cache is not None else Layout.from_json
    out: dict[int, Layout] = {}
    ids = list(dict.fromkeys(doc_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(f"SELECT id, layout FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        out.update({doc_id: parse(raw) for doc_id, raw in rows})
    return {doc_id: out.get(doc_id, Layout()) for doc_id in ids}
