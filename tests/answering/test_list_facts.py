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


HOURS = """Riverside Library opening hours

The library is open six days a week.

Monday to Friday: 9am to 7pm
Saturday: 10am to 4pm
Sunday: closed

Late opening on Thursdays until 9pm was stopped in 2023.
"""


def test_a_list_line_reads_the_sentence_that_leads_into_the_list(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    # "Saturday: 10am to 4pm" says nothing of the library or opening: the sentence above the list does, and the line
    # was not cited at all for a question about Saturday
    # (it was cited last, after "Monday to Friday", or not at all)
    asked = ("When does the library open on Saturday?", "What are the library's hours on Saturday?")
    for answer in answers(tmp_path, {"hours.txt": HOURS}, real_embedder, *asked):
        quotes = [c.quote for c in answer.citations]
        assert answer.found and "Saturday: 10am to 4pm" in quotes, quotes
        weekdays = quotes.index("Monday to Friday: 9am to 7pm") if "Monday to Friday: 9am to 7pm" in quotes else 9
        assert quotes.index("Saturday: 10am to 4pm") < weekdays, quotes


def test_only_a_list_line_looks_past_its_neighbours() -> None:
    from askdocs.answering.evidence import _lead_in
    from askdocs.store.records import StoredSentence

    texts = ["Opening hours", "The library is open six days a week.", "Monday: 9am", "Tuesday: 9am", "Sunday: closed"]
    doc = {n: StoredSentence(n, 1, "hours.txt", n, 0, len(text), n + 1, text) for n, text in enumerate(texts)}
    assert [s.text for s in _lead_in(doc[4], doc)] == ["The library is open six days a week."]
    assert _lead_in(doc[1], doc) == []


def test_a_field_of_a_run_of_key_value_lines_is_a_fact_whatever_its_value_and_a_lone_title_is_not() -> None:
    from askdocs.answering.evidence import _is_heading
    from askdocs.store.records import StoredSentence

    lines = {3: "Team leader: Hannah Voss", 4: "Boat: Kestrel", 9: "Chapter 3: The Return of the King"}
    leader, boat, chapter = (
        StoredSentence(n, 1, "a.md", n, 0, len(t), line, t) for n, (line, t) in enumerate(lines.items())
    )
    assert not _is_heading(leader, [boat, leader]) and not _is_heading(boat, [leader, boat])
    assert _is_heading(chapter, [boat, chapter])  # its own paragraph: a title's second part, not a field
    assert _is_heading(leader, [leader])


NOTES = """# Field notes: Marsh Lake survey

Survey team leader: Priya Anand\\
Boat: the *Heron*, a 5-metre skiff\\
Survey dates: 3 to 7 May 2024

The deepest point we measured in Marsh Lake was 12 metres.
"""


def test_a_field_with_a_name_for_its_value_is_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "Survey team leader: Priya Anand" (a Markdown hard break after it) was read as a title: no lower-case word
    follows its colon. It is one field of a list, and who led the survey is what it says."""
    led, who = answers(
        tmp_path, {"notes.md": NOTES}, real_embedder, "Who led the Marsh Lake survey team?", "Who is Priya Anand?"
    )
    for answer in (led, who):
        assert answer.found and answer.citations[0].quote == "Survey team leader: Priya Anand", answer.citations
