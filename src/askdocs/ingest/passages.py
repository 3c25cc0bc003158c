"""Passages: runs of whole sentences with a small overlap, the unit of embedding and retrieval.

Offsets are ``str`` indices into the document text, so ``text[start:end]`` reproduces a passage.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from askdocs.text.sentences import SPACED_WORD, Sentence, cut_words, holds_machine_run, split_sentences, word_spans

__all__ = ["CHUNKER_VERSION", "Chunk", "chunk_sentences", "chunk_text"]

CHUNKER_VERSION: str = "1"


@dataclass(frozen=True)
class Chunk:
    """A passage of consecutive sentences located at ``source[start:end]``."""

    start: int
    end: int
    text: str
    first_sentence: int
    last_sentence: int


def _count_words(text: str, start: int, end: int) -> int:
    """Number of whitespace-separated words in ``text[start:end]``."""
    return sum(1 for _ in SPACED_WORD.finditer(text, start, end))


_WALL = 10**9
"""The words a gap holding a machine-made run counts for: more than any passage holds, so no passage spans it (the
run, left out of every sentence, would otherwise be embedded and shown inside the passage's text)."""


class _WordCounter:
    """Upper-bound word counts of sentence ranges, including the text between sentences."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.own = [_count_words(text, s.start, s.end) for s in sentences]
        gaps = [0] + [
            _WALL
            if holds_machine_run(text, sentences[k - 1].end, sentences[k].start)
            else _count_words(text, sentences[k - 1].end, sentences[k].end)
            for k in range(1, len(sentences))
        ]
        self.prefix = [0]
        for g in gaps:
            self.prefix.append(self.prefix[-1] + g)

    def span(self, first: int, last: int) -> int:
        """Words in ``source[sentences[first].start : sentences[last].end]`` (never under-counted)."""
        return self.own[first] + self.prefix[last + 1] - self.prefix[first + 1]


def _oversized_chunks(text: str, sentence: Sentence, index: int, max_words: int) -> list[Chunk]:
    """Cut a sentence longer than ``max_words`` into word-bounded chunks pointing at that sentence."""
    words = word_spans(text, sentence.start, sentence.end)
    return [Chunk(a, b, text[a:b], index, index) for a, b in cut_words(text, words, max_words, prefer_punct=False)]


@dataclass(frozen=True)
class _Settings:
    """Validated chunking parameters."""

    target_words: int
    max_words: int
    overlap_sentences: int
    overlap_max_words: int


def _overlap_start(counter: _WordCounter, first: int, end: int, n: int, settings: _Settings) -> int:
    """First sentence of the next chunk: a short suffix of ``[first, end)`` that still leaves room."""
    start = end
    lowest = max(first + 1, end - settings.overlap_sentences)
    nxt_fits = end < n and counter.own[end] <= settings.max_words
    for k in range(end - 1, lowest - 1, -1):
        if not nxt_fits or counter.span(k, end - 1) > settings.overlap_max_words:
            break
        if counter.span(k, end) > settings.max_words:
            break
        start = k
    return start


def _greedy_end(counter: _WordCounter, first: int, n: int, settings: _Settings) -> int:
    """Exclusive end of a chunk starting at ``first``: grow until target, never past max."""
    end = first + 1
    while end < n and counter.own[end] <= settings.max_words:
        if counter.span(first, end - 1) >= settings.target_words:
            break
        if counter.span(first, end) > settings.max_words:
            break
        end += 1
    return end


def _merge_tail(
    text: str, chunks: list[Chunk], sentences: list[Sentence], counter: _WordCounter, settings: _Settings
) -> list[Chunk]:
    """Fold a too-small final chunk into the previous one when the result stays within max."""
    if len(chunks) < 2:
        return chunks
    prev, last = chunks[-2], chunks[-1]
    small = counter.span(last.first_sentence, last.last_sentence) * 3 < settings.target_words
    if not (small and _is_whole_sentences(prev, sentences) and _is_whole_sentences(last, sentences)):
        return chunks
    if counter.span(prev.first_sentence, last.last_sentence) > settings.max_words:
        return chunks
    start, end = sentences[prev.first_sentence].start, sentences[last.last_sentence].end
    merged = Chunk(start, end, text[start:end], prev.first_sentence, last.last_sentence)
    return [*chunks[:-2], merged]


def _is_whole_sentences(chunk: Chunk, sentences: list[Sentence]) -> bool:
    """Whether a chunk is made of whole sentences (not a piece of an oversized one)."""
    return chunk.start == sentences[chunk.first_sentence].start and chunk.end == sentences[chunk.last_sentence].end


def chunk_sentences(
    text: str,
    sentences: list[Sentence],
    *,
    target_words: int = 180,
    max_words: int = 250,
    overlap_sentences: int = 2,
    overlap_max_words: int = 60,
) -> list[Chunk]:
    """Greedily pack consecutive sentences into overlapping chunks of about ``target_words`` words."""
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    settings = _Settings(
        target_words=max(1, min(target_words, max_words)),
        max_words=max_words,
        overlap_sentences=max(0, overlap_sentences),
        overlap_max_words=max(0, overlap_max_words),
    )
    n = len(sentences)
    counter = _WordCounter(text, sentences)
    chunks: list[Chunk] = []
    first = 0
    while first < n:
        if counter.own[first] > settings.max_words:
            chunks.extend(_oversized_chunks(text, sentences[first], first, settings.max_words))
            first += 1
            continue
        end = _greedy_end(counter, first, n, settings)
        start_off, end_off = sentences[first].start, sentences[end - 1].end
        chunks.append(Chunk(start_off, end_off, text[start_off:end_off], first, end - 1))
        if end >= n:
            break
        first = _overlap_start(counter, first, end, n, settings)
    return _merge_tail(text, chunks, sentences, counter, settings)


def chunk_text(
    text: str, soft_breaks: Collection[int] | None = None, *, whole_lines: bool = False, **kwargs: int
) -> tuple[list[Sentence], list[Chunk]]:
    """Split ``text`` into sentences (``soft_breaks``, ``whole_lines``: see split_sentences) and pack them into
    chunks (keyword args go to ``chunk_sentences``)."""
    sentences = split_sentences(text, soft_breaks, whole_lines=whole_lines)
    return sentences, chunk_sentences(text, sentences, **kwargs)
