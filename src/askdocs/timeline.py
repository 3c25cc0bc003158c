"""The dates each sentence of a document is about: its own mentions resolved, or the date the narrative carries."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from askdocs.dates import DateRange, resolve_document_dates

INHERIT_SENTENCES = 2
"""A sentence with no date of its own takes the day of an event told at most this many sentences before."""
MAX_INHERITED_DAYS = 7


@dataclass(frozen=True)
class SentenceDate:
    """A date a sentence is about; `inherited` when it comes from a sentence before it."""

    range: DateRange
    inherited: bool = False


def sentence_dates(texts: list[str], published: datetime.date | None) -> list[list[SentenceDate]]:
    """For each sentence, the dates it mentions (resolved against the publication date) or carries over."""
    mentions = resolve_document_dates(texts, reference=published)
    out: list[list[SentenceDate]] = []
    for i, found in enumerate(mentions):
        own = [SentenceDate(m.range) for m in found if m.range is not None]
        if not own:
            own = _inherited(out, i)
        out.append(own)
    return out


def _inherited(previous: list[list[SentenceDate]], i: int) -> list[SentenceDate]:
    for j in range(i - 1, max(i - 1 - INHERIT_SENTENCES, -1), -1):
        explicit = [d for d in previous[j] if not d.inherited and d.range.days <= MAX_INHERITED_DAYS]
        if explicit:
            return [SentenceDate(d.range, inherited=True) for d in explicit]
        if previous[j]:
            return []
    return []


def _too_vague(have: DateRange, want: DateRange) -> bool:
    """A year or a decade does not answer a question about a day."""
    return have.days > max(31, 4 * want.days)


def encode(dates: list[SentenceDate]) -> str | None:
    """Compact JSON for the sentences table: [[start, end, year_known, inherited], ...]."""
    if not dates:
        return None
    rows = [[d.range.start.isoformat(), d.range.end.isoformat(), d.range.year_known, d.inherited] for d in dates]
    return json.dumps(rows, separators=(",", ":"))


def decode(text: str | None) -> list[SentenceDate]:
    if not text:
        return []
    return [
        SentenceDate(DateRange(datetime.date.fromisoformat(s), datetime.date.fromisoformat(e), bool(known)), bool(inh))
        for s, e, known, inh in json.loads(text)
    ]


def date_match(dates: list[SentenceDate], wanted: list[DateRange]) -> float:
    """1 when a sentence's own date meets a wanted range, 0.6 when only an inherited one does, else 0."""
    best = 0.0
    for d in dates:
        if any(d.range.overlaps(w) and not _too_vague(d.range, w) for w in wanted):
            best = max(best, 0.6 if d.inherited else 1.0)
    return best
