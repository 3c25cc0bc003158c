"""Spelling: the corpus word closest to a question word no sentence uses ("Milbrook": "Millbrook"), so that a
refusal over a misspelt word can say what the documents write instead.

The candidates are the terms of the sentences' full-text index (FTS5's own vocabulary, read through temporary
fts5vocab tables: nothing is written to the index file) that start with the same letter. Those terms are Porter
stems ("stamped" for "stampede"), often much shorter than their words ("experi" for "experiment"), so a stem is
found by the best of its likeness to the typed word, to the typed word's own stem and to its first letters, and
the few closest stems are compared as the sentences write them: the written word closest to the typed one (its
possessive "'s" left off), among the sentences each stem's instances point to (not a MATCH, which would stem the
stem again and find nothing, offering the bare stem), of one of those stems or of a stem one of them begins, or
that begins one. A word spelt right (askdocs.lang.known_words) is offered nothing: the documents simply do not use
it; nor is a function word ("under" for "underay"), which says nothing of what the documents lack.
"""

from __future__ import annotations

import difflib
import heapq
import os
import re
import sqlite3

from askdocs.lang.en import EN
from askdocs.lang.known_words import known
from askdocs.text.porter import porter_stems
from askdocs.text.typos import edit_distance

VOCABULARY = "temp.askdocs_sentence_terms"
INSTANCES = "temp.askdocs_sentence_instances"
"""Each term's occurrences (term, sentence rowid, column, offset): the sentences that write a stem."""
CLOSE = 0.8
"""Least difflib ratio between the typed word and a corpus word for it to be offered ("milbrook"/"millbrook" 0.94,
"mayor"/"major" 0.8); below, nothing is offered rather than a guess."""
CLOSE_TO_NAME = 0.9
"""Least ratio for a capitalised word (a name, or the question's first word) to be offered a word the sentences
write in lower case ("Electon"/"election" 0.92; "Peru"/"per" 0.86 is a name, not a misspelling)."""
CLOSE_STEM = 0.7
"""Least ratio between the typed word (or its stem, or its first letters) and an index term (a Porter stem) for the
words written with that stem to be compared with it: a stem is shorter than its words ("coluds"/"cloud" 0.73,
"coluds"/"clouds" 0.83)."""
STEMS = 6
"""The closest index terms whose written words are compared with the typed word."""
SENTENCES_READ = 20
"""Sentences read for how the documents write the closest word: written in lower case there, it is a common word."""
SHORTEST = 4
"""Words shorter than this are not corrected: too many corpus words are one letter away."""
HEAD = 3
"""Least length of an index term compared with as many of the typed word's first letters ("tax" with "taxess")."""
PREFIX = 4
"""Least length of a stem taken as the beginning of another, the two a form of one word ("experi", "experiment")."""
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_POSSESSIVE = re.compile(r"[’']s$", re.IGNORECASE)
"""A written word's possessive ending, left off before it is compared and offered ("Sweden's": "Sweden")."""


def close_word(conn: sqlite3.Connection, word: str) -> str | None:
    """The corpus word closest in spelling to `word` as a sentence writes it, or None when none is close, `word`
    is spelt right (a known word: "price" is not offered the documents' "prize"), or the closest is a function
    word."""
    typed = word.lower()
    if len(typed) < SHORTEST or not typed.isalpha() or known(word):
        return None
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab(main, sentences_fts, row)")
    first = typed[0]
    rows = conn.execute(
        f"SELECT term FROM {VOCABULARY} WHERE term >= ? AND term < ?", (first, chr(ord(first) + 1))
    ).fetchall()
    found = _closest_stems(typed, [t for (t,) in rows if t != typed])
    written = [w for term in found for w in _written(conn, term)]
    stems = porter_stems(dict.fromkeys(written))
    beginnings = {term[:PREFIX] for term in found}
    forms = {stem for stem in set(stems.values()) if stem[:PREFIX] in beginnings and _related(stem, found)}
    best = _closest(typed, [w for w in dict.fromkeys(written) if stems.get(w) in forms])
    if best is None or best.lower() in EN.stopwords:
        return None
    ratio = difflib.SequenceMatcher(None, typed, best.lower()).ratio()
    common = any(w.lower() == best.lower() and w[:1].islower() for w in written)
    if word[:1].isupper() and common:
        # "Peru" is a name, not a misspelt "per"; a name the documents only write opening a sentence ("Okonjo said
        # ...") is never seen in lower case, so it is still offered
        return best if ratio >= CLOSE_TO_NAME else None
    return best if ratio >= CLOSE else None


def _written(conn: sqlite3.Connection, term: str) -> list[str]:
    """The words of the first sentences (SENTENCES_READ) holding an instance of the index term `term`."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {INSTANCES} USING fts5vocab(main, sentences_fts, instance)")
    rowids = [
        rowid
        for (rowid,) in conn.execute(
            f"SELECT DISTINCT doc FROM {INSTANCES} WHERE term = ? LIMIT ?", (term, SENTENCES_READ)
        )
    ]
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(f"SELECT text FROM sentences_fts WHERE rowid IN ({marks})", rowids).fetchall()
    return [_POSSESSIVE.sub("", w) for (text,) in rows for w in _WORD.findall(text)]


def _closest_stems(typed: str, terms: list[str]) -> list[str]:
    """The STEMS index terms closest to `typed` (at least CLOSE_STEM), each scored by the best of its ratio to the
    typed word, to the typed word's own Porter stem ("goven" for "govenment": "govern"), and to as many of the typed
    word's first letters as it has ("experi" against "expeim"): a stem is a word's beginning, often much shorter
    than the word, so its ratio to the whole word is low though the word is the one typed ("experiment"/"experi").
    Only terms within 3 letters of the typed word's length or its stem's are scored."""
    own = porter_stems([typed]).get(typed, typed)
    shortest, longest = min(len(own), len(typed)) - 3, len(typed) + 3
    whole = difflib.SequenceMatcher(None, b=typed)
    stemmed = [difflib.SequenceMatcher(None, b=own)] if own != typed else []
    heads: dict[int, difflib.SequenceMatcher] = {}
    kept: list[tuple[float, int, str]] = []  # a heap of the best STEMS so far, the least first
    for term in terms:
        if not shortest <= len(term) <= longest:
            continue
        matchers = [whole, *stemmed]
        if max(HEAD, len(typed) - 3) <= len(term) < len(typed):
            if len(term) not in heads:
                heads[len(term)] = difflib.SequenceMatcher(None, b=typed[: len(term)])
            matchers.append(heads[len(term)])
        least = kept[0][0] if len(kept) == STEMS else CLOSE_STEM  # what a term must reach to be kept
        best = -1.0
        for matcher in matchers:
            matcher.set_seq1(term)
            bar = max(least, best)
            if matcher.real_quick_ratio() >= bar and matcher.quick_ratio() >= bar:
                best = max(best, matcher.ratio())
        if best >= least:
            # of terms as close, the one sharing more of the typed word's first letters ("make", not "mark", for
            # "makng")
            scored = (best, len(os.path.commonprefix([typed, term])), term)
            (heapq.heappush if len(kept) < STEMS else heapq.heappushpop)(kept, scored)
    return [term for *_, term in sorted(kept, reverse=True)]


def _related(stem: str, found: list[str]) -> bool:
    """Whether a written word of stem `stem` is a form of one of the `found` index terms: the same stem, or one the
    beginning of the other, both at least PREFIX letters ("experi" of "Experiment" beside "experiment" of
    "experimental": Porter stems derived words apart)."""
    return stem in found or any(
        min(len(stem), len(term)) >= PREFIX and (term.startswith(stem) or stem.startswith(term)) for term in found
    )


def _closest(typed: str, words: list[str]) -> str | None:
    """The first of `words` closest to `typed` by difflib's ratio (lowercased), or None when there is none; of
    words with the same ratio, the fewest edits away ("traveland" for "travelend", one letter, before "travelled",
    two). The cheap upper bounds of the ratio skip a word that cannot reach the best so far."""
    best, best_ratio, best_edits = None, -1.0, 0
    matcher = difflib.SequenceMatcher(None, typed)
    for w in words:
        matcher.set_seq2(w.lower())
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        if (ratio := matcher.ratio()) < best_ratio:
            continue
        edits = edit_distance(typed, w.lower())
        if ratio > best_ratio or edits < best_edits:
            best, best_ratio, best_edits = w, ratio, edits
    return best
