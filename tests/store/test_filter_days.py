"""--since and --until take a day as YYYY-MM-DD; a day the calendar lacks says which part is wrong."""

from __future__ import annotations

import datetime

import pytest

from askdocs.errors import UsageError
from askdocs.store.filters import parse_day


def test_a_day_of_the_calendar_is_read() -> None:
    assert parse_day(" 2024-02-29 ", "--since") == datetime.date(2024, 2, 29)
    assert parse_day(None, "--since") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "--since '2024-02-30' has no day 30: February 2024 has 29 days"),
        ("2023-02-29", "--since '2023-02-29' has no day 29: February 2023 has 28 days"),
        ("2024-04-31", "--since '2024-04-31' has no day 31: April 2024 has 30 days"),
        ("2024-13-01", "--since '2024-13-01' has no month 13 (months run 01 to 12)"),
        ("0000-01-01", "--since '0000-01-01' has no year 0000 (years run from 0001)"),
        ("2024-2-3", "--since '2024-2-3' is not a date as YYYY-MM-DD"),
        ("٢٠٢٤-٠١-٠١", "--since '٢٠٢٤-٠١-٠١' is not a date as YYYY-MM-DD"),
        ("yesterday", "--since 'yesterday' is not a date as YYYY-MM-DD"),
    ],
)
def test_a_day_the_calendar_lacks_says_what_is_wrong(value: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_day(value, "--since")
    assert str(raised.value) == message
