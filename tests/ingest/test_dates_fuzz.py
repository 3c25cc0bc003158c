"""Property tests for the date parser: any text and any reference date give mentions, never an exception."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from askdocs.ingest.dates import find_dates, resolve_document_dates

PIECES = [
    "9999-12-31",
    "0001-01-01",
    "9999",
    "1999",
    "Dec 31, 9999",
    "31 December 9999",
    "December 9999",
    "12/31/99",
    "1/1/0001",
    "the 9990s",
    "the day after",
    "the day before",
    "the next day",
    "two weeks later",
    "999 days later",
    "999 weeks earlier",
    "the same day",
    "next year",
    "last year",
    "next month",
    "next week",
    "this weekend",
    "999 years ago",
    "999 months ago",
    "tomorrow",
    "yesterday",
    "on Friday",
    "next Monday",
    "in May",
    "July 2-4",
    "Feb 29",
    "since 2020",
    "a day later",
    " ",
    ". ",
    ", ",
    "",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=12).map(" ".join)
REFERENCE = st.one_of(st.none(), st.dates(min_value=datetime.date.min, max_value=datetime.date.max))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, REFERENCE)
def test_find_dates_never_raises_and_spans_fit(text: str, reference: datetime.date | None) -> None:
    for mention in find_dates(text, reference=reference):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.range is None or mention.range.start <= mention.range.end


@FAST
@given(st.lists(TEXT, max_size=4), REFERENCE)
def test_document_dates_never_raise(sentences: list[str], reference: datetime.date | None) -> None:
    assert len(resolve_document_dates(sentences, reference=reference)) == len(sentences)


def test_the_day_after_the_last_day_is_unresolved_not_a_crash() -> None:
    mentions = find_dates("The clock rolled over on 9999-12-31. The next day nothing worked.")
    assert [m.text for m in mentions] == ["9999-12-31", "The next day"]
    assert mentions[1].range is None


def test_relative_dates_past_the_calendar_are_unresolved() -> None:
    mentions = find_dates("next year and the day before", reference=datetime.date.max)
    assert mentions[0].range is None
    assert find_dates("two days earlier", previous=None) and not find_dates("", reference=datetime.date.min)
