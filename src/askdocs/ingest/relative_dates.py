"""Dates told relative to the publication date ("yesterday", "three weeks ago") or to the last date told ("the
same day", "two days later"): each a pattern with how it resolves, as data the date finder compiles."""

import datetime
import re
from collections.abc import Callable

from askdocs.ingest.date_ranges import (
    ONE_DAY,
    DateRange,
    monday,
    months_ago,
    one_day,
    shift,
    this_week,
    weekend,
    whole_year,
)
from askdocs.lang.en import EN

_NUMBER_ALTERNATIVES = [word.replace(" ", r"\s+") for word in sorted(EN.count_words, key=len, reverse=True)]
_NUM = r"(?P<n>\d{1,3}|" + "|".join(_NUMBER_ALTERNATIVES) + ")"

Shift = Callable[[DateRange, re.Match[str]], DateRange]
"""How an anaphoric date resolves from the last date told."""


def _count(match: re.Match[str]) -> int:
    text = " ".join(match.group("n").lower().split())
    return int(text) if text.isdigit() else EN.count_words[text]


Relative = Callable[[datetime.date, re.Match[str]], DateRange]
"""How a relative date resolves from the publication date."""
RELATIVE_RULES: list[tuple[str, Relative]] = [
    (r"today|tonight|this\s+(?:morning|afternoon|evening)", lambda r, m: one_day(r)),
    (r"yesterday|last\s+night", lambda r, m: one_day(r - ONE_DAY)),
    (r"tomorrow", lambda r, m: one_day(r + ONE_DAY)),
    (r"earlier\s+this\s+year", lambda r, m: DateRange(datetime.date(r.year, 1, 1), r)),
    (r"later\s+this\s+year", lambda r, m: DateRange(r, datetime.date(r.year, 12, 31))),
    (r"this\s+year", lambda r, m: whole_year(r.year)),
    (r"last\s+year", lambda r, m: whole_year(r.year - 1)),
    (r"next\s+year", lambda r, m: whole_year(r.year + 1)),
    (r"earlier\s+this\s+month", lambda r, m: DateRange(r.replace(day=1), r)),
    (r"this\s+month", lambda r, m: months_ago(r, 0)),
    (r"last\s+month", lambda r, m: months_ago(r, -1)),
    (r"next\s+month", lambda r, m: months_ago(r, 1)),
    (r"earlier\s+this\s+week", lambda r, m: this_week(r, end=r)),
    (r"this\s+week", lambda r, m: this_week(r)),
    (r"last\s+week", lambda r, m: DateRange(monday(r) - 7 * ONE_DAY, monday(r) - ONE_DAY)),
    (r"next\s+week", lambda r, m: DateRange(monday(r) + 7 * ONE_DAY, monday(r) + 13 * ONE_DAY)),
    (r"this\s+weekend", lambda r, m: weekend(r, "this")),
    (r"last\s+weekend|over\s+the\s+weekend", lambda r, m: weekend(r, "last")),
    (
        r"(?:a\s+few|several)\s+days\s+ago|the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+days"
        r"|recent\s+days",
        lambda r, m: DateRange(r - 7 * ONE_DAY, r),
    ),
    (rf"{_NUM}\s+days?\s+ago", lambda r, m: one_day(r - _count(m) * ONE_DAY)),
    (rf"{_NUM}\s+weeks?\s+ago", lambda r, m: shift(DateRange(r - 3 * ONE_DAY, r + 3 * ONE_DAY), -7 * _count(m))),
    (rf"{_NUM}\s+months?\s+ago", lambda r, m: months_ago(r, -_count(m))),
    (rf"{_NUM}\s+years?\s+ago", lambda r, m: whole_year(r.year - _count(m))),
    (r"the\s+(?:past|last)\s+week", lambda r, m: DateRange(r - 7 * ONE_DAY, r)),
    (r"the\s+(?:past|last)\s+month", lambda r, m: DateRange(r - 31 * ONE_DAY, r)),
    (r"the\s+(?:past|last)\s+year", lambda r, m: DateRange(r - 366 * ONE_DAY, r)),
]

_PART_OF_DAY = r"(?:day|date|night|morning|afternoon|evening)"
ANAPHORIC_RULES: list[tuple[str, Shift]] = [
    (
        rf"(?:the|that)\s+(?:very\s+)?same\s+{_PART_OF_DAY}|(?:later\s+|earlier\s+)?that\s+(?:very\s+)?{_PART_OF_DAY}",
        lambda a, m: a,
    ),
    (
        r"the\s+(?:next|following)\s+(?:day|morning|night|evening)|the\s+day\s+after(?!\s+tomorrow)"
        r"|a\s+day\s+later",
        lambda a, m: one_day(a.end + ONE_DAY, a.year_known),
    ),
    (
        r"the\s+(?:previous|prior|preceding)\s+(?:day|night|evening)|the\s+day\s+before(?!\s+yesterday)"
        r"|the\s+day\s+prior|a\s+day\s+earlier",
        lambda a, m: one_day(a.start - ONE_DAY, a.year_known),
    ),
    (
        rf"{_NUM}\s+days?\s+(?:later|afterwards?)",
        lambda a, m: one_day(a.end + _count(m) * ONE_DAY, a.year_known),
    ),
    (rf"{_NUM}\s+days?\s+(?:earlier|prior)", lambda a, m: one_day(a.start - _count(m) * ONE_DAY, a.year_known)),
    (rf"{_NUM}\s+weeks?\s+later", lambda a, m: one_day(a.end + 7 * _count(m) * ONE_DAY, a.year_known)),
    (rf"{_NUM}\s+weeks?\s+earlier", lambda a, m: one_day(a.start - 7 * _count(m) * ONE_DAY, a.year_known)),
]
