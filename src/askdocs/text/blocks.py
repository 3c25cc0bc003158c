"""Blocks: the paragraphs, headings and list items a text's lines group into, within which sentences are split.

A paragraph's lines join into one block when they were wrapped (single line breaks as soft wraps); a heading, a
header line, a table row or a list item is a block of its own. Offsets are ``str`` indices into the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from askdocs.lang.en import EN
from askdocs.text.run_on import (
    PROSE_MIN,
    WRAP_MIN,
    breaks_mid_sentence,
    ends_on_small_word,
    log_entry,
    runs_on,
    stands_apart,
)
from askdocs.text.terms import BLANK as _BLANK
from askdocs.text.terms import definition_terms
from askdocs.text.text_tables import continuations, table_rows

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_MD_HEADING_RE = re.compile(r"#{1,6}(?:\s+|$)")
_LIST_ITEM_RE = re.compile(r"(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(?=\S)")
_BLOCKQUOTE_RE = re.compile(r"(?:>[ \t]?)+\s*")
"""The ">" marks that quote a line, nested ("> > text") or not."""
_HEADER_LINE_RE = re.compile(r"([A-Z][A-Za-z0-9.-]{0,80}(?: [A-Za-z-]{1,20}){0,2}):(?:\s|$)")
_RULE_CHARS = frozenset("-*_=~#`+|:. \t")
_FINAL_PUNCT = frozenset(".!?…:;,。！？\"'”’»)]")

_WRAP_MIN, _WRAP_MAX, _WRAP_LIMIT = WRAP_MIN, 100, 120
_HEADING_MAX_CHARS = PROSE_MIN


@dataclass(frozen=True)
class Line:
    """A non-line-break span of the source, already stripped of surrounding whitespace."""

    start: int
    end: int
    text: str


def _lines(text: str) -> list[Line | None]:
    """Split into lines (any of CRLF/CR/LF); blank lines become ``None``."""
    out: list[Line | None] = []
    pos = 0
    for m in _LINE_BREAK_RE.finditer(text):
        out.append(stripped_line(text, pos, m.start()))
        pos = m.end()
    out.append(stripped_line(text, pos, len(text)))
    return out


def stripped_line(text: str, start: int, end: int) -> Line | None:
    """Trim whitespace (and byte order marks, which a joined file carries inside) from ``text[start:end]``;
    ``None`` if nothing remains."""
    raw = text[start:end]
    body = raw.lstrip(_BLANK)
    if not body:
        return None
    s = start + len(raw) - len(body)
    body = body.rstrip(_BLANK)
    return Line(s, s + len(body), body)


def _depth(line: Line) -> int:
    """How deeply a line is quoted: the ">" marks an e-mail reply opens it with ("> > text" is 2)."""
    m = _BLOCKQUOTE_RE.match(line.text)
    return m.group(0).count(">") if m else 0


def _body(line: Line) -> str:
    """A line's words, past the ">" marks that quote it: what wrapping and headings are judged by."""
    m = _BLOCKQUOTE_RE.match(line.text)
    return line.text[m.end() :] if m else line.text


def _is_hard_wrapped(lines: list[Line | None]) -> bool:
    """Guess whether single newlines are soft wraps (mostly 40–100 char lines, none long)."""
    lengths = [len(_body(line)) for line in lines if line is not None]
    if len(lengths) < 3 or max(lengths) > _WRAP_LIMIT:
        return False
    in_range = sum(_WRAP_MIN <= n <= _WRAP_MAX for n in lengths)
    return in_range * 2 > len(lengths)


def _wrapped_paragraphs(lines: list[Line | None]) -> list[int]:
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


def _breaks_mid_sentence(line: Line, nxt: Line) -> bool:
    """Evidence that a paragraph was wrapped: a line breaks off a sentence the next goes on with in lower case (not
    two lines of code, nor a line and a list item after it)."""
    body, after = _body(line), _body(nxt)
    return _depth(line) == _depth(nxt) and breaks_mid_sentence(body, after) and not stands_apart(body, after)


def _runs_on(lines: list[Line | None]) -> list[bool]:
    """For each line, whether it goes on with the sentence the line before breaks off (see askdocs.text.run_on),
    judged by the two lines alone, whatever the rest of their paragraph is like; never across quote depths."""
    out = [False] * len(lines)
    for i in range(1, len(lines)):
        line, nxt = lines[i - 1], lines[i]
        if line is not None and nxt is not None and not _is_rule(line) and not _is_rule(nxt):
            out[i] = _depth(line) == _depth(nxt) and runs_on(_body(line), _body(nxt))
    return out


def _below_gap(lines: Sequence[Line | None], terms: Sequence[bool], i: int) -> bool:
    """Whether line `i` is the description of a term two lines above, over a blank line (sed's "-n, --quiet" over
    a blank line and "suppress automatic printing"): the term reads with it, as with one right above it."""
    return 1 < i < len(lines) and lines[i - 1] is None and terms[i - 2] and lines[i] is not None


def _is_rule(line: Line) -> bool:
    """Horizontal rules, setext underlines, code fences, table separators, front-matter fences."""
    return len(line.text) >= 3 and set(line.text) <= _RULE_CHARS


def _is_header_line(line: Line, leading: bool) -> bool:
    """``Date: ...``-style metadata lines (any known key; any short key at the top of the text)."""
    m = _HEADER_LINE_RE.match(line.text)
    if m is None:
        return False
    return leading or m.group(1).lower() in EN.header_keys


def _is_soft_heading(line: Line, nxt: Line | None, wrap_width: int) -> bool:
    """Short unpunctuated line that was broken on purpose (the next word would have fit). The callers have made
    sure the sentence does not run on into it or out of it (see askdocs.text.run_on: a line ending on "the" or
    "for" is a wrapped one, as a Markdown link or emphasis taken out shortens it; headings do not end so)."""
    text, after = _body(line), _body(nxt) if nxt is not None else ""
    if nxt is None or not text or not after or len(text) >= _HEADING_MAX_CHARS:
        return False
    if text[-1] in _FINAL_PUNCT or _depth(line) != _depth(nxt):  # a reply's last line before a quote, or a quote's
        return False
    if ends_on_small_word(text):
        return False
    next_word = after.split(maxsplit=1)[0]
    return len(text) + 1 + len(next_word) <= wrap_width


def _content_start(text: str, line: Line) -> int:
    """Offset after any markdown heading/list/blockquote marker at the start of a block."""
    for pattern in (_MD_HEADING_RE, _LIST_ITEM_RE, _BLOCKQUOTE_RE):
        m = pattern.match(text, line.start, line.end)
        if m is not None:
            return m.end()
    return line.start


def blocks(text: str, soft_breaks: Collection[int] | None = None) -> list[tuple[int, int]]:
    """Group lines into blocks (paragraphs, headings, list items) as ``(start, end)`` spans. `soft_breaks`, when
    the format says which line breaks are soft (Markdown: those inside a paragraph), holds their offsets: a line
    joins the line before exactly when the break between them is one. Else the lines tell: a line joins the one
    before when the sentence runs on into it, or when their paragraph is hard-wrapped."""
    lines = _lines(text)
    if soft_breaks is not None:
        soft, breaks = frozenset(soft_breaks), [m.start() for m in _LINE_BREAK_RE.finditer(text)]
        joins = [i > 0 and breaks[i - 1] in soft for i in range(len(lines))]
        return _grouped(text, lines, joins, [0] * len(lines), soft=True)
    wrapped = _is_hard_wrapped(lines)
    wrap_width = max((len(line.text) for line in lines if line is not None), default=0)
    widths = [wrap_width] * len(lines) if wrapped else _wrapped_paragraphs(lines)
    runs = _runs_on(lines)
    terms = definition_terms(text, lines)
    joins = [
        (i > 0 and terms[i - 1]) or _below_gap(lines, terms, i) or (not terms[i] and (run or width > 0))
        for i, (run, width) in enumerate(zip(runs, widths, strict=True))
    ]  # a term opens a block (a compact list's "--dump-strings" right under the description of the option before)
    rows = table_rows(text, lines)
    cells = continuations(text, lines, rows)
    return _grouped(text, lines, joins, widths, runs, rows=rows, cells=cells, terms=terms)


def _grouped(
    text: str,
    lines: list[Line | None],
    joins: list[bool],
    widths: list[int],
    runs: list[bool] | None = None,
    *,
    soft: bool = False,
    rows: list[bool] | None = None,
    cells: list[bool] | None = None,
    terms: list[bool] | None = None,
) -> list[tuple[int, int]]:
    """The blocks of `lines`: a line `joins` the block of the line before unless it stands alone (a header line, a
    Markdown heading, a table row, a soft heading of a paragraph wrapped at `widths`), opens a list item or a log entry
    (a date and time), or is quoted at another depth. `runs`: whether each line goes on with the sentence of the line
    before. With `soft` the joins are a Markdown parser's soft breaks, which already tell a list item ("12. They ..."
    after "page" is the sentence going on, not an item). `rows`: whether each line is a row of a table laid out in
    columns (see askdocs.text.text_tables), which stands alone as a Markdown table's row does; `cells`: whether each
    line goes on with the last cell of the row above it (a wrapped cell), which joins that row; `terms`: whether each
    line is a definition list's term whose description starts on the next line (see askdocs.text.terms), never a soft
    heading however short."""
    runs = runs or [False] * len(lines)
    terms = terms or [False] * len(lines)
    rows = rows or [False] * len(lines)
    cells = cells or [False] * len(lines)
    found: list[tuple[int, int]] = []
    current: list[int] | None = None  # [start, end] of the open block
    leading = True

    def close() -> None:
        nonlocal current
        if current is not None:
            found.append((current[0], current[1]))
            current = None

    for i, line in enumerate(lines):
        if line is None and _below_gap(lines, terms, i + 1):
            continue  # the blank line between a term and its description (see askdocs.text.terms)
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
        run_out = i + 1 < len(lines) and runs[i + 1]
        standalone = (
            header
            or _MD_HEADING_RE.match(line.text) is not None
            or line.text.startswith("|")
            or rows[i]
            or (
                widths[i] > 0
                and not runs[i]
                and not run_out
                and not terms[i]
                and not (i > 0 and terms[i - 1])  # a term's description: "Show messages for the specified ..."
                and not _below_gap(lines, terms, i)
                and _is_soft_heading(line, nxt, widths[i])
            )
        )
        quoted_apart = i > 0 and (before := lines[i - 1]) is not None and _depth(before) != _depth(line)
        previous_body = _body(lines[i - 1]) if i and lines[i - 1] is not None else None
        if cells[i] and found and current is None:  # a row's wrapped last cell: it joins the row
            found[-1] = (found[-1][0], line.end)
        elif standalone:
            close()
            found.append((start, line.end))
        elif (
            current is None
            or not joins[i]
            or (not soft and _LIST_ITEM_RE.match(line.text))
            or quoted_apart
            or log_entry(previous_body, _body(line))  # a log's entry, however its lines are wrapped
        ):
            close()
            current = [start, line.end]
        else:
            current[1] = line.end
    close()
    return found
