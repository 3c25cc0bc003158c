"""Opposites: a question that swaps a word of the documents for its opposite ("least" for "most", "shortest" for
"longest") asks something they do not say, though it shares nearly all their words.

A general signal for the answerable model, from WordNet's antonyms (Lexicon.opposites, with the graded forms of
adjectives and adverbs: "colder" and "hotter"), matched by stem.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from askdocs.lang.en import EN, Lexicon
from askdocs.text.hyphens import rejoined
from askdocs.text.normalize import fold, words
from askdocs.text.stem import stem

_MADE: dict[str, Mapping[str, frozenset[str]]] = {}
"""`opposite_stems` by the Lexicon's opposites_file, the data it is made from."""
_MAKING = threading.Lock()


def opposite_stems(lexicon: Lexicon = EN) -> Mapping[str, frozenset[str]]:
    """Lexicon.opposites as stems: the stem of each word with the stems of its opposites."""
    if (made := _MADE.get(lexicon.opposites_file)) is not None:
        return made
    with _MAKING:  # built in the background by the chat: a question meanwhile waits for that build
        if (made := _MADE.get(lexicon.opposites_file)) is not None:
            return made
        grouped: dict[str, set[str]] = {}
        for word, others in lexicon.opposites.items():
            grouped.setdefault(stem(word), set()).update(stem(other) for other in others)
        made = _MADE[lexicon.opposites_file] = MappingProxyType(
            {key: frozenset(others - {key}) for key, others in grouped.items()}
        )
        return made


def swap(
    question_words: Iterable[str],
    text: str,
    lexicon: Lexicon = EN,
    held: Collection[str] = frozenset(),
    question: str = "",
    parse: Callable[[str], Any] | None = None,
) -> tuple[str, str] | None:
    """(the question's word, the text's) when the text holds the opposite of a question word and neither that word
    nor any opposite the question itself uses ("least" against "... is the most ..."), else None. A question word
    whose stem is `held` (the stems of the sentences beside the text) is said there: "broke" is no opposite of
    "kept" when the next sentence tells who kept the light burning. A pair holding a particle ("on", "off":
    Lexicon.particles) counts only where `parse` (a dependency parser) reads both words beside one verb, neither a
    preposition with its object ("turned off the heater" against "Did he turn on the heater?", not "signed off"
    against "the repair on the fuel line", nor "backed down" against "give up"); without it, never. A word only
    part of a name ("Johnson Space Center" is no opposite of "left") is none, and a comparison meets only a
    comparison ("more than five minutes" against "the few cases", no; against "fewer than five", yes); an auxiliary
    ("has", "did") is no opposite of anything ("missed" against "has been towed")."""
    asked = {stem(fold(w)): w for w in question_words}
    said = {stem(fold(w)): w for w in words(rejoined(text))}
    table = opposite_stems(lexicon)
    compared = _roles(question)[1]
    named, compared_text = _roles(rejoined(text))
    for key in sorted(asked.keys() - said.keys() - set(held)):
        opposite = table.get(key, frozenset())
        found = {o for o in opposite & said.keys() - named if (o in compared_text) == (key in compared)}
        found = {o for o in found if fold(said[o]) not in lexicon.auxiliaries}  # "has been towed": no "have"
        if not found or opposite & asked.keys():
            continue
        for other in sorted(found):
            pair = (fold(asked[key]), fold(said[other]))
            if not lexicon.particles.intersection(pair):
                return asked[key], said[other]
            if (
                parse is not None
                and question
                and _heads(parse(question), pair[0], lexicon) & _heads(parse(text), pair[1], lexicon)
            ):
                return asked[key], said[other]
    return None


_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_WORD_THAN = re.compile(r"\b([^\W\d_][\w'’-]*)\s+than\b")


def _roles(text: str) -> tuple[set[str], set[str]]:
    """Stems of the words of `text` that stand only inside names (capitalised after its first word, beside another
    capitalised word: "Johnson Space Center", not "from West to North"), and of those that compare ("more" in "more
    than five")."""
    tokens = _TOKEN.findall(text)  # "Highest_Price", a column's name, is one word and no name
    upper = [bool(i) and w[:1].isupper() for i, w in enumerate(tokens)]
    in_name = [u and (upper[i - 1] or i + 1 < len(upper) and upper[i + 1]) for i, u in enumerate(upper)]
    named = {stem(fold(w)) for w, n in zip(tokens, in_name, strict=True) if n}
    plain = {stem(fold(w)) for w, n in zip(tokens, in_name, strict=True) if not n}
    return named - plain, {stem(fold(m.group(1))) for m in _WORD_THAN.finditer(text)}


def _heads(doc: Any, word: str, lexicon: Lexicon) -> set[str]:
    """The stems of the words `word` stands beside in a parse (its heads: the verb of "turned off", the "was" of
    "was safe"), but where it is a particle heading an object of its own away from its verb, a preposition ("signed
    the repair on time"; right after its verb it may be either, and the small parser reads "turn on the heater" as
    a preposition)."""
    if doc is None:
        return set()
    heads = set()
    for token in doc:
        if fold(token.lower_) != word:
            continue
        if (
            word in lexicon.particles
            and token.dep_ == "prep"
            and token.i != token.head.i + 1
            and any(c.dep_ == "pobj" for c in token.children)
        ):
            continue
        if token.head is not token:
            heads.add(stem(fold(token.head.lower_)))
    return heads


def swapped(
    question_words: Iterable[str],
    text: str,
    lexicon: Lexicon = EN,
    held: Collection[str] = frozenset(),
    question: str = "",
    parse: Callable[[str], Any] | None = None,
) -> float:
    """The answerable model's "opposite" signal: 1.0 when `swap` finds a word swapped for its opposite, else 0.0."""
    return float(swap(question_words, text, lexicon, held, question, parse) is not None)
