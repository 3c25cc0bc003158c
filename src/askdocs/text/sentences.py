"""Sentence splitting with exact character offsets: sentences are the unit of citation.

All offsets are Python ``str`` indices into the original text, so ``text[start:end]`` always reproduces a
sentence. Passages (runs of whole sentences) are built from these in askdocs.ingest.passages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from askdocs.lang.en import EN
from askdocs.text.blocks import blocks, stripped_line
from askdocs.text.terms import indented_more, is_term

MAX_SENTENCE_WORDS = 120
"""Sentences longer than this are cut into pieces so citations stay sentence-sized."""
MAX_WORD_CHARS = 200
"""A run of non-space characters longer than this (a hash, a word-less stretch of text) counts as a word per this
many characters, and a sentence or passage that must be cut may be cut inside it: so no sentence or passage made of
such runs is longer than its word limits allow (120 and 250 words of at most this many characters). A news story's
source address (rarely over 200 characters) stays one word, so its passages are cut where they always were."""
MAX_RUN_CHARS = 2000
"""A run of non-space characters longer than this, made almost all of ASCII (MACHINE_SHARE), is no words (a base64
blob, a data: URI, minified code, a file of one 19-million character token): it is left out of every sentence, each
sentence being cut around it, and no passage spans it (askdocs.ingest.passages), so it is never embedded, cited or
shown; it stays in the document's text, where offsets point. A longer run of other characters is text of a script
written without spaces (Thai, Khmer, Chinese): kept, and cut as any long run is (MAX_WORD_CHARS)."""
MACHINE_SHARE = 0.95
"""The share of printable ASCII characters that makes a run over MAX_RUN_CHARS machine-made."""


@dataclass(frozen=True)
class Sentence:
    """A sentence (or sentence piece) located at ``source[start:end]``."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- sentence boundaries

_QUOTE_MARKS = re.compile(r"(?:>[ \t]*)+")
"""The ">" marks that open a quoted line, past which a sentence that opens it starts."""
_CLOSE = r"(?P<close>(?:[”’\"'»)\]]|\[\w{1,4}\])*)"
"""What may follow the final mark inside the sentence: closing quotes and brackets, and reference markers ("[4]")."""
_BOUNDARY_RE = re.compile(r"(?P<term>[.!?…]+)" + _CLOSE + r"\s+(?=\S)")
_GLUED_RE = re.compile(r"(?<=[a-z]{2}|[0-9]{2})(?P<term>[.!?])" + _CLOSE + r"(?=[A-Z][a-z])")
"""A sentence end whose space was lost ("injured 81 others.No group has claimed it", as text copied from the web
often has): after a word of two or more lowercase letters or digits, before a capitalised word."""
_OPTION_OPENS_LINE = re.compile(r"--?[A-Za-z?][\w-]*(?=[\s=\[,]|$)")
"""An option word opening a line ("--help Display a usage message", "-t fd  True if"): after a sentence's end, a
compact option list's next entry, which starts a sentence though it opens on no capital."""
_CJK_BOUNDARY_RE = re.compile(r"[。！？។။།।॥]+[」』”’)）]*\s*(?=\S)")
"""A sentence end of a script whose sentences need no capital after them: Chinese and Japanese, the Khmer khan,
the Burmese section mark, the Tibetan shad and the Devanagari danda."""
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


def _repeats(seg: str, match: re.Match[str]) -> bool:
    """An ellipsis that marks a command's word as repeatable in a usage line ("cp [OPTION]... SOURCE... DIRECTORY",
    "[FILE]... -t DIR"), not a sentence trailing off: after an option word, a bracketed one or a placeholder in
    capitals, and before another such word (a placeholder in capitals not opening a sentence: "NASA reported").
    Not a quotation's elision ("killed [...]") nor prose ("OK... Let us go.", "ls -la... Nothing.")."""
    if match.group("term") != "..." or not _usage_word(_preceding_word(seg, match.start())):
        return False
    words = SPACED_WORD.findall(seg, match.end(), match.end() + 200)[:2]
    if not words or words[0][:1] in ("-", "[", "<"):
        return bool(words)
    return _placeholder(words[0].rstrip(".")) and (len(words) < 2 or not words[1][:1].islower())


def _preceding_word(seg: str, end: int) -> str:
    """The run of non-space characters right before ``seg[end]``."""
    pos = end
    while pos > 0 and not seg[pos - 1].isspace():
        pos -= 1
    return seg[pos:end]


def _usage_word(word: str) -> bool:
    """A usage line's word: an option word ("-f", "--pax-option=keyword[,keyword]"), a bracketed or angled one
    ("[OPTION]", "<file>"), or a placeholder in capitals ("SOURCE")."""
    return any(c.isalnum() for c in word) and (word[:1] in ("-", "[", "<") or _placeholder(word))


def _placeholder(word: str) -> bool:
    """A placeholder in capitals ("SOURCE", "ATTR_LIST")."""
    return len(word) > 1 and word.replace("_", "").isalpha() and word.isupper()


def _ends_term(seg: str, match: re.Match[str], lead: str = "") -> bool:
    """Whether a mark ends a definition list's term line ("-?" over "Show the help.", "--files=FILE..." over its
    description): the term reads with its description, never apart (see askdocs.text.terms)."""
    if "\n" not in match.group(0) and "\r" not in match.group(0):
        return False
    end = match.end("close")
    start = max(seg.rfind("\n", 0, end), seg.rfind("\r", 0, end)) + 1
    if not is_term(seg[start:end].strip()):
        return False
    # a term only when its description is set deeper below it: "-5 degrees?" over "No way, ..." is prose
    below = max(seg.rfind("\n", end, match.end()), seg.rfind("\r", end, match.end())) + 1
    term = (lead if start == 0 else "") + seg[start:end]  # the block's first line, with its line's indentation
    return indented_more(term, seg[below : match.end()])


def _is_glued(seg: str, match: re.Match[str]) -> bool:
    """Whether a mark with no space after it ends a sentence: not inside a web address, a file name or a dotted
    abbreviation ("example.Com", "vs.Brazil"), only between plain words. The words either side are read only as far
    as they can still be plain words, never to the next space: a text with no spaces (a minified dump) would be read
    to its start and its end for each mark (quadratic in its length)."""
    before = _alnum_token(seg, match.start())
    return (
        before is not None
        and before.lower() not in EN.lowercase_abbreviations
        and before not in EN.abbreviations
        and _alpha_word_follows(seg, match.end())
    )


_GLUE_TAIL = frozenset(".,;:!?”’\"')]")
"""What may close the word after a glued mark ("No", "No,", "No.)") and still leave it a plain word."""


def _alnum_token(seg: str, end: int) -> str | None:
    """The word before ``seg[end]`` (as `_preceding_token` reads it) when it is all letters and digits, else None."""
    pos = end
    while pos > 0 and seg[pos - 1].isalnum():
        pos -= 1
    if pos == end or (pos > 0 and not seg[pos - 1].isspace() and seg[pos - 1] not in _TOKEN_STOP):
        return None  # empty, or more of the word lies before it and it is not alphanumeric
    return seg[pos:end]


def _alpha_word_follows(seg: str, start: int) -> bool:
    """Whether the space-delimited word at ``seg[start]``, less the closing marks at its end (_GLUE_TAIL), is
    letters only: the letters, then nothing but those marks up to a space or the end."""
    pos, n = start, len(seg)
    while pos < n and seg[pos].isalpha():
        pos += 1
    if pos == start:
        return False
    while pos < n and seg[pos] in _GLUE_TAIL:
        pos += 1
    return pos == n or seg[pos].isspace()


def _boundaries(seg: str, lead: str = "") -> list[tuple[int, int]]:
    """``(sentence_end, next_start)`` pairs inside one block, relative to ``seg``; `lead` is the white space its
    first line opens on before the block starts."""
    found: list[tuple[int, int]] = []
    for m in _BOUNDARY_RE.finditer(seg):
        nxt = m.end()
        if (
            ("\n" in m.group(0) or "\r" in m.group(0))
            and (marks := _QUOTE_MARKS.match(seg, nxt)) is not None
            and marks.end() < len(seg)
        ):
            nxt = marks.end()  # a sentence that opens a quoted line ("... off.\n> The move ..."): past its marks
        opens = _starts_sentence(seg[nxt]) or (
            ("\n" in m.group(0) or "\r" in m.group(0)) and _OPTION_OPENS_LINE.match(seg, nxt) is not None
        )
        if opens and not _is_abbreviation(seg, m) and not _repeats(seg, m) and not _ends_term(seg, m, lead):
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
    opens = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    lead = text[opens:start] if not text[opens:start].strip() else ""
    for s_end, nxt in _boundaries(seg, lead):
        if s_end > pos:
            spans.append((pos, s_end))
        pos = max(pos, nxt)
    spans.append((pos, len(seg)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = stripped_line(seg, a, b)
        if piece is not None:
            out.append((start + piece.start, start + piece.end))
    return out


# --------------------------------------------------------------------------- long sentence cutting

SPACED_WORD = re.compile(rf"\S{{1,{MAX_WORD_CHARS}}}")
"""A word as sentences and passages count and cut them: whitespace-separated, a long run counting once per
MAX_WORD_CHARS characters."""
_RUN = re.compile(r"\S+")
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
    """Keep a sentence whole, or cut it at word boundaries if it exceeds the word limit; without its runs over
    MAX_RUN_CHARS."""
    out: list[tuple[int, int]] = []
    for a, b in _around_long_runs(text, start, end):
        words = word_spans(text, a, b)
        if len(words) <= MAX_SENTENCE_WORDS:
            out.append((a, b))
        else:
            out.extend(cut_words(text, words, MAX_SENTENCE_WORDS, prefer_punct=True))
    return out


def _around_long_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` (a sentence) as the stretches between its runs of non-space characters over MAX_RUN_CHARS,
    each from its first run to its last (none when the sentence is such a run alone)."""
    if end - start <= MAX_RUN_CHARS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    first = last = -1
    for m in _RUN.finditer(text, start, end):
        if machine_made(m.group()):
            if first >= 0:
                out.append((first, last))
            first = -1
        else:
            first = m.start() if first < 0 else first
            last = m.end()
    if first >= 0:
        out.append((first, last))
    return out


def machine_made(run: str) -> bool:
    """Whether a run of non-space characters is no words: over MAX_RUN_CHARS and almost all printable ASCII
    (base64, hex, an address, minified code), not a script written without spaces."""
    if len(run) <= MAX_RUN_CHARS:
        return False
    ascii_chars = len(run.encode("ascii", "ignore"))
    return ascii_chars >= MACHINE_SHARE * len(run)


def holds_machine_run(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (the gap between two sentences) holds a run left out of every sentence."""
    return end - start > MAX_RUN_CHARS and any(machine_made(m.group()) for m in _RUN.finditer(text, start, end))


# --------------------------------------------------------------------------- public


def split_sentences(
    text: str, soft_breaks: Collection[int] | None = None, *, whole_lines: bool = False
) -> list[Sentence]:
    """Split text into sentences with exact offsets; headings and list items are their own sentences. A sentence
    may run over lines: `soft_breaks` (the offsets of the line breaks inside a Markdown paragraph) or, without it,
    the lines themselves tell where (see askdocs.text.blocks). With `whole_lines` each line is one sentence (a
    table's row as a CSV file is indexed: its cells may hold several sentences, and the row is the fact)."""
    out: list[Sentence] = []
    for b_start, b_end in _lines(text) if whole_lines else blocks(text, soft_breaks):
        for s_start, s_end in [(b_start, b_end)] if whole_lines else _split_block(text, b_start, b_end):
            for p_start, p_end in _limit_sentence(text, s_start, s_end):
                out.append(Sentence(p_start, p_end, text[p_start:p_end]))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line that holds more than spaces, without its line break."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]


_LINE = re.compile(r"[^\r\n]+")


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` (CRLF, CR and LF each count as one line break)."""
    prefix = text[: max(0, min(offset, len(text)))]
    return 1 + prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n")
