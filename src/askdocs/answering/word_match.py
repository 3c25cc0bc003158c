"""Word matches: a question word counts as present in a sentence that holds another form of it, a close form
(a shared prefix: "founded" and "founder") or a word derived from it or it from (Lexicon.related: "dies" and
"death").
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType

from askdocs.lang.en import EN, Lexicon
from askdocs.text.stem import stem as stem_word

NEAR_PREFIX = 5
NEAR_SLACK = 2
"""A question word counts as present when a sentence word shares its first NEAR_PREFIX letters and all but
NEAR_SLACK of the shorter one's ("founded" and "founder", "nation" and "national"). Fitted on one group of
development data and tested on the other, this separated answerable from unanswerable questions better on both
(docs/quality.md); prefixes of 4 and 6 and slacks of 1 and 3 measured about the same."""


def near_matches(question: Iterable[str], stems: Collection[str], lexicon: Lexicon = EN) -> set[str]:
    """The question stems that `stems` lack but hold a close form of (a shared prefix: see NEAR_PREFIX) or a word
    derived from it or it from (Lexicon.related: "owns" and "Owner", "dies" and "death")."""
    present = set(stems)
    related = related_stems(lexicon)
    found = {t for t in question if t not in present and not related.get(t, frozenset()).isdisjoint(present)}
    return found | close_forms(question, present)


def close_forms(question: Iterable[str], stems: Collection[str]) -> set[str]:
    """The question stems that `stems` lack but hold a close form of: a shared prefix, see NEAR_PREFIX."""
    by_prefix: dict[str, list[str]] = {}
    for word in stems:
        if len(word) >= NEAR_PREFIX and not _numeric(word):
            by_prefix.setdefault(word[:NEAR_PREFIX], []).append(word)
    found = set()
    for term in question:
        if len(term) < NEAR_PREFIX or _numeric(term) or term in stems:
            continue
        for word in by_prefix.get(term[:NEAR_PREFIX], ()):
            shared = len(os.path.commonprefix([term, word]))
            if shared >= max(NEAR_PREFIX, min(len(term), len(word)) - NEAR_SLACK):
                found.add(term)
                break
    return found


def _numeric(word: str) -> bool:
    """A number ("2019", "10.15.7", "2,000"): close in spelling is not close in meaning ("10.15.2"); "covid-19" is a
    word."""
    return _NUMBER.fullmatch(word) is not None


_NUMBER = re.compile(r"[\d.,]+")


_RELATED: dict[str, tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]] = {}
"""`_related` by the Lexicon's related_file, the data it is made from."""
_MAKING = threading.Lock()


def related_stems(lexicon: Lexicon = EN) -> Mapping[str, frozenset[str]]:
    """Lexicon.related as stems: each stem with the stems of the words derived from it or it from."""
    return _related(lexicon)[0]


def related_words(key: str, lexicon: Lexicon = EN) -> frozenset[str]:
    """The words (as written, for a corpus lookup) derived from the word of stem `key` or it from."""
    return _related(lexicon)[1].get(key, frozenset())


def _related(lexicon: Lexicon) -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    """Lexicon.related by stem, as stems and as words, made once per Lexicon; a number written as a word and in
    digits (Lexicon.number_forms: "twelfth" and "12th") are related both ways too."""
    if (made := _RELATED.get(lexicon.related_file)) is not None:
        return made
    with _MAKING:  # built in the background by the chat: a question meanwhile waits for that build
        if (made := _RELATED.get(lexicon.related_file)) is not None:
            return made
        stems: dict[str, set[str]] = {}
        words: dict[str, set[str]] = {}
        numbers = [(word, (digits,)) for word, digits in lexicon.number_forms.items()]
        numbers += [(digits, (word,)) for word, digits in lexicon.number_forms.items()]
        for word, others in [*lexicon.related.items(), *numbers]:
            key = stem_word(word)
            for other in others:
                if (other_key := stem_word(other)) != key:
                    stems.setdefault(key, set()).add(other_key)
                    words.setdefault(key, set()).add(other)
        made = _RELATED[lexicon.related_file] = (
            MappingProxyType({k: frozenset(v) for k, v in stems.items()}),
            MappingProxyType({k: frozenset(v) for k, v in words.items()}),
        )
        return made
