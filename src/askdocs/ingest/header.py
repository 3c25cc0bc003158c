"""The header a plain-text file may open with ("Title: ...", "Date: ...", "Author: ..." lines): facts about the
text, not part of it, so its lines are never cited and no preview opens on them. They stay in the indexed text,
whose offsets and lines are the file's own."""

from __future__ import annotations

import re

from askdocs.lang.en import EN

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_KEY_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z0-9.-]{0,80}(?: [A-Za-z-]{1,20}){0,2})[ \t]*:(?:\s|$)")
"""A "Key: value" line: a key of one to three words ("Article-I.D.", "X-MS-Exchange-CrossTenant-OriginalArrivalTime"
too: mail sets no length), a colon, then a space or nothing ("http://..." is no key)."""
_FOLDED = re.compile(r"[ \t]+\S")
"""A mail header's value carried on to the next line, indented ("References: <a@b>" then "\t<c@d>")."""
MAX_HEADER_LINES = 12
"""A longer run of "Key: value" lines at the top is a list (a glossary, a form), not a header..."""
MAX_MAIL_HEADER_LINES = 60
"""... unless it is a saved e-mail's or news post's header (see `_is_mail`), which runs longer."""
MAIL_KEYS_NEEDED = 2
"""How many of EN.mail_header_keys (Message-ID, Newsgroups, Received, ...) make a header a mail header: one such
word could be a glossary's term ("Path: ...")."""


def header_end(text: str) -> int:
    """The offset just after the last line of the header `text` opens with, 0 when it has none. A header is the run
    of "Key: value" lines at the top (after any blank lines), ended by a blank line or by a line of another kind;
    one of its keys at least is one a header has (EN.header_keys: title, date, author, source...), and some text
    follows it (a file of header lines alone is all text). A saved e-mail's or news post's header (two keys of
    EN.mail_header_keys or more) may run longer and carry a value on over indented lines."""
    lines: list[tuple[int, str | None]] = []  # each line's end, and its key (None: an indented line)
    for match in _LINE.finditer(text):
        line = match.group(1)
        if not line.strip():
            if lines or not match.group(2):
                break
            continue
        key = _KEY_LINE.match(line)
        if key is None and not (lines and _FOLDED.match(line)):
            break
        lines.append((match.start(1) + len(line.rstrip()), key.group(1).lower() if key else None))
        if len(lines) > 2 * MAX_MAIL_HEADER_LINES:  # a log of "INFO: ..." lines: no header, read no further
            return 0
    mail = sum(name in EN.mail_header_keys for _, name in lines) >= MAIL_KEYS_NEEDED
    if not mail:  # only a mail header carries a value on over indented lines: another ends before the first
        lines = lines[: next((i for i, (_, name) in enumerate(lines) if name is None), len(lines))]
    keys = [name for _, name in lines if name is not None]
    if not keys or len(keys) > (MAX_MAIL_HEADER_LINES if mail else MAX_HEADER_LINES):
        return 0
    end = lines[-1][0]
    known = mail or any(name in EN.header_keys for name in keys)
    return end if known and text[end:].strip() else 0
