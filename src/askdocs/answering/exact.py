"""Exact words: the words a question pins down one thing by, its quoted text ("“bullseye”"), its version numbers
("Python 3.12", "Ubuntu 23.04", "v2") and its names. When no document uses one, the documents are about something
else (Debian 12 is not Debian 11 “bullseye”, Python 3.11 not 3.12, the Severance not the Thames), however close
their other words come; but a name the documents spell a little differently ("Emmrich" for "Emmerich") or use in
another form ("Pakistani" for "Pakistan") is left to the answerable model."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

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


_PARTS = re.compile(r"[-’']")
_POSSESSIVE = re.compile(r"[’']s$", re.I)
STEM_LETTERS = 5
"""A name's other form shares its beginning: all but its last three letters, and at least this many."""


def _begun(part: str, begun: Callable[[str], bool]) -> bool:
    """Whether a corpus word begins as `part` does ("Pakistan" for "Pakistani"); a word this short is its own
    beginning, and the words that begin with it ("Peru": "perusal") are no form of it."""
    return len(part) > STEM_LETTERS and begun(part[: max(STEM_LETTERS, len(part) - 3)].lower())


def strange_names(
    question: str, unknown: Sequence[str], close: Callable[[str], str | None], begun: Callable[[str], bool]
) -> tuple[str, ...]:
    """The capitalised words of `unknown` (the question's words no document uses, as typed), bar its first word and
    acronyms, that the documents spell in no close way: no part of the word has a corpus word within a slip of
    the keys (`close`, as "did you mean" offers) nor a corpus word beginning as it does (`begun` of a prefix)."""
    tokens = TOKEN.findall(question)
    first = tokens[0] if tokens else ""
    out = []
    for word in unknown:
        name = _POSSESSIVE.sub("", word)
        if word == first or not name[:1].isupper() or name.isupper():
            continue
        parts = [p for p in _PARTS.split(name) if p]
        if parts and not any(close(p) or _begun(p, begun) for p in parts):
            out.append(word)
    return tuple(out)
