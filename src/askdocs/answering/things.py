"""Things: what a follow-up's "it" may stand for. The thing the last question asked about comes first (the answer
to "Which yacht took line honours?", the name "What is Solaris?" asks about), then its other names, then the noun it
asked for ("the yacht"); never a person, nor a place ("How long did it take?" after a question naming Sydney is not
"How long did Sydney take?") but the place the question was about, its subject ("When was the Eiffel Tower built?",
"Where is Andorra?"): a wrong rewrite is worse than the question as asked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from askdocs.answering.person_names import PERSON_LABEL, Parser, person_tally, readings
from askdocs.answering.query import asked_name, asked_thing, person_noun, person_sense, question_kind, reads_plural
from askdocs.answering.tagger import NAME_LABELS, tagged_text
from askdocs.lang.en import EN

PLACE_LABELS = frozenset({"GPE", "LOC"})
"""The tagger's labels of places: no place's name is "it", but the one the last question was about."""
THING_KINDS = frozenset({"which", "what"})
"""Question kinds whose answer may be the thing "it" stands for next ("Which yacht ...?")."""


def thing_candidates(
    question: str, kind: str, short_names: Sequence[str], names: Sequence[str], places: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """What "it" may stand for after `question` (most salient first), those of them the question tells are things,
    whatever the names read as, and the question's `topic`: the one name answering a question that asks for a thing
    ("Which yacht ...?"; told a thing unless the noun may name a person too: "Which tenor ...?"), the name a "What
    is ...?" question asks about, the topic, and the noun asked for ("the yacht", not a plural's), last. `names`
    are the turn's other names, in order; `places` those the rules read as places, which are left out but for the
    topic."""
    kind = kind or question_kind(question)
    noun = asked_thing(question) if kind in THING_KINDS else None
    last = noun.split()[-1] if noun else ""
    asked = [short_names[0]] if noun and len(short_names) == 1 else []
    name = asked_name(question)
    if name is not None and re.match(r"^\s*what\b", question, re.I):
        asked.append(name)  # "What is Solaris?": a thing, though the tagger reads "Solaris" as a person
    about = None if noun is not None or kind == "who" else topic(question, names)
    left_out = set(places) - {about}
    things = [n for n in dict.fromkeys([*asked, about, *names]) if n and n not in left_out]
    # the answer to "Which tenor ...?" may be a person's name, which is then no "it"; "the tenor" still is
    told = [n for n in asked if n in things and not (noun is not None and n == short_names[0] and person_sense(last))]
    if noun is not None and not reads_plural(last):  # "it" is no "the rivers"
        things.append(f"the {noun}")
        told.append(f"the {noun}")
    return tuple(things), tuple(told), about


_SUBJECT = re.compile(
    r"^\s*(?:(?:when|where|why|(?:what|which|how)(?:\s+(?:many|much))?(?:\s+[a-z]+)?)\s+)?"
    r"(?P<verb>is|was|are|were|has|have|had|does|did|do|will|would|can|could)\s+(?:the\s+)?(?P<rest>.+)$",
    re.I,
)
_BEING = frozenset({"is", "was", "are", "were"})
_JOINING = EN.name_connectors | {"to", "of", "and", "&", "-", "–"}
"""Lowercase words that join a name to a longer one ("Sydney to Hobart", "Bank of England")."""


def topic(question: str, names: Sequence[str]) -> str | None:
    """The one of `names` that `question` is about: its subject, a whole name, right after the question's verb
    ("When was the Eiffel Tower built?", "Where is Andorra?", "What year was Canberra founded?"); None when it is
    no name ("When did the race leave Sydney?"), or only part of a longer one ("the Sydney to Hobart"), or the
    question asks who."""
    found = _SUBJECT.match(question)
    if found is None or re.match(r"^\s*who", question, re.I):
        return None
    rest = found["rest"]
    for name in sorted(names, key=len, reverse=True):
        if not rest.startswith(name) or re.match(r"\w", rest[len(name) :]):
            continue
        after = rest[len(name) :].split()
        nxt = after[0].strip("?.!,") if after else ""
        if not nxt or (nxt[:1].islower() and nxt not in _JOINING):
            return name
        return None
    return None


def lone_thing(question: str, name: str, sentences: Sequence[str], tagger: Parser) -> bool:
    """Whether a lone name `question` is about, which the rules cannot tell from a person's, is a thing's or a
    place's: the question says what it is or what was done to it ("Where is Andorra?", "When was Sydney founded?")
    and the tagger reads it as a thing's name (`named_thing`); or it says what it did and the tagger reads it, in
    every sentence saying it, as a whole name of a company's, a product's or another thing's, never a person's nor
    a place's ("When did Google acquire YouTube?"; not "Where did Tarkovsky die?", "Where did Washington cross the
    Delaware?")."""
    found = _SUBJECT.match(question)
    if found is None:
        return False
    if found["verb"].lower() in _BEING:
        return named_thing(name, sentences, tagger)
    return _thing_everywhere(name, sentences, tagger)


THING_LABELS = NAME_LABELS - PLACE_LABELS - {PERSON_LABEL}
"""The tagger's labels of names that are neither a person's nor a place's (a company's, a product's, a work's)."""


def _thing_everywhere(name: str, sentences: Sequence[str], tagger: Parser) -> bool:
    """Whether the tagger reads `name`, in each of the `sentences` that say it, as the whole name of a thing that
    is no person and no place (`THING_LABELS`): a name that did something is as often a person's."""
    said = 0
    for sentence in sentences:
        text = tagged_text(sentence)
        if not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            continue
        read = readings(name, text, tagger)
        if read is None:
            return False
        labels, whole = read
        if not whole or PERSON_LABEL in labels or not labels & THING_LABELS or labels & PLACE_LABELS:
            return False
        said += 1
    return said > 0


def not_things(
    names: Iterable[str], told: Iterable[str], sentences: Sequence[str], tagger: Parser, about: str | None = None
) -> frozenset[str]:
    """The names the tagger, in the `sentences` that say them, reads as a place's (but for the question's topic,
    `about`), or (but for those the question `told` are things) as a person's or as part of a longer name ("Swedish
    Round" of "Swedish Round the World"), at least as often as a thing's name: none of them is "it". Nothing when
    the tagger is unavailable (the rules alone then tell)."""
    told = set(told)
    out = set()
    for name in dict.fromkeys(names):
        bad_labels = set() if name == about else set(PLACE_LABELS)
        bad_labels |= set() if name in told else {PERSON_LABEL}
        bad = other = 0
        for sentence in sentences:
            read = readings(name, tagged_text(sentence), tagger)
            if read is None:
                return frozenset()
            labels, whole = read
            wrong = bool(labels & bad_labels) or (name not in told and bool(labels) and not whole)
            bad += wrong
            other += not wrong and bool(labels & NAME_LABELS)
        if bad and bad >= other:
            out.add(name)
    return frozenset(out)


def named_thing(name: str, sentences: Sequence[str], tagger: Parser) -> bool:
    """Whether the tagger, in the `sentences` that say `name`, reads it as the whole name of something other than a
    person ("Andorra" as a company's or a place's) at least once, and at least as often as a person's."""
    tally = person_tally(name, sentences, tagger, whole=True)
    if tally is None:
        return False
    person, other = tally
    return other > 0 and other >= person


_CORE = frozenset({"nsubj", "nsubjpass", "dobj"})


_OTHER_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"})
"""Labels of words that are never what "it" stands for: people, places, nationalities, dates and numbers."""


def _rival_things(doc: object, span: object) -> bool:
    """Whether the question names a thing outside `span`, a noun that is neither a question word, a person's noun,
    nor a person, a place, a date or a number ("the budget" of "When did the council approve the budget?"): then
    "it" may be either, and is left as asked."""
    for token in doc:  # type: ignore[attr-defined]
        if span.start <= token.i < span.end or token.pos_ not in ("NOUN", "PROPN"):  # type: ignore[attr-defined]
            continue
        if token.tag_.startswith("W") or person_noun(token.lower_) or token.ent_type_ in _OTHER_LABELS:
            continue
        return True
    return False


def subject_phrase(question: str, tagger: Parser) -> str | None:
    """The thing a question's clause is about when it names no thing by a name: its subject ("the strike" of "When
    did the strike begin?"), or its object when the subject is a question word or a person ("the election" of "Who
    won the election?", "the bridge" of "Why did the mayor close the bridge?"), with what qualifies it ("the
    population of Halden"); None when the question names another thing besides ("When did the council approve the
    budget?"), for a plural (no "it"), a name, or when the parse has no verb but "do" (it read "the new stadium
    cost" of "How much did the new stadium cost?" as one noun)."""
    doc = tagger.parse(question)
    if doc is None:
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)  # type: ignore[attr-defined]
    if root is None or root.lemma_ == "do":
        return None
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    objects = [t for t in root.children if t.dep_ == "dobj"]
    if len(subjects) > 1 or len(objects) > 1:
        return None
    for head in (*subjects, *objects):
        if head.tag_.startswith("W") or head.pos_ == "PRON" or person_noun(head.lower_):
            continue  # "Who", "he", "the mayor": the object, if any, is what the clause is about
        span = doc[head.left_edge.i : head.right_edge.i + 1]  # type: ignore[index]
        if head.pos_ != "NOUN" or head.tag_ != "NN" or any(t.tag_.startswith("W") or t.pos_ == "PRON" for t in span):
            return None
        if _rival_things(doc, span):
            return None
        first = span[0]
        if first.lower_ in ("a", "an"):  # "When did a fire break out?": then "it" is the fire
            return f"the {span[1:].text}"
        return span.text if first.pos_ == "DET" else f"the {span.text}"
    return None


_BE = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s"})


def it_standing_for(question: str, tagger: Parser) -> tuple[int, int] | None:
    """Where the first "it" of a question that stands for a thing is (start, end): the subject or object of a verb
    of doing ("How long did it last?", "Who opposed it?"), not of "be", whose "it" is as often no thing ("Is it true
    that ...?", "What time is it?", "How far is it from Oslo?"), nor "take ... to" ("How long did it take to put it
    out?": the second "it" is)."""
    doc = tagger.parse(question)
    if doc is None:
        return None
    for token in doc:  # type: ignore[attr-defined]
        if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.pos_ == "AUX" or verb.lower_ in _BE:
            continue
        if verb.lower_ in ("take", "takes", "took", "taken") and any(c.dep_ == "xcomp" for c in verb.children):
            continue
        return token.idx, token.idx + len(token.text)
    return None
