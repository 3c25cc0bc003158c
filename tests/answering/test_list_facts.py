"""A list's "key: value" line is a fact to cite, however short ("bicycle: free"), not a heading; a title's second
part after a colon ("Chapter 3: The Return of the King") still frames the text. With the real model."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.evidence import _is_value
from tests.support import answers

FERRY = """Ferry notice

The summer timetable starts on 1 June, and the first boat leaves the pier at seven in the morning.

Fares for the summer:

  - adult single: 6.40 pounds
  - child single: 3.20 pounds
  - car with driver: 24.00 pounds
  - bicycle: free

From: Dana Whitcombe, harbour office manager
Please book camper vans at least two days ahead by phoning the harbour office.
"""


def test_a_colon_holds_a_fact_when_a_number_or_an_ordinary_lower_case_word_follows() -> None:
    for value in ("free", "6.40 pounds", "Dana Whitcombe, harbour office manager", "closed"):
        assert _is_value(value), value
    for value in ("The Return of the King", "Results", "Saturday Shifts"):
        assert not _is_value(value), value


def test_a_lists_key_value_line_is_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    fare, manager = answers(
        tmp_path,
        {"ferry.txt": FERRY},
        real_embedder,
        "What is the fare for a bicycle on the ferry?",
        "Who is the harbour office manager?",
    )
    assert fare.found and fare.citations[0].quote == "bicycle: free"
    assert manager.found and any(c.quote.startswith("From: Dana Whitcombe") for c in manager.citations)
