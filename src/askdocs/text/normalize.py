"""Words of a text and the forms they are compared in: folded, without possessives, quoted for FTS5."""

from __future__ import annotations

import re
import unicodedata

from askdocs.lang.en import vocabulary

__all__ = [
    "CELL_PIPE",
    "CELL_SEPARATOR",
    "HEADING_MAX_WORDS",
    "WORD",
    "TOKEN",
    "TOKEN_WORD",
    "cell_text",
    "fold",
    "fts_quote",
    "is_heading",
    "shortened",
    "strip_possessive",
    "vocabulary",
    "words",
]

WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)
"""A word, with inner apostrophes, dots and hyphens ("O'Neil", "U.S", "pick-up"). An underscore parts two words
("Life_Expectancy", a column's name, is "Life" and "Expectancy"), as the full-text index (FTS5's unicode61) and the
answering signals (TOKEN) read them."""
TOKEN = re.compile(
    r"(?<![\w\-‐‑–−])[\-‐‑–−][A-Za-z](?![\w\-‐‑–−])|\d+(?:[.,]\d+)+|[A-Za-zÀ-ÿ](?:\.[A-Za-z])+\.?|[^\W_]+(?:[-’'][^\W_]+)*"
)
"""A word as answering compares it: a command's one-letter option ("-p", not the letter "p" any text may hold), a
number with its inner dots and commas ("4.0", "3,000": one word, not two
digits that any "4" or "0" would match), an acronym with dots, or a word with inner hyphens and apostrophes; an
underscore parts words ("Life_Expectancy" is "life" and "expectancy"), as the full-text index parts them."""
TOKEN_WORD = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:[-’']\w+)*")
"""A word as the entity and stem rules read it: an acronym with dots ("U.S.") or a word with inner apostrophes."""


def words(text: str) -> list[str]:
    """The lowercase words of a text, in order."""
    return [w.lower() for w in WORD.findall(text)]


def fts_quote(text: str) -> str:
    """Quote a word or phrase for FTS5 so that no character of it is read as syntax."""
    found = WORD.findall(text.lower())
    return '"' + " ".join(found).replace('"', '""') + '"' if found else ""


def fold(text: str) -> str:
    """Lowercase, without accents and with plain quotes: how names are compared."""
    if text.isascii():  # nothing to decompose or replace: the same as the full path, many times faster
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()


def strip_possessive(word: str) -> str:
    """ "chapo's" -> "chapo": the owner, as the documents index it."""
    return word[:-2] if len(word) > 3 and word[-2] in "’'" and word[-1] in "sS" else word


CELL_SEPARATOR = " | "
"""How a table row's cells are joined in the indexed text (CSV rows, Markdown, Word and HTML tables)."""
CELL_PIPE = "\u00a6"
"""How a pipe of a cell's own that stands apart ("Mon-Fri | Sat") is written in the indexed text: a broken bar,
"Mon-Fri ¦ Sat", so that the cell is never read as two (see `cell_text`)."""
_APART_PIPE = re.compile(r"(?<!\S)\|(?!\S)")


def cell_text(text: str) -> str:
    """A table cell's text as a row holds it: one line, each run of white space (a line break too) one space, and
    each pipe between spaces (or at an edge) written CELL_PIPE, since CELL_SEPARATOR is what parts the cells."""
    return _APART_PIPE.sub(CELL_PIPE, " ".join(text.split()))


HEADING_MAX_WORDS = 12
"""A line of its own of at most this many words may be a title rather than a sentence."""


def is_heading(text: str) -> bool:
    """A title line rather than a sentence: short and without closing punctuation. A table row is not a heading:
    its cells ("Playground benches | 6,500 pounds") are facts to cite."""
    stripped = text.strip()
    if CELL_SEPARATOR in stripped:
        return False
    return bool(stripped) and stripped[-1] not in '.!?…"”’)' and len(stripped.split()) <= HEADING_MAX_WORDS


def shortened(text: str, width: int) -> str:
    """`text` if it fits in `width` characters, else cut after its last whole word that fits, with an ellipsis."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    whole = text[width - 1] == " "  # the last word of `head` ends where the cut is
    cut = head if whole or " " not in head else head.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
