"""Spelling: the corpus word closest to a question word no sentence uses ("Milbrook": "Millbrook"), so that a
refusal over a misspelt word can say what the documents write instead.

The candidates are the terms of the sentences' full-text index (FTS5's own vocabulary, read through a temporary
fts5vocab table: nothing is written to the index file) that start with the same letter; the closest by
difflib's ratio is shown as a sentence writes it. A word spelt right (askdocs.lang.known_words) is offered nothing:
the documents simply do not use it.
"""

from __future__ import annotations

import difflib
import re
import sqlite3

from askdocs.lang.known_words import known
from askdocs.text.normalize import fts_quote

VOCABULARY = "temp.askdocs_sentence_terms"
CLOSE = 0.8
"""Least difflib ratio between the typed word and a corpus word for it to be offered ("milbrook"/"millbrook" 0.94,
"mayor"/"major" 0.8); below, nothing is offered rather than a guess."""
CLOSE_TO_NAME = 0.9
"""Least ratio for a capitalised word (a name, or the question's first word) to be offered a word the sentences
write in lower case ("Electon"/"election" 0.92; "Peru"/"per" 0.86 is a name, not a misspelling)."""
SENTENCES_READ = 20
"""Sentences read for how the documents write the closest word: written in lower case there, it is a common word."""
SHORTEST = 4
"""Words shorter than this are not corrected: too many corpus words are one letter away."""
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def close_word(conn: sqlite3.Connection, word: str) -> str | None:
    """The corpus word closest in spelling to `word` as a sentence writes it, or None when none is close or `word`
    is spelt right (a known word: "price" is not offered the documents' "prize")."""
    typed = word.lower()
    if len(typed) < SHORTEST or not typed.isalpha() or known(typed):
        return None
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab(main, sentences_fts, row)")
    first = typed[0]
    rows = conn.execute(
        f"SELECT term FROM {VOCABULARY} WHERE term >= ? AND term < ?", (first, chr(ord(first) + 1))
    ).fetchall()
    terms = [t for (t,) in rows if abs(len(t) - len(typed)) <= 3 and t != typed]
    found = difflib.get_close_matches(typed, terms, n=1, cutoff=CLOSE)
    if not found:
        return None
    rows = conn.execute(
        "SELECT text FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?", (fts_quote(found[0]), SENTENCES_READ)
    ).fetchall()
    written = [w for (text,) in rows for w in _WORD.findall(text)]
    best = max(
        written,
        key=lambda w: difflib.SequenceMatcher(None, typed, w.lower()).ratio(),
        default=found[0],
    )
    ratio = difflib.SequenceMatcher(None, typed, best.lower()).ratio()
    common = any(w.lower() == best.lower() and w[:1].islower() for w in written)
    if word[:1].isupper() and common:
        # "Peru" is a name, not a misspelt "per"; a name the documents only write opening a sentence ("Okonjo said
        # ...") is never seen in lower case, so it is still offered
        return best if ratio >= CLOSE_TO_NAME else None
    return best if ratio >= CLOSE else None
