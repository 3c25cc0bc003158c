"""Composer: the extractive answer a reader sees, the short answer first, then the sentences that support it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from askdocs.answering.candidates import Candidate
from askdocs.answering.query import Query
from askdocs.text.normalize import fold

_AUX = r"(?P<aux>was|were|is|are)"
_PARTICIPLE = (
    r"(?:\w+ed|born|held|taken|seen|shot|hit|caught|found|killed|kept|made|sent|given|known|led|left|met|paid|"
    r"put|run|said|sold|told|won|beaten|bought|brought|built|chosen|done|driven|eaten|fought|forgotten|frozen|"
    r"hidden|hurt|stolen|struck|sworn|thrown|written)"
)
_PAST = (
    r"(?:\w+ed|took|made|said|gave|got|went|came|saw|found|held|led|left|met|paid|ran|sold|told|won|wrote|"
    r"brought|bought|built|fought|shot|hit|sent|kept|began|became|broke|chose|drove|flew|knew|stole|struck|threw)"
)
_WHO_PASSIVE = re.compile(rf"^who\s+{_AUX}\s+(?P<rest>{_PARTICIPLE}\b.*)$", re.I)
_WHO_IS = re.compile(rf"^who\s+{_AUX}\s+(?P<rest>.+)$", re.I)
_WHO_ACTIVE = re.compile(rf"^who\s+(?P<rest>{_PAST}\b.*)$", re.I)
_MANY_THERE = re.compile(r"^how\s+many\s+[\w-]+\s+(?P<aux>were|are|was|is)\s+there\b(?P<rest>.*)$", re.I)
_MANY_PASSIVE = re.compile(rf"^how\s+many\s+[\w-]+\s+{_AUX}\s+(?P<rest>{_PARTICIPLE}\b.*)$", re.I)
_MANY_ACTIVE = re.compile(rf"^how\s+many\s+[\w-]+\s+(?P<rest>{_PAST}\b.*)$", re.I)
_WH_PASSIVE = re.compile(rf"^(?:when|where)\s+{_AUX}\s+(?P<subject>.+?)\s+(?P<verb>{_PARTICIPLE})$", re.I)
_PREPOSITION = re.compile(r"\b(in|on|at|during|since|near|to|from|inside|outside|into)\s+(?:the\s+)?$", re.I)
_SINGULAR = {"was": "was", "were": "was", "is": "is", "are": "is"}
_PLURAL = {"was": "were", "were": "were", "is": "are", "are": "are"}


def join_words(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _shown(candidate: Candidate, query: Query) -> str:
    """The answer's label, without a nickname the question already used."""
    span = candidate.span
    if candidate.label != (span.name or span.text) and "(“" in candidate.label:
        nickname = candidate.label.split("(“", 1)[1].rstrip("”)")
        if fold(nickname) in fold(query.text):
            return candidate.label.split(" (“", 1)[0]
    return candidate.label


def short_answer(answers: Sequence[Candidate], query: Query) -> str | None:
    """The bare answer: names, a number, a place or a date, without citations."""
    return join_words([_shown(c, query) for c in answers]) if answers else None


def _preposition(candidate: Candidate) -> str:
    """The word the source puts before a date or place ("in October 2020", "on July 2"), if any."""
    text = candidate.sentence.sentence.text
    match = _PREPOSITION.search(text[: candidate.span.start])
    if match is None:
        return ""
    word = match.group(1).lower()
    the = "the " if text[match.end(1) : candidate.span.start].strip().lower() == "the" else ""
    return f"{word} {the}" if not candidate.span.text.lower().startswith("the ") else f"{word} "


def lead_sentence(query: Query, answers: Sequence[Candidate], marks: Sequence[str]) -> str:
    """The short answer as a sentence with a citation after each part: "Four soldiers were wounded [1]."."""
    parts = [f"{_shown(c, query)} {m}" for c, m in zip(answers, marks, strict=True)]
    listed = join_words(parts)
    question = query.text.strip().rstrip("?.! ").strip()
    several = len(answers) > 1
    first = answers[0]
    if query.kind == "who":
        if m := _WHO_PASSIVE.match(question):
            aux = (_PLURAL if several else _SINGULAR)[m["aux"].lower()]
            return f"{listed} {aux} {m['rest']}."
        if (m := _WHO_IS.match(question)) and not several:
            return f"{_capital(m['rest'])} {m['aux'].lower()} {listed}."
        if m := _WHO_ACTIVE.match(question):
            return f"{listed} {m['rest']}."
    if query.kind == "how_many" and not several:
        amount = first.span.name or first.span.text
        one = re.match(r"(?:\w+\s+)?(?:one|1|a|an|a single)\b", amount, re.I) is not None
        if m := _MANY_THERE.match(question):
            aux = (_SINGULAR if one else _PLURAL)[m["aux"].lower()]
            return f"There {aux} {amount}{m['rest']} {marks[0]}."
        if m := _MANY_PASSIVE.match(question):
            aux = (_SINGULAR if one else _PLURAL)[m["aux"].lower()]
            return f"{_capital(amount)} {aux} {m['rest']} {marks[0]}."
        if m := _MANY_ACTIVE.match(question):
            return f"{_capital(amount)} {m['rest']} {marks[0]}."
    if query.kind in {"when", "where"} and not several:
        prep = _preposition(first)
        if m := _WH_PASSIVE.match(question):
            verb = f"{m['aux'].lower()} {m['verb']}"
            return f"{_capital(m['subject'])} {verb} {prep}{_shown(first, query)} {marks[0]}."
        if prep:
            return f"{_capital(prep)}{_shown(first, query)} {marks[0]}."
    return f"{_capital(listed)}."


def compose(query: Query, answers: Sequence[Candidate], quotes: Sequence[tuple[int, int, str]]) -> str:
    """Markdown text: the lead sentence (when there are answers), then each cited sentence with its [n].

    `quotes` are (sentence id, n, quote) in citation order.
    """
    number = {sid: n for sid, n, _ in quotes}
    body = " ".join(f"{quote} [{n}]" for _, n, quote in quotes)
    if not answers:
        return body
    marks = [f"[{number[c.sentence.sentence.id]}]" for c in answers]
    return f"{lead_sentence(query, answers, marks)}\n\n{body}"
