"""How many passages an index run will embed, before every file is read: an estimate from the files read so far, by
kind of file, and which file holds most of the work, so that the progress output can say so.

Text files (plain text, Markdown, HTML, CSV) are judged by the files read that held full passages; a short file
makes one passage however few bytes it has, so it says nothing of how many a long one makes. PDF, Word and EPUB
files, whose bytes are mostly fonts, pictures and compression, are judged by the ones read apart from text files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from askdocs.index_progress import rounded
from askdocs.ingest.loaders import DECODED_SUFFIXES

BYTES_PER_WORD = 3
"""Fewest bytes a word of a full passage takes, with its space (English news averages about 6; overlapping passages
share words, so a passage of 180 words holds fewer bytes of its own): the ceiling of the passages per byte."""
TYPICAL_BYTES_PER_WORD = 6
"""Bytes a word of a full passage takes in an English text file (news, man pages, logs: 4 to 8 here): the guess
for text files before any was read."""
PACKED_BYTES_PER_WORD = 40
"""The guess for PDF, Word and EPUB files before any was read: their bytes are mostly fonts, pictures and
compression (a report of text alone takes 15 to 40 bytes a word, one with pictures far more)."""
MOST = 0.5
"""The share of a run's passages that makes one file "most of the work" in the progress output."""
NAMED_PASSAGES = 256
"""The fewest passages for which the file making most of them is named: a run of a few seconds needs no reason."""


def _kind(path: Path) -> str:
    return "text" if path.suffix.lower() in DECODED_SUFFIXES else "packed"


@dataclass
class _Tally:
    files: int = 0
    bytes: int = 0
    passages: int = 0


class PassageEstimate:
    """Passages a run embeds: counted for the files read, estimated for the others (see the module's docstring)."""

    def __init__(self, sizes: Mapping[Path, int], target_words: int) -> None:
        """`sizes`: the files to read that may hold passages (those not foreseen as skipped), with their sizes."""
        self.sizes, self.target_words = dict(sizes), target_words
        self.passages: dict[Path, int] = {}
        """Passages of each file read (0 for one skipped on reading)."""
        self._unread = {"text": _Tally(), "packed": _Tally()}
        self._full = {"text": _Tally(), "packed": _Tally()}
        self._counted = 0
        for path, size in self.sizes.items():
            tally = self._unread[_kind(path)]
            tally.files, tally.bytes = tally.files + 1, tally.bytes + size

    def read(self, path: Path, passages: int) -> None:
        """`path` was read and makes `passages` (0: skipped when read)."""
        if path not in self.sizes or path in self.passages:
            return
        self.passages[path] = passages
        self._counted += passages
        kind, size = _kind(path), self.sizes[path]
        unread = self._unread[kind]
        unread.files, unread.bytes = unread.files - 1, unread.bytes - size
        if kind == "packed" or passages >= 2:  # a text file of one passage says nothing of a long one
            tally = self._full[kind]
            tally.bytes, tally.passages = tally.bytes + size, tally.passages + passages

    @property
    def exact(self) -> bool:
        return len(self.passages) >= len(self.sizes)

    def _density(self, kind: str) -> float:
        """Passages per byte of a kind of file: as measured, at most what full passages of short words hold."""
        tally = self._full[kind]
        if not tally.bytes:
            guess = TYPICAL_BYTES_PER_WORD if kind == "text" else PACKED_BYTES_PER_WORD
            return 1 / (guess * self.target_words)
        return min(tally.passages / tally.bytes, 1 / (BYTES_PER_WORD * self.target_words))

    def of(self, path: Path) -> int:
        """Passages of one file: counted when read, else from its size (at least one)."""
        if path in self.passages:
            return self.passages[path]
        return max(round(self.sizes[path] * self._density(_kind(path))), 1)

    def count(self) -> tuple[int, bool]:
        """Passages of the run and whether that is exact (every file read); an estimate is rounded."""
        if self.exact:
            return self._counted, True
        unread = sum(max(round(t.bytes * self._density(k)), t.files) for k, t in self._unread.items())
        return rounded(self._counted + unread), False

    def heaviest(self) -> tuple[Path, int] | None:
        """The file that makes most of the run's passages (more than MOST of them, of at least two files), with its
        passages (estimated until read); None when the work is spread out, or the file makes fewer than
        NAMED_PASSAGES. A PDF, Word or EPUB file not read yet, when none of them was, is never named: its count is a
        guess far less sure than a text file's (their bytes are mostly no words)."""
        if len(self.sizes) < 2:
            return None
        known = [p for p in self.sizes if p in self.passages or _kind(p) == "text" or self._full["packed"].bytes]
        if not known:
            return None
        path = max(known, key=lambda p: (self.of(p), self.sizes[p]))
        passages = self.of(path)
        total = self._counted + sum(self.of(p) for p in self.sizes if p not in self.passages)
        return (path, passages) if passages > MOST * total and passages >= NAMED_PASSAGES else None
