"""Sentence splitting and passage chunking with exact character offsets.

Sentences are the unit of citation; chunks (runs of whole sentences with a small
overlap) are the unit of embedding. All offsets are Python ``str`` indices into the
original text, so ``text[start:end]`` always reproduces a sentence or chunk.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CHUNKER_VERSION: str = "1"

MAX_SENTENCE_WORDS = 120
"""Sentences longer than this are cut into pieces so citations stay sentence-sized."""


@dataclass(frozen=True)
class Sentence:
    """A sentence (or sentence piece) located at ``source[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A passage of consecutive sentences located at ``source[start:end]``."""

    start: int
    end: int
    text: str
    first_sentence: int
    last_sentence: int


def _word_set(words: str) -> frozenset[str]:
    """Frozen set of the whitespace-separated words in ``words``."""
    return frozenset(words.split())


# --------------------------------------------------------------------------- lines and blocks

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_MD_HEADING_RE = re.compile(r"#{1,6}(?:\s+|$)")
_LIST_ITEM_RE = re.compile(r"(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(?=\S)")
_BLOCKQUOTE_RE = re.compile(r">+\s*")
_HEADER_LINE_RE = re.compile(r"([A-Z][A-Za-z-]{0,20}(?: [A-Za-z-]{1,20}){0,2}):(?:\s|$)")
_KNOWN_HEADER_KEYS = _word_set(
    "date title author authors by byline source url link published updated modified tags category"
    " categories summary description subtitle dateline location keywords language lang slug publisher section"
)
_RULE_CHARS = frozenset("-*_=~#`+|:. \t")
_FINAL_PUNCT = frozenset(".!?…:;,。！？\"'”’»)]")

_WRAP_MIN, _WRAP_MAX, _WRAP_LIMIT = 40, 100, 120
_HEADING_MAX_CHARS = 60


@dataclass(frozen=True)
class _Line:
    """A non-line-break span of the source, already stripped of surrounding whitespace."""

    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line | None]:
    """Split into lines (any of CRLF/CR/LF); blank lines become ``None``."""
    out: list[_Line | None] = []
    pos = 0
    for m in _LINE_BREAK_RE.finditer(text):
        out.append(_stripped_line(text, pos, m.start()))
        pos = m.end()
    out.append(_stripped_line(text, pos, len(text)))
    return out


def _stripped_line(text: str, start: int, end: int) -> _Line | None:
    """Trim whitespace from ``text[start:end]``; ``None`` if nothing remains."""
    raw = text[start:end]
    body = raw.lstrip()
    if not body:
        return None
    s = start + len(raw) - len(body)
    body = body.rstrip()
    return _Line(s, s + len(body), body)


def _is_hard_wrapped(lines: list[_Line | None]) -> bool:
    """Guess whether single newlines are soft wraps (mostly 40–100 char lines, none long)."""
    lengths = [len(line.text) for line in lines if line is not None]
    if len(lengths) < 3 or max(lengths) > _WRAP_LIMIT:
        return False
    in_range = sum(_WRAP_MIN <= n <= _WRAP_MAX for n in lengths)
    return in_range * 2 > len(lengths)


def _is_rule(line: _Line) -> bool:
    """Horizontal rules, setext underlines, code fences, table separators, front-matter fences."""
    return len(line.text) >= 3 and set(line.text) <= _RULE_CHARS


def _is_header_line(line: _Line, leading: bool) -> bool:
    """``Date: ...``-style metadata lines (any known key; any short key at the top of the text)."""
    m = _HEADER_LINE_RE.match(line.text)
    if m is None:
        return False
    return leading or m.group(1).lower() in _KNOWN_HEADER_KEYS


def _is_soft_heading(line: _Line, nxt: _Line | None, wrap_width: int) -> bool:
    """Short unpunctuated line that was broken on purpose (the next word would have fit)."""
    if nxt is None or len(line.text) >= _HEADING_MAX_CHARS or line.text[-1] in _FINAL_PUNCT:
        return False
    next_word = nxt.text.split(maxsplit=1)[0]
    return len(line.text) + 1 + len(next_word) <= wrap_width


def _content_start(text: str, line: _Line) -> int:
    """Offset after any markdown heading/list/blockquote marker at the start of a block."""
    for pattern in (_MD_HEADING_RE, _LIST_ITEM_RE, _BLOCKQUOTE_RE):
        m = pattern.match(text, line.start, line.end)
        if m is not None:
            return m.end()
    return line.start


def _blocks(text: str) -> list[tuple[int, int]]:
    """Group lines into blocks (paragraphs, headings, list items) as ``(start, end)`` spans."""
    lines = _lines(text)
    soft = _is_hard_wrapped(lines)
    wrap_width = max((len(line.text) for line in lines if line is not None), default=0)
    blocks: list[tuple[int, int]] = []
    current: list[int] | None = None  # [start, end] of the open block
    leading = True

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append((current[0], current[1]))
            current = None

    for i, line in enumerate(lines):
        if line is None or _is_rule(line):
            close()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        header = _is_header_line(line, leading)
        leading = leading and header
        start = _content_start(text, line)
        if start >= line.end:
            close()
            continue
        standalone = (
            not soft
            or header
            or _MD_HEADING_RE.match(line.text) is not None
            or line.text.startswith("|")
            or _is_soft_heading(line, nxt, wrap_width)
        )
        if standalone:
            close()
            blocks.append((start, line.end))
        elif current is None or _LIST_ITEM_RE.match(line.text):
            close()
            current = [start, line.end]
        else:
            current[1] = line.end
    close()
    return blocks


# --------------------------------------------------------------------------- sentence boundaries

_BOUNDARY_RE = re.compile(r"(?P<term>[.!?…]+)(?P<close>[”’\"'»)\]]*)\s+(?=\S)")
_CJK_BOUNDARY_RE = re.compile(r"[。！？]+[」』”’)）]*\s*(?=\S)")
_OPENERS = frozenset("“‘\"'([«¿¡")
_TOKEN_STOP = frozenset("([{“‘\"'«")
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


_ABBREVIATIONS = _word_set(
    """
    Mr Mrs Ms Mx Dr Prof Gen Sen Sens Rep Reps Gov Lt Col Capt Sgt Cpl Pvt Maj Adm Cmdr Brig Gens
    St Ste Mt Ft Jr Sr Inc Ltd Co Corp Bros Plc Cie Messrs Mme Mlle Rev Hon Pres Supt Det Insp Atty
    Fr Sra Sr Srta Dept Univ Assn Ave Blvd Rd Hwy No Nos Vol Vols Op Fig Figs Ph.D Ed Eds Esq
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ala Ariz Ark Calif Colo Conn Fla Kan Kans Ky Md Mass Mich Minn Mont Neb Nev Okla Ore Pa Tenn
    Vt Va Wash Wis Wyo
    """
)
_LOWER_ABBREVIATIONS = _word_set("vs etc e.g i.e cf approx est al fig figs vol no nos pp ca ibid viz incl dept sq ft")


def _preceding_token(seg: str, end: int) -> str:
    """The word immediately before ``seg[end]`` (stopping at whitespace or an opening quote)."""
    pos = end
    while pos > 0 and not seg[pos - 1].isspace() and seg[pos - 1] not in _TOKEN_STOP:
        pos -= 1
    return seg[pos:end]


def _starts_sentence(ch: str) -> bool:
    """Whether a character can begin a new sentence after terminal punctuation."""
    return ch.isdigit() or ch in _OPENERS or (ch.isalpha() and not ch.islower())


def _is_abbreviation(seg: str, match: re.Match[str]) -> bool:
    """A lone period that ends an abbreviation or an initialism rather than a sentence."""
    if match.group("term") != "." or match.group("close"):
        return False
    token = _preceding_token(seg, match.start())
    if not token:
        return False
    if token in _ABBREVIATIONS or token.lower() in _LOWER_ABBREVIATIONS:
        return True
    next_char = seg[match.end()]
    return _INITIALS_RE.fullmatch(token) is not None and next_char.isalpha() and next_char.isupper()


def _boundaries(seg: str) -> list[tuple[int, int]]:
    """``(sentence_end, next_start)`` pairs inside one block, relative to ``seg``."""
    found: list[tuple[int, int]] = []
    for m in _BOUNDARY_RE.finditer(seg):
        if _starts_sentence(seg[m.end()]) and not _is_abbreviation(seg, m):
            found.append((m.end("close"), m.end()))
    for m in _CJK_BOUNDARY_RE.finditer(seg):
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        found.append((end, m.end()))
    return sorted(set(found))


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) within one block."""
    seg = text[start:end]
    spans: list[tuple[int, int]] = []
    pos = 0
    for s_end, nxt in _boundaries(seg):
        if s_end > pos:
            spans.append((pos, s_end))
        pos = max(pos, nxt)
    spans.append((pos, len(seg)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = _stripped_line(seg, a, b)
        if piece is not None:
            out.append((start + piece.start, start + piece.end))
    return out


# --------------------------------------------------------------------------- long sentence cutting

_WORD_RE = re.compile(r"\S+")
_CLOSERS = "”’\"'»)]"


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute ``(start, end)`` spans of whitespace-separated words in ``text[start:end]``."""
    return [(m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]


def _cut_words(text: str, words: list[tuple[int, int]], limit: int, prefer_punct: bool) -> list[tuple[int, int]]:
    """Cut a word run into balanced pieces of at most ``limit`` words, favouring ``;``/``,``."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    while len(words) - pos > limit:
        remaining = len(words) - pos
        pieces_left = math.ceil(remaining / limit)
        ideal = pos + math.ceil(remaining / pieces_left) - 1
        lowest = max(pos, pos + remaining - (pieces_left - 1) * limit - 1)
        highest = pos + limit - 1
        cut = _punct_cut(text, words, ideal, lowest, highest) if prefer_punct else None
        cut = min(max(ideal, lowest), highest) if cut is None else cut
        pieces.append((words[pos][0], words[cut][1]))
        pos = cut + 1
    pieces.append((words[pos][0], words[-1][1]))
    return pieces


def _punct_cut(text: str, words: list[tuple[int, int]], ideal: int, lowest: int, highest: int) -> int | None:
    """Index of the word nearest ``ideal`` ending in ``;`` (else ``,``) within a small window."""
    slack = max(3, (highest - lowest) // 4 + 1)
    lo, hi = max(lowest, ideal - slack), min(highest, ideal + slack)
    for marks in (";", ","):
        hits = [k for k in range(lo, hi + 1) if text[words[k][0] : words[k][1]].rstrip(_CLOSERS)[-1:] in marks]
        if hits:
            return min(hits, key=lambda k: abs(k - ideal))
    return None


def _limit_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Keep a sentence whole, or cut it at word boundaries if it exceeds the word limit."""
    words = _word_spans(text, start, end)
    if len(words) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    return _cut_words(text, words, MAX_SENTENCE_WORDS, prefer_punct=True)


# --------------------------------------------------------------------------- public: sentences


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences with exact offsets; headings and list items are their own sentences."""
    out: list[Sentence] = []
    for b_start, b_end in _blocks(text):
        for s_start, s_end in _split_block(text, b_start, b_end):
            for p_start, p_end in _limit_sentence(text, s_start, s_end):
                out.append(Sentence(p_start, p_end, text[p_start:p_end]))
    return out


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` (CRLF, CR and LF each count as one line break)."""
    prefix = text[: max(0, min(offset, len(text)))]
    return 1 + prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n")


# --------------------------------------------------------------------------- public: chunks


def _count_words(text: str, start: int, end: int) -> int:
    """Number of whitespace-separated words in ``text[start:end]``."""
    return sum(1 for _ in _WORD_RE.finditer(text, start, end))


class _WordCounter:
    """Upper-bound word counts of sentence ranges, including the text between sentences."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.own = [_count_words(text, s.start, s.end) for s in sentences]
        gaps = [0] + [_count_words(text, sentences[k - 1].end, sentences[k].end) for k in range(1, len(sentences))]
        self.prefix = [0]
        for g in gaps:
            self.prefix.append(self.prefix[-1] + g)

    def span(self, first: int, last: int) -> int:
        """Words in ``source[sentences[first].start : sentences[last].end]`` (never under-counted)."""
        return self.own[first] + self.prefix[last + 1] - self.prefix[first + 1]


def _oversized_chunks(text: str, sentence: Sentence, index: int, max_words: int) -> list[Chunk]:
    """Cut a sentence longer than ``max_words`` into word-bounded chunks pointing at that sentence."""
    words = _word_spans(text, sentence.start, sentence.end)
    return [Chunk(a, b, text[a:b], index, index) for a, b in _cut_words(text, words, max_words, prefer_punct=False)]


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


def chunk_text(text: str, **kwargs: int) -> tuple[list[Sentence], list[Chunk]]:
    """Split ``text`` into sentences and pack them into chunks (keyword args go to ``chunk_sentences``)."""
    sentences = split_sentences(text)
    return sentences, chunk_sentences(text, sentences, **kwargs)
