"""Hostile fixtures: document text and file names that would drive a terminal if printed raw."""

from __future__ import annotations

from pathlib import Path

TITLE = "\x1b]0;PWNED\x07"
CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
LINK = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"
HIDDEN = "\x1b[8mhidden\x1b[0m"
C1 = "\x9b2J\x9d0;C1\x9c"
ATTACKS = (TITLE, CLEAR, CLIPBOARD, LINK, HIDDEN, C1, "\x07\x08\x7f\u202e")
FORGED_NAME = 'fake\n[9] forged.txt:1 "all is well"\x1b[2J.txt'
SENTENCE = (
    "The harbour crane {} collapsed on July 2, 2021 in Veracruz. Engineers said the crane had been inspected in May."
).format("".join(ATTACKS))

OFFICE_NOTES = (
    "Office notes\n"
    "The wifi password for the guest network is \x1b[31;5mhunter2\x1b[0m and it changes every Monday.\x1b[2J\x1b[H\n"
    "\x1b]0;PWNED window title\x07The server room door code is 4471.\x1b]8;;https://evil.example/\x1b\\click here"
    "\x1b]8;;\x1b\\\n"
    "The backup tape is collected on Fridays by Iron Mountain.\x1b[?1049h\x1b[?25l\n"
)
"""Notes whose sentences are wrapped in colours, a window title, a hidden link and screen switches."""


def is_safe(text: str) -> bool:
    """True when `text` holds no ESC, no C0 control but tab and newline, no DEL, no C1 and no bidi override."""
    return not any(
        (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in text
    )


def hostile_corpus(folder: Path) -> Path:
    """A corpus with one document full of escape sequences and one whose name forges a source line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "crane.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    (folder / FORGED_NAME).write_text("The harbour crane collapsed again on July 2, 2021.\n", encoding="utf-8")
    return folder
