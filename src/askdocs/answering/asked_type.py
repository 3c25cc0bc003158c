"""Whether a sentence holds what a question asks for: a capitalised word for "who", "where" and "which", and a number
of the asked kind: any date for "when" (digits, or a weekday or month named: "on Tuesday", "in March"); for "how
many", "how much", "how old" and "how tall/long/far", a count, an amount or a measure, and not a year ("restored
between 1968 and 1979" holds no length; "2000 metres" is a measure), a day of a month ("on July 2") or a clock time
("at 10:30"); a count or an age in words too ("eleven viaducts"), and a measure in words ("one hour")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from askdocs.answering.query import person_sense
from askdocs.answering.tagger import NAME_LABELS
from askdocs.lang.en import EN
from askdocs.text.normalize import TOKEN, strip_possessive

QUANTITY_KINDS = frozenset({"how_many", "how_much", "how_old", "how_measure"})
"""Kinds whose answer is a number: a count, an amount, a measure or an age."""
NUMERIC_KINDS = QUANTITY_KINDS | {"when"}
NAMED_KINDS = frozenset({"who", "where", "which"})
NAME_NOUNS = frozenset({"name", "names", "nickname", "nicknames"})
"""Heads of a "what" question that asks for a name ("What was the name of the band?"): typed as a "which" one."""

_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.,])(?<![A-Za-z]-)\d[\d,.]*")
"""Digits that may be a number: not inside a word, nor a name's part after a hyphen ("LK-99", "COVID-19", "F-16")."""
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d(?:s)?")
_MONTH = rf"(?:{'|'.join(m.title() for m in (*EN.months, *EN.month_abbreviations))})\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_OR_TIME = re.compile(
    rf"\b{_MONTH}\s+{_DAY}\b|\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"  # "July 2", "2nd of July"
    r"|(?<![:\d])\d{1,2}:\d\d(?![:\d])|\b\d{1,2}(?:[.:]\d\d)?\s*[ap]\.?m\b\.?"  # "10:30", "3 p.m.", "7.45am"
)
"""A day of a month or a clock time: digits that name no count, amount or measure."""
_NAMED_DATE = re.compile(rf"\b(?:{'|'.join(name.title() for name in (*EN.months, *EN.weekdays))})\b")
"""A weekday or a month by name, capitalised: a date a "when" question may be answered with ("on Tuesday")."""
_COUNTED = re.compile(rf"\s*(?:{'|'.join((*EN.count_nouns, *EN.scale_words))})\b", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER_WORDS = frozenset(word for word, digits in EN.number_forms.items() if digits.isdigit()) | set(EN.scale_words)
"""Cardinals written as words ("eleven", "forty") and the words that scale a number ("hundred", "million")."""
_NUMBER_WORD_KINDS = frozenset({"how_many", "how_old"})
"""Kinds whose answer is often a number word ("eleven viaducts", "aged fifteen"); an amount is written in digits,
and "the ticket hall has six counters" holds no price."""
_MEASURED = re.compile(
    rf"\b(?:an?|one|half|{'|'.join(sorted(_NUMBER_WORDS | {'dozen'}))})(?:[\s-]+(?:and[\s-]+)?"
    rf"(?:a|half|{'|'.join(sorted(_NUMBER_WORDS))}))*[\s-]+(?:{'|'.join(EN.measure_units)})\b",
    re.I,
)
"""A measure written in words: a number word (or "a", "one", "half") and a unit ("roughly one hour", "a
three-day visit", "two and a half miles"): "how long", "how far" and "how old" are answered so too."""
_MEASURE_KINDS = frozenset({"how_measure", "how_old"})


def holds_number(text: str, kind: str) -> bool:
    """Whether `text` holds a number a question of `kind` (one of NUMERIC_KINDS) may ask for: a date for "when",
    else digits that are no bare year, day of a month, clock time or part of a name ("LK-99"), for a count or
    an age a number word, for a measure or an age a number word and a unit ("a three-day visit")."""
    if kind == "when":
        return bool(_DIGIT.search(text) or _NAMED_DATE.search(text))
    text = _DATE_OR_TIME.sub(" ", text)
    for match in _NUMBER.finditer(text):
        number = match.group(0).rstrip(".,")
        if not _YEAR.fullmatch(number) or _COUNTED.match(text, match.end()):
            return True
    if kind in _MEASURE_KINDS and _MEASURED.search(text):
        return True
    return kind in _NUMBER_WORD_KINDS and any(word.lower() in _NUMBER_WORDS for word in _WORD.findall(text))


def typed_kind(kind: str, head: str | None) -> str:
    """The kind whose type a sentence should hold (`typed_present`): a question's own, but "which" for a "what"
    question that asks for a name ("What was the name of the driver?"; of 40 such development questions, 15 were
    unanswerable and none was refused)."""
    return "which" if kind == "what" and head in NAME_NOUNS else kind


def typed_present(text: str, kind: str, question_words: frozenset[str]) -> float:
    """1 when the sentence holds something of the asked type the question does not name, 0 when not, 0.5 when the
    kind asks for no type: a number of the asked kind (see `holds_number`), a capitalised word inside the sentence
    for names."""
    if kind in NUMERIC_KINDS:
        return 1.0 if holds_number(text, kind) else 0.0
    if kind in NAMED_KINDS:
        tokens = TOKEN.findall(text)
        return float(any(i and t[:1].isupper() and t.lower() not in question_words for i, t in enumerate(tokens)))
    return 0.5


Parser = Callable[[Sequence[str]], list[Any]]
"""Parses sentences into the tagger's docs (None for a sentence it cannot parse)."""

ASKED_LABELS = {
    "who": frozenset({"PERSON", "ORG", "NORP"}),
    "where": frozenset({"GPE", "LOC", "FAC", "ORG"}),
    "which": NAME_LABELS,
}
"""The tagger's entity labels of what each named kind asks for: a person or a body for "who", a place for "where",
any name for "which"."""


def _owner(word: str) -> str:
    """A word as a name's owner, lowercased: "Darwin's" is "darwin"."""
    return strip_possessive(word.lower())


def asked_labels(kind: str, head: str | None) -> frozenset[str] | None:
    """The labels a named kind asks for; a "which" whose head names a thing no person is ("Which cartel ...?",
    "Which boat ...?", not "Which player ...?" nor "What was the name of ...?") asks for no person."""
    labels = ASKED_LABELS.get(kind)
    if labels is not None and kind == "which" and head and head not in NAME_NOUNS and not person_sense(head):
        return labels - {"PERSON"}
    return labels


def tagged_present(doc: Any, kind: str, question_words: frozenset[str], head: str | None = None) -> float | None:
    """Like `typed_present` for the named kinds, read off the tagger's entities (`doc`, a parsed sentence): 1 when
    one of the asked kind's labels names something the question does not ("Michael Bloomberg" for "Who will succeed
    Rudolph Giuliani?", where "Rudolph Giuliani" and "on Thursday" are no person the question lacks), else 0;
    None for other kinds, or without a parse (then `typed_present` stands)."""
    labels = asked_labels(kind, head)
    if labels is None or doc is None:
        return None
    asked = {_owner(w) for w in question_words}
    for ent in doc.ents:
        if ent.label_ in labels and any(
            _owner(t) not in asked for t in TOKEN.findall(ent.text) if t[:1].isupper() or t[:1].isdigit()
        ):
            return 1.0
    return 0.0


def tagged_types(
    texts: Sequence[str],
    kind: str,
    head: str | None,
    question_words: frozenset[str],
    typed: Sequence[float],
    parse_many: Parser | None,
) -> list[float]:
    """`typed` (`typed_present` of each of `texts`) read again off the tagger's entities for the named kinds, where
    the tagger is there (`parse_many`, see askdocs.answering.tagger): the sentence models read this, the shortlist
    (which sees every candidate, too many to tag) the capitalised words."""
    if kind not in ASKED_LABELS or parse_many is None or not texts:
        return list(typed)
    docs = parse_many(texts)
    return [
        t if (v := tagged_present(d, kind, question_words, head)) is None else v
        for d, t in zip(docs, typed, strict=True)
    ]
