""".askdocsignore: files of the corpus the user leaves out of the index without deleting them (gitignore syntax,
matched by pathspec, on paths relative to the corpus folder)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from askdocs.errors import UsageError

IGNORE_FILE = ".askdocsignore"


def load_ignore(corpus: Path) -> Callable[[str], bool] | None:
    """A matcher of corpus-relative paths (folders end with "/") from `corpus/.askdocsignore`, or None when the
    file is absent, unreadable or holds no pattern."""
    try:
        lines = (corpus / IGNORE_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return path_matcher(lines, str(corpus / IGNORE_FILE))


def path_matcher(
    patterns: list[str] | tuple[str, ...], source: str = "--path", *, last_wins: bool = False
) -> Callable[[str], bool] | None:
    """A test of corpus-relative paths against gitignore-style `patterns` (`!` re-includes, `#` comments), or None
    when no line is a pattern; a pattern pathspec cannot read is a UsageError naming `source`. By git's rules a
    `!folder/` never takes back a file another pattern names; with `last_wins` the last pattern that matches a
    path decides, a folder's files included, as a filter's `!news/` is meant."""
    lines = [_relative(p) for p in patterns if p.strip() and not p.lstrip().startswith("#")]
    if not lines:
        return None
    import pathspec

    try:
        spec = (
            pathspec.PathSpec.from_lines("gitignore", lines) if last_wins else pathspec.GitIgnoreSpec.from_lines(lines)
        )
    except ValueError as exc:  # pathspec's GitWildMatchPatternError
        raise UsageError(f"{source}: {exc}") from None
    except re.error as exc:  # a range backwards (`[z-a]`): its position is in pathspec's regex, not the pattern
        raise UsageError(f"{source}: not a valid pattern ({exc.msg})") from None
    return spec.match_file


def _relative(pattern: str) -> str:
    """`pattern` without a leading `./`, after the `!` of one that takes back (`!./drafts/`)."""
    if pattern.startswith("!"):
        return "!" + pattern[1:].removeprefix("./")
    return pattern.removeprefix("./")


IGNORED = "ignored (.askdocsignore)"
UNSUPPORTED = "unsupported type"


def is_ignored(
    matcher: Callable[[str], bool] | None,
    corpus: Path,
    path: Path,
    left_out: list[tuple[Path, str]],
    *,
    folder: bool = False,
) -> bool:
    """Whether `matcher` leaves out the file (or, with `folder`, the whole folder) `path`; if so it is noted in
    `left_out`. An ignored folder is not entered, as git does: nothing under it can be taken back with `!`."""
    if matcher is None:
        return False
    name = path.relative_to(corpus).as_posix() + ("/" if folder else "")
    if matcher(name):
        left_out.append((path, IGNORED))
        return True
    return False
