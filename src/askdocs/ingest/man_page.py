"""Man pages saved as text (`man gzip | col -b > gzip.1.txt`): told by their running head, a line that opens and ends
on the page's name and section ("GZIP(1)     General Commands Manual     GZIP(1)"). Such a page is titled by its
NAME section ("gzip, gunzip, zcat - compress or expand files"), and its running heads (one a page, as printed), its
running foot ("GNU coreutils 9.1     September 2022     CP(1)") and its SYNOPSIS section (the command's usage
lines, "cp [OPTION]... SOURCE... DIRECTORY") are labels: never cited as a sentence, as they state no fact. A man
page printed to PDF (`man -Tpdf cp`) is titled by its NAME section too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_PAGE_NAME = re.compile(r"[\w.:+-]+ ?\([\w-]+\)")
"""A man page's name and section, as its running head opens and ends on it ("CP(1)", "git-log(1)"; a BSD page's
printed "SSH (1)")."""
_GAP = r"(?: {2,}|[ \t]*\t[ \t]*)"
"""Columns apart: two spaces or more, or a tab with any spaces beside it (`col -b` writes runs of spaces as tabs and
keeps the spaces past the last tab stop: "CP(1)\\t\\t\\t\\t User Commands\\t\\t\\t\\t CP(1)")."""
RUNNING_HEAD = re.compile(rf"^[ \t]*(?P<page>{_PAGE_NAME.pattern}){_GAP}.*?{_GAP}(?P=page)[ \t]*$", re.M)
"""A man page's running head: the same page name and section at both ends of the line, set apart in columns."""
_SECTION = re.compile(r"^[A-Z][A-Z ]*[A-Z]$")
"""A man page's section heading: a line of capitals at the left margin ("NAME", "SEE ALSO")."""
NAME_SECTION = "NAME"
SYNOPSIS_SECTION = "SYNOPSIS"


def is_man_page(text: str) -> bool:
    """Whether the first line with words is a man page's running head."""
    return _page(text) is not None


def _page(text: str) -> str | None:
    """The page's name and section ("GZIP(1)") its running head gives, when the first line with words is one."""
    first = next((line for line in text[:2000].splitlines() if line.strip()), "")
    head = RUNNING_HEAD.match(first)
    return head["page"] if head is not None else None


def man_title(text: str) -> str | None:
    """The NAME section's text, its lines as one ("gzip, gunzip, zcat - compress or expand files"), when `text` is
    a man page that has one; else None."""
    if not is_man_page(text):
        return None
    return _name_section(text[:8000].splitlines())


def _name_section(lines: Sequence[str], skipped: Sequence[bool] = ()) -> str | None:
    """The lines after the NAME heading up to the next section heading (bar those `skipped`), as one line."""
    start = next((i + 1 for i, line in enumerate(lines) if line.strip() == NAME_SECTION), None)
    if start is None:
        return None
    body = []
    for i, line in enumerate(lines[start:], start=start):
        if i < len(skipped) and skipped[i]:
            continue
        if not line.strip() or _SECTION.match(line):
            if body:
                break
            continue
        body.append(line.strip())
    return " ".join(" ".join(body).split()) or None


def printed_man_page(blocks: Sequence[tuple[str, bool]]) -> tuple[str, str] | None:
    """The page name ("cp") and NAME section ("cp - copy files and directories") of a man page printed to PDF
    (`man -Tpdf cp`, `groff -man`), from the text blocks of its first page in reading order, each with whether it
    sits in the page margin: told by its running head, the same page name and section twice in the margin ("CP(1)"
    ... "CP(1)"), and a NAME section that opens on that name. Typeset ligatures and minus signs are read as typed
    ("GIT−LOG(1)" is "GIT-LOG(1)"); None for any other page (a form's "NAME" field under a code printed in two
    corners)."""
    read = [(_as_typed(text).strip(), margin) for text, margin in blocks]
    heads = Counter(text for text, margin in read if margin and _PAGE_NAME.fullmatch(text))
    pages = [head[: head.rindex("(")].rstrip() for head, count in heads.items() if count >= 2]
    title = _name_section([text for text, _ in read], [margin for _, margin in read]) if pages else None
    named = next((page for page in pages if title and _opens_on(title, page)), None)
    return (named, title) if named and title else None


def own_title(recorded: str, page: str) -> bool:
    """Whether a PDF's recorded title only names its man page ("cp", "CP(1)", "cp.1"), as a converter may write it,
    so that the NAME section says more."""
    folded = recorded.casefold().strip()
    return re.sub(r"(?:\([\w-]+\)|\.\d\w*)$", "", folded).strip() == page.casefold()


def _as_typed(text: str) -> str:
    """Typeset text as typed: ligatures apart ("ﬁ" is "fi"), a minus sign a hyphen."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


def _opens_on(title: str, page: str) -> bool:
    """Whether the NAME section `title` opens on the page's name, as a whole word ("cp - ..." under "CP(1)")."""
    return re.match(rf"{re.escape(page)}(?![\w-])", title, re.I) is not None


def running_heads(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of a man page's running-head and running-foot lines (a foot ends on the page's
    name and section, in a column of its own), without their indentation; none when `text` is no man page."""
    page = _page(text)
    if page is None:
        return ()
    foot = re.compile(rf"^[ \t]*(?:\S.*?{_GAP})?{re.escape(page)}[ \t]*$", re.M)
    spans = []
    for m in sorted([*RUNNING_HEAD.finditer(text), *foot.finditer(text)], key=lambda m: m.start()):
        line = m[0]
        start = m.start() + len(line) - len(line.lstrip())
        if not spans or spans[-1][0] != start:
            spans.append((start, m.start() + len(line.rstrip())))
    return tuple(spans)


def synopsis(text: str) -> tuple[int, int] | None:
    """The (start, end) of a man page's SYNOPSIS section, its heading to its last line, past which the next line
    at the left margin (the next section's heading) starts; None when `text` is no man page or has none."""
    if not is_man_page(text):
        return None
    heading = re.search(rf"^{SYNOPSIS_SECTION}[ \t]*$", text, re.M)
    if heading is None:
        return None
    following = re.compile(r"^\S", re.M).search(text, heading.end())
    end = following.start() if following is not None else len(text)
    return heading.start(), len(text[:end].rstrip())


def labels(text: str) -> tuple[tuple[int, int], ...]:
    """A man page's label spans, in order (see the module): its running heads and feet, and its SYNOPSIS section,
    a head or a foot inside which is part of that; none when `text` is no man page."""
    usage = synopsis(text)
    heads = running_heads(text)
    if usage is None:
        return heads
    outside = [span for span in heads if span[1] <= usage[0] or span[0] >= usage[1]]
    return tuple(sorted([*outside, usage]))
