"""A light English stemmer: plural and verb endings stripped so that "arrests", "arrested" and "arrest" compare
equal, and irregular forms brought to their base from the Lexicon ("began" and "begin"); the FTS index stems with
Porter, this one is for comparing words in Python."""

from __future__ import annotations

import re
from functools import lru_cache

from askdocs.lang.en import EN
from askdocs.text.normalize import fold, strip_possessive

_VOWEL = re.compile(r"[aeiouy]")
_DOT = re.compile(r"\.(?!\d)|(?<!\d)\.")
"""A dot that is not between two digits: "U.S." is "us", but "4.0" stays "4.0" (not "40", nor "2.0")."""
_OPTION = re.compile(r"[\-‐‑–−][A-Za-z]")
"""A command's one-letter option ("-p", "-V"): compared as written, since "-v" and "-V" are two options, its dash
as a hyphen ("‐p", as groff sets it, is "-p")."""


def undotted(word: str) -> str:
    """A word as it is compared: folded, without a possessive ending, and without the dots of an acronym ("U.S.")
    but with those of a number ("4.0", "3.14"); a one-letter option as it is written ("-V")."""
    if _OPTION.fullmatch(word):
        return "-" + word[1]
    return _DOT.sub("", fold(strip_possessive(word)))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Strip plural and verb endings so that "arrests", "arrested" and "arrest" compare equal, and "began" and
    "begin" too (EN.word_forms). Kept for the process: the word tables stem each of their words about twice."""
    w = undotted(word)
    return plain_stem(EN.word_forms.get(w, w))


def plain_stem(word: str) -> str:
    """Strip plural and verb endings, by rule alone."""
    w = undotted(word)
    if len(w) <= 3 or w[0].isdigit():
        return w
    if len(w) == 4 and w.endswith("ied"):  # "died", "lied", "tied": the verb keeps its "ie"
        return w[:-1]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or (w.endswith("es") and w[-3] in "sxz") or w.endswith(("ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            w = base[:-1] if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w
