"""Man pages saved as text (`man gzip | col -b > gzip.1.txt`): told by their running head, a line that opens and ends
on the page's name and section ("GZIP(1)     General Commands Manual     GZIP(1)"). Such a page is titled by its
NAME section ("gzip, gunzip, zcat - compress or expand files"), and its running heads (one a page, as printed) are
labels: never cited as a sentence.
"""

from __future__ import annotations

import re

_GAP = r"(?: {2,}|[ \t]*\t[ \t]*)"
"""Columns apart: two spaces or more, or a tab with any spaces beside it (`col -b` writes runs of spaces as tabs and
keeps the spaces past the last tab stop: "CP(1)\\t\\t\\t\\t User Commands\\t\\t\\t\\t CP(1)")."""
RUNNING_HEAD = re.compile(rf"^[ \t]*(?P<page>[\w.:+-]+\([\w-]+\)){_GAP}.*?{_GAP}(?P=page)[ \t]*$", re.M)
"""A man page's running head: the same page name and section at both ends of the line, set apart in columns."""
_SECTION = re.compile(r"^[A-Z][A-Z ]*[A-Z]$")
"""A man page's section heading: a line of capitals at the left margin ("NAME", "SEE ALSO")."""
NAME_SECTION = "NAME"


def is_man_page(text: str) -> bool:
    """Whether the first line with words is a man page's running head."""
    first = next((line for line in text[:2000].splitlines() if line.strip()), "")
    return RUNNING_HEAD.match(first) is not None


def man_title(text: str) -> str | None:
    """The NAME section's text, its lines as one ("gzip, gunzip, zcat - compress or expand files"), when `text` is
    a man page that has one; else None."""
    if not is_man_page(text):
        return None
    lines = text[:8000].splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if line.strip() == NAME_SECTION), None)
    if start is None:
        return None
    body = []
    for line in lines[start:]:
        if not line.strip() or _SECTION.match(line):
            if body:
                break
            continue
        body.append(line.strip())
    return " ".join(body) or None


def running_heads(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of a man page's running-head lines, without their indentation; none when `text` is
    no man page."""
    if not is_man_page(text):
        return ()
    spans = []
    for m in RUNNING_HEAD.finditer(text):
        line = m[0]
        start = m.start() + len(line) - len(line.lstrip())
        spans.append((start, m.start() + len(line.rstrip())))
    return tuple(spans)
