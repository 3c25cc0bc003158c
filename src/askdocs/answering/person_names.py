"""Person names: which of the names the follow-up rules take for people the tagger reads as something else (a
company, a place), so that "she" is never read as "Andina Minerals"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from askdocs.answering.tagger import NAME_LABELS, tagged_text


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
        person = other = 0
        for sentence in sentences:
            labels = _labels(name, tagged_text(sentence), tagger)
            if labels is None:
                return frozenset()
            person += "PERSON" in labels
            other += "PERSON" not in labels and bool(labels & NAME_LABELS)
        if other and other >= person:
            out.add(name)
    return frozenset(out)


def _labels(name: str, sentence: str, tagger: Parser) -> set[str] | None:
    """The tagger's labels of the entities that overlap `name` where `sentence` says it (empty when it does not);
    None when the tagger is unavailable."""
    places = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)]
    if not places:
        return set()
    doc = tagger.parse(sentence)
    if doc is None:
        return None
    ents = getattr(doc, "ents", ())
    return {e.label_ for e in ents for start, end in places if e.start_char < end and start < e.end_char}
