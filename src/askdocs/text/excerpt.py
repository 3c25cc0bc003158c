"""Excerpts: where in a passage a search or question matches, so a preview opens on that sentence, not the start."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from askdocs.lang.en import STOPWORDS
from askdocs.text.normalize import words
from askdocs.text.sentences import line_of, split_sentences
from askdocs.text.stem import stem


@dataclass(frozen=True)
class Excerpt:
    """The sentence of a passage that shares the most of a query's words: its offsets in the passage and the
    number of line breaks before it."""

    start: int
    end: int
    lines_before: int


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS}


def best_excerpt(text: str, query: str, taken: frozenset[int] = frozenset()) -> Excerpt | None:
    """The sentence of `text` holding the most distinct content words of `query` (the first of equals, leaving out
    sentences starting at an offset in `taken`), or None when no sentence holds any, or the first sentence does
    (the passage's start is then the right preview)."""
    wanted = _stems(query)
    if not wanted:
        return None
    best, found = 0, None
    for i, sentence in enumerate(split_sentences(text)):
        shared = len(wanted & _stems(sentence.text))
        if shared > best and sentence.start not in taken:
            best, found = shared, None if i == 0 else sentence
    if found is None:
        return None
    return Excerpt(found.start, found.end, line_of(text, found.start) - 1)


@dataclass(frozen=True)
class Preview:
    """What a one-line preview of a passage shows: its text from the best sentence on (after an ellipsis when that
    is not the first), the line and the document offsets of that sentence (the whole passage when there is none)."""

    text: str
    line: int
    start: int
    end: int


def previews(passages: Sequence[tuple[str, str, int, int]], query: str) -> list[Preview]:
    """Previews of (document, text, start offset, line) passages in a list for `query`; overlapping passages of one
    document do not open on the same sentence twice."""
    shown: set[tuple[str, int]] = set()
    out = []
    for document, text, start, line in passages:
        taken = frozenset(a - start for d, a in shown if d == document and start <= a < start + len(text))
        found = best_excerpt(text, query, taken) if query else None
        if found is None:
            out.append(Preview(flattened(text), line, start, start + len(text)))
            continue
        shown.add((document, start + found.start))
        at = start + found.start
        out.append(Preview("…" + flattened(text[found.start :]), line + found.lines_before, at, start + found.end))
    return out


HEADING_WORDS = 8
"""A line of at most this many words followed by more text reads as a heading in a one-line preview."""


def flattened(text: str) -> str:
    """`text` on one line, a short line (a heading: "Tension with U.S.") set off from the text after it by a dash
    instead of running into it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i < len(lines) - 1 and len(line.split()) <= HEADING_WORDS and line[-1] not in ",;:-–—":
            out.append("—")
    return " ".join(out)
