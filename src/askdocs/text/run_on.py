"""Run-on lines: whether a sentence goes on past a line break, judged from the two lines alone. The sentence
splitter joins such lines into one block and previews run them on, so both read a broken sentence as one.

A line runs on to the next when it ends without closing a sentence and the next goes on with it: in lower case or
with a number ("... false statements on the" / "2010 marriage license application"), or after a word no sentence
ends on ("... apply to the" / "Coastal Communities Fund"; "... said Detective" / "Annette Markowski"). Lines that
stand apart on purpose never run on: headings ("Ingredients" / "flour"), list items, table rows, "key: value" lines
and lines of code.
"""

from __future__ import annotations

import re

from askdocs.lang.en import EN
from askdocs.text.hyphens import broken_at
from askdocs.text.normalize import CELL_SEPARATOR

WRAP_MIN = 40
"""The shortest line taken for a wrapped one by its length alone: shorter lines ("Ingredients") may be headings."""
PROSE_MIN = 60
"""The shortest line taken for prose rather than a heading, a label or an address line (headings are shorter)."""

_ITEM = re.compile(r"(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(?=\S)")
"""A list item's bullet or number ("- flour", "2. Knead", "3) Bake")."""
_KEY_LINE = re.compile(r"[^\W\d][\w'’-]*(?: [\w'’-]+){0,2}:\s")
"""A "key: value" line of a list ("bicycle: free", "adult single: 6.40 pounds")."""
_CODE = re.compile(r"\s=\s|==|!=|=>|->|::|[{}]|\w\(")
"""What only a line of code holds: an assignment, a comparison, an arrow, braces, a call."""
_CLOSING_QUOTES = "”’»"
"""Closing quotes that leave a sentence open after a word (her “first and only”): typographic ones, which code
does not use."""
_TIMESTAMP = re.compile(
    r"\[?(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"  # ISO 8601: "2025-07-01 10:40:40", "2025-07-01T10:40:40Z"
    r"|\d{1,2}/\d{1,2}/\d{4},? \d{1,2}:\d{2}"  # "01/07/2025 10:40"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2})"  # syslog: "Jul  1 10:40:40"
    r"(?=[\s\],.:+\-Z]|$)"
)
"""The date and time a log line opens with, bracketed or not: each such line is an entry of its own."""
_POSSESSIVE = re.compile(r"\w['’]s")
_OPENERS = "\"'“‘«(["


def runs_on(line: str, nxt: str) -> bool:
    """Whether `nxt` goes on with the sentence that `line` breaks off (both stripped): finishing a word `line`
    breaks with a hyphen, in lower case or with a number, or after a word no sentence ends on, whatever the lengths
    of the other lines of their paragraph; not when `nxt` opens a sentence of its own or either line stands apart on
    purpose."""
    if not line or not nxt or stands_apart(line, nxt):
        return False
    return (
        broken_at(line, nxt) or breaks_mid_sentence(line, nxt) or (ends_unfinished(line) and not _opens_sentence(nxt))
    )


def breaks_mid_sentence(line: str, nxt: str) -> bool:
    """A line that ends on a word, a number or a comma before a line that opens in lower case or with a number:
    one sentence, wrapped ("... a journey of 330" / "million kilometers ...", "... on the" / "2010 marriage ...").
    The line must be of wrap length (of prose length before a number, which may open a paragraph under a long
    heading) or end on a small word: a short line ("Ingredients" / "flour") is a heading. A number opens no run-on
    after a line that opens with one too (a list of dated lines, a log) nor when it numbers an item."""
    if not line or not nxt or not _open_end(line):
        return False
    if nxt[0].islower():
        return len(line) >= WRAP_MIN or ends_on_small_word(line)
    if nxt[0].isdigit() and not line[0].isdigit() and not _ITEM.match(nxt):
        return len(line) >= PROSE_MIN or ends_on_small_word(line)
    return False


def ends_on_small_word(line: str) -> bool:
    """Whether a line ends on a small word in lower case ("... apply to the", "... Fund for"): no heading or item
    ends so, a wrapped line does (a Markdown link or emphasis taken out shortens it)."""
    last = line.rsplit(maxsplit=1)[-1] if line.strip() else ""
    return last.islower() and last in EN.line_end_words


def ends_unfinished(line: str) -> bool:
    """Whether a line ends on a word no sentence ends on, so the next line goes on with it even when capitalised:
    an article, a conjunction or a possessive determiner at any length ("... apply to the"); in a line of prose
    length, also a preposition or an auxiliary, a title ("... said Detective") or a possessive ("... Homeland
    Security's"), which a heading, a label or an address line, all shorter, may end on."""
    words = line.split()
    if not words:
        return False
    last = words[-1]
    if last in EN.unfinished_words:
        return True
    if len(line) < PROSE_MIN or len(words) < 2 or not words[-2][-1].isalnum():
        return False
    return (
        (last.islower() and last in EN.line_end_words)
        or last in EN.titles
        or _POSSESSIVE.fullmatch(last[-3:]) is not None
    )


def _opens_sentence(line: str) -> bool:
    """Whether a line opens on a capitalised function word ("In support of its goals", "The Committee"): a sentence
    starts there, as no such word goes on after "the" or "said Detective"; the line before was cut off, not
    wrapped, and is left as it is."""
    first = line.split(maxsplit=1)[0].lstrip(_OPENERS).rstrip(",;:")
    return first[:1].isupper() and first.lower() in EN.sentence_words and first.lower() in EN.stopwords


def _open_end(line: str) -> bool:
    """Whether a line ends without closing punctuation: on a letter, a digit or a comma, or a typographic closing
    quote after a word; not on a full stop, a colon, a bracket or an operator."""
    last = line[-1]
    return last.isalnum() or last == "," or (last in _CLOSING_QUOTES and len(line) > 1 and line[-2].isalnum())


def opens_with_timestamp(line: str) -> bool:
    """Whether a line opens with a date and a time, as each line of a log does ("2025-07-01 10:40:40 INFO ...",
    "Jul  1 10:40:40 host ...", "[2025-07-01T10:40:40Z] ..."): an entry of its own (see `log_entry`)."""
    return _TIMESTAMP.match(line) is not None


def log_entry(before: str | None, line: str) -> bool:
    """Whether `line` opens a log's entry, never the sentence of the line `before` going on: it opens with a date
    and a time, and the line before does not end mid-clause, on a small word ("... the water would be cut from" /
    "12/03/2024 14:00 until the morning" is prose wrapped before its date)."""
    if not opens_with_timestamp(line):
        return False
    if not before or opens_with_timestamp(before):  # after an entry, however it ends ("Mail sent to")
        return True
    return not (ends_on_small_word(before) or ends_unfinished(before))


def stands_apart(line: str, nxt: str) -> bool:
    """Lines set apart on purpose: the next is a list item, a "key: value" line or a log entry (it opens with a
    date and time), either is a table row or code."""
    if _ITEM.match(nxt) or _KEY_LINE.match(nxt) or log_entry(line, nxt):
        return True
    return any(text.startswith("|") or CELL_SEPARATOR in text or _CODE.search(text) for text in (line, nxt))
