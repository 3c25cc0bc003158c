"""Names and dates in a question or an answer, found by explainable rules: follow-up questions use them to tell
who "he" or "there" is. (Short answers use the trained tagger instead: askdocs.answering.tagger.)"""

from __future__ import annotations

from askdocs.answering.entities.names import name_spans, tokens_of
from askdocs.answering.entities.span import Span
from askdocs.ingest.dates import find_dates
from askdocs.text.normalize import fold, is_heading
from askdocs.text.options import OPTION

__all__ = ["Span", "find_spans", "question_entities"]


def _date_spans(text: str) -> list[Span]:
    return [Span("date", m.text, m.start, m.end, m.text, range=m.range) for m in find_dates(text)]


def find_spans(text: str) -> list[Span]:
    """Every candidate answer in a sentence, in text order; headings yield none."""
    if is_heading(text):
        return []
    dates = _date_spans(text)
    tokens = tokens_of(text)
    options = [m.span() for m in OPTION.finditer(text)]  # "curl -O": an option's letter is no one's name
    masked = {t.start for t in tokens if any(d.start <= t.start < d.end for d in dates)}
    masked |= {t.start for t in tokens if any(start <= t.start < end for start, end in options)}
    names = name_spans(text, tokens, masked)
    spans = dates + names
    return sorted(spans, key=lambda s: (s.start, -s.end))


def question_entities(question: str) -> tuple[str, ...]:
    """The names a question mentions ("El Duranguillo", "U.S. Embassy"), without its dates."""
    found = []
    for span in find_spans(question.rstrip("?!. ") + "."):
        if span.kind in {"person", "place", "org", "name", "nickname"}:
            found.append(span.name or span.text)
            if span.nickname and fold(span.nickname) != fold(span.name):
                found.append(span.nickname)
    return tuple(dict.fromkeys(found))
