"""Words broken at a line's end by a hyphen ("com‐" / "press", as a man page saved as text keeps them): read whole
again wherever the lines of a sentence are read as one (quotes, previews, short answers, the full-text index).

A HYPHEN (U+2010) after a letter or digit at a line's end, the next line going on in lower case, is a broken word:
U+2010 is what a typesetter (groff, for man pages) prints where it breaks one, and it is taken out. An ASCII "-"
there is kept and only the line break goes ("well-" / "known" reads "well-known"): editors wrap text at spaces, so in
a text file it is a compound wrapped at its hyphen far more often than a broken word (PDF text, typeset, is joined
over it: askdocs.ingest.pdf_boxes). The text a document keeps, and every offset into it, is untouched: only the
reading is joined.
"""

from __future__ import annotations

import re

__all__ = ["BREAK", "HYPHENS", "ascii_hyphens", "broken_at", "rejoined"]

BREAK = "\u2010"
"""The hyphen a typesetter breaks a word with: taken out when the word is read whole."""
HYPHENS = "-" + BREAK
"""What may end a line inside a word: the ASCII hyphen-minus (kept: a compound's) and BREAK."""
NON_BREAKING = "\u2011"
"""The non-breaking hyphen: a hyphen as a word-processor keeps one from ending a line."""
_AS_ASCII = str.maketrans({BREAK: "-", NON_BREAKING: "-"})
_BROKEN = re.compile(rf"(?<=\w)([{HYPHENS}])[ \t]*(?:\r\n|\r|\n)[ \t]*(?=\w)")
_BROKEN_END = re.compile(rf"\w[{HYPHENS}]$")


def broken_at(line: str, nxt: str) -> bool:
    """Whether `line` ends on a word broken (or a compound wrapped) at a hyphen that `nxt` (the next line,
    stripped) finishes."""
    return _BROKEN_END.search(line) is not None and nxt[:1].islower()


def rejoined(text: str) -> str:
    """`text` with each word broken at a line's end whole again: the line break (with the spaces around it) taken
    out, and a BREAK hyphen with it. Offsets into the result no longer match the document's."""

    def whole(m: re.Match[str]) -> str:
        if not text[m.end()].islower():
            return m[0]
        return "" if m[1] == BREAK else m[1]

    return _BROKEN.sub(whole, text)


def ascii_hyphens(text: str) -> str:
    """`text` with each typeset hyphen (U+2010, U+2011) read as the ASCII "-", one character for one, so that every
    offset still matches: the tagger knows "Jean-loup" as a word of a name, not "Jean\u2010loup"."""
    return text.translate(_AS_ASCII)
