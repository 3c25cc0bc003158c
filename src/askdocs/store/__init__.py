"""The index on disk: SQLite is the truth (documents, passages, sentences, FTS5), FAISS is derived."""
