"""Things: what a follow-up's "it" may stand for. The thing the last question asked about comes first (the answer
to "Which yacht took line honours?", the name "What is Solaris?" asks about), then its other names, then the noun it
asked for ("the yacht"); never a person, nor a place ("How long did it take?" after a question naming Sydney is not
"How long did Sydney take?"): a wrong rewrite is worse than the question as asked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from askdocs.answering.person_names import Parser
from askdocs.answering.query import asked_name, asked_thing, question_kind
from askdocs.answering.tagger import NAME_LABELS, tagged_text

PLACE_LABELS = frozenset({"GPE", "LOC"})
"""The tagger's labels of places: no place's name is "it"."""
PERSON_LABEL = "PERSON"
THING_KINDS = frozenset({"which", "what"})
"""Question kinds whose answer may be the thing "it" stands for next ("Which yacht ...?")."""


def thing_candidates(
    question: str, kind: str, short_names: Sequence[str], names: Iterable[str], places: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What "it" may stand for after `question` (most salient first), and those of them the question tells are
    things, whatever the names read as: the one name answering a question that asks for a thing ("Which yacht
    ...?"), the name a "What is ...?" question asks about, and the noun asked for ("the yacht"), last. `names` are
    the turn's other names, in order; `places` those the rules read as places, which are left out."""
    kind = kind or question_kind(question)
    noun = asked_thing(question) if kind in THING_KINDS else None
    asked = [short_names[0]] if noun and len(short_names) == 1 else []
    name = asked_name(question)
    if name is not None and re.match(r"^\s*what\b", question, re.I):
        asked.append(name)  # "What is Solaris?": a thing, though the tagger reads "Solaris" as a person
    left_out = set(places)
    things = [n for n in dict.fromkeys([*asked, *names]) if n and n not in left_out]
    told = [n for n in asked if n in things]
    if noun is not None:
        things.append(f"the {noun}")
        told.append(f"the {noun}")
    return tuple(things), tuple(told)


def not_things(names: Iterable[str], told: Iterable[str], sentences: Sequence[str], tagger: Parser) -> frozenset[str]:
    """The names the tagger, in the `sentences` that say them, reads as a place's, or (but for those the question
    `told` are things) as a person's or as part of a longer name ("Swedish Round" of "Swedish Round the World"), at
    least as often as a thing's name: none of them is "it". Nothing when the tagger is unavailable (the rules alone
    then tell)."""
    told = set(told)
    out = set()
    for name in dict.fromkeys(names):
        bad_labels = PLACE_LABELS if name in told else PLACE_LABELS | {PERSON_LABEL}
        bad = other = 0
        for sentence in sentences:
            read = _readings(name, tagged_text(sentence), tagger)
            if read is None:
                return frozenset()
            labels, whole = read
            wrong = bool(labels & bad_labels) or (name not in told and bool(labels) and not whole)
            bad += wrong
            other += not wrong and bool(labels & NAME_LABELS)
        if bad and bad >= other:
            out.add(name)
    return frozenset(out)


def _readings(name: str, sentence: str, tagger: Parser) -> tuple[set[str], bool] | None:
    """The tagger's labels of the entities overlapping `name` where `sentence` says it, and whether one of them is
    the name itself (but for a "the" before it: "the London Underground"); None when the tagger is unavailable."""
    places = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)]
    if not places:
        return set(), False
    doc = tagger.parse(sentence)
    if doc is None:
        return None
    ents = [e for e in getattr(doc, "ents", ()) for a, b in places if e.start_char < b and a < e.end_char]
    whole = any(_THE.sub("", sentence[e.start_char : e.end_char]) == name for e in ents)
    return {e.label_ for e in ents}, whole


_THE = re.compile(r"^the\s+", re.I)
