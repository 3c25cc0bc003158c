"""Acronyms: "IAEA" in a question and "International Atomic Energy Agency" in a document name the same thing, though
they share no word. A sentence spells an acronym when the initials of a run of its capitalised words do (small
words such as "of" may sit between them and need not count)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from askdocs.lang.en import EN, Lexicon

ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,4}[A-Z]$")
"""A word typed as an acronym: 3 to 6 letters, the first and last capitals ("IAEA", "NATO", "BoE"). Two letters
are left out: any two capitalised words spell one ("Under New" is UN)."""
_WORD = re.compile(r"[^\W\d_][\w’'-]*|&")


def acronyms(words: Iterable[str]) -> frozenset[str]:
    """The words typed as acronyms, lowercased."""
    return frozenset(w.lower() for w in words if ACRONYM.match(w) and sum(c.isupper() for c in w) >= 2)


def spelled(text: str, wanted: frozenset[str], lexicon: Lexicon = EN) -> set[str]:
    """Which of the `wanted` acronyms (lowercase) a run of capitalised words in `text` spells out."""
    if not wanted:
        return set()
    words = _WORD.findall(text)
    found = set()
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        initials = ""
        for w in words[i:]:
            if w[:1].isupper():
                initials += w[0].lower()
            elif w.lower() in lexicon.acronym_skips:
                if initials + w[0].lower() in {a[: len(initials) + 1] for a in wanted}:
                    initials += w[0].lower()  # "Bank of England" is BoE
                continue
            else:
                break
            if initials in wanted:
                found.add(initials)
            if not any(a.startswith(initials) for a in wanted):
                break
    return found
