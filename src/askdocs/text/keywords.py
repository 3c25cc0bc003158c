"""Keywords: whether a text uses a query's words as the keyword index reads words (case, accents, a possessive and a
word's forms aside: "Arrests" is used by "arrested", "using" by "use"), and not where the index's Porter stemmer
only makes two spellings alike ("Glenmorangy" and "Glenmorangie" share the stem "glenmorangi"): a misspelt word is
then said to match nothing."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from askdocs.text.hyphens import rejoined
from askdocs.text.normalize import fold
from askdocs.text.porter import porter_stems
from askdocs.text.stem import stem

_PART = re.compile(r"[^\W_]+")
"""A word as the index's tokenizer (FTS5 unicode61) parts a text: a run of letters and digits ("x-ray" is two)."""


def _reaches(word: str, root: str) -> bool:
    """Whether `word` is its Porter stem `root` and an ending the stemmer took off: it begins with the stem, or with
    the stem but for the "e" the stemmer puts back ("hoping": "hope") or the "i" it reads a final "y" as ("happy":
    "happi")."""
    return (
        word.startswith(root)
        or (root.endswith("e") and word.startswith(root[:-1]))
        or (root.endswith("i") and word.startswith(root[:-1] + "y"))
    )


def _spellings(a: str, b: str, root: str) -> bool:
    """Whether two words sharing the stem `root` are two spellings of one ending, "-y" and "-ie" ("Glenmorangy",
    "Glenmorangie"): the stemmer reads the one's "y" as "i" and drops the other's "e"."""
    base = root[:-1]
    return root.endswith("i") and {a, b} == {base + "y", base + "ie"}


def _porter_form(typed: str, written: str, root: str) -> bool:
    """Whether a written word sharing the typed word's Porter stem `root` is a form of it: each word is that stem
    and an ending the stemmer took off, and the two are not two spellings of one ending."""
    return _reaches(typed, root) and _reaches(written, root) and not _spellings(typed, written, root)


def _parts(text: str) -> set[str]:
    """The words of a text, folded, as the index parts them."""
    return set(_PART.findall(fold(rejoined(text))))


def uses_words(text: str, terms: Iterable[str]) -> bool:
    """Whether `text` uses one of the query's `terms` (askdocs.answering.query.Query.terms): each of the term's parts
    ("x-ray": "x" and "ray") in one of its forms."""
    wanted = [parts for parts in map(_parts, terms) if parts]
    if not wanted:
        return False
    found = _parts(text)
    stems = porter_stems({*found, *(p for parts in wanted for p in parts)})
    by_root: dict[str, list[str]] = {}
    for word in found:
        if word in stems:
            by_root.setdefault(stems[word], []).append(word)
    light = {stem(word) for word in found}

    def used(part: str) -> bool:
        """The part itself, a word of the same light stem ("began": "begin"), or a Porter form of it."""
        if part in found or stem(part) in light:
            return True
        root = stems.get(part)
        return root is not None and any(_porter_form(part, w, root) for w in by_root.get(root, ()))

    return any(all(used(p) for p in parts) for parts in wanted)


def idf(frequency: int, total: int) -> float:
    """A word's rarity among `total` sentences (or documents), `frequency` of which hold it: BM25's smoothed IDF,
    positive even for a word every one holds."""
    return math.log((total + 1) / (frequency + 0.5))
