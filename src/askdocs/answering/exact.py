"""Exact words: the words a question pins down one thing by, its quoted text ("“bullseye”"), its version numbers
("Python 3.12", "Ubuntu 23.04", "v2") and its names. When no document uses one, the documents are about something
else (Debian 12 is not Debian 11 “bullseye”, Python 3.11 not 3.12, the Severance not the Thames), however close
their other words come; but a name the documents spell a little differently ("Emmrich" for "Emmerich") or use in
another form ("Pakistani" for "Pakistan") is left to the answerable model."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from askdocs.answering.signals import TOKEN
from askdocs.lang.en import EN

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
_OPENERS = frozenset('.?!:;"“‘«(')
"""What may come before a word that opens a sentence or a quotation, capitalised whatever it is."""
STEM_LETTERS = 5
"""A name's other form shares its beginning: all but its last three letters, and at least this many."""


def _begun(part: str, begun: Callable[[str], bool]) -> bool:
    """Whether a corpus word begins as `part` does ("Pakistan" for "Pakistani"); a word this short is its own
    beginning, and the words that begin with it ("Peru": "perusal") are no form of it."""
    return len(part) > STEM_LETTERS and begun(part[: max(STEM_LETTERS, len(part) - 3)].lower())


def _capitalised_runs(question: str) -> list[list[tuple[str, bool]]]:
    """The question's runs of capitalised words ("Bill Gates", "Mt Everest"), each word with whether it opens a
    sentence or a quotation (then its capital says nothing)."""
    runs: list[list[tuple[str, bool]]] = []
    end = -1
    for match in TOKEN.finditer(question):
        word = match.group()
        before = question[: match.start()].rstrip()
        opens = not before or before[-1] in _OPENERS
        if not word[:1].isupper():
            end = -1
            continue
        if runs and end >= 0 and not question[end : match.start()].strip():
            runs[-1].append((word, opens))
        else:
            runs.append([(word, opens)])
        end = match.end()
    return runs


def strange_names(
    question: str,
    unknown: Sequence[str],
    close: Callable[[str], str | None],
    begun: Callable[[str], bool],
    nationalities: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The capitalised words of `unknown` (the question's words no document uses, as typed) that name something the
    documents do not: not a word opening a sentence or a quotation, an acronym, a nationality (`nationalities`, as
    the tagger reads them: "Dutch" for the documents' "Netherlands"), nor a word beside a name the documents use
    ("Bill" of "Bill Gates", "Mt" of "Mt Everest"); and no part of it has a corpus word within a slip of the keys
    (`close`, as "did you mean" offers) nor a corpus word beginning as it does (`begun` of a prefix)."""
    missing = set(unknown)
    out = []
    for run in _capitalised_runs(question):
        if any(word not in missing for word, _ in run):
            continue  # a name the documents use, whatever they call its other words
        for word, opens in run:
            name = _POSSESSIVE.sub("", word)
            if opens or name.isupper() or name in nationalities:
                continue
            parts = [p for p in _PARTS.split(name) if p]
            if parts and not any(close(p) or _begun(p, begun) for p in parts):
                out.append(word)
    return tuple(out)


def _beginning(token: str) -> str:
    """How much of a name's word its other forms share, as the index reads it: its stem and its folded spelling agree
    that far, cut to all but its last three letters (at least STEM_LETTERS), and short of an end the stemmer would
    change: "korea" of "Korean", "game" of "Games", "radu" of "Raduyev"."""
    import os.path
    import unicodedata

    from askdocs.text.porter import porter_stems

    folded = "".join(c for c in unicodedata.normalize("NFKD", token.lower()) if not unicodedata.combining(c))
    cut = os.path.commonprefix([porter_stems([folded]).get(folded, folded), folded])[
        : max(STEM_LETTERS, len(folded) - 3)
    ]
    while len(cut) > 3 and porter_stems([cut]).get(cut, cut) != cut:
        cut = cut[:-1]  # FTS5 stems a prefix too: "raduy" would be sought as "radui", which "Raduyev" does not begin
    return cut or folded


LEADING = frozenset(t.lower() for t in EN.titles) | {"a", "an", "the"}
"""Words before a name that are no part of it ("President George Bush", "The Onion")."""
GENERIC = frozenset(w.lower() for w in EN.place_name_words | EN.organisation_words)
"""Words of a name that documents may write apart from it ("Mianyang City" is "the city of Mianyang")."""


def apart_names(question: str, unknown: Sequence[str], together: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
    """The question's names of two words or more whose words the documents all use but never together ("Radar
    Princess" of a text about Games Radar and Twilight Princess): a name made of two others, which no document is
    about. `together` says whether a sentence or title holds the words' beginnings (`_beginning`) within two words
    of each other. A title or article before it (LEADING), a word of GENERIC, an acronym, a word opening a sentence
    or a quotation of the question and a number are no part of a name ("President George Bush" is "George Bush",
    "Twilight Princess" keeps its title), and a possessive ends one ("Millar's QC" is two)."""
    missing = {w.lower() for w in unknown}
    out: list[str] = []
    name: list[str] = []

    def end() -> None:
        tokens = [t for word in name for t in TOKEN.findall(word)]
        known = len(name) > 1 and not any(t.lower() in missing for t in tokens)
        if known and not together(tuple(_beginning(t) for t in tokens)):
            out.append(" ".join(name))
        name.clear()

    for run in _capitalised_runs(question):
        for word, opens in run:
            bare = _POSSESSIVE.sub("", word)
            lower = bare.lower()
            if not (
                opens or bare.isupper() or not bare[:1].isalpha() or lower in GENERIC or (not name and lower in LEADING)
            ):
                name.append(bare)
            if bare != word:
                end()
        end()
    return tuple(out)
