"""Definitions: "Who is Ana Lopez?" asks what the documents call someone, not for another name. Its short answer is
the description the text attaches to the name, read off the parse: the words before the name in its noun phrase
("security analyst Ana Lopez") and an apposition after it ("Ana Lopez, founder of a firm"), or, when the name is
itself the apposition ("Juan Perez, 'El Gordo'"), what it stands beside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from askdocs.answering.decision import SHORT_POOL, Finding
from askdocs.answering.evidence import Evidence
from askdocs.answering.query import NAME_PARTICLES
from askdocs.answering.short_answer import TOP_SENTENCES, Span
from askdocs.answering.tagger import NAME_LABELS, Tagger
from askdocs.text.normalize import fold
from askdocs.text.safe import clean

_BEFORE = frozenset({"compound", "amod", "poss", "nmod", "nummod"})
"""Dependencies that bring a description before the name ("former", "Mexico's", "security analyst")."""
_TRIM = frozenset({"DET", "PUNCT", "CCONJ"})
_BE = frozenset({"is", "was", "are", "were", "’s", "'s"})
_NAMED = NAME_LABELS
"""The tagger's labels of names: the words of such an entity around the asked name are the name, not its
description."""
_NAME_PART = re.compile(r"[\w’'-]+")


def definition(name: str, sentences: Sequence[str], tagger: Tagger) -> list[tuple[Span, float]]:
    """The description of `name` in the first of the best sentences that gives one, as a short answer of that
    sentence (position), or nothing."""
    for position, text in enumerate(sentences[:TOP_SENTENCES]):
        doc = tagger.parse(clean(text, lines=False))  # a document's escape sequences are no part of a description
        if doc is None:
            return []
        if (found := describe(doc, name)) is not None:
            return [(Span(found, "DESCRIPTION", position, 0, 0), 1.0)]
    return []


def described(finding: Finding, evidence: Evidence, name: str, tagger: Tagger) -> Finding:
    """A refused "who/what is NAME?" answered after all when one of the best sentences describes NAME: that is
    what the question asks. (The answerable model saw one such question in its data, and a bare name sits far
    from any sentence by meaning, so it refuses them.) The describing sentence is cited first."""
    pool = [s for s in evidence.ranked if not s.heading][:SHORT_POOL]
    found = definition(name, [s.sentence.text for s in pool], tagger)
    if not found:
        return finding
    best = pool[found[0][0].sentence]
    rest = tuple(s for s in pool if s is not best)
    return Finding(True, (best,), (f"a sentence says who or what {name} is",), finding.confidence, (best, *rest))


def description_first(finding: Finding, found: list[tuple[Span, float]]) -> tuple[Finding, list[tuple[Span, float]]]:
    """The sentence describing the asked name cited first, its description then a short answer of citation [1]:
    a sentence about another person of the family ranked above it ("Who is Laura Chen?" over a sentence about
    David Chen) is not what the question asks about."""
    span, score = found[0]
    if span.sentence == 0 or span.sentence >= len(finding.pool):
        return finding, found
    best = finding.pool[span.sentence]
    cited = (best, *(s for s in finding.sentences if s is not best))
    pool = (best, *(s for s in finding.pool if s is not best))
    return replace(finding, sentences=cited, pool=pool), [(replace(span, sentence=0), score)]


def describe(doc: Any, name: str) -> str | None:
    """What the parsed sentence `doc` says `name` is, or None when it names it without a description."""
    wanted = {fold(w) for w in _NAME_PART.findall(name)} - NAME_PARTICLES
    mention = [t for t in doc if fold(t.text) in wanted]
    if not wanted or {fold(t.text) for t in mention} != wanted:
        return None
    inside = {t.i for t in mention}
    roots = [t for t in mention if t.head.i not in inside or t.head.i == t.i]
    if len(roots) != 1:
        return None
    root, first = roots[0], min(inside)
    for ent in doc.ents:  # "Who is Lopez?" of "analyst Ana Lopez": the rest of the name is not what she is
        if ent.start <= root.i < ent.end and ent.label_ in _NAMED and ent.start < first:
            whole = _description(doc, root, ent.start, inside | set(range(ent.start, ent.end)))
            if whole is not None:
                return whole
            # "Superintendent Grace Liu" is one name to the tagger: its title is all the description there is
    return _description(doc, root, first, inside)


def _description(doc: Any, root: Any, first: int, inside: set[int]) -> str | None:
    """The description of the name whose words are `inside` (its root `root`, its first word `first`)."""
    parts = []
    before = [c for c in root.children if c.i < first and c.dep_ in _BEFORE and c.i not in inside]
    if before:
        start = min(min(t.i for t in c.subtree) for c in before)
        parts.append(_words(doc[start:first]))
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            parts.append(_words(doc[child.left_edge.i : child.right_edge.i + 1]))
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in _BE:  # "The Rhine is a European river ..."
        for attr in (c for c in root.head.children if c.dep_ == "attr" and c.i > root.i):
            parts.append(_words(doc[attr.left_edge.i : attr.i + 1]))
    if root.dep_ == "appos" and root.head.i < first:
        head = root.head
        around = [t for t in head.subtree if t.i < first and t.i not in {s.i for s in root.subtree}]
        parts.append(_words(around))
    found = [p for p in parts if p]
    return ", ".join(found) if found else None


def _words(tokens: Any) -> str:
    """The tokens as text without determiners, punctuation or conjunctions at either end."""
    tokens = list(tokens)
    while tokens and tokens[0].pos_ in _TRIM:
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in _TRIM:
        tokens = tokens[:-1]
    return "".join(t.text_with_ws for t in tokens).strip()
