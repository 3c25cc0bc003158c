"""Opposites: a question that swaps a word of the documents for its opposite ("least" for "most", "shortest" for
"longest") asks something they do not say, though it shares nearly all their words.

A general signal for the answerable model, from WordNet's antonyms (Lexicon.opposites, with the graded forms of
adjectives and adverbs: "colder" and "hotter"), matched by stem.
"""

from __future__ import annotations

import re
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


def swap(
    question_words: Iterable[str],
    text: str,
    lexicon: Lexicon = EN,
    asked_before: Mapping[str, frozenset[str]] | None = None,
    held: Collection[str] = frozenset(),
) -> tuple[str, str] | None:
    """(the question's word, the text's) when the text holds the opposite of a question word and neither that word
    nor any opposite the question itself uses ("least" against "... is the most ..."), else None. A pair holding a
    particle ("on", "off": Lexicon.particles) counts only where each particle ends its phrase (no noun phrase after
    it: "went off at nine", not "off the coast") and the content words before the two share one ("the lights went
    off" against "Did the lights go on?"); `asked_before` is the question's `words_before`, without which no
    particle counts. A question word whose stem is `held` (the stems of the sentences beside the text) is said
    there: "broke" is no opposite of "kept" when the next sentence tells who kept the light burning."""
    asked = {stem(fold(w)): w for w in question_words}
    said = {stem(fold(w)): w for w in words(rejoined(text))}
    table = opposite_stems(lexicon)
    said_before: Mapping[str, frozenset[str]] | None = None
    for key in sorted(asked.keys() - said.keys() - set(held)):
        found = table.get(key, frozenset()) & said.keys()
        if not found or table.get(key, frozenset()) & asked.keys():
            continue
        for other in sorted(found):
            pair = (fold(asked[key]), fold(said[other]))
            if not lexicon.particles.intersection(pair):
                return asked[key], said[other]
            said_before = words_before(text, lexicon) if said_before is None else said_before
            if _same_phrase(pair, asked_before or {}, said_before, lexicon):
                return asked[key], said[other]
    return None


_TOKEN = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*|[^\w\s]")


def words_before(text: str, lexicon: Lexicon = EN) -> Mapping[str, frozenset[str]]:
    """Each word of a text (lowercase) with the stems of the content words shortly before it in its clause (up to
    three), over all its uses; a particle followed by a noun phrase (a determiner, a number, a capitalised word: a
    preposition with its object, "on the fuel line") is left out."""
    tokens = _TOKEN.findall(rejoined(text))
    out: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        word = fold(token).lower()
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in lexicon.particles and (
            after.lower() in lexicon.determiners or after[:1].isdigit() or after[:1].isupper()
        ):
            continue
        before: list[str] = []
        for previous in reversed(tokens[:i]):
            if not previous[:1].isalnum() or len(before) == 3:
                break
            if (folded := fold(previous).lower()) not in lexicon.stopwords:
                before.append(stem(folded))
        out.setdefault(word, set()).update(before)
    return MappingProxyType({w: frozenset(b) for w, b in out.items()})


def _same_phrase(
    pair: tuple[str, str], asked: Mapping[str, frozenset[str]], said: Mapping[str, frozenset[str]], lexicon: Lexicon
) -> bool:
    """Whether the question's and the text's words of an opposite pair holding a particle are both used as words of
    their phrase (see `words_before`) after a content word they share."""
    question, text = pair
    if question not in asked or text not in said:
        return False
    return bool(asked[question] & said[text])


def swapped(
    question_words: Iterable[str],
    text: str,
    lexicon: Lexicon = EN,
    asked_before: Mapping[str, frozenset[str]] | None = None,
    held: Collection[str] = frozenset(),
) -> float:
    """The answerable model's "opposite" signal: 1.0 when `swap` finds a word swapped for its opposite, else 0.0."""
    return float(swap(question_words, text, lexicon, asked_before, held) is not None)
