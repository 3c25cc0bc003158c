"""Titles: what a document is called, from its metadata, the header lines a text file opens with, or its first
line as a last resort."""

from __future__ import annotations

import re

from askdocs.ingest.encoding import BOM
from askdocs.ingest.header import header_end
from askdocs.lang.en import EN, Lexicon
from askdocs.text.normalize import shortened

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_HEADER = re.compile(r"^(title|date|published|author)\s*:\s*(.+?)\s*$", re.I | re.M)
_SUBJECT = re.compile(r"^subject\s*:\s*(.+?)\s*$", re.I | re.M)


def text_metadata(text: str) -> tuple[str | None, str | None]:
    """Title and date from front matter or the header lines at the top of a text file (`Title:`, `Date:`, in its
    header or its first eight lines; a header's `Subject:` is the title when it has no `Title:`)."""
    match = _FRONT_MATTER.match(text[:2000])
    end = 0 if match else header_end(text)
    first = "\n".join(text[:2000].splitlines()[:8])  # a date line may follow a byline that is no "Key:" line
    block = match.group(1) if match else text[:end] + "\n" + first if end else first
    fields = {m.group(1).lower(): m.group(2).strip("\"' ") for m in _HEADER.finditer(block)}
    subject = _SUBJECT.search(block) if end else None
    return fields.get("title") or (subject.group(1) if subject else None), fields.get("date") or fields.get("published")


def given_title(title: str | None, lexicon: Lexicon = EN) -> str | None:
    """A title from a file's metadata, or None when it is empty or a placeholder a tool wrote for want of one
    ("untitled", "Microsoft Word - notes.docx"): the document then gets the title other files get."""
    title = " ".join((title or "").replace(BOM, "").split())
    folded = title.casefold()
    if folded in lexicon.placeholder_titles or folded.startswith(lexicon.placeholder_title_prefixes):
        return None
    return title or None


def first_line_title(text: str, fallback: str) -> str:
    """First non-empty line, without markdown heading marks, as a title of last resort (a long one cut after a
    whole word, with an ellipsis)."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and not _HEADER.match(line):
            return shortened(line, TITLE_CHARS)
    return fallback


TITLE_CHARS = 120
"""The longest title taken from a document's first line."""
