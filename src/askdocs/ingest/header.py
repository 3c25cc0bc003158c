"""The header a plain-text file may open with ("Title: ...", "Date: ...", "Author: ..." lines): facts about the
text, not part of it, so its lines are never cited and no preview opens on them. They stay in the indexed text,
whose offsets and lines are the file's own."""

from __future__ import annotations

import re

from askdocs.lang.en import EN

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_KEY_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z.-]{0,20}(?: [A-Za-z-]{1,20}){0,2})[ \t]*:(?:\s|$)")
"""A "Key: value" line: a key of one to three words ("Article-I.D." too), a colon, then a space or nothing
("http://..." is no key)."""
_FOLDED = re.compile(r"[ \t]+\S")
"""A mail header's value carried on to the next line, indented ("References: <a@b>" then "\t<c@d>")."""
MAX_HEADER_LINES = 12
"""A longer run of "Key: value" lines at the top is a list (a glossary, a form), not a header..."""
MAX_MAIL_HEADER_LINES = 60
"""... unless it is a mail or news header (From:, Subject:, Message-ID: ...), which runs longer."""


def header_end(text: str) -> int:
    """The offset just after the last line of the header `text` opens with, 0 when it has none. A header is the run
    of "Key: value" lines at the top (after any blank lines), ended by a blank line or by a line of another kind;
    one of its keys at least is one a header has (EN.header_keys: title, date, author, source...; or a mail or
    news header's, EN.mail_header_keys, whose values may go on over indented lines), and some text follows it (a
    file of header lines alone is all text)."""
    end, count, known, mail, started = 0, 0, False, False, False
    for match in _LINE.finditer(text):
        line = match.group(1)
        if not line.strip():
            if started or not match.group(2):
                break
            continue
        key = _KEY_LINE.match(line)
        if key is None and not (mail and _FOLDED.match(line)):
            break
        if key is not None:
            started, count = True, count + 1
            name = key.group(1).lower()
            known = known or name in EN.header_keys or name in EN.mail_header_keys
            mail = mail or name in EN.mail_header_keys
        end = match.start(1) + len(line.rstrip())
    if count > (MAX_MAIL_HEADER_LINES if mail else MAX_HEADER_LINES):
        return 0
    return end if known and text[end:].strip() else 0
