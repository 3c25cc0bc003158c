"""Query: a question broken into the words, phrases and names that retrieval must honour exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "tell",
        "me",
        "please",
        "know",
        "say",
        "said",
        "says",
        "many",
        "much",
        "happen",
        "happened",
        "el",
        "la",
        "los",
        "las",
        "le",
        "les",
        "de",
        "del",
        "da",
        "di",
        "du",
        "der",
    ]
)

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*", re.UNICODE)
_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']{2,80})[\"“”‘’']")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_PHRASE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{_MONTHS}))\b", re.I)
_UNITS = r"percent|per cent|pesos|dollars|euros|pounds|yuan|rupees|people|soldiers|men|women|years?|days?|km|miles"
_NUMBER_PHRASE = re.compile(
    rf"\b\d[\d,.]*(?:\s+(?:million|billion|thousand|hundred)(?:\s+(?:{_UNITS}))?|\s+(?:{_UNITS}))\b", re.I
)
_NAME = re.compile(r"\b[A-ZÀ-Þ][\w’'-]+(?:\s+(?:de|del|la|van|von|El|La|[A-ZÀ-Þ][\w’'-]+))+")


@dataclass(frozen=True)
class Query:
    """The question as typed, plus the exact terms and phrases found in it."""

    text: str
    terms: tuple[str, ...]
    """Content words, lowercased, stopwords removed, in order of first appearance."""
    phrases: tuple[str, ...]
    """Multi-word units that should match together: quoted text, names, dates, amounts."""

    @property
    def fts(self) -> str:
        """An FTS5 MATCH expression: any term or phrase may match; BM25 rewards those that do."""
        parts = [fts_quote(p) for p in self.phrases] + [fts_quote(t) for t in self.terms]
        return " OR ".join(dict.fromkeys(parts))


def fts_quote(text: str) -> str:
    """Quote a word or phrase for FTS5 so that no character of it is read as syntax."""
    words = _WORD.findall(text.lower())
    return '"' + " ".join(words).replace('"', '""') + '"' if words else ""


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def parse_query(text: str) -> Query:
    """Split a question into content terms and exact phrases."""
    text = " ".join(text.split())
    phrases: list[str] = []
    for pattern in (_QUOTED, _DATE_PHRASE, _NUMBER_PHRASE, _NAME):
        for match in pattern.finditer(text):
            phrase = match.group(1) if pattern is _QUOTED else match.group(0)
            if len(_WORD.findall(phrase)) >= 2 or pattern is _QUOTED:
                phrases.append(phrase.strip())
    terms = [w for w in words(text) if w not in STOPWORDS and len(w) > 1 or w.isdigit()]
    return Query(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(p for p in phrases if fts_quote(p))),
    )
