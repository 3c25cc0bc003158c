"""Bytes to text: a file's encoding told from its byte order mark or its bytes, and binary files told apart."""

from __future__ import annotations

import codecs
from pathlib import Path

from askdocs.errors import BINARY, UnreadableDocument

BOM = "\ufeff"
HEAD = 8192
"""Bytes looked at to tell a binary file from text."""
_CONTROL_BYTES = frozenset(range(32)) - frozenset(b"\t\n\v\f\r\x1b") | {0x7F}
_CP1252 = tuple(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
"""Each byte as a Windows-1252 character; the five bytes it leaves undefined as their Latin-1 control characters."""
_AS_CP1252 = "askdocs.cp1252"


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: the bytes that are not UTF-8 as Windows-1252 characters (Latin-1 where it has none)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(_CP1252[b] for b in error.object[error.start : error.end]), error.end


codecs.register_error(_AS_CP1252, _as_cp1252)


def decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """Text of a file: UTF-16 or UTF-32 when it starts with its BOM, else UTF-8, where bytes that are not valid
    UTF-8 are read as Windows-1252 (a superset of Latin-1 for text) with a warning naming that encoding. The
    leading byte order marks are dropped; one inside the text (a joined file, or a zero-width no-break space) is
    kept so that offsets stay offsets into the file, and sentences and titles are trimmed of it like whitespace."""
    if (codec := _bom_codec(data)) is not None:
        try:
            return data.decode(codec).lstrip(BOM), None
        except UnicodeDecodeError:
            raise UnreadableDocument.skipped(path, BINARY) from None
    if looks_binary(data[:HEAD]):
        raise UnreadableDocument.skipped(path, BINARY)
    try:
        text = data.decode("utf-8")
        warning = None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors=_AS_CP1252)
        warning = f"{path}: not valid UTF-8, read as Windows-1252"
    return text.lstrip(BOM), warning


def looks_binary(head: bytes) -> bool:
    """True for the first bytes of a file that is not text: a NUL byte (UTF-16 and UTF-32 count as text only with
    their BOM), or, when they are not UTF-8, more than one in twenty being control characters other than whitespace."""
    if _bom_codec(head) is not None:
        return False
    if b"\x00" in head:
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)  # a character cut at the end of `head` is not an error
        return False
    except UnicodeDecodeError:
        return sum(b in _CONTROL_BYTES for b in head) * 20 > len(head)


def _bom_codec(data: bytes) -> str | None:
    """The codec, "utf-32" or "utf-16", when `data` starts with that encoding's byte order mark (UTF-32's
    little-endian one begins as UTF-16's does, so it is tried first), else None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None
