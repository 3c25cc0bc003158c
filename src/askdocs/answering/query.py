"""Query: a question broken into its kind, words, phrases, names and dates, which retrieval and answering honour."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askdocs.ingest.dates import DateRange, find_dates
from askdocs.lang.en import STOPWORDS
from askdocs.text.normalize import WORD, fts_quote, strip_possessive, vocabulary, words

_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']{2,80})[\"“”‘’']")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_PHRASE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{_MONTHS}))\b", re.I)
_UNITS = r"percent|per cent|dollars|euros|pounds|yuan|rupees|people|men|women|years?|days?|km|miles"
_NUMBER_PHRASE = re.compile(
    rf"\b\d[\d,.]*(?:\s+(?:million|billion|thousand|hundred)(?:\s+(?:{_UNITS}))?|\s+(?:{_UNITS}))\b", re.I
)
_NAME = re.compile(r"\b[A-ZÀ-Þ][\w’'-]+(?:\s+(?:de|del|la|van|von|El|La|[A-ZÀ-Þ][\w’'-]+))+")

# Question kinds, tried in order; the first that matches wins.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("how_many", r"\bhow\s+many\b|\bwhat\s+(?:is\s+the\s+)?(?:number|total)\s+of\b|\bhow\s+large\s+a\s+number\b"),
        ("how_much", r"\bhow\s+much\b|\bwhat\s+(?:was|is)\s+the\s+(?:amount|sum|price|cost|value)\b"),
        ("how_old", r"\bhow\s+old\b|\bwhat\s+age\b|\bat\s+what\s+age\b"),
        ("when", r"\bwhen\b|\b(?:what|which)\s+(?:date|day|year|month|time|week)\b|\bhow\s+long\s+ago\b"),
        ("who", r"\bwho(?:m|se)?\b"),
        ("where", r"\bwhere\b|\b(?:what|which)\s+(?:city|town|village|country|state|region|province|place)\b"),
        ("which", r"\bwhich\b"),
        ("what", r"\bwhat\b"),
        ("why", r"\bwhy\b"),
        ("how", r"\bhow\b"),
        ("yesno", r"^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b"),
    )
)
_HEAD = re.compile(
    r"\b(?:(?:which|what)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+(?P<of>[a-z][\w-]*)\s+of\b"
    r"|(?:which|what|how\s+many|how\s+much)\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?(?P<head>[a-z][\w-]*))",
    re.I,
)
_NOT_HEADS = vocabulary(
    "a an the of is was were are be been did does do has have had will can could would should this that these those"
    " it he she they we you i"
)

_VERB_HEADS = vocabulary("happen happens made makes make caused causes led leads went goes came comes took takes")


@dataclass(frozen=True)
class Query:
    """The question as typed, plus the exact terms and phrases found in it."""

    text: str
    terms: tuple[str, ...]
    """Content words, lowercased, stopwords removed, in order of first appearance."""
    phrases: tuple[str, ...]
    """Multi-word units that should match together: quoted text, names, dates, amounts."""
    kind: str = "other"
    """who, where, when, how_many, how_much, how_old, which, what, why, how, yesno or other."""
    head: str | None = None
    """The noun the question asks for: "cartel" in "Which cartel ...", "soldiers" in "How many soldiers ..."."""
    dates: tuple[DateRange, ...] = ()
    """Dates the question is about ("on July 2", "in October 2019"), resolved where the text allows."""
    date_words: tuple[str, ...] = ()
    """Words of the question that belong to its date expressions (matched by date, not as words)."""
    entities: tuple[str, ...] = ()
    """Names the question mentions: people, places, organisations, nicknames."""

    @property
    def fts(self) -> str:
        """An FTS5 MATCH expression: any term or phrase may match; BM25 rewards those that do."""
        parts = [fts_quote(p) for p in self.phrases] + [fts_quote(t) for t in self.terms]
        return " OR ".join(dict.fromkeys(parts))

    @property
    def content_terms(self) -> tuple[str, ...]:
        """Terms other than the words of date expressions."""
        return tuple(t for t in self.terms if t not in self.date_words)


def question_kind(text: str) -> str:
    """What the question asks for, from its wording alone."""
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "other"


def question_head(text: str) -> str | None:
    """The noun right after which / what / how many / how much, if there is one."""
    match = _HEAD.search(text)
    if match is None:
        return None
    head = (match.group("of") or match.group("head")).lower()
    verb = head.endswith(("ed", "ing")) or head in _VERB_HEADS
    return None if head in _NOT_HEADS or (verb and match.group("of") is None) else head


def parse_query(text: str) -> Query:
    """Split a question into content terms and exact phrases, and note its kind, dates and names."""
    from askdocs.answering.entities import question_entities

    text = " ".join(text.split())
    phrases: list[str] = []
    for pattern in (_QUOTED, _DATE_PHRASE, _NUMBER_PHRASE, _NAME):
        for match in pattern.finditer(text):
            phrase = match.group(1) if pattern is _QUOTED else match.group(0)
            if len(WORD.findall(phrase)) >= 2 or pattern is _QUOTED:
                phrases.append(phrase.strip())
    terms = [w for w in map(strip_possessive, words(text)) if w not in STOPWORDS and len(w) > 1 or w.isdigit()]
    mentions = find_dates(text)
    dates = tuple(dict.fromkeys(m.range for m in mentions if m.range is not None))
    date_words = tuple(dict.fromkeys(w for m in mentions for w in words(m.text)))
    return Query(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(p for p in phrases if fts_quote(p))),
        kind=question_kind(text),
        head=question_head(text),
        dates=dates,
        date_words=date_words,
        entities=question_entities(text),
    )
