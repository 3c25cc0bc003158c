""".askdocsignore: files of the corpus the user leaves out of the index without deleting them (gitignore syntax,
matched by pathspec, on paths relative to the corpus folder)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from askdocs.config import shown_path
from askdocs.errors import UsageError

IGNORE_FILE = ".askdocsignore"

Matcher = Callable[[str], bool]
"""A test of corpus-relative paths (folders end with "/"): True when the path is left out."""
IgnoreReader = Callable[[Path], "Matcher | None"]
"""How a scan gets the rules of a corpus folder: `load_ignore`, or a watch's reader that keeps the last good ones."""


class BadIgnoreLine(UsageError):
    """A line of .askdocsignore that is not a pattern; the message names the file and the line."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text
        """The file as it was read: a watch warns once per change of it."""


def load_ignore(corpus: Path) -> Matcher | None:
    """A matcher from `corpus/.askdocsignore`, or None when the file is absent, unreadable or holds no pattern;
    a line that is not a pattern is a BadIgnoreLine naming the file and the line."""
    try:
        text = (corpus / IGNORE_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    numbered = [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), start=1)]
    try:
        return _compiled(numbered, last_wins=False)
    except _BadPattern as bad:
        raise BadIgnoreLine(f"{shown_path(corpus / IGNORE_FILE)} line {bad.number}: {bad.why}", text) from None


def path_matcher(
    patterns: list[str] | tuple[str, ...], source: str = "--path", *, last_wins: bool = False
) -> Matcher | None:
    """A test of corpus-relative paths against gitignore-style `patterns` (`!` re-includes, `#` comments), or None
    when no line is a pattern; a pattern pathspec cannot read is a UsageError naming `source`. By git's rules a
    `!folder/` never takes back a file another pattern names; with `last_wins` the last pattern that matches a
    path decides, a folder's files included, as a filter's `!news/` is meant."""
    try:
        return _compiled(list(enumerate(patterns, start=1)), last_wins=last_wins)
    except _BadPattern as bad:
        raise UsageError(f"{source}: {bad.why}") from None


class _BadPattern(Exception):
    """The first line of a list that pathspec cannot read: its number and why, in plain words."""

    def __init__(self, number: int, why: str) -> None:
        super().__init__(why)
        self.number, self.why = number, why


def _compiled(numbered: list[tuple[int, str]], *, last_wins: bool) -> Matcher | None:
    """The matcher of the pattern lines of `numbered` (blank lines and `#` comments skipped), or None when there
    is none; _BadPattern for the first line that is not a pattern."""
    lines = [(n, _relative(p)) for n, p in numbered if p.strip() and not p.lstrip().startswith("#")]
    if not lines:
        return None
    import pathspec

    def spec(patterns: list[str]) -> pathspec.PathSpec:
        if last_wins:
            return pathspec.PathSpec.from_lines("gitignore", patterns)
        return pathspec.GitIgnoreSpec.from_lines(patterns)

    try:
        return spec([p for _, p in lines]).match_file
    except (ValueError, re.error):  # pathspec's GitWildMatchPatternError; a range backwards (`[z-a]`)
        pass
    for number, pattern in lines:  # one by one, to name the line
        try:
            spec([pattern])
        except (ValueError, re.error) as exc:
            raise _BadPattern(number, _why(pattern, exc)) from None
    raise AssertionError("a list of patterns pathspec refused, each of which it reads")  # pragma: no cover


def _why(pattern: str, exc: Exception) -> str:
    """Why pathspec refused `pattern`, in plain words: `“!” is not a pattern (...)`."""
    shown = pattern if len(pattern) <= 60 else pattern[:59] + "…"
    said = f"“{shown}” is not a pattern"
    if pattern.strip() == "!":
        return f"{said} (a “!” takes back the files of the pattern after it, as in “!keep.md”)"
    if pattern.rstrip(" ").endswith("\\"):
        return f"{said} (it ends in “\\”, which escapes the character after it; write “\\\\” for a backslash)"
    if isinstance(exc, re.error) and (backwards := re.match(r"bad character range (\S+)", exc.msg)):
        first, _, last = backwards[1].partition("-")
        return f"{said} (the range {first}-{last} runs backwards; write {last}-{first})"
    reason = exc.msg if isinstance(exc, re.error) else str(exc)
    return f"{said} ({reason})"


def _relative(pattern: str) -> str:
    """`pattern` without a leading `./`, after the `!` of one that takes back (`!./drafts/`)."""
    if pattern.startswith("!"):
        return "!" + pattern[1:].removeprefix("./")
    return pattern.removeprefix("./")


IGNORED = "ignored (.askdocsignore)"
UNSUPPORTED = "unsupported type"
SAVED_PAGE_FILES = "a saved web page's files"
"""Why a folder `NAME_files` beside `NAME.html` is not entered: a browser's "Save page complete" put the page's
scripts, styles and pictures there, no documents of their own."""


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
