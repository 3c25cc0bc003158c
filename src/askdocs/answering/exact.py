"""Exact words: the words a question pins down one thing by, its quoted text ("“bullseye”") and its version numbers
("Python 3.12", "Ubuntu 23.04", "v2"). When no document uses one, the documents are about something else (Debian 12
is not Debian 11 “bullseye”, Python 3.11 not 3.12), however close their other words come; a word the question
merely names, which a misspelling or another spelling may miss, is left to the answerable model."""

from __future__ import annotations

import re
from collections.abc import Sequence

from askdocs.answering.signals import TOKEN

_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]|(?<!\w)‘([^‘’]+)’(?!\w)")
"""Text between double quotes, or between single curly quotes that no letter touches (not "Smith’s")."""
_PREFIXED = re.compile(r"[vV]\d+(?:\.\d+)*")
"""A version number by its prefix: "v2", "v1.4"."""
_DOTTED = re.compile(r"\d+(?:\.\d+)+")
"""Digits parted by dots (no commas: "3,000" is an amount): a version when a name comes before it ("Python 3.12")."""


def _quoted(question: str) -> set[str]:
    """The words inside the question's quotes, lowercased."""
    return {w.lower() for m in _QUOTED.finditer(question) for w in TOKEN.findall(m.group(1) or m.group(2))}


def _versions(question: str) -> set[str]:
    """The question's version numbers, lowercased: one with a "v", or dotted digits right after a word in capitals
    that does not open the question ("Ubuntu 23.04", not "Is 4.5 ..." nor "costs 3.5 million")."""
    tokens = TOKEN.findall(question)
    return {
        t.lower()
        for i, t in enumerate(tokens)
        if _PREFIXED.fullmatch(t) or (i > 1 and _DOTTED.fullmatch(t) and any(c.isupper() for c in tokens[i - 1]))
    }


def exact_unknown(question: str, unknown: Sequence[str]) -> tuple[str, ...]:
    """The words of `unknown` (the question's words no document uses, as typed) that the question quotes or that
    are its version numbers, in order."""
    if not unknown:
        return ()
    exact = _quoted(question) | _versions(question)
    return tuple(w for w in unknown if w.lower() in exact)
