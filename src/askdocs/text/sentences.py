"""Sentence splitting with exact character offsets: sentences are the unit of citation.

All offsets are Python ``str`` indices into the original text, so ``text[start:end]`` always reproduces a
sentence. Passages (runs of whole sentences) are built from these in askdocs.ingest.passages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from askdocs.lang.en import EN

MAX_SENTENCE_WORDS = 120
"""Sentences longer than this are cut into pieces so citations stay sentence-sized."""


@dataclass(frozen=True)
class Sentence:
    """A sentence (or sentence piece) located at ``source[start:end]``."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- lines and blocks

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_MD_HEADING_RE = re.compile(r"#{1,6}(?:\s+|$)")
_LIST_ITEM_RE = re.compile(r"(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(?=\S)")
_BLOCKQUOTE_RE = re.compile(r"(?:>[ \t]?)+\s*")
"""The ">" marks that quote a line, nested ("> > text") or not."""
_QUOTE_MARKS = re.compile(r"(?:>[ \t]*)+")
_HEADER_LINE_RE = re.compile(r"([A-Z][A-Za-z0-9.-]{0,80}(?: [A-Za-z-]{1,20}){0,2}):(?:\s|$)")
_RULE_CHARS = frozenset("-*_=~#`+|:. \t")
_FINAL_PUNCT = frozenset(".!?…:;,。！？\"'”’»)]")

_WRAP_MIN, _WRAP_MAX, _WRAP_LIMIT = 40, 100, 120
_HEADING_MAX_CHARS = 60


_BLANK = (
    "\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What a line is trimmed of: whitespace and U+FEFF (a byte order mark inside a joined file)."""


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
    """Trim whitespace (and byte order marks, which a joined file carries inside) from ``text[start:end]``;
    ``None`` if nothing remains."""
    raw = text[start:end]
    body = raw.lstrip(_BLANK)
    if not body:
        return None
    s = start + len(raw) - len(body)
    body = body.rstrip(_BLANK)
    return _Line(s, s + len(body), body)


def _depth(line: _Line) -> int:
    """How deeply a line is quoted: the ">" marks an e-mail reply opens it with ("> > text" is 2)."""
    m = _BLOCKQUOTE_RE.match(line.text)
    return m.group(0).count(">") if m else 0


def _body(line: _Line) -> str:
    """A line's words, past the ">" marks that quote it: what wrapping and headings are judged by."""
    m = _BLOCKQUOTE_RE.match(line.text)
    return line.text[m.end() :] if m else line.text


def _is_hard_wrapped(lines: list[_Line | None]) -> bool:
    """Guess whether single newlines are soft wraps (mostly 40–100 char lines, none long)."""
    lengths = [len(_body(line)) for line in lines if line is not None]
    if len(lengths) < 3 or max(lengths) > _WRAP_LIMIT:
        return False
    in_range = sum(_WRAP_MIN <= n <= _WRAP_MAX for n in lengths)
    return in_range * 2 > len(lengths)


def _wrapped_paragraphs(lines: list[_Line | None]) -> list[int]:
    """For each line, the wrap width of its paragraph (a run of lines between blank lines or rules) when that
    paragraph is hard-wrapped although the whole text is not (a Usenet post with one long header line, a file that
    wraps some paragraphs and not others), else 0. Such a paragraph has two lines or more, none but the last over
    the wrap limit, most of them wrap-length, and a line that breaks mid-sentence (no closing mark, the next line
    opening in lower case): a list of titles or names is left a line per item."""
    widths = [0] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (line := lines[j]) is not None and not _is_rule(line) and _body(line):
            if j > i and _depth(line) != _depth(lines[j - 1]):  # type: ignore[arg-type]
                break  # a quoted reply and the words around it are paragraphs of their own
            j += 1
        if j == i:
            i += 1
            continue
        paragraph = [line for line in lines[i:j] if line is not None]
        body = [len(_body(line)) for line in paragraph[:-1]]
        if (
            body
            and max(body) <= _WRAP_LIMIT
            and sum(n >= _WRAP_MIN for n in body) * 2 >= len(body)
            and any(_breaks_mid_sentence(a, b) for a, b in zip(paragraph, paragraph[1:], strict=False))
        ):
            widths[i:j] = [max(body)] * (j - i)
        i = j
    return widths


def _breaks_mid_sentence(line: _Line, nxt: _Line) -> bool:
    return _depth(line) == _depth(nxt) and breaks_mid_sentence(_body(line), _body(nxt))


def breaks_mid_sentence(line: str, nxt: str) -> bool:
    """A wrap-length line that ends on a word, a number or a comma before a line that opens in lower case: one
    sentence, wrapped ("... a journey of 330" / "million kilometers ..."). A short line ("Ingredients" / "flour")
    or one ending on a bracket or an operator (code) is not taken for one."""
    return len(line) >= _WRAP_MIN and (line[-1].isalnum() or line[-1] == ",") and nxt[:1].islower()


def ends_on_small_word(line: str) -> bool:
    """Whether a line ends on a small word in lower case ("... apply to the", "... Fund for"): no heading or item
    ends so, a wrapped line does (a Markdown link or emphasis taken out shortens it)."""
    last = line.rsplit(maxsplit=1)[-1] if line.strip() else ""
    return last.islower() and last in EN.line_end_words


def _is_rule(line: _Line) -> bool:
    """Horizontal rules, setext underlines, code fences, table separators, front-matter fences."""
    return len(line.text) >= 3 and set(line.text) <= _RULE_CHARS


def _is_header_line(line: _Line, leading: bool) -> bool:
    """``Date: ...``-style metadata lines (any known key; any short key at the top of the text)."""
    m = _HEADER_LINE_RE.match(line.text)
    if m is None:
        return False
    return leading or m.group(1).lower() in EN.header_keys


def _is_soft_heading(line: _Line, nxt: _Line | None, wrap_width: int) -> bool:
    """Short unpunctuated line that was broken on purpose (the next word would have fit). A line ending on a small
    word in lower case ("... apply to the", "... Fund for": a link or emphasis taken out of Markdown shortens a
    wrapped line) is no heading: headings do not end on "the" or "for"."""
    text, after = _body(line), _body(nxt) if nxt is not None else ""
    if nxt is None or not text or not after or len(text) >= _HEADING_MAX_CHARS or _breaks_mid_sentence(line, nxt):
        return False
    if text[-1] in _FINAL_PUNCT or _depth(line) != _depth(nxt):  # a reply's last line before a quote, or a quote's
        return False
    if ends_on_small_word(text):
        return False
    next_word = after.split(maxsplit=1)[0]
    return len(text) + 1 + len(next_word) <= wrap_width


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
    paragraph_widths = [wrap_width] * len(lines) if soft else _wrapped_paragraphs(lines)
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
            not paragraph_widths[i]
            or header
            or _MD_HEADING_RE.match(line.text) is not None
            or line.text.startswith("|")
            or _is_soft_heading(line, nxt, paragraph_widths[i])
        )
        quoted_apart = i > 0 and (before := lines[i - 1]) is not None and _depth(before) != _depth(line)
        if standalone:
            close()
            blocks.append((start, line.end))
        elif current is None or _LIST_ITEM_RE.match(line.text) or quoted_apart:
            close()
            current = [start, line.end]
        else:
            current[1] = line.end
    close()
    return blocks


# --------------------------------------------------------------------------- sentence boundaries

_CLOSE = r"(?P<close>(?:[”’\"'»)\]]|\[\w{1,4}\])*)"
"""What may follow the final mark inside the sentence: closing quotes and brackets, and reference markers ("[4]")."""
_BOUNDARY_RE = re.compile(r"(?P<term>[.!?…]+)" + _CLOSE + r"\s+(?=\S)")
_GLUED_RE = re.compile(r"(?<=[a-z]{2}|[0-9]{2})(?P<term>[.!?])" + _CLOSE + r"(?=[A-Z][a-z])")
"""A sentence end whose space was lost ("injured 81 others.No group has claimed it", as text copied from the web
often has): after a word of two or more lowercase letters or digits, before a capitalised word."""
_CJK_BOUNDARY_RE = re.compile(r"[。！？]+[」』”’)）]*\s*(?=\S)")
_OPENERS = frozenset("“‘\"'([«¿¡")
_TOKEN_STOP = frozenset("([{“‘\"'«")
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


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
    if token in EN.abbreviations or token.lower() in EN.lowercase_abbreviations:
        return True
    next_char = seg[match.end()]
    return _INITIALS_RE.fullmatch(token) is not None and next_char.isalpha() and next_char.isupper()


def _is_glued(seg: str, match: re.Match[str]) -> bool:
    """Whether a mark with no space after it ends a sentence: not inside a web address, a file name or a dotted
    abbreviation ("example.Com", "vs.Brazil"), only between plain words."""
    before = _preceding_token(seg, match.start())
    after = SPACED_WORD.match(seg, match.end())
    following = after.group().rstrip(".,;:!?”’\"')]") if after else ""
    return (
        before.isalnum()
        and before.lower() not in EN.lowercase_abbreviations
        and before not in EN.abbreviations
        and following.isalpha()
    )


def _boundaries(seg: str) -> list[tuple[int, int]]:
    """``(sentence_end, next_start)`` pairs inside one block, relative to ``seg``."""
    found: list[tuple[int, int]] = []
    for m in _BOUNDARY_RE.finditer(seg):
        nxt = m.end()
        if (
            ("\n" in m.group(0) or "\r" in m.group(0))
            and (marks := _QUOTE_MARKS.match(seg, nxt)) is not None
            and marks.end() < len(seg)
        ):
            nxt = marks.end()  # a sentence that opens a quoted line ("... off.\n> The move ..."): past its marks
        if _starts_sentence(seg[nxt]) and not _is_abbreviation(seg, m):
            found.append((m.end("close"), nxt))
    for m in _GLUED_RE.finditer(seg):
        if _is_glued(seg, m):
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

SPACED_WORD = re.compile(r"\S+")
_CLOSERS = "”’\"'»)]"


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute ``(start, end)`` spans of whitespace-separated words in ``text[start:end]``."""
    return [(m.start(), m.end()) for m in SPACED_WORD.finditer(text, start, end)]


def cut_words(text: str, words: list[tuple[int, int]], limit: int, prefer_punct: bool) -> list[tuple[int, int]]:
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
    words = word_spans(text, start, end)
    if len(words) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    return cut_words(text, words, MAX_SENTENCE_WORDS, prefer_punct=True)


# --------------------------------------------------------------------------- public


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
