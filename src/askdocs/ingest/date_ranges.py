"""DateRange and DateMention: calendar ranges (with or without a known year) and where text mentions them."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

# Leap year used to carry month/day when the text gave no year, so that "Feb 29" is representable.
NO_YEAR = 2000
ONE_DAY = datetime.timedelta(days=1)
_T = TypeVar("_T")
MAX_ANCHOR_DAYS = 7  # only day-precise dates (or short spans) can anchor "the same day"
FUTURE_SLACK_DAYS = 183  # a year-less date further ahead of the reference belongs to the previous year


@dataclass(frozen=True)
class DateRange:
    """An inclusive calendar range; year_known=False when the text gave no year (e.g. "July 2")."""

    start: datetime.date
    end: datetime.date
    year_known: bool = True

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"DateRange end {self.end} is before start {self.start}")

    def overlaps(self, other: DateRange) -> bool:
        """True when the ranges share a day; without a year on either side, month/day ranges are compared."""
        if self.year_known and other.year_known:
            return self.start <= other.end and other.start <= self.end
        return any(
            a_start <= b_end and b_start <= a_end
            for a_start, a_end in _day_of_year_spans(self)
            for b_start, b_end in _day_of_year_spans(other)
        )

    def iso(self) -> str:
        """ISO 8601 text: "2021-07-02", "2021-07-02/2021-07-08", or "--07-02" when the year is unknown."""
        fmt = _iso_day if self.year_known else _iso_month_day
        return fmt(self.start) if self.start == self.end else f"{fmt(self.start)}/{fmt(self.end)}"

    @property
    def days(self) -> int:
        """Number of days covered, inclusive."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class DateMention:
    """One date expression found in text, with its character span and resolved range (if any)."""

    text: str
    start: int
    end: int
    range: DateRange | None
    relative: bool


def _iso_day(day: datetime.date) -> str:
    return day.isoformat()


def _iso_month_day(day: datetime.date) -> str:
    return f"--{day.month:02d}-{day.day:02d}"


def _leap_day_of_year(day: datetime.date) -> int:
    """Position of the month/day in a leap year (1..366), so any year compares alike."""
    return datetime.date(NO_YEAR, day.month, day.day).timetuple().tm_yday


def _day_of_year_spans(rng: DateRange) -> list[tuple[int, int]]:
    """The range as one or two day-of-year intervals; ranges crossing New Year are split in two."""
    if rng.days >= 366:
        return [(1, 366)]
    first, last = _leap_day_of_year(rng.start), _leap_day_of_year(rng.end)
    if first <= last and rng.start.year == rng.end.year:
        return [(first, last)]
    return [(first, 366), (1, last)]


# --- small range builders ------------------------------------------------------------------


def within_calendar(make: Callable[..., _T], *args: Any) -> _T | None:
    """`make(*args)`, or None when the date it computes falls outside the calendar (years 1 to 9999)."""
    try:
        return make(*args)
    except (OverflowError, ValueError):
        return None


def one_day(day: datetime.date, year_known: bool = True) -> DateRange:
    return DateRange(day, day, year_known)


def whole_year(year: int) -> DateRange:
    return DateRange(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def whole_month(year: int, month: int, year_known: bool = True) -> DateRange:
    last = calendar.monthrange(year, month)[1]
    return DateRange(datetime.date(year, month, 1), datetime.date(year, month, last), year_known)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def monday(day: datetime.date) -> datetime.date:
    return day - day.weekday() * ONE_DAY


def shift(rng: DateRange, days: int) -> DateRange:
    offset = days * ONE_DAY
    return DateRange(rng.start + offset, rng.end + offset, rng.year_known)


def guess_year(month: int, day: int, reference: datetime.date | None) -> tuple[int, bool]:
    """Year for a year-less date: the reference's year, or the one before when that lands far ahead."""
    if reference is None:
        return NO_YEAR, False
    try:
        candidate = datetime.date(reference.year, month, day)
    except ValueError:
        return NO_YEAR, False
    if (candidate - reference).days > FUTURE_SLACK_DAYS:
        return reference.year - 1, True
    return reference.year, True


def weekend(ref: datetime.date, mode: str) -> DateRange:
    """Saturday-Sunday. "last": the latest full weekend; "this" from Wednesday on spans both neighbours."""
    wd = ref.weekday()
    saturday = ref - ((wd - 5) % 7) * ONE_DAY
    if mode == "this" and 1 < wd < 5:
        return DateRange(saturday, saturday + 8 * ONE_DAY)
    if mode == "last" and wd >= 5:
        saturday -= 7 * ONE_DAY
    return DateRange(saturday, saturday + ONE_DAY)


def this_week(ref: datetime.date, end: datetime.date | None = None) -> DateRange:
    """Lenient "this week": from the earlier of Monday and six days back, to Sunday (or `end`)."""
    start = min(monday(ref), ref - 6 * ONE_DAY)
    return DateRange(start, end or monday(ref) + 6 * ONE_DAY)


def months_ago(ref: datetime.date, delta: int) -> DateRange:
    return whole_month(*add_months(ref.year, ref.month, delta))
