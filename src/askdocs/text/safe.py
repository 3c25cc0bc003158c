"""Text from documents made safe for a terminal: no escape sequences, no control characters, honest file names.

A document (or a file name) holding `ESC ] 0 ; title BEL`, `ESC [ 2 J`, OSC 52 or OSC 8 would otherwise
retitle the window, clear the screen, write the clipboard or hide a link when printed. Everything a person
reads goes through one of these: `clean` for running text, `name` for file names, `visible` where offsets
into the text must stay valid (the chat's source view). `blank` takes them out of a document's text as it is
indexed, each character a space, so that words, sentences and JSON are free of them and offsets stay true; it
takes out the characters that take no room (zero-width spaces and joiners, direction marks, bidi embeddings,
overrides and isolates) too, which would part a word or hide a sentence's end, moving them to their line's end as
spaces, so that lines stay true.
"""

from __future__ import annotations

import re

from askdocs.text.gaps import CONTROL, ESCAPE, closed
from askdocs.text.hyphens import rejoined

__all__ = [
    "INVISIBLE",
    "blank",
    "blank_runs",
    "clean",
    "flat",
    "json_text",
    "name",
    "read_as_shown",
    "unquoted",
    "visible",
    "without_invisible",
    "writes_unicode",
]

_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, screen clears, colours, hidden text
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\r\n]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # any other escape (ESC c resets the terminal)
)
_SPACED_SEQUENCES = re.compile(f" (?:{_ESCAPE_SEQUENCE.pattern})+(?= )")
"""Sequences between two spaces ("ban \x1b[31m fireworks"): they go with one of the spaces, not leaving two."""
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""C0 but tab and newline, DEL, C1, and the bidirectional overrides that reorder what is shown."""
_CONTROLS = re.compile(f"[{_CONTROL}]")
_LINE_CONTROLS = re.compile(f"[{_CONTROL}\t\n]")
_MOVES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[A-JZ`adef]")
"""A CSI sequence that moves the cursor, tabs or clears the screen ("ESC [ 10 C", "ESC [ 20 G", "ESC [ 2 J"), so on a
screen the words beside it stood apart; colours, erasing the rest of a line ("ESC [ K", which grep and compilers
put after each coloured match) and modes ("ESC [ ? 25 l") move nothing and take no room."""
_BLANKED = re.compile(f"(?P<escape>(?:{_ESCAPE_SEQUENCE.pattern})+)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
"""What `blank` takes out: escape sequences (never a line break), and controls but tab, newline and CR (a form feed
too: a line of the file goes on past it, as it does on a screen); each stretch of sequences, or of controls, one
match."""
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Format characters that take no room: zero-width space, non-joiner and joiner, word joiner, U+FEFF (a byte order
mark inside a text), the direction marks U+200E and U+200F, and the bidi embeddings, overrides and isolates
U+202A-U+202E and U+2066-U+2069. A space for one would part "was\u200bfounded", "boardin\u202cg"."""
_PICTURE = "[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]"
"""A character of an emoji sequence (symbols, pictographs, variation selector 16): a zero-width joiner between two
makes one picture of them ("👩\u200d🔬", a scientist), and is kept."""
_JOINER = "\u200d"
_INVISIBLE = re.compile(f"[{INVISIBLE.replace(_JOINER, '')}]|(?<!{_PICTURE}){_JOINER}|{_JOINER}(?!{_PICTURE})")
_INVISIBLE_LINE = re.compile(f"[^\r\n]*[{INVISIBLE}][^\r\n]*")
_PICTURES = {**{chr(c): chr(0x2400 + c) for c in range(0x20)}, "\x7f": "\u2421"}
"""Control Pictures (U+2400...): ESC is shown as ␛, one character for one, so offsets stay right."""


def blank(text: str) -> str:
    """`text` with each escape sequence and control (tab and line breaks kept) made spaces, one for each character,
    and each INVISIBLE character (bidi controls among them) taken out of its line, as many spaces put at the line's
    end: every line keeps its length, so line numbers and the offsets of other lines are as they were, and
    on a line, a place after such a character is counted as a reader sees it, without them."""
    return _BLANKED.sub(lambda m: " " * len(m[0]), without_invisible(text))


def blank_runs(text: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """`blank(text)`, and the (start, end, kind) of each run of spaces it put, its kind ESCAPE for escape sequences
    that take no room on a screen (colours, titles, links) or CONTROL for controls and cursor moves, for what is
    shown to close them as a terminal showed them (askdocs.text.gaps); the spaces INVISIBLE characters leave end a
    line, unseen."""
    moved = without_invisible(text)
    runs = tuple((*m.span(), _kind(m)) for m in _BLANKED.finditer(moved))
    return _BLANKED.sub(lambda m: " " * len(m[0]), moved), runs


def _kind(blanked: re.Match[str]) -> int:
    """ESCAPE for a stretch of escape sequences that draw nothing (colours, titles, links, charsets), else CONTROL:
    controls, or a sequence among them that moves the cursor or erases, which left the words beside it apart."""
    if not blanked["escape"]:
        return CONTROL
    moves = any(_MOVES.fullmatch(seq[0]) for seq in _ESCAPE_SEQUENCE.finditer(blanked[0]))
    return CONTROL if moves else ESCAPE


def read_as_shown(text: str) -> str:
    """`text` as a terminal showed it: `blank`, each run of spaces it put closed (askdocs.text.gaps). For a text whose
    offsets need not be the file's: the source of a Markdown, HTML or CSV file before its format reads it (the
    indexed text is derived from it), so that its words, cells and sentences read as they did on the screen. Its
    INVISIBLE characters are taken out, not moved: spaces at a line's end would make a Markdown hard line break."""
    return closed(*blank_runs(_INVISIBLE.sub("", text)))


def without_invisible(text: str) -> str:
    """`text` with each INVISIBLE character taken out of its line and a space put at the line's end for it (see
    `blank`): a file shown as it was indexed, tab, escape sequences and all, places on it as its indexed text's."""
    return _INVISIBLE_LINE.sub(_moved, text) if _INVISIBLE.search(text) else text


def _moved(line: re.Match[str]) -> str:
    """A line without its INVISIBLE characters, ended by a space for each."""
    kept = _INVISIBLE.sub("", line[0])
    return kept + " " * (len(line[0]) - len(kept))


def clean(text: str, *, lines: bool = True) -> str:
    """`text` without escape sequences or controls; newlines and tabs kept when `lines`, else made spaces."""
    text = _ESCAPE_SEQUENCE.sub("", _SPACED_SEQUENCES.sub("", text.replace("\r\n", "\n")))
    if lines:
        return _CONTROLS.sub(lambda m: "\n" if m[0] == "\r" else "", text)
    return _LINE_CONTROLS.sub(lambda m: " " if m[0] in "\t\n\r" else "", text)


_QUOTED_LINE = re.compile(r"(?<=\n)[ \t]*(?:>(?=[ \t>\n]|$)[ \t]?)+")
"""The ">" marks that open the second and later lines of a sentence an e-mail reply quotes (a space, another mark
or the line's end after each: ">= 30" is no quote)."""


def unquoted(text: str) -> str:
    """`text` without the ">" marks of its quoted lines past the first ("... data centre in\n> Leeds on ..."): a
    sentence of a quoted reply reads as the sentence. Offsets into it no longer match the document's."""
    return _QUOTED_LINE.sub("", text)


def flat(text: str) -> str:
    """`text` on one line, as a quote is shown: cleaned, without the ">" marks of quoted lines, a word broken over a
    line end by a hyphen whole (see askdocs.text.hyphens), every run of white space a single space."""
    return " ".join(clean(rejoined(unquoted(text)), lines=False).split())


_UNDECODED = re.compile(r"\\udc([89a-f][0-9a-f])")
"""How repr shows a byte of a file name that was not UTF-8 (os.fsdecode turns byte 0xNN into U+DCNN)."""
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What `json.dumps(..., ensure_ascii=False)` leaves raw although a terminal acts on it (DEL, C1, bidi overrides)
or an encoder refuses it (lone surrogates from undecodable file names)."""


def json_text(encoded: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with those characters written as \\uXXXX escapes: the
    same JSON value, safe to print on a terminal. They can only occur inside strings, where the escape is valid."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", encoded)


def name(text: str) -> str:
    """A file name as is when every character prints, else repr-style (`'fake\\n[9] x.txt'`), never raw; a byte
    that is not UTF-8 shows as itself (`\\xff`), not as the stand-in character Python decoded it to."""
    return text if text.isprintable() else _UNDECODED.sub(r"\\x\1", repr(text))


def visible(text: str) -> str:
    """`text` with each control but newline, tab and CR shown as a harmless picture, keeping its length."""
    return _CONTROLS.sub(lambda m: m[0] if m[0] == "\r" else _PICTURES.get(m[0], "\ufffd"), text)


def writes_unicode(stream: object) -> bool:
    """Whether `stream` can write every character: its encoding is UTF-8, UTF-16 or UTF-32 (or it names none)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith(("utf-8", "utf8", "utf-16", "utf-32"))
