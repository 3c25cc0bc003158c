"""Filter: which documents a question may be answered from (publication dates, corpus-relative path patterns).

Retrieval applies it before its top-k cut (see askdocs.store.scope), so a filtered question finds the documents
an unfiltered one would have ranked out."""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from askdocs.errors import UsageError
from askdocs.lang.en import EN
from askdocs.text.counts import count

NAMED = 3
"""How many of the documents a date filter leaves out for want of a date a note names."""


@dataclass(frozen=True)
class Filter:
    """Documents published in [since, until] (both inclusive; a document without a publication date is left out
    when either is set) whose corpus-relative path matches one of `paths` (gitignore-style patterns; any path
    when empty)."""

    since: datetime.date | None = None
    until: datetime.date | None = None
    paths: tuple[str, ...] = ()

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None, paths: Sequence[str] = ()) -> Filter:
        """A Filter from command-line text (dates as YYYY-MM-DD); a bad value is a one-line UsageError."""
        start, end = parse_day(since, "--since"), parse_day(until, "--until")
        if start and end and start > end:
            raise UsageError(f"--since {start} is after --until {end}")
        made = cls(start, end, tuple(p.strip() for p in paths if p.strip()))
        made.path_test  # noqa: B018 - a pattern pathspec cannot read fails here, in one line
        return made

    @property
    def active(self) -> bool:
        """True when the filter leaves any document out."""
        return bool(self.since or self.until or self.paths)

    @cached_property
    def path_test(self) -> Callable[[str], bool] | None:
        """The test of a corpus-relative path against `paths`, or None when every path passes; patterns that all
        take back (`!*.md`) take back from every document."""
        from askdocs.ingest.ignore import path_matcher

        if not self.paths:
            return None
        only_exceptions = all(p.startswith("!") for p in self.paths)
        return path_matcher(("**", *self.paths) if only_exceptions else self.paths, last_wins=True)

    def admits(self, path: str, published: str | None) -> bool:
        """Whether a document (corpus-relative path, publication date as YYYY-MM-DD or None) passes."""
        if self.since or self.until:
            if not published:
                return False
            if self.since and published < self.since.isoformat():
                return False
            if self.until and published > self.until.isoformat():
                return False
        return self.path_test is None or self.path_test(path)

    def describe(self) -> str:
        """The filter in words, for a user: "published 2024-01-01 to 2024-06-30, paths reports/"."""
        parts = []
        if self.since or self.until:
            parts.append(f"published {self.since or '…'} to {self.until or '…'}")
        if self.paths:
            parts.append("paths " + ", ".join(self.paths))
        return "; ".join(parts) or "all documents"

    def searched(self, undated: Undated | None = None) -> str:
        """What a refusal under the filter adds, so that the user knows the rest was not searched, the documents
        left out only for want of a publication date (`undated`) included."""
        said = f"searched only the documents that match the filter: {self.describe()}"
        if undated is not None and undated.count:
            said += f"; {undated.counted()} {'was' if undated.count == 1 else 'were'} not searched"
        return said

    def admits_none(self) -> str:
        """What to say when no indexed document passes the filter (search, docs, a refusal, the chat's warning)."""
        return f"no indexed document matches the filter: {self.describe()}"


@dataclass(frozen=True)
class Undated:
    """The documents a date filter leaves out only because they carry no publication date (PDF and Word files have
    none, nor a text file without a Date: header), among those its path patterns admit: how many, and the
    corpus-relative paths of the first `NAMED` by path, so that a user is told what was not searched."""

    count: int = 0
    first: tuple[str, ...] = ()

    def counted(self) -> str:
        """ "3 documents without a publication date"."""
        return f"{count(self.count, 'document')} without a publication date"

    def note(self, shown: Callable[[str], str] = str) -> str:
        """One line for stderr naming the first few as `shown` gives their paths (made safe for a terminal):
        "2 documents without a publication date are left out by --since/--until: a.pdf, b.docx"."""
        from askdocs.text.safe import name

        names = ", ".join(name(shown(path)) for path in self.first)
        more = self.count - len(self.first)
        names += f" and {more:,} more" if more > 0 and names else ""
        verb = "is" if self.count == 1 else "are"
        return f"{self.counted()} {verb} left out by --since/--until" + (f": {names}" if names else "")


def parse_day(value: str | None, flag: str) -> datetime.date | None:
    """A YYYY-MM-DD date, or None for no value; anything else is a UsageError naming `flag`."""
    if value is None:
        return None
    text = value.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) is None:
        raise UsageError(f"{flag} {value!r} is not a date as YYYY-MM-DD")
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        if year < 1:
            raise UsageError(f"{flag} {value!r} has no year 0000 (years run from 0001)") from None
        if not 1 <= month <= 12:
            raise UsageError(f"{flag} {value!r} has no month {month} (months run 01 to 12)") from None
        last, name = calendar.monthrange(year, month)[1], EN.months[month - 1].capitalize()  # not the locale's name
        raise UsageError(f"{flag} {value!r} has no day {day}: {name} {year} has {last} days") from None
