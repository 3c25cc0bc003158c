"""Keywords: whether a text uses a query's words as the keyword index reads words (case, accents, a possessive and a
word's forms aside: "Arrests" is used by "arrested"), and not where only the index's Porter stemmer makes two words
alike ("Glenmorangy" and "Glenmorangie" share the stem "glenmorangi"): a misspelt word is then said to match nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from askdocs.text.hyphens import rejoined
from askdocs.text.normalize import fold
from askdocs.text.stem import stem

_PART = re.compile(r"[^\W_]+")
"""A word as the index's tokenizer (FTS5 unicode61) parts a text: a run of letters and digits ("x-ray" is two)."""


def _key(word: str) -> str:
    """A word as it is compared: its stem (askdocs.text.stem, which keeps a four-letter word's final "e", taken off
    here) with a "-ied" form's "y" back, so that "race" and "racing", or "study" and "studied", compare equal;
    "glenmorangy" stays apart from "glenmorangie"."""
    if len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    key = stem(word)
    return key[:-1] if key.endswith("e") and len(key) == 4 else key


def _keys(text: str) -> set[str]:
    """The key of each word of a text, as the index parts them."""
    return {_key(word) for word in set(_PART.findall(fold(rejoined(text))))}


def uses_words(text: str, terms: Iterable[str]) -> bool:
    """Whether `text` uses one of the query's `terms` (askdocs.answering.query.Query.terms): each of the term's parts
    ("x-ray": "x" and "ray") in one of its forms."""
    wanted = [keys for keys in map(_keys, terms) if keys]
    if not wanted:
        return False
    found = _keys(text)
    return any(keys <= found for keys in wanted)
