"""The rows of one document: what `IndexStore.put_documents` writes (document with its layout, sentences, passages
and their FTS rows), and the layouts read back to say where a passage or sentence is in the original file."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence

import numpy as np

from askdocs.ingest.documents import Document
from askdocs.ingest.layout import Layout
from askdocs.ingest.passages import Chunk
from askdocs.text.hyphens import rejoined
from askdocs.text.sentences import Sentence


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
    cur = conn.execute(
        "INSERT INTO documents (path, sha256, size, mtime, title, published, indexed_at, text, layout, author, tags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
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
    doc_id = cur.lastrowid
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


def layouts(conn: sqlite3.Connection, doc_ids: Sequence[int]) -> dict[int, Layout]:
    """The stored layout of each document (a plain text layout for ids not found)."""
    out: dict[int, Layout] = {}
    ids = list(dict.fromkeys(doc_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(f"SELECT id, layout FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        out.update({doc_id: Layout.from_json(raw) for doc_id, raw in rows})
    return {doc_id: out.get(doc_id, Layout()) for doc_id in ids}
