"""The tables of an index file, and the version that says which askdocs can read them."""

from __future__ import annotations

from askdocs.text.porter import TOKENIZER

SCHEMA_VERSION = "3"
"""2: documents_fts (title and text of whole documents, for document search). 3: PDF, Word and EPUB files; each
document's layout (pages, headings, line map), author and tags; Markdown indexed without its markup."""


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    title TEXT NOT NULL,
    published TEXT,
    indexed_at REAL NOT NULL,
    text TEXT NOT NULL,
    layout TEXT NOT NULL DEFAULT '{{}}',
    author TEXT,
    tags TEXT
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    first_sentence INTEGER NOT NULL,
    last_sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    embedding BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    text TEXT NOT NULL,
    dates TEXT
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc_id, ord);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, tokenize = '{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    text, tokenize = '{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'id', tokenize = '{TOKENIZER}');
"""
"""Created by `IndexStore.create`; meta holds schema, chunker, model, dimension, uuid, generation, times, corpus."""
