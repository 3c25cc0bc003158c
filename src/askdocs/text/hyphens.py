"""Words broken at a line's end by a hyphen ("com‐" / "press", as a man page saved as text keeps them): read whole
again wherever the lines of a sentence are read as one (quotes, previews, short answers, the full-text index).

The rule is the one PDF text is joined by (askdocs.ingest.pdf_boxes): a hyphen after a letter or digit at a line's
end, the next line going on in lower case. HYPHEN (U+2010) is what a typesetter (groff, for man pages) prints where it
breaks a word; the ASCII "-" is what it prints in a plain ASCII locale, and also what a real compound keeps when it is
wrapped at its hyphen ("well-" / "known"), which reads "wellknown" as it does in a PDF. The text a document keeps,
and every offset into it, is untouched: only the reading is joined.
"""

from __future__ import annotations

import re

__all__ = ["HYPHENS", "broken_at", "rejoined"]

HYPHENS = "-\u2010"
"""What breaks a word at a line's end: the ASCII hyphen-minus and HYPHEN, a typesetter's."""
_BROKEN = re.compile(rf"(?<=\w)[{HYPHENS}][ \t]*(?:\r\n|\r|\n)[ \t]*(?=\w)")
_BROKEN_END = re.compile(rf"\w[{HYPHENS}]$")


def broken_at(line: str, nxt: str) -> bool:
    """Whether `line` ends on a word broken by a hyphen that `nxt` (the next line, stripped) finishes."""
    return _BROKEN_END.search(line) is not None and nxt[:1].islower()


def rejoined(text: str) -> str:
    """`text` with each word broken at a line's end whole again: the hyphen and the line break (with the spaces
    around it) taken out. Offsets into the result no longer match the document's."""
    return _BROKEN.sub(lambda m: "" if text[m.end()].islower() else m[0], text)
