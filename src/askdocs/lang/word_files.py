"""Word files: the data files of this package that hold words (one a line) or word pairs (one "word<TAB>word" pair
a line), as the Lexicon reads them."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType


def word_pairs(name: str) -> list[tuple[str, str]]:
    """A data file of this package with one "word<TAB>word" pair per line ("#" starts a comment)."""
    text = resources.files("askdocs.lang").joinpath(name).read_text(encoding="utf-8")
    lines = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return [(a, b) for a, b in lines]


def word_list(name: str) -> frozenset[str]:
    """A data file of this package with one word per line ("#" starts a comment), as a set (empty for no file)."""
    if not name:
        return frozenset()
    text = resources.files("askdocs.lang").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def paired(name: str) -> Mapping[str, frozenset[str]]:
    """A data file of word pairs as a symmetric mapping from each word to the words paired with it (empty for no
    file)."""
    if not name:
        return MappingProxyType({})
    grouped: dict[str, set[str]] = {}
    for word, other in word_pairs(name):
        grouped.setdefault(word, set()).add(other)
        grouped.setdefault(other, set()).add(word)
    return MappingProxyType({word: frozenset(others) for word, others in grouped.items()})


def word_forms(*names: str) -> Mapping[str, str]:
    """Data files of "form<TAB>base" pairs as one mapping from each form to its base (a later file's pair wins)."""
    return MappingProxyType({form: base for name in names for form, base in word_pairs(name)})
