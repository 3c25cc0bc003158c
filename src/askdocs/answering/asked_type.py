"""Whether a sentence holds a number of the kind a question asks for: any date for "when"; for "how many", "how
much", "how old" and "how tall/long/far", a count, an amount or a measure, and not a year ("restored between 1968 and
1979" holds no length; "2000 metres" is a measure); a count or an age in words too ("eleven viaducts")."""

from __future__ import annotations

import re

from askdocs.lang.en import EN

_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*")
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d(?:s)?")
_COUNTED = re.compile(rf"\s*(?:{'|'.join((*EN.count_nouns, *EN.scale_words))})\b", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER_WORDS = frozenset(word for word, digits in EN.number_forms.items() if digits.isdigit()) | set(EN.scale_words)
"""Cardinals written as words ("eleven", "forty") and the words that scale a number ("hundred", "million")."""
_COUNTED_KINDS = frozenset({"how_many", "how_old"})
"""Kinds whose answer is often a number word ("eleven viaducts", "aged fifteen"); an amount or a measure is written
in digits, and "the ticket hall has six counters" holds no price."""


def holds_number(text: str, kind: str) -> bool:
    """Whether `text` holds a number a question of `kind` (one of NUMERIC_KINDS) may ask for: digits for "when",
    else digits that are not a bare year, or for a count or an age a number word."""
    if kind == "when":
        return bool(_DIGIT.search(text))
    for match in _NUMBER.finditer(text):
        number = match.group(0).rstrip(".,")
        if not _YEAR.fullmatch(number) or _COUNTED.match(text, match.end()):
            return True
    return kind in _COUNTED_KINDS and any(word.lower() in _NUMBER_WORDS for word in _WORD.findall(text))
