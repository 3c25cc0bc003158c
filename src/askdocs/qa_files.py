"""Question and judgement files a person hands askdocs (eval, eval-search): UTF-8 text, or one line saying why not."""

from __future__ import annotations

from pathlib import Path

from askdocs.errors import UsageError, os_reason


def read_text(path: Path) -> str:
    """The file's text: UTF-8, a byte-order mark allowed (spreadsheets write one); UsageError (exit 2) naming the
    file when it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {os_reason(exc)}") from None


def unreadable_value(exc: ValueError | RecursionError) -> str:
    """Why well-formed JSON or YAML could not be read, in words: a number longer than Python converts (4,300
    digits), or nesting deeper than it follows."""
    if isinstance(exc, RecursionError):
        return "nested too deep"
    from askdocs.errors import REASON_CHARS
    from askdocs.text.normalize import shortened

    return "a number is too long" if "digits" in str(exc) else shortened(" ".join(str(exc).split()), REASON_CHARS)
