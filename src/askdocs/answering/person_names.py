"""Person names: which of the names the follow-up rules take for people the tagger reads as something else (a
company, a place), so that "she" is never read as "Andina Minerals"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from askdocs.answering.tagger import NAME_LABELS, tagged_text

_WORD = re.compile(r"\w+")
_CITED = re.compile(r"\[\d+\]")
PERSON_LABEL = "PERSON"
"""The tagger's label of a person's name."""


class Parser(Protocol):
    """What is read of the tagger (askdocs.answering.tagger.Tagger): a spaCy Doc per text, None when unavailable."""

    def parse(self, text: str) -> object | None: ...


def not_people(names: Iterable[str], sentences: Sequence[str], tagger: Parser) -> frozenset[str]:
    """The names of several words that the tagger, in the `sentences` that name them, labels as another kind of
    name (ORG, GPE, ...) at least as often as PERSON: the rules read any run of capitalised words as a person's name
    ("operator Andina Minerals"). A lone name is left to the rules (the name a question asked about is "he" by
    them, and the tagger reads a lone surname as often as not as a company: "Tarkovsky died in Paris"), and so is a
    name the tagger labels nowhere, or any name when it is unavailable."""
    out = set()
    for name in dict.fromkeys(n for n in names if " " in n.strip()):
        tally = person_tally(name, sentences, tagger)
        if tally is None:
            return frozenset()
        person, other = tally
        if other and other >= person:
            out.add(name)
    return frozenset(out)


def person_tally(name: str, sentences: Sequence[str], tagger: Parser, whole: bool = False) -> tuple[int, int] | None:
    """In how many of the `sentences` the tagger reads `name` as a person's name, and in how many as another kind
    of name (ORG, GPE, ...) and no person's; with `whole`, the other kind counts only where the entity is the name
    itself. None when the tagger is unavailable."""
    person = other = 0
    own = set(_WORD.findall(name.lower()))
    for sentence in sentences:
        if set(_WORD.findall(_CITED.sub("", sentence).lower())) <= own:
            continue  # the name alone (a short answer's line, "Carolina Mendez [2]"): no sentence to read its kind in
        read = readings(name, tagged_text(sentence), tagger)
        if read is None:
            return None
        labels, is_whole = read
        person += PERSON_LABEL in labels
        other += (is_whole or not whole) and PERSON_LABEL not in labels and bool(labels & NAME_LABELS)
    return person, other


def readings(name: str, sentence: str, tagger: Parser) -> tuple[set[str], bool] | None:
    """The tagger's labels of the entities overlapping `name` where `sentence` says it (empty when it does not), and
    whether one of them is the name itself (but for a "the" before it, "the London Underground", and a year the
    tagger runs on with, "the Great Orsa Flood of 1893"); None when the tagger is unavailable."""
    places = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)]
    if not places:
        return set(), False
    doc = tagger.parse(sentence)
    if doc is None:
        return None
    ents = [e for e in getattr(doc, "ents", ()) for a, b in places if e.start_char < b and a < e.end_char]
    whole = any(_YEAR.sub("", _THE.sub("", sentence[e.start_char : e.end_char])) == name for e in ents)
    return {e.label_ for e in ents}, whole


_THE = re.compile(r"^the\s+", re.I)
_YEAR = re.compile(r"\s+(?:of|in)(?:\s+\d{4})?$")
"""A year after a name that the tagger takes into it ("the Great Orsa Flood of 1893"; "... Flood of" where it
stops short): the name is still the whole entity."""
