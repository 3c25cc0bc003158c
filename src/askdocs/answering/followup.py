"""Follow-up questions: carry the people, things and dates of the last turn into "Where was he arrested?" or
"And on July 3?", by plain rules that the rewritten question shows to the user."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from askdocs.answering.entities import question_entities
from askdocs.answering.entities.people import NameBook, spans_of
from askdocs.answering.person_names import Parser, not_people
from askdocs.answering.query import asked_name, person_noun
from askdocs.answering.things import it_standing_for, lone_thing, not_things, subject_phrase, thing_candidates
from askdocs.ingest.dates import find_dates
from askdocs.lang.en import EN
from askdocs.text.normalize import fold, vocabulary
from askdocs.text.options import DASHES, OPTION, options_in

if TYPE_CHECKING:
    from askdocs.answering.types import Answer


@dataclass(frozen=True)
class Turn:
    """One earlier question and its answer, with the names and dates a follow-up may refer to (most salient first)."""

    question: str
    answer: str = ""
    entities: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    """Who "he", "she" or "they" may be, most salient first: besides the people named, a lone capitalised name the
    question asked about ("Tarkovsky"), which the rules cannot tell from a thing; empty: the people of `entities`."""
    rivals: tuple[str, ...] = ()
    """Who else "he" or "she" may be: the person the turn's question or its answer names first, when it is not the
    first of `people` (after "Who introduced Ada Lovelace to Babbage?", answered "Mary Somerville", Ada Lovelace);
    a follow-up is then read each way (askdocs.answering.readings), and the documents tell which."""
    not_people: tuple[str, ...] = ()
    """Names the rules read as people's that the tagger reads as a company's or a place's (askdocs.answering.
    person_names): never "he" or "she"."""
    things: tuple[str, ...] | None = None
    """What "it" may stand for, most salient first (askdocs.answering.things): the thing the question asked about,
    its other names, the answer's, and last the noun it asked for ("the yacht"); no name the rules read as a
    place's but the `topic`. None: the entities that are not people."""
    told: tuple[str, ...] = ()
    """Those of `things` the question tells are things (the answer to "Which yacht ...?"): "it" even where the rules
    or the tagger read them as a person's."""
    not_things: tuple[str, ...] = ()
    """Names the tagger reads as a place's (but for the `topic`) or a person's (but for `told`): never "it"."""
    topic: str | None = None
    """The name the question was about, its subject ("When was the Eiffel Tower built?"): "it" though a place."""
    topic_thing: bool = False
    """Whether the `topic`, a lone name the rules may take for a person's, is a thing's (things.lone_thing)."""


_ELLIPSIS = re.compile(
    r"^(?:" + "|".join(w.replace(" ", r"\s+") for w in EN.follow_up_openers) + r")\s+(?P<rest>.+)$", re.I
)
_WH = re.compile(r"^(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|did|does|do)\b", re.I)
_PERSONAL = re.compile(r"\b(?P<p>" + "|".join(EN.personal_pronouns) + r")\b", re.I)
_POSSESSIVE = re.compile(r"\b(?P<p>" + "|".join(EN.possessive_pronouns) + r")\b", re.I)
_HER = re.compile(r"\bher\b(?P<next>\s+\w+)?", re.I)
_IT = re.compile(r"\bit\b", re.I)
_THEN = re.compile(
    r"\b(?:on\s+)?(?:that\s+(?:same\s+)?day|the\s+same\s+day|that\s+date)\b|\b(?:at\s+that\s+time|back\s+then|then)\s*(?=\?|$)",
    re.I,
)
_LABEL_NICK = re.compile(r"\s*\(“[^”]*”\)")
_NOT_NOUN = vocabulary("was were is are be been did does do has have had and or to in on at by for with")


_MARKER = re.compile(r"\s*\[\d+\]")
"""An answer's citation marker ("... in Paris. [1]")."""


def _sentences(text: str) -> list[str]:
    """An answer's sentences without their citation markers, each ending as a sentence does; its lead of short
    answers ("Carolina Mendez [2]") is one of its own."""
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n", _MARKER.sub("", text))
    return [p if p.endswith((".", "!", "?")) else p + "." for p in parts if p.strip()]


def _names(text: str) -> tuple[list[str], list[str], list[str]]:
    """People, lone names that may be people (a surname: "Tarkovsky"), and all other names, mentioned in a text."""
    people, lone, others = [], [], []
    for sentence in _sentences(text):
        for span in spans_of(sentence):
            name = span.name or span.text
            if span.kind == "person":
                people.append(name)
            elif span.kind in {"place", "org", "name", "nickname"}:
                others.append(name)
                if span.kind == "name" and " " not in name and not name.isupper():  # not "NATO", not "Stalker 2"
                    lone.append(name)
    return people, lone, others


def _people(entities: Sequence[str], said: str = "") -> list[str]:
    """The entities that are people's names, but for any `said` (the turn's words) calls "the ...": "the London
    Underground" is no one's name."""
    return [
        e
        for e in entities
        if any(s.kind in {"person", "nickname"} for s in spans_of(f"They met {e} there.")) and not _called_the(e, said)
    ]


def _persons(names: Sequence[str], said: str = "") -> list[str]:
    """The names read as people's full names (not a nickname, nor a lone name that may be a thing's: "Dune",
    "Microsoft"), but for any `said` calls "the ..."."""
    return [n for n in _people(names, said) if any(s.kind == "person" for s in spans_of(f"They met {n} there."))]


def _called_the(name: str, said: str) -> bool:
    """Whether `said` calls `name` "the ..." ("the London Underground", "the Harry Potter books"): no one's name
    takes "the"; "the Marie Curie Institute" is another name, which names no thing Marie Curie."""
    return re.search(rf"\bthe\s+{re.escape(name)}(?!\w)(?!\s+(?-i:[A-Z]))", said, re.I) is not None


def _date_texts(text: str) -> list[str]:
    return [m.text for m in find_dates(text) if m.range is not None]


def _replace_dates(question: str, new: str) -> str:
    mentions = [m for m in find_dates(question) if m.range is not None]
    if not mentions:
        return f"{question.rstrip('?. ')} {new}?"
    m = mentions[0]
    before = question[: m.start]
    new_text = re.sub(r"^(?:on|in|at|during)\s+", "", new, flags=re.I)
    return before + new_text + question[m.end :]


def _replace_entity(question: str, entities: Sequence[str], new: str) -> str:
    """The question with the first of `entities` it says, as a whole word, replaced by `new` ("Where was Ortiz
    born?" and "Herrera"), else `new` added at its end."""
    for entity in entities:
        found = re.search(rf"(?<!\w){re.escape(entity)}(?!\w)", question, re.I)
        if found:
            return question[: found.start()] + new + question[found.end() :]
    return f"{question.rstrip('?. ')} {new}?"


def _ellipsis(question: str, last: Turn) -> str | None:
    """ "And on July 3?" / "What about Herrera?": the last question again, with the new date or name."""
    m = _ELLIPSIS.match(question.strip())
    if m is None:
        return None
    rest = m["rest"].strip().rstrip("?.! ")
    if _WH.match(rest) or not rest:
        return None
    if _date_texts(rest):
        return _replace_dates(last.question, rest)
    if options_in(rest) and options_in(last.question):  # "And -L?" after "What does curl -O do?"
        return _replace_option(last.question, rest)
    names = question_entities(rest) or (rest,)
    asked = question_entities(last.question)
    return _replace_entity(last.question, list(asked) or list(last.entities), names[0])


def _replace_option(question: str, new: str) -> str:
    """ "What does curl -O do?" and "-L" or "grep -c": the question about the new option, and about the new command
    too when `new` names one before its option (the word before the question's first option is its command)."""
    first = OPTION.search(question)
    if first is None:
        return f"{question.rstrip('?. ')} {new}?"
    start = first.start()
    if not new.lstrip().startswith(("-", *DASHES)):
        command = re.search(r"(?:^|\s)(?P<word>[\w.+]+(?:'s)?)\s+$", question[:start])
        if command is not None and not _WH.fullmatch(command["word"]):
            start = command.start("word")
    return question[:start] + new.strip() + question[first.end() :]


def _pronouns(question: str, last: Turn, person: str | None = None) -> str:
    """The question with the last turn's people, things and dates for its pronouns; "he" or "she" is `person` when
    given, else the first of the turn's people."""
    named = _named(last)
    people = list(last.people) or named
    if people:
        one = person or people[0]
        # "they" stands for several people tagged as such: never for a lone name ("Did Google sue Oracle?"), nor for
        # one name alone, which is as often a company's ("Did Acme sue Brightline?": "Brightline Systems" reads as a
        # person's name)
        plural = list(dict.fromkeys(p for p in people if p in named))[:3]
        everyone = " and ".join(plural) if len(plural) > 1 else ""

        def personal(m: re.Match[str]) -> str:
            if m["p"].lower() in {"they", "them"}:
                return everyone or m[0]
            return one

        def possessive(m: re.Match[str]) -> str:
            if m["p"].lower() == "their":
                return f"{everyone}’s" if everyone else m[0]
            return f"{one}’s"

        def her(m: re.Match[str]) -> str:
            nxt = m["next"] or ""
            noun = nxt.strip() and nxt.strip().lower() not in _NOT_NOUN
            return f"{one}’s{nxt}" if noun else f"{one}{nxt}"

        question = _POSSESSIVE.sub(possessive, _HER.sub(her, _PERSONAL.sub(personal, question)))
    things = _things(last, named)
    if things and _IT.search(question):
        question = _IT.sub(things[0], question, count=1)
    if last.dates and _THEN.search(question):
        date = last.dates[0]
        prep = "in" if re.fullmatch(r"(?:\w+\s+)?\d{4}", date) else "on"
        question = _THEN.sub(f"{prep} {date}", question, count=1)
    return question


_PERSON = re.compile(r"\b(?P<p>" + "|".join(EN.person_pronouns) + r")\b", re.I)


def unnamed_person(question: str) -> str | None:
    """The pronoun of a question that says "he" or "her" but names nobody ("Where was he arrested?"), as typed;
    None when it names someone (a capitalised word after the first) or uses no such pronoun."""
    found = _PERSON.search(question)
    if found is None or any(w[:1].isupper() for w in question.split()[1:] if w.lower() != found["p"].lower()):
        return None
    if _described_person(question[: found.start()]) or (
        (subject := _SUBJECT.search(question)) is not None and _described_person(subject.group())
    ):
        return None  # "the mayor ... her plan", "her customers does the bakery owner expect": the pronoun's person
    return found["p"]


_THE = re.compile(r"\bthe\s+((?:[a-z-]+\s+){0,2}[a-z-]+)\b")
_SUBJECT = re.compile(
    r"\b(?:does|did|do|is|was|are|were|will|would|can|could|has|have|had)\s+the\s+(?:[a-z-]+\s+){0,2}[a-z-]+"
)
"""The subject after a question's auxiliary ("does the bakery owner"): whom a pronoun before it may stand for."""


def _described_person(text: str) -> bool:
    """Whether `text` names someone by what they are ("the bakery owner", "the mayor"), which a pronoun stands for."""
    return any(person_noun(w) for m in _THE.finditer(text) for w in m.group(1).split())


def _things(last: Turn, named: Sequence[str]) -> list[str]:
    """What "it" may stand for, most salient first: never a person by the rules, nor a name that stands for "he" or
    "she" ("Tarkovsky" after "Where did Tarkovsky die?"; not "the Titanic"), but a thing the question told of or
    its topic the tagger reads as a thing; nor a name the tagger reads as a person's or a place's (but the topic)."""
    said = f"{last.question}\n{last.answer}"
    people = {p for p in (*named, *last.people) if not _called_the(p, said)}
    things = last.entities if last.things is None else last.things
    told = {*last.told, last.topic} if last.topic_thing else set(last.told)
    kept = [t for t in things if (t in told or t not in people) and t not in last.not_things]
    # a subject set aside as maybe a person's ("When did Bezos found Amazon?"): not the name after it either
    return [] if last.topic is not None and last.topic in things and last.topic not in kept else kept


def _named(last: Turn) -> list[str]:
    """The last turn's entities that are people's names, by the rules, but for those the tagger read otherwise."""
    return [p for p in _people(last.entities, f"{last.question}\n{last.answer}") if p not in last.not_people]


def _last(turns: Sequence[Turn], tagger: Parser | None = None) -> Turn:
    """The last turn, its names read from its words when it came without them; with a `tagger`, without the
    people it reads as no one's name ("she" after "... from operator Andina Minerals" is not the company), and
    without the things it reads as a place's or a person's ("it" after a question naming Sydney is not Sydney), but
    for the place the question was about ("it" after "Where is Andorra?" is Andorra)."""
    last = turns[-1]
    last = turn_from_text(last.question, last.answer) if not last.entities and not last.dates else last
    if tagger is None:
        return last
    said = [last.question, *_sentences(last.answer)]
    places = not_things(last.entities if last.things is None else last.things, last.told, said, tagger, last.topic)
    last = replace(last, not_things=tuple(sorted(places))) if places else last
    if (topic := last.topic) is not None and topic in last.people and topic not in _named(last):  # "Andorra"
        last = replace(last, topic_thing=lone_thing(last.question, topic, said, tagger))
    others = not_people([*last.people, *last.rivals, *last.entities], said, tagger)
    if not others:
        return last
    kept = tuple(p for p in last.people if p not in others)
    return replace(last, people=kept, rivals=tuple(p for p in last.rivals if p not in others), not_people=(*others,))


def _subject_reading(question: str, last: Turn, tagger: Parser) -> str | None:
    """The question with its "it" as the last question's subject (or object), when "it" stands for a thing there
    (`it_standing_for`) and the last question names no thing but inside that phrase ("Acme" of "the Acme strike"):
    "How long did it last?" after "When did the strike begin?" asks how long the strike lasted; "it" after "What did
    the council decide about Project Nova?" may be either, and is left as asked."""
    things = _things(last, _named(last))
    named = [e for e in (*last.entities, *things) if e in last.question]
    if len(things) > 1 or (spot := it_standing_for(question, tagger)) is None:
        return None
    phrase = subject_phrase(last.question, tagger)
    if phrase is None or not all(n in phrase for n in named):
        return None
    return question[: spot[0]] + phrase + question[spot[1] :]


def _for_pronouns(question: str, tagger: Parser | None) -> Parser | None:
    """The tagger, when the question says "he", "she", "his", "her" or "it" (it is not waited for otherwise)."""
    return tagger if _PERSON.search(question) or _IT.search(question) else None


def rewrite_question(question: str, turns: Sequence[Turn], tagger: Parser | None = None) -> tuple[str, bool]:
    """The question with references to the last turn spelled out, and whether anything changed; with a `tagger`,
    "he" or "she" is only ever a name it does not read as a company's or a place's, and "it" never one it reads as
    a place's (unless the last question was about it) or (unless the last question asked for a thing) a person's."""
    if not turns:
        return question, False
    last = _last(turns, _for_pronouns(question, tagger))
    read = (
        _subject_reading(question, last, tagger) if tagger is not None and _IT.search(question) else None
    ) or question
    rewritten = _ellipsis(read, last) or _pronouns(read, last)
    rewritten = " ".join(rewritten.split())
    return rewritten, fold(rewritten) != fold(" ".join(question.split()))


def person_meant(turns: Sequence[Turn], tagger: Parser | None = None) -> str | None:
    """Who "he" or "she" stands for by the follow-up rules (see `rewrite_question`), if anyone."""
    if not turns:
        return None
    last = _last(turns, tagger)
    people = list(last.people) or _named(last)
    return people[0] if people else None


def other_readings(question: str, turns: Sequence[Turn], tagger: Parser | None = None) -> tuple[tuple[str, str], ...]:
    """The question read with each of the last turn's `rivals` for its "he", "she", "his" or "her", besides the
    reading `rewrite_question` gives, each with the person it reads in: empty when only one person can be meant, or
    the question is an elliptical one ("What about Herrera?")."""
    if not turns or _PERSON.search(question) is None:
        return ()
    last = _last(turns, tagger)
    if not last.rivals or _ellipsis(question, last) is not None:
        return ()
    first = fold(rewrite_question(question, turns, tagger)[0])
    readings = {" ".join(_pronouns(question, last, rival).split()): rival for rival in last.rivals}
    return tuple((r, rival) for r, rival in readings.items() if fold(r) != first)


def turn_from_text(question: str, answer: str = "", short: str | None = None, kind: str = "") -> Turn:
    """A turn's names and dates from its words: a who-answer's people first, then the question's own names. Who
    "he" is next: after a who-question the people the answer names ("Who killed X?" then "When was he sentenced?"),
    else the people the question names, or the lone name it asks about, before any the answer names."""
    said = f"{question}\n{answer}"
    q_people, q_lone, q_others = _names(question)
    q_others += [p for p in q_people if _called_the(p, said)]  # a thing, to stand for "it"
    q_people = [p for p in q_people if not _called_the(p, said)]
    a_people = [p for p in _names(answer)[0] if not _called_the(p, said)] if answer else []
    short_names = [_LABEL_NICK.sub("", n).strip() for n in re.split(r",\s*|\s+and\s+", short)] if short else []
    asked_for_people = kind == "who" or re.match(r"^\s*who\b", question, re.I) is not None
    if asked_for_people:
        new_people = [p for p in a_people if fold(p) not in fold(question)]
        answered = [*short_names, *new_people[:2]]
        entities = [*answered, *q_people, *q_others]
        people = [*_people(entities, said), *q_lone]
    else:
        answered = [*(short_names if kind in {"which", "what"} else []), *a_people[:1]]
        entities = [*q_people, *q_others, *answered]
        book = NameBook.of(_sentences(answer)) if answer else None
        q_lone = [p.name if book and (p := book.resolve(n)) else n for n in q_lone[:1]]  # "Andrei Tarkovsky"
        # "Where did Tarkovsky die?": he is Tarkovsky; "What is Solaris?": more likely a thing than the answer's man
        thing_asked = kind in {"which", "what"} or re.match(r"^\s*(?:what|which)\b", question, re.I) is not None
        people = (
            [*q_people, *_people(entities, said), *q_lone]
            if thing_asked
            else [*q_people, *q_lone, *_people(entities, said)]
        )
    dates = list(dict.fromkeys([short, *_date_texts(question)] if kind == "when" and short else _date_texts(question)))
    entities = list(dict.fromkeys(e for e in entities if e))
    people = list(dict.fromkeys(people))
    rivals = _rivals(question, people, q_people, _persons(answered, said))
    places = [s.name or s.text for t in (question, *_sentences(answer)) for s in spans_of(t) if s.kind == "place"]
    things, told, about = thing_candidates(question, kind, short_names, entities, places)
    return Turn(question, answer, (*entities,), (*dates,), (*people,), rivals, things=things, told=told, topic=about)


def _rivals(question: str, people: Sequence[str], asked: Sequence[str], answered: Sequence[str]) -> tuple[str, ...]:
    """The first person the question names (`asked`) and the first its answer names (`answered`), each by a full
    name (a lone name may be a thing's: "Who wrote Dune?"), but the first of `people` and any name that is only a
    shorter or longer one of it ("Tarkovsky", "Andrei Tarkovsky"). A question asking who someone is has none: its
    answer names that person again ("Who is El Duranguillo?")."""
    if not people or asked_name(question) is not None:
        return ()
    words = set(fold(people[0]).split())
    return tuple(
        p
        for p in dict.fromkeys(side[0] for side in (answered, asked) if side)
        if not (set(fold(p).split()) <= words or words <= set(fold(p).split()))
    )


def turn_from_answer(answer: Answer) -> Turn:
    """The turn an answered (or refused) question leaves for the next one."""
    question = answer.rewritten or answer.question
    text = answer.text if answer.found else ""
    return turn_from_text(question, text, answer.short if answer.found else None, answer.kind)
