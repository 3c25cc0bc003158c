"""The dates each sentence of a document is about: its own mentions resolved, or the date the narrative carries."""

from __future__ import annotations

import bisect
import datetime
import json
import re
from dataclasses import dataclass

from askdocs.ingest.dates import DateRange, resolve_document_dates
from askdocs.lang.en import EN

INHERIT_SENTENCES = 2
"""A sentence with no date of its own takes the day of an event told at most this many sentences before."""
MAX_INHERITED_DAYS = 7
OWN, INHERITED, REFERENCE = 1.0, 0.6, 0.35
"""How strongly a sentence is about a date: its own event, the narrative's, or only a point it counts from."""

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
_REFERENCE_WORDS = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in EN.reference_words) + r")\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SentenceDate:
    """A date a sentence is about; `inherited` when it comes from a sentence before it."""

    range: DateRange
    inherited: bool = False
    reference: bool = False
    """The sentence counts from this date ("Following the arrests on July 2, ...") rather than telling of it."""


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The stretch of a sentence between the punctuation around `pos` (commas, dashes, brackets)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    nxt = _CLAUSE_BREAK.search(text, pos)
    return start, nxt.start() if nxt else len(text)


def clause_starts(text: str) -> list[int]:
    """Where each clause of `text` after its first starts (the ends of its clause breaks), in order: a date's clause
    starts at the last of them at or before it, as `clause_bounds` finds by reading the text from its start."""
    return [m.end() for m in _CLAUSE_BREAK.finditer(text)]


def is_reference(text: str, start: int, starts: list[int] | None = None) -> bool:
    """Whether the date at `start` is a point the sentence counts from: "after July 2", "Following ... on July 2".
    `starts`: the text's `clause_starts`, found once for all its dates (a sentence of thousands of dates, a long
    line with no space to cut it at, was otherwise read from its start for each)."""
    if starts is None:
        clause_start, _ = clause_bounds(text, start)
    else:
        at = bisect.bisect_right(starts, start)
        clause_start = starts[at - 1] if at else 0
    return _REFERENCE_WORDS.search(text, clause_start, start) is not None


def sentence_dates(texts: list[str], published: datetime.date | None) -> list[list[SentenceDate]]:
    """For each sentence, the dates it mentions (resolved against the publication date) or carries over."""
    mentions = resolve_document_dates(texts, reference=published)
    out: list[list[SentenceDate]] = []
    for i, found in enumerate(mentions):
        starts = clause_starts(texts[i]) if len(found) > 1 else None
        own = [
            SentenceDate(m.range, reference=is_reference(texts[i], m.start, starts))
            for m in found
            if m.range is not None
        ]
        if not any(not d.reference for d in own):
            own += _inherited(out, i)
        out.append(own)
    return out


def _inherited(previous: list[list[SentenceDate]], i: int) -> list[SentenceDate]:
    for j in range(i - 1, max(i - 1 - INHERIT_SENTENCES, -1), -1):
        explicit = [d for d in previous[j] if not d.inherited and d.range.days <= MAX_INHERITED_DAYS]
        if any(not d.reference for d in explicit):
            return [SentenceDate(d.range, inherited=True) for d in explicit if not d.reference]
        if previous[j]:
            return []
    return []


SPAN_YEARS = 11
"""The longest span of years that answers a question about a year in it ("Between 2005 and 2008, ..." for "in
2006", "the 1990s" for "in 1993"; not "from 1900 to 2000" for "in 1950")."""


def _too_vague(have: DateRange, want: DateRange) -> bool:
    """A year or a decade does not answer a question about a day; a span of a decade or so does answer one about a
    year in it (see SPAN_YEARS)."""
    if want.days >= 365:
        return have.days > SPAN_YEARS * 366
    return have.days > max(31, 4 * want.days)


def _yearless_for_years(have: DateRange, want: DateRange) -> bool:
    """A date written without its year ("in October", in an undated document) meets every year's October: it says
    nothing of a question about a year or more ("in 2019"), only of one about a day or month."""
    return not have.year_known and want.year_known and want.days >= 365


def encode(dates: list[SentenceDate]) -> str | None:
    """Compact JSON for the sentences table: [[start, end, year_known, inherited(, reference)], ...]."""
    if not dates:
        return None
    rows = [
        [d.range.start.isoformat(), d.range.end.isoformat(), d.range.year_known, d.inherited, *([True] * d.reference)]
        for d in dates
    ]
    return json.dumps(rows, separators=(",", ":"))


def decode(text: str | None) -> list[SentenceDate]:
    if not text:
        return []
    out = []
    for row in json.loads(text):
        start, end, known, inherited = row[:4]
        rng = DateRange(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), bool(known))
        out.append(SentenceDate(rng, bool(inherited), bool(row[4]) if len(row) > 4 else False))
    return out


def date_match(dates: list[SentenceDate], wanted: list[DateRange]) -> float:
    """OWN when a sentence's own date meets a wanted range, INHERITED or REFERENCE for the weaker kinds, else 0."""
    best = 0.0
    for d in dates:
        if any(
            d.range.overlaps(w) and not _too_vague(d.range, w) and not _yearless_for_years(d.range, w) for w in wanted
        ):
            best = max(best, REFERENCE if d.reference else INHERITED if d.inherited else OWN)
    return best
