"""Definition lists laid out in plain text: a term on a line of its own, its description on the more indented lines
right below it, as a man page sets an option ("--preserve[=ATTR_LIST]" over "preserve the specified attributes")
and pydoc a function ("rmtree(path, ignore_errors=False)" over "Recursively delete a directory tree."). The term
is read with its description, as one sentence with the description's first: alone it says nothing, and the
description alone does not say what it describes.

A term is an option line (option words and their arguments: "-a, --archive", "-B bind_interface",
"--backup[=CONTROL]") or a call's signature ("copytree(src, dst, symlinks=False)", "class Error(builtins.OSError)"),
never a sentence, a list item nor a line of cells set apart in columns. A few option lines stacked at one indent
("-u[<mode>]" over "--untracked-files[=<mode>]") share the description below the last. An option line may also
stand over one blank line, its description deeper below that (`man sed` sets most of its options so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_OPTION = re.compile(r"-{1,2}[A-Za-z0-9?#@\[]\S*(?: +\S+){0,7}")
"""An option line: an option word ("-a", "--preserve[=ATTR_LIST]", "--[no-]verify") and up to seven more words,
the other spellings and arguments ("-a, --archive", "-S, --suffix=SUFFIX", "-m <msg>, --message=<msg>",
"--pax-option=keyword[,keyword]...")."""
_OPTION_ITEM = r"(?:--[a-z0-9[]|-[A-Za-z])(?:\[[^\]]*\]|[^\s,[]|,(?=\S))*(?: (?:[^\s,]|,(?=\S))+)?"
_OPTIONS_ONLY = re.compile(rf"{_OPTION_ITEM}(?:, {_OPTION_ITEM})*")
"""A line of options alone, as may stand over a blank line with its description below: each item between a comma
and a space an option word ("--" then a small letter, a digit or "[", or "-" then a letter) with at most one
argument ("-n, --quiet, --silent", "-l N, --line-length=N", "--[no-]deletion-protection", "--ack-ids=[ACK_ID,...]",
"--labels=[KEY=VALUE, ...]"), never a dashed note ("-eggs and milk from the farm shop"), a signature ("--Mark",
"--Anonymous, 1910") or a line of words; one dashed word ("-Mark") has an option's shape ("-Wall") and passes."""
_SIGNATURE = re.compile(r"(?:class +)?[A-Za-z_][\w.]*\([^()]*(?:\([^()]*\)[^()]*)*\)(?: *-> *\S.*| +from +[\w.]+)?")
"""A call's signature as pydoc prints it: a name and its parameters in brackets, ending on the bracket, a return
annotation or the class it comes "from" (brackets inside one deep: "fallback=(80, 24)"); not a line of code
("f(x):", "x = f(y)") nor a sentence opening on a call ("f(x) returns the value (cached)")."""
_GAP = re.compile(r"\S(?: {2,}|\t)\S")
"""Columns set apart: an option with its description on the same line ("-b     like --backup"), a table row."""
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!:;\\{\[(]$")
"""A line that ends a sentence, opens a list or a block, or goes on as a line of code or a shell command does
("--priority 50 \\" over "--conditions ...", "--configuration '{" over a JSON object's lines): no term ends so
("FILE..." may; "?" ends the option "-?")."""
_NAME = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")
"""A bare name, dotted or not: pydoc's tree of classes ("Error" under "builtins.OSError(...)"), no description
(a one-word one ends on a period: "Decompress." under gzip's "-d --decompress --uncompress")."""
_WORD = re.compile(r"[^\W\d_]{2}")
"""A word of letters, as any description has (not a caret under a column: "^")."""
_CALL = re.compile(r"[\w.$:]+\(|[a-z_]+ \(.*\)$")
"""A line opening on a call ("set(", "console.log(", "message(WARNING", "foreach (_arg ${ARGN})"), which no
description does."""
_STACK_MAX = 3
"""How many option lines may stack over the one right above a description ("-a" "--all" "--every" "--each")."""
_INDENT_MORE = 2
"""How many columns deeper a description is set than its term, at least."""
BLANK = (
    "\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What a line is trimmed of: whitespace and U+FEFF (a byte order mark inside a joined file)."""
_INDENTING = BLANK.replace("\n", "").replace("\r", "")
"""What may stand before a trimmed line's first word on its line (a no-break space indents as a space does)."""
_TAB = 8


class _Line(Protocol):
    start: int
    end: int
    text: str


def is_term(line: str) -> bool:
    """Whether a stripped line can be a definition list's term: an option line or a signature (see the module)."""
    if _OPTION.fullmatch(line) is None and _SIGNATURE.fullmatch(line) is None:
        return False
    return _GAP.search(line) is None and _SENTENCE_END.search(line) is None


def column(text: str, line: _Line) -> int:
    """The column a stripped line starts in: the width of the blanks before it on its line, a tab reaching the next
    multiple of eight (`col -b` writes runs of spaces as tabs: "\\t      same as" starts in column 14), any other
    blank one column. Only the line's own indentation is read back over, so measuring every line of a text stays
    linear in its length."""
    start = line.start
    while start > 0 and text[start - 1] in _INDENTING:
        start -= 1
    return len(text[start : line.start].expandtabs(_TAB))


def indent(line: str) -> int:
    """The width of a line's leading spaces and tabs, a tab reaching the next multiple of `_TAB`."""
    expanded = line.expandtabs(_TAB)
    return len(expanded) - len(expanded.lstrip(" \t"))


def definition_terms(text: str, lines: Sequence[_Line | None]) -> list[bool]:
    """For each of `lines` (stripped lines of `text`, None for a blank one), whether it is a term whose description
    starts below it: a term line right above a line of words set deeper, an option line over one blank line and
    such a line (sed's manual sets each so), or a term above another such term at its own indent. Only term-shaped
    lines are measured, so a text without any costs a pattern match a line."""
    out = [False] * len(lines)
    stacked = [0] * len(lines)  # how many option lines share the description below with this one, below it
    for i in range(len(lines) - 2, -1, -1):
        line, nxt = lines[i], lines[i + 1]
        if nxt is None and i + 2 < len(lines) and line is not None and _OPTIONS_ONLY.fullmatch(line.text) is not None:
            nxt = lines[i + 2]  # an option over a blank line, its description below it (sed's and some of curl's)
            if nxt is None or not is_term(line.text) or column(text, nxt) < column(text, line) + _INDENT_MORE:
                continue
            if i > 0 and lines[i - 1] is not None and column(text, lines[i - 1]) >= column(text, line):
                continue  # a line of a paragraph ("--no-guess is not specified, ..." over an example set deeper)
            out[i] = _describes(nxt.text)
            continue
        if line is None or nxt is None or not is_term(line.text):
            continue
        here, there = column(text, line), column(text, nxt)
        if there >= here + _INDENT_MORE:
            out[i] = _describes(nxt.text)
        elif there == here and out[i + 1] and stacked[i + 1] < _STACK_MAX and _is_option(line.text, nxt.text):
            out[i], stacked[i] = True, stacked[i + 1] + 1
    return out


def _describes(line: str) -> bool:
    """Whether a line set deeper below a term can open its description: words, not a bare name nor code."""
    return _NAME.fullmatch(line) is None and _WORD.search(line) is not None and not _is_code(line)


def _is_option(*lines: str) -> bool:
    """Whether each of `lines` is an option line (only options stack: "-u[<mode>]" over "--untracked-files")."""
    return all(_OPTION.fullmatch(line) is not None for line in lines)


def indented_more(term: str, below: str) -> bool:
    """Whether the line starting `below` (its leading white space at least) is set `_INDENT_MORE` columns or more
    deeper than the line `term`, tabs counted to the next multiple of `_TAB`."""
    return indent(below) >= indent(term) + _INDENT_MORE


def _is_code(line: str) -> bool:
    """Whether a line below a term is code or another term rather than its description: a CMake file's "if(NOT
    WIN32)" over "set(A 0;1)" or "message(WARNING", a script's call over "console.log(...);"."""
    return (
        is_term(line) or line.endswith((";", "{", "(")) or line.startswith(_COMMENTS) or _CALL.match(line) is not None
    )


_COMMENTS = ("#", "//", "/*", ";")
"""How a comment line opens in code ("#Setting the build directory ...", "// poll the queue"): no description."""
