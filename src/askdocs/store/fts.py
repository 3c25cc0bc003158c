"""BM25 over FTS5 with a bounded cost, so that lexical search stays fast in a million-passage index.

FTS5 scores every passage that matches an OR query (about 1 microsecond each here), and a common word
matches a large share of a big archive. A question may therefore rank at most `LEXICAL_BUDGET` matches:
when its words match fewer, the query runs unchanged (so small indexes rank exactly as before); otherwise
the rarest words, whose matches fit the budget together, carry the lexical side and the common ones are
left to dense search. When every word is common, the passages holding all of them are ranked among the
newest few thousand that do.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from askdocs.store.records import StoredSentence
from askdocs.text.normalize import fts_quote
from askdocs.text.porter import porter_stems

LEXICAL_BUDGET = 20_000
"""Most FTS5 matches one lexical search ranks (~20 ms); counting up to it costs ~2 ms a word."""
ESTIMATED_ABOVE = 2_000
"""Matches in a listed filter's range above which a word's admitted matches are estimated from the filter's density
instead of tested one by one against the id list (2.6x cheaper at a million passages; the count only chooses which
words fit the budget, so an estimate does; fewer matches are counted exactly, which is cheap)."""
_ONE_TOKEN = re.compile(r"[^\W_]+")
"""A word the index's tokenizer (unicode61) reads as one token: letters and digits only."""


@dataclass(frozen=True)
class Rows:
    """Rows of a full-text table a filter admits: rowids `low`..`high`, all of them, or only those `listed` meets
    (an SQL condition). FTS5 seeks a rowid range in its posting lists, so a filter searched as a few ranges reads
    only their matches, not every match of a common word."""

    low: int
    high: int
    listed: str = ""
    density: float = 1.0
    """The share of the rows from `low` to `high` that `listed` admits."""

    def clause(self, floor: int | None = None) -> tuple[str, tuple[int, int]] | None:
        """The SQL to AND to a MATCH, with its arguments, for the rows from `floor` on; None when there are none."""
        low = self.low if floor is None else max(self.low, floor)
        if low > self.high:
            return None
        return " AND rowid BETWEEN ? AND ?" + (f" AND {self.listed}" if self.listed else ""), (low, self.high)


def _slices(within: Sequence[Rows], floor: int | None = None) -> list[tuple[str, tuple[int, ...]]]:
    """SQL and arguments of each slice of `within` (no filter: one without a condition), newest rows first."""
    if not within:
        return [(" AND rowid >= ?", (floor,))] if floor is not None else [("", ())]
    found = (rows.clause(floor) for rows in sorted(within, key=lambda r: -r.high))
    return [clause for clause in found if clause is not None]


def _count(conn: sqlite3.Connection, table: str, fts_query: str, cap: int, within: Sequence[Rows] = ()) -> int:
    """Matches of `fts_query`, counted up to `cap` + 1 (cheap: no scoring); a common word's matches in a listed
    filter are estimated (`ESTIMATED_ABOVE`)."""
    if len(within) == 1 and within[0].listed and cap >= ESTIMATED_ABOVE:
        rows = within[0]
        reach = max(ESTIMATED_ABOVE, math.ceil((cap + 1) / max(rows.density, 1e-9)))
        found = _count(conn, table, fts_query, reach, (Rows(rows.low, rows.high),))
        if found > ESTIMATED_ABOVE:
            return min(cap + 1, round(found * rows.density))
    total = 0
    for condition, args in _slices(within):
        total += _counted(conn, table, fts_query, condition, args, cap + 1 - total)
        if total > cap:
            break
    return total


def _counted(conn: sqlite3.Connection, table: str, fts_query: str, condition: str, args: tuple, limit: int) -> int:
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ?{condition} LIMIT ?)"
    return int(conn.execute(sql, (fts_query, *args, limit)).fetchone()[0])


def _rank(
    conn: sqlite3.Connection,
    table: str,
    fts_query: str,
    k: int,
    floor: int | None = None,
    weights: Sequence[float] = (),
    within: Sequence[Rows] = (),
) -> list[tuple[int, float]]:
    """The `k` best rows by BM25 (from `floor` on), over every slice of `within`: scores are corpus-wide, so the
    slices' own best rows merge into the same ranking one query would give."""
    bm25 = ", ".join([table, *(f"{float(w)!r}" for w in weights)])
    found: list[tuple[int, float]] = []
    for condition, args in _slices(within, floor):
        sql = f"SELECT rowid, bm25({bm25}) AS s FROM {table} WHERE {table} MATCH ?{condition} ORDER BY s LIMIT ?"
        found.extend((int(r[0]), -float(r[1])) for r in conn.execute(sql, (fts_query, *args, k)))
    return heapq.nsmallest(k, found, key=lambda row: (-row[1], row[0]))


def _newest(conn: sqlite3.Connection, table: str, fts_query: str, n: int, within: Sequence[Rows]) -> int | None:
    """The rowid of the `n`-th newest match (None when fewer match), walking the slices from the newest."""
    for condition, args in _slices(within):
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?{condition} ORDER BY rowid DESC LIMIT 1 OFFSET ?"
        row = conn.execute(sql, (fts_query, *args, n - 1)).fetchone()
        if row is not None:
            return int(row[0])
        n -= _counted(conn, table, fts_query, condition, args, n)
    return None


def bounded_bm25(
    conn: sqlite3.Connection,
    table: str,
    fts_query: str,
    k: int,
    budget: int = LEXICAL_BUDGET,
    weights: Sequence[float] = (),
    within: Sequence[Rows] = (),
) -> list[tuple[int, float]]:
    """Best BM25 rows of `table` for an OR of quoted parts (as `Query.fts` builds), higher score = better;
    `weights` are bm25()'s column weights (default: 1 each); `within`, the slices of rows a filter admits (see
    askdocs.store.scope; none: every row), applies before the ranking and the budget."""
    if not fts_query:
        return []
    parts = fts_query.split(" OR ")
    counts = {part: _count(conn, table, part, budget, within) for part in parts}
    if sum(counts.values()) <= budget:
        return _rank(conn, table, fts_query, k, weights=weights, within=within)
    chosen, total = [], 0
    for part in sorted(parts, key=counts.__getitem__):
        if total + counts[part] > budget:
            break
        chosen.append(part)
        total += counts[part]
    if chosen:
        return _rank(conn, table, " OR ".join(chosen), k, weights=weights, within=within)
    every = " AND ".join(parts)
    query = every if _count(conn, table, every, 0, within) else fts_query
    window = max(1000, budget // (2 * len(parts)))  # scoring a row costs more the more phrases it is scored on
    return _rank(conn, table, query, k, _newest(conn, table, query, window, within), weights, within)


def count_matches(conn: sqlite3.Connection, table: str, fts_query: str, cap: int = LEXICAL_BUDGET) -> int:
    """How many rows match: exact up to `cap`; above, estimated from how far back in rowid order the `cap`
    newest matches reach (rows are spread evenly enough for an IDF), so a common word costs ~cap, not millions."""
    found = _count(conn, table, fts_query, cap)
    if found <= cap:
        return found
    newest = _newest(conn, table, fts_query, cap, ())
    top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    if newest is None or not top:
        return found
    return max(found, round(cap * top / max(top - newest + 1, 1)))


def document_passages(conn: sqlite3.Connection, fts_query: str, doc_id: int, limit: int) -> list[str]:
    """The text of up to `limit` passages of one document that match an FTS5 query: the posting lists are read
    over the document's range of passage ids only, never the document's whole text."""
    low, high = conn.execute("SELECT min(id), max(id) FROM passages WHERE doc_id = ?", (doc_id,)).fetchone()
    if not fts_query or low is None:
        return []
    rows = conn.execute(
        "SELECT p.text FROM passages_fts f JOIN passages p ON p.id = f.rowid WHERE passages_fts MATCH ?"
        " AND f.rowid BETWEEN ? AND ? AND p.doc_id = ? LIMIT ?",
        (fts_query, low, high, doc_id, limit),
    )
    return [text for (text,) in rows]


class SentenceSearch:
    """Full-text search over single sentences (the evidence step of answering), on an open index connection."""

    def __init__(self, conn: sqlite3.Connection, within: Sequence[Rows] = ()) -> None:
        self._conn = conn
        self._within = within
        """The rows the store's filter admits, for `lexical` (counts stay corpus-wide: they are IDF)."""

    def lexical(self, fts_query: str, k: int) -> list[StoredSentence]:
        """Sentences anywhere in the corpus (or in the filter's documents) matching an FTS5 query, best BM25 first
        (bounded like passage search)."""
        ranked = [sid for sid, _ in bounded_bm25(self._conn, "sentences_fts", fts_query, k, within=self._within)]
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = self._conn.execute(
            'SELECT s.id, s.doc_id, d.path, s.ord, s.start, s."end", s.line, s.text, s.dates FROM sentences s'
            f" JOIN documents d ON d.id = s.doc_id WHERE s.id IN ({marks})",
            ranked,
        )
        found = {row[0]: StoredSentence(*row) for row in rows}
        return [found[sid] for sid in ranked if sid in found]

    def matches(self, fts_query: str, sentence_ids: Sequence[int]) -> dict[int, float]:
        """BM25 of the given sentences against an FTS5 query (higher = better); non-matching ones are absent."""
        if not fts_query or not sentence_ids:
            return {}
        marks = ",".join("?" * len(sentence_ids))
        rows = self._conn.execute(
            f"SELECT rowid, bm25(sentences_fts) FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid IN ({marks})",
            (fts_query, *sentence_ids),
        )
        return {int(r[0]): -float(r[1]) for r in rows}

    def document_frequency(self, term_query: str) -> int:
        """How many sentences match an FTS5 query: tells rare words from common ones, and absent ones (exact up
        to 20,000, estimated above so that a common word stays cheap in a big index)."""
        return count_matches(self._conn, "sentences_fts", term_query)

    def sentence_frequency(self, word: str) -> int:
        """How many sentences of the index hold `word` in any of its forms, exactly however its sentences lie in
        the index: its matches counted up to LEXICAL_BUDGET (about 1 ms); a word of one token in more sentences is
        read from FTS5's own vocabulary (a temporary fts5vocab table, nothing written to the index file), which
        reads the word's whole posting list (about 50 ms a third of a million sentences), so only a common word in
        a big index costs it. A word the tokenizer parts ("O'Neil") in more sentences is estimated (count_matches)."""
        quoted = fts_quote(word)
        if not quoted:
            return 0
        found = _count(self._conn, "sentences_fts", quoted, LEXICAL_BUDGET)
        term = word.lower()
        if found <= LEXICAL_BUDGET:
            return found
        if not _ONE_TOKEN.fullmatch(term) or (stem := porter_stems([term]).get(term)) is None:
            return count_matches(self._conn, "sentences_fts", quoted)
        from askdocs.store.spelling import VOCABULARY  # the same table, one row a term with its sentences

        self._conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab(main, sentences_fts, row)")
        row = self._conn.execute(f"SELECT doc FROM {VOCABULARY} WHERE term = ?", (stem,)).fetchone()
        return int(row[0]) if row else found

    def close_word(self, word: str) -> str | None:
        """The corpus word closest in spelling to `word`, one no sentence uses (see askdocs.store.spelling)."""
        from askdocs.store.spelling import close_word

        return close_word(self._conn, word)

    def in_documents(self, term_query: str) -> bool:
        """Whether a document's title or whole text matches an FTS5 query: words of titles, headings and header
        lines, which no sentence holds."""
        return _count(self._conn, "documents_fts", term_query, 0) > 0

    def held_near(self, beginnings: Sequence[str]) -> bool:
        """Whether a sentence or a document's title holds words beginning as these do (letters and digits, as the
        index reads them), in any order, with at most two other words between each and the next."""
        near = "NEAR(" + " ".join(f'"{b}"*' for b in beginnings) + f", {max(3 * len(beginnings) - 4, 1)})"
        return _count(self._conn, "sentences_fts", near, 0) > 0 or self.in_documents(near)

    def filtered(self) -> bool:
        """True when a filter leaves some rows out."""
        return bool(self._within)

    def used_within(self, term_query: str) -> bool:
        """Whether a sentence of the filter's documents matches an FTS5 query (every sentence without a filter)."""
        return _count(self._conn, "sentences_fts", term_query, 0, self._within) > 0  # stops at the first match

    def count(self) -> int:
        """Sentences in the index."""
        return int(self._conn.execute("SELECT count(*) FROM sentences").fetchone()[0])
