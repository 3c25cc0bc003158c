"""Swapped names: a question naming a person, place, organisation, date or amount that the best sentence lacks,
while that sentence names another of the same kind ("How many died in the Ankara bombing?" over "... killed six
people in Istanbul"), most often asks what the documents do not say.

Two signals for the answerable model (the best sentence swaps a name; each of the best three does), from the
tagger's entities of the question and of the sentences, a name counted present when the sentence or its
neighbours hold one of its words (by stem). Fitted like every other signal: a name of the question that the best
sentence lacks is common in answerable questions too, so a swap is a weight, never a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from types import MappingProxyType
from typing import Any

from askdocs.answering.signals import MEETS_DATE, Context, stems_of
from askdocs.answering.tagger import Tagger, tagged_text
from askdocs.lang.en import EN
from askdocs.lang.known_words import known
from askdocs.text.hyphens import ascii_hyphens
from askdocs.text.normalize import fold

KIND_OF_LABEL = MappingProxyType(
    {
        "PERSON": "person",
        "NORP": "group",
        "ORG": "organisation",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
        "DATE": "time",
        "TIME": "time",
        "CARDINAL": "amount",
        "QUANTITY": "amount",
        "MONEY": "amount",
        "PERCENT": "amount",
        "EVENT": "work",
        "WORK_OF_ART": "work",
        "PRODUCT": "work",
        "LAW": "work",
    }
)
"""The tagger's entity labels by the kind of thing they name: a swap is a name for another of the same kind (the
tagger tells a city from a region or a building less surely than a place from a person). ORDINAL and LANGUAGE are
left out: "first" and "English" are rarely what a question changes."""


_TIMES = frozenset({"time"})


def _specific(entity: Any) -> bool:
    """Whether a name is of one thing: a date or time needs a figure or a capitalised word ("1952", "Saturday",
    "13 November"), as "six days a week" or "each year" is a span of time, not a date a question could swap."""
    if KIND_OF_LABEL.get(entity.label_) not in _TIMES:
        return True
    return any(t.is_digit or t.text[:1].isdigit() or t.is_title or t.is_upper for t in entity)


_SPAN = re.compile(
    r"(?i:(?:a|an|the|about|some|nearly|almost|over)\s+)?[\w.,]+[\s‐-]+"
    r"(?i:second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?"
)
"""A question's date entity that is a number of units of time: how long ("28-day", "five days"), not when (a
sentence's may still be what an adversarial question's date was swapped for: "the 12 year" for "2006")."""


def _says(text: str, name: str) -> bool:
    """Whether `text` writes `name` as a word of its own, in any case or accents; a number may carry a unit glued on
    (the tagger's "60" of "60m hurdles", which the words of the text read as "60m"), never more figures ("6" is not
    in "6,000", "60" or "5.50"), and a name no longer word ("Paul" is not in "Paula")."""
    folded = re.escape(fold(name))
    pattern = rf"(?<![\w.,]){folded}(?!\d|[.,]\d)" if name[-1:].isdigit() else rf"(?<!\w){folded}(?!\w)"
    return re.search(pattern, fold(text)) is not None


def _misread_group(entity: Any) -> bool:
    """Whether the tagger's nationality or group (NORP) is a word no vocabulary knows: the small English pipeline
    reads an unfamiliar name before a noun as one ("the Interlaken canyoning tragedy", "the Saxet canyon"), while
    the peoples and groups news names are known words ("Swiss", "Australians", "Palestinian", "Taliban")."""
    words = re.findall(r"[^\W\d_]+", entity.text)
    return entity.label_ == "NORP" and bool(words) and not any(known(w) for w in words)


def _initials(name: str) -> str:
    """The capitals a name is shortened to: its own when it is written in capitals alone ("U.S.", "UK"), else its
    words' first letters, small words left out ("The United States" is "US")."""
    if _capitals(name):
        return "".join(c for c in name if c.isalpha())
    return "".join(w[0].upper() for w in name.split() if w[:1].isalpha() and w.lower() not in EN.stopwords)


def _capitals(name: str) -> bool:
    """Whether a name's letters are all capitals ("U.S.", "NATO"): a short form, not a name in words."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _same(a: Any, b: Any) -> bool:
    """Whether two entities of one kind are one name and its initials: one written in capitals alone, the other in
    words ("U.S." and "the United States"; not "J.K. Rowling" and "John Reid")."""
    if KIND_OF_LABEL.get(a.label_) != KIND_OF_LABEL.get(b.label_) or _capitals(a.text) == _capitals(b.text):
        return False
    short = _initials(a.text)
    return len(short) >= 2 and short == _initials(b.text)


def _namesake(asked: Any, people: Sequence[Any], unused: Collection[str]) -> Any | None:
    """Another person of the asked person's family among `people` (the best sentences' names) when no sentence of
    the corpus writes the asked first name (`unused`: the question's words none uses, folded): "Catherine Ellery"
    asked where the documents tell of "Margaret Ellery" only ("Ellery was born in Stonehaven") holds the family
    name alone. A first name any sentence writes may be the asked person's (a biography's "Clinton" beside "Bill
    Clinton" is Hillary's when the documents name her); a name that is the asked one's tail ("Von Neumann" of
    "John von Neumann") is the asked person; an initial stands for any first name of its letter ("J.K. Rowling",
    "Joanne Rowling")."""
    words = [fold(w) for w in asked.text.split()]
    if asked.label_ != "PERSON" or len(words) < 2 or words[0] not in unused:
        return None
    first = words[0].replace(".", "")
    initials = "." in words[0] or len(first) == 1
    family = []  # the people of the asked family name the sentences name, save the asked one's own tail
    for other in people:
        theirs = [fold(w) for w in other.text.split()]
        if other.label_ == "PERSON" and len(theirs) >= 2 and theirs[-1] == words[-1] and not set(theirs) <= set(words):
            family.append((other, theirs[0].replace(".", "")))
    if any(
        mine[:1] == first[:1] if initials else mine.startswith(first) or first.startswith(mine) for _, mine in family
    ):
        return None  # one of them may be the asked person ("Joanne Rowling" for "J.K. Rowling")
    return family[0][0] if family else None


def _identity(name: str, kind: str | None, stem: Callable[[str], str]) -> set[str]:
    """The stems that tell a name from another of its kind: an amount's or a date's figures when it has any ("$86
    million" is not held by a sentence saying "$66 million", nor "March 2019" by "March 2023"), else its words."""
    stems = set(stems_of(name, stem))
    figures = {s for s in stems if any(c.isdigit() for c in s)}
    return figures if kind in _FIGURED and figures else stems


_FIGURED = frozenset({"amount", "time"})


def swapped_name(
    question: Any,
    sentence: Any,
    context: Context,
    question_stems: set[str],
    stem: Callable[[str], str],
    written: str | None = None,
    best: Sequence[Any] = (),
    unused: Collection[str] = (),
) -> tuple[str, str] | None:
    """(the question's name, the sentence's name of the same kind) when a name of the question is missing from the
    sentence and its neighbours while the sentence names another of that kind that the question does not; None
    otherwise. `question` and `sentence` are the tagger's parses; `written`, the sentence as the document writes it
    (same offsets), quotes its name. A date the sentence's own or carried date meets is not missing, nor a name the
    sentence writes (see `_says`) or stands for by its initials (see `_same`). A person whose family name alone is
    held is missing when no sentence of the corpus writes the asked first name (`unused`) and this sentence or one
    of the `best` parses names another of that family (see `_namesake`)."""
    held = context.window | set(context.stems)
    named: list[tuple[Any, str]] = []  # the sentence's names the question does not say, with their written text
    for entity in sentence.ents:
        found = set(stems_of(entity.text, stem))
        said = found <= question_stems or _says(question.text, entity.text)
        if entity.label_ in KIND_OF_LABEL and found and not said and _specific(entity):
            text = written[entity.start_char : entity.end_char] if written is not None else entity.text
            named.append((entity, text))
    swaps: list[tuple[Any, Any, str]] = []  # (the question's name, the sentence's entity, its written text)
    for entity in question.ents:
        kind = KIND_OF_LABEL.get(entity.label_)
        asked = _identity(entity.text, kind, stem)
        if asked & held and not _says(sentence.text, entity.text):
            people = [*sentence.ents, *(e for parse in best for e in parse.ents)]
            other = _namesake(entity, people, unused)
            if other is not None and not swaps:  # "Catherine Ellery" for "Margaret Ellery": another person
                mine = written is not None and other in sentence.ents
                return entity.text, written[other.start_char : other.end_char] if mine else other.text
        if kind is None or not asked or asked & held or _says(sentence.text, entity.text) or not _specific(entity):
            continue
        if _misread_group(entity):
            continue  # "the Interlaken tragedy": a place, not a people, for "Swiss" to swap
        if _SPAN.fullmatch(entity.text.strip()):
            continue  # the question's "a mandatory 28-day sentence" asks no date "In February last year" swaps
        if kind in _TIMES and context.date >= MEETS_DATE:
            continue  # "in 2023" over "In May ..." under a 2023 heading, or "the 2022-23 season"
        if any(_same(entity, other) for other in sentence.ents):
            continue  # "U.S." and "the United States"
        # a name of the same label ("Istanbul" for "Ankara") before one of the same kind ("Istiklal Avenue")
        same = [(e, text) for e, text in named if e.label_ == entity.label_]
        alike = [(e, text) for e, text in named if KIND_OF_LABEL[e.label_] == kind]
        swaps += [(entity, e, text) for e, text in same or alike]
    if not swaps:
        return None
    # of several, the pair written among the same words ("near Jalalabad" for "near Kandahar", not "US" for it)
    asked, _, text = max(swaps, key=lambda swap: len(_beside(swap[0]) & _beside(swap[1])))
    return asked.text, text


def _beside(entity: Any) -> set[str]:
    """The words beside a name, folded: two before it and one after."""
    doc = entity.doc
    words = [*doc[max(0, entity.start - 2) : entity.start], *doc[entity.end : entity.end + 1]]
    return {t.lower_ for t in words if t.is_alpha}


def swap_signals(
    question: str,
    best: Sequence[tuple[str, Context]],
    tagger: Tagger,
    stem: Callable[[str], str],
    unused: Collection[str] = (),
) -> tuple[tuple[float, float], tuple[str, str] | None]:
    """The QUESTION signals "swap" (the best sentence swaps a name of the question) and "swap_all" (each of the
    best sentences does), from (text, context) pairs best first, and the best sentence's swap for a refusal to
    name; zeros when the tagger is unavailable. `unused`: the question's words no sentence of the corpus uses."""
    parsed = tagger.parse(question)
    if parsed is None or not best:
        return (0.0, 0.0), None
    question_stems = set(stems_of(question, stem))
    written = [tagged_text(text) for text, _ in best]
    sentences = [tagger.parse(ascii_hyphens(w)) for w in written]  # as the short answers read them
    if any(sentence is None for sentence in sentences):
        return (0.0, 0.0), None
    swaps = [
        swapped_name(parsed, sentence, context, question_stems, stem, w, sentences, unused)
        for sentence, (_, context), w in zip(sentences, best, written, strict=True)
    ]
    return (float(swaps[0] is not None), float(all(s is not None for s in swaps))), swaps[0]
