"""Opposites: a question that swaps a word of the documents for its opposite ("least" for "most", "shortest" for
"longest") asks something they do not say, though it shares nearly all their words.

A general signal for the answerable model, from WordNet's antonyms (Lexicon.opposites, with the graded forms of
adjectives and adverbs: "colder" and "hotter"), matched by stem.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType

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


def swap(question_words: Iterable[str], text: str, lexicon: Lexicon = EN) -> tuple[str, str] | None:
    """(the question's word, the text's) when the text holds the opposite of a question word and neither that word
    nor any opposite the question itself uses ("least" against "... is the most ..."), else None."""
    asked = {stem(fold(w)): w for w in question_words}
    written = words(rejoined(text))
    said = {stem(fold(w)): w for w in written}
    table = opposite_stems(lexicon)
    for key in sorted(asked.keys() - said.keys()):
        others = table.get(key, frozenset())
        if fold(asked[key]) in lexicon.particles:  # "switched off" against "on", never "signed off"
            others = frozenset(o for o in others if _after_asked(o, written, asked.keys(), lexicon))
        if (found := others & said.keys()) and not others & asked.keys():
            return asked[key], said[min(found)]
    return None


def _after_asked(key: str, written: list[str], asked: Collection[str], lexicon: Lexicon) -> bool:
    """Whether the text's word of stem `key` follows a content word whose stem the question holds ("went off" for
    "Did the lights go on?": the verb the particle belongs to)."""
    folded = [fold(w) for w in written]
    return any(
        stem(w) == key and i and folded[i - 1] not in lexicon.stopwords and stem(folded[i - 1]) in asked
        for i, w in enumerate(folded)
    )


def swapped(question_words: Iterable[str], text: str, lexicon: Lexicon = EN) -> float:
    """The answerable model's "opposite" signal: 1.0 when `swap` finds a word swapped for its opposite, else 0.0."""
    return float(swap(question_words, text, lexicon) is not None)
