"""Excerpts: where in a passage a search or question matches, so a preview opens on that sentence, not the start."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from askdocs.lang.en import STOPWORDS
from askdocs.text.normalize import words
from askdocs.text.stem import stem


class Piece(Protocol):
    """A stored sentence as a preview needs it: document offsets, the line it starts on in the file, its text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Preview:
    """What a one-line preview of a passage shows: its text from the best sentence on, and the line and document
    offsets of that sentence (the passage's own when its first sentence is best or none matches)."""

    text: str
    line: int
    start: int
    end: int
    column: int | None = None
    """The column of `start` on its file line, for text and Markdown files (see Retriever.column); else None."""
    where: str = ""
    """Where the preview's sentence is, as a citation of it would say ("p.3", "§ Grants ¶2"); empty: unknown."""


@dataclass(frozen=True)
class Shown:
    """A passage to preview: its document, text, document offset and line, and its sentences in order."""

    document: str
    text: str
    start: int
    line: int
    sentences: Sequence[Piece]


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS}


def previews(passages: Sequence[Shown], query: str) -> list[Preview]:
    """Previews of passages in a list for `query`: each opens on its sentence holding the most distinct content
    words of the query (the first of equals); overlapping passages of one document do not open on one twice."""
    wanted = _stems(query)
    shown: set[tuple[str, int]] = set()
    out = []
    for p in passages:
        best, found = 0, None
        for sentence in p.sentences:
            if (p.document, sentence.start) in shown or sentence.start >= p.start + len(p.text):
                continue
            shared = len(wanted & _stems(sentence.text))
            if shared > best:  # the passage's first sentence is best: its own start is the preview
                best, found = shared, None if sentence.start <= p.start else sentence
        if found is None:
            if best:  # its first sentence: shown, so a passage overlapping this one does not open on it again
                shown.add((p.document, min(s.start for s in p.sentences)))
            out.append(from_start(p.text, p.start, p.line))
            continue
        shown.add((p.document, found.start))
        out.append(Preview(flattened(p.text[found.start - p.start :]), found.line, found.start, found.end))
    return out


def past_header(passage: Shown, header_end: int) -> Shown:
    """The passage from its first sentence that ends past its document's header (the "Title: ..." lines a text
    file opens with, never cited), so that its preview does not open on them; as it is when it starts past it."""
    if passage.start >= header_end:
        return passage
    rest = [s for s in passage.sentences if s.end > header_end]
    if not rest or not passage.start < rest[0].start < passage.start + len(passage.text):
        return passage
    first = rest[0]
    return Shown(passage.document, passage.text[first.start - passage.start :], first.start, first.line, rest)


def from_start(text: str, start: int, line: int) -> Preview:
    """The preview of a passage (its text, document offset and line) shown from its first words."""
    return Preview(flattened(text), line, start, start + len(text))


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
