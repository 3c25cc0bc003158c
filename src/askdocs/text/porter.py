"""Porter stems: words stemmed as the keyword index stems them, by SQLite FTS5's own tokenizer (an in-memory table
read through fts5vocab), so that a comparison in Python agrees with what the index matched."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

TOKENIZER = "porter unicode61 remove_diacritics 2"
"""How the index's full-text tables (askdocs.store.schema) part and stem words: Porter's stemmer over FTS5's
unicode61 tokenizer, accents removed."""

KEPT = 50_000
"""Stems remembered across calls (a word is stemmed once however many results use it); past this, forgotten."""

_known: dict[str, str] = {}
_lock = threading.Lock()


def porter_stems(words: Iterable[str]) -> dict[str, str]:
    """Each word's Porter stem as the index's tokenizer gives it (its first token's, for a word the tokenizer
    parts); a word the tokenizer reads no token in is left out."""
    wanted = list(dict.fromkeys(words))
    with _lock:
        missing = [w for w in wanted if w not in _known]
    if missing:
        found = _stem(missing)
        with _lock:
            if len(_known) + len(found) > KEPT:
                _known.clear()
            _known.update(found)
    else:
        found = {}
    with _lock:
        return {w: s for w in wanted if (s := found.get(w) or _known.get(w)) is not None}


def _stem(words: list[str]) -> dict[str, str]:
    """Words stemmed by a throwaway in-memory FTS5 table with the index's tokenizer."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize = '{TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE stems USING fts5vocab(words, instance)")
        conn.executemany("INSERT INTO words(rowid, word) VALUES (?, ?)", enumerate(words))
        rows = conn.execute('SELECT doc, term FROM stems WHERE "offset" = 0').fetchall()
    finally:
        conn.close()
    return {words[doc]: term for doc, term in rows}
