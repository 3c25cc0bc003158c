"""Short-answer candidates in a tagged sentence: the tagger's entities (a name whole across a hyphen, an amount
with its unit too), its noun phrases and bare numbers, and the edges a shown span keeps."""

from __future__ import annotations

import re
from collections.abc import Callable

from askdocs.lang.en import EN
from askdocs.text.normalize import CELL_SEPARATOR, fold

COUNTED_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY"})
"""Labels of amounts that may leave their unit out of the span ("3.4 million" of "3.4 million euros")."""


def candidates(doc: object) -> list[tuple[int, int, str, object]]:
    """Entities, then noun phrases not inside one, then numbers not inside either: (start, end, label, span)."""
    found: dict[tuple[int, int], tuple[str, object]] = {}
    for ent in doc.ents:  # type: ignore[attr-defined]
        label = ent.label_
        if len(ent) > 1 and ent[-1].tag_ == "POS":
            ent = ent[:-1]  # "Ruth Chepngetich's": the possessive ending is not part of the name
        ent = _whole_name(doc, ent)
        if label == "PERSON":
            ent = _first_names(doc, ent)
        start = ent.start_char
        if label == "MONEY" and ent.start > 0 and doc[ent.start - 1].is_currency:  # type: ignore[index]
            start = doc[ent.start - 1].idx  # type: ignore[index]  # the tagger leaves "$" out of "$75,000": it is
            # shown, but the signals read the span's words, as they were fitted
        found[(start, ent.end_char)] = (label, ent)
        unit = doc[ent.end] if ent.end < len(doc) else None  # type: ignore[index, arg-type]
        if label in COUNTED_LABELS and unit is not None and unit.pos_ == "NOUN" and ent.root.head.i == unit.i:
            # "3.4 million" counts "euros": the amount with its unit is a candidate too
            found.setdefault((ent.start_char, unit.idx + len(unit.text)), (label, doc[ent.start : unit.i + 1]))  # type: ignore[index]
    try:
        chunks = list(doc.noun_chunks)  # type: ignore[attr-defined]
    except ValueError:  # no parser in the pipeline
        chunks = []
    for chunk in chunks:
        span = chunk
        while len(span) > 1 and span[0].pos_ in ("DET", "PRON"):
            span = span[1:]
        key = (span.start_char, span.end_char)
        if key not in found and not any(a <= key[0] and key[1] <= b for a, b in found):
            found[key] = ("NP", span)
    for token in doc:  # type: ignore[attr-defined]
        if token.like_num and not any(a <= token.idx < b for a, b in found):
            found[(token.idx, token.idx + len(token.text))] = ("NUM", doc[token.i : token.i + 1])  # type: ignore[index]
    return [(a, b, label, span) for (a, b), (label, span) in found.items()]


_AGE_WORDS = frozenset({"age", "aged", "old"})


def is_age(doc: object, span: object) -> bool:
    """Whether a span the tagger labels as a date is a person's age ("the age of 76", "76 years old", "76-year-old",
    "54" of "aged 54"): a count of years, which says how old, never when. An age has its number: "the Age of
    Discovery" and "old age" are times."""
    if not any(t.like_num for t in span):  # type: ignore[attr-defined]
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""  # type: ignore[attr-defined, index]
    return before in ("aged", "age") or any(t.lower_ in _AGE_WORDS for t in span)  # type: ignore[attr-defined]


def _first_names(doc: object, ent: object) -> object:
    """A person's name with the first names the tagger left before it ("Anders" of "the chemist Anders Gustaf
    Ekeberg", tagged "Gustaf Ekeberg"): capitalised proper nouns in no other entity, bar titles ("Mayor")."""
    start = ent.start  # type: ignore[attr-defined]
    while start > 0:
        token = doc[start - 1]  # type: ignore[index]
        if not (token.pos_ == "PROPN" and token.is_title and token.ent_iob_ == "O" and token.text not in EN.titles):
            break
        start -= 1
    return doc[start : ent.end] if start < ent.start else ent  # type: ignore[attr-defined, index]


def _hyphen_joined(doc: object, i: int) -> bool:
    """Whether token `i` is the word after a hyphen inside one word ("loup" of "Jean-loup")."""
    return (
        i >= 2
        and doc[i - 1].text == "-"  # type: ignore[index]
        and not doc[i - 1].whitespace_  # type: ignore[index]
        and not doc[i - 2].whitespace_  # type: ignore[index]
    )


def _whole_name(doc: object, ent: object) -> object:
    """An entity the tagger ended on a hyphen-joined word, or just before one, with the capitalised names that
    follow it ("Jean-loup" or "Jean" of "Jean-loup Gailly"): a lower-case part after a hyphen makes the tagger end
    the name there. Before a hyphen, the name must run on past the joined word or that word be capitalised
    ("Mary-Kate"), so that "the Smith-led coalition" stays "Smith"."""
    end = ent.end  # type: ignore[attr-defined]

    def capitalised(i: int) -> bool:
        # a proper noun in capitals that opens no other name ("the Blair-led Labour government")
        return i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].ent_iob_ != "B"  # type: ignore[arg-type, index]

    if end + 1 < len(doc) and _hyphen_joined(doc, end + 1):  # type: ignore[arg-type]
        joined = doc[end + 1]  # type: ignore[index]
        # a name's part ("Jean-loup", "Mary-Kate"), not a word made of the name ("London-based", "Paris-bound")
        if not (joined.is_title or (joined.pos_ in ("NOUN", "PROPN") and capitalised(end + 2))):
            return ent
        end += 2
    elif not _hyphen_joined(doc, end - 1):
        return ent
    while capitalised(end):
        end += 1
    return doc[ent.start : end]  # type: ignore[attr-defined, index]


_PAIRS = {"[": "]", "(": ")", "{": "}", "“": "”", "‘": "’", "«": "»"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without a bracket or quote mark at its edge whose partner it lacks ("[1999 update" is
    "1999 update"), and the space that leaves."""
    while start < end and (close := _PAIRS.get(text[start])) is not None and close not in text[start + 1 : end]:
        start += 1
        while start < end and text[start].isspace():
            start += 1
    while start < end and (open_ := _CLOSERS.get(text[end - 1])) is not None and open_ not in text[start : end - 1]:
        end -= 1
        while start < end and text[end - 1].isspace():
            end -= 1
    if text.count('"', start, end) % 2:  # a straight quote mark opens and closes alike: an odd one is unpaired
        if text[start] == '"':
            start += 1
        elif text[end - 1] == '"':
            end -= 1
    return start, end


def fields(text: str) -> list[tuple[str, int, int]]:
    """A table row's named cells, as a CSV row reads ("country: Andorra | time zone: Europe/Andorra"): each name
    with where its value starts and ends in `text`; empty for a sentence of fewer than two such cells."""
    out, at = [], 0
    for part in text.split(CELL_SEPARATOR):
        key, colon, value = part.partition(": ")
        if colon and key.strip() and value.strip():
            start = at + len(key) + len(colon) + (len(value) - len(value.lstrip()))
            out.append((key.strip(), start, at + len(part.rstrip())))
        at += len(part) + len(CELL_SEPARATOR)
    return out if len(out) >= 2 else []


def asked_field(text: str, noun: str | None, stem: Callable[[str], str], question: str = "") -> tuple[int, int] | None:
    """Where the value of the one named cell of a row whose name is exactly the noun a question asks for ("time
    zone" of "What time zone is used in Andorra?") starts and ends. None when no cell, or more than one, is so
    named, or when its value is named in the `question` already ("country: Andorra" for "Which country borders
    Andorra?": the answer is in another cell)."""
    if not noun:
        return None
    asked = [stem(w) for w in fold(noun).split()]
    said = set(re.findall(r"\w+", fold(question)))
    best = []
    for key, start, end in fields(text):
        words = [stem(w) for w in fold(key).split()]
        if words and (words == asked or "".join(words) == "".join(asked)):
            best.append((start, end))
    if len(best) != 1:
        return None
    value = re.findall(r"\w+", fold(text[best[0][0] : best[0][1]]))
    return None if value and set(value) <= said else best[0]


def field_candidate(doc: object, start: int, end: int) -> tuple[int, int, str, object] | None:
    """A cell's whole value as the one candidate of its row: labelled as the tagger labels it when one entity is
    the whole value, else as a noun phrase; None when the value's edges fall inside a token."""
    span = doc.char_span(start, end)  # type: ignore[attr-defined]
    if span is None or not len(span):
        return None
    label = next((e.label_ for e in doc.ents if (e.start, e.end) == (span.start, span.end)), "NP")  # type: ignore[attr-defined]
    return (start, end, label, span)
