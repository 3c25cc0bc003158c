"""Tests for askdocs.ingest.dates: formats, offsets, relative and anaphoric resolution, publication dates."""

import datetime
from pathlib import Path

import pytest

from askdocs.ingest.dates import DateMention, DateRange, find_dates, resolve_document_dates
from askdocs.ingest.published import parse_publication_date

ARTICLE = Path(__file__).resolve().parents[2] / "corpus" / "mexico-cartel-arrests.txt"
REF = datetime.date(2021, 7, 8)  # a Thursday


def d(year: int, month: int, day: int) -> datetime.date:
    """Short date constructor for readable expectations."""
    return datetime.date(year, month, day)


def question_dates(question: str, *, reference: datetime.date | None = None) -> list[DateRange]:
    """The distinct resolved date ranges a question mentions, in order (as parse_query keeps them)."""
    return list(dict.fromkeys(m.range for m in find_dates(question, reference=reference) if m.range is not None))


def only(text: str, reference: datetime.date | None = None) -> DateMention:
    """The single mention in text; fails when there are none or several."""
    mentions = find_dates(text, reference=reference)
    assert len(mentions) == 1, mentions
    return mentions[0]


def article_sentences() -> list[str]:
    """The sample article split simply by lines and ". "."""
    text = ARTICLE.read_text(encoding="utf-8")
    return [part for line in text.splitlines() for part in line.split(". ") if part.strip()]


# --- absolute formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "iso"),
    [
        ("arrested on July 2, 2021 in Sonora", "July 2, 2021", "2021-07-02"),
        ("arrested on 2 July 2021.", "2 July 2021", "2021-07-02"),
        ("signed on Jan. 5, 2020", "Jan. 5, 2020", "2020-01-05"),
        ("held on Sept 3 2019", "Sept 3 2019", "2019-09-03"),
        ("Tuesday, July 6, 2021 was hot", "Tuesday, July 6, 2021", "2021-07-06"),
        ("since October 2019 there", "October 2019", "2019-10-01/2019-10-31"),
        ("in July 2021,", "July 2021", "2021-07-01/2021-07-31"),
        ("he came into power in 2018.", "2018", "2018-01-01/2018-12-31"),
        ("the dataset of 2021-07-02 is", "2021-07-02", "2021-07-02"),
        ("filed 7/2/2021 at noon", "7/2/2021", "2021-07-02"),
        ("filed 7/2/21 at noon", "7/2/21", "2021-07-02"),
        ("growth in the 1990s", "1990s", "1990-01-01/1999-12-31"),
    ],
)
def test_absolute_formats_with_year(text: str, expected_text: str, iso: str) -> None:
    mention = only(text)
    assert mention.text == expected_text
    assert mention.range is not None and mention.range.iso() == iso
    assert mention.range.year_known and not mention.relative


@pytest.mark.parametrize(
    ("text", "expected_text", "iso"),
    [
        ("a gunfight on July 2, which ended", "July 2", "--07-02"),
        ("a gunfight on July 2nd", "July 2nd", "--07-02"),
        ("a gunfight on 2 July in Altar", "2 July", "--07-02"),
        ("on the 2nd of July", "the 2nd of July", "--07-02"),
        ("due on 07/02 at the latest", "07/02", "--07-02"),
        ("talks from July 2-4 in Tijuana", "July 2-4", "--07-02/--07-04"),
        ("elections in May were close", "May", "--05-01/--05-31"),
    ],
)
def test_absolute_formats_without_year(text: str, expected_text: str, iso: str) -> None:
    mention = only(text)
    assert mention.text == expected_text
    assert mention.range is not None and mention.range.iso() == iso
    assert not mention.range.year_known


def test_year_comes_from_reference() -> None:
    mention = only("a gunfight on July 2, which ended", reference=REF)
    assert mention.range == DateRange(d(2021, 7, 2), d(2021, 7, 2), year_known=True)


def test_year_from_reference_prefers_the_past_for_far_future_dates() -> None:
    mention = only("the raid on December 28", reference=d(2021, 1, 3))
    assert mention.range is not None and mention.range.start == d(2020, 12, 28)


@pytest.mark.parametrize(
    "text",
    [
        "It may be a while before the police may 10 act.",
        "They won by 2018 votes.",
        "men offered the soldiers 10 million pesos",
        "his five-year-old son",
        "10 Million Peso Bribe Offer",
        "add 1/2 cup and stay open 24/7",
        "Theresa May said after May spoke",
        "voters march 5 miles",
        "polls ahead of Super Tuesday",
        "version 3.2 of 2018 units",
    ],
)
def test_non_dates_are_ignored(text: str) -> None:
    assert find_dates(text) == []


def test_invalid_calendar_dates_are_ignored() -> None:
    assert find_dates("on February 30, 2021 and on 2021-13-01") == []


# --- offsets ---------------------------------------------------------------------------------


def test_offsets_slice_back_to_text() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    mentions = find_dates(text, reference=REF)
    assert len(mentions) >= 10
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    texts = [m.text for m in mentions]
    assert texts.count("July 2") == 2
    for expected in (
        "October 2019",
        "October 2020",
        "2018",
        "last year",
        "Earlier this year",
        "a few days ago",
    ):
        assert expected in texts


# --- relative dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("in a press conference on Tuesday that", "2021-07-06"),
        ("On Thursday, officials said", "2021-07-08"),
        ("last Thursday", "2021-07-01"),
        ("next Tuesday", "2021-07-13"),
        ("it happened today", "2021-07-08"),
        ("it happened yesterday", "2021-07-07"),
        ("three days ago", "2021-07-05"),
        ("a few days ago", "2021-07-01/2021-07-08"),
        ("this week", "2021-07-02/2021-07-11"),
        ("last week", "2021-06-28/2021-07-04"),
        ("this weekend", "2021-07-03/2021-07-11"),
        ("last weekend", "2021-07-03/2021-07-04"),
        ("this month", "2021-07-01/2021-07-31"),
        ("last month", "2021-06-01/2021-06-30"),
        ("this year", "2021-01-01/2021-12-31"),
        ("Up until last year", "2020-01-01/2020-12-31"),
        ("Earlier this year, the unit closed", "2021-01-01/2021-07-08"),
    ],
)
def test_relative_phrases_resolve_against_reference(text: str, iso: str) -> None:
    mention = only(text, reference=REF)
    assert mention.relative
    assert mention.range is not None and mention.range.iso() == iso
    assert text[mention.start : mention.end] == mention.text


def test_last_month_in_january_wraps_the_year() -> None:
    mention = only("last month", reference=d(2021, 1, 15))
    assert mention.range == DateRange(d(2020, 12, 1), d(2020, 12, 31))


def test_relative_phrases_without_reference_are_unresolved() -> None:
    mentions = find_dates("On Tuesday, and last year, and a few days ago")
    assert [m.text for m in mentions] == ["Tuesday", "last year", "a few days ago"]
    assert all(m.relative and m.range is None for m in mentions)


def test_this_week_does_not_match_inside_this_weekend() -> None:
    assert [m.text for m in find_dates("The arrests this weekend point to a shift")] == ["this weekend"]


# --- anaphoric dates -----------------------------------------------------------------------


def test_same_day_resolves_through_document_sentences() -> None:
    sentences = article_sentences()
    resolved = resolve_document_dates(sentences, reference=None)
    assert len(resolved) == len(sentences)
    same = [m for ms in resolved for m in ms if m.text == "the same day"]
    assert len(same) == 1
    rng = same[0].range
    assert rng is not None and (rng.start.month, rng.start.day) == (7, 2)
    assert rng.start == rng.end and not rng.year_known
    assert same[0].relative


def test_same_day_ignores_relative_dates_when_an_explicit_one_exists() -> None:
    resolved = resolve_document_dates(article_sentences(), reference=REF)
    flat = [m for ms in resolved for m in ms]
    tuesday = next(m for m in flat if m.text == "Tuesday")
    same = next(m for m in flat if m.text == "the same day")
    assert tuesday.range == DateRange(d(2021, 7, 6), d(2021, 7, 6))
    assert same.range == DateRange(d(2021, 7, 2), d(2021, 7, 2))


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("the same day", "--07-02"),
        ("that day", "--07-02"),
        ("the next day", "--07-03"),
        ("the following day", "--07-03"),
        ("the day before", "--07-01"),
        ("two days later", "--07-04"),
    ],
)
def test_anaphoric_phrases_within_one_text(phrase: str, iso: str) -> None:
    mentions = find_dates(f"The raid was on July 2. Police returned {phrase}, officials said.")
    assert [m.text for m in mentions] == ["July 2", phrase]
    assert mentions[1].range is not None and mentions[1].range.iso() == iso


def test_anaphoric_uses_previous_and_nearest_explicit_date() -> None:
    previous = DateRange(d(2021, 7, 2), d(2021, 7, 2))
    assert only("It happened the next day.").range is None
    mentions = find_dates("It happened the next day.", previous=previous)
    assert mentions[0].range == DateRange(d(2021, 7, 3), d(2021, 7, 3))
    mentions = find_dates("On 5 July 2021 a raid; the day before, a meeting.", previous=previous)
    assert mentions[1].range == DateRange(d(2021, 7, 4), d(2021, 7, 4))


def test_anaphoric_falls_back_to_a_relative_date() -> None:
    mentions = find_dates("On Tuesday police raided a house; the same day a boss fled.", reference=REF)
    assert mentions[1].range == DateRange(d(2021, 7, 6), d(2021, 7, 6))


# --- DateRange -------------------------------------------------------------------------------


def test_overlaps_with_years() -> None:
    july = DateRange(d(2021, 7, 1), d(2021, 7, 31))
    assert july.overlaps(DateRange(d(2021, 7, 31), d(2021, 8, 2)))
    assert not july.overlaps(DateRange(d(2020, 7, 2), d(2020, 7, 2)))
    assert not july.overlaps(DateRange(d(2021, 8, 1), d(2021, 8, 1)))


def test_overlaps_without_years() -> None:
    july_2 = DateRange(d(2000, 7, 2), d(2000, 7, 2), year_known=False)
    assert july_2.overlaps(DateRange(d(2021, 7, 2), d(2021, 7, 2)))
    assert DateRange(d(2019, 7, 1), d(2019, 7, 31)).overlaps(july_2)
    assert not july_2.overlaps(DateRange(d(2021, 7, 3), d(2021, 7, 9)))
    assert july_2.overlaps(DateRange(d(2021, 1, 1), d(2021, 12, 31)))


def test_overlaps_wrapping_the_year() -> None:
    new_year = DateRange(d(2020, 12, 30), d(2021, 1, 2))
    assert new_year.overlaps(DateRange(d(2000, 1, 1), d(2000, 1, 1), year_known=False))
    assert new_year.overlaps(DateRange(d(2000, 12, 31), d(2000, 12, 31), year_known=False))
    assert not new_year.overlaps(DateRange(d(2000, 6, 1), d(2000, 6, 30), year_known=False))


def test_iso_and_validation() -> None:
    assert DateRange(d(2021, 7, 2), d(2021, 7, 2)).iso() == "2021-07-02"
    assert DateRange(d(2021, 7, 2), d(2021, 7, 8)).iso() == "2021-07-02/2021-07-08"
    assert DateRange(d(2000, 7, 2), d(2000, 7, 2), year_known=False).iso() == "--07-02"
    assert DateRange(d(2000, 7, 2), d(2000, 7, 8), year_known=False).iso() == "--07-02/--07-08"
    with pytest.raises(ValueError):
        DateRange(d(2021, 7, 2), d(2021, 7, 1))


# --- questions -------------------------------------------------------------------------------


def test_question_on_july_2() -> None:
    assert question_dates("Who was arrested on July 2?") == [
        DateRange(d(2000, 7, 2), d(2000, 7, 2), year_known=False),
    ]


@pytest.mark.parametrize(
    ("question", "isos"),
    [
        ("What happened 2 July?", ["--07-02"]),
        ("What happened on 07/02?", ["--07-02"]),
        ("What happened on 2/7/2021?", ["2021-02-07"]),
        ("Who was arrested on July 2, 2021?", ["2021-07-02"]),
        ("What happened in October 2019?", ["2019-10-01/2019-10-31"]),
        ("Who came to power in 2018?", ["2018-01-01/2018-12-31"]),
        ("What happened on July 2 and on July 2?", ["--07-02"]),
        ("What happened last year?", []),
        ("Who spoke on Tuesday?", []),
        ("What may be the reason?", []),
    ],
)
def test_question_dates(question: str, isos: list[str]) -> None:
    assert [r.iso() for r in question_dates(question)] == isos


def test_question_dates_relative_with_reference() -> None:
    assert question_dates("What happened last year?", reference=REF) == [
        DateRange(d(2020, 1, 1), d(2020, 12, 31)),
    ]
    assert question_dates("Who spoke on Tuesday?", reference=REF) == [DateRange(d(2021, 7, 6), d(2021, 7, 6))]


# --- publication dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2021-07-05",
        "2021-07-05T10:00:00Z",
        "July 5, 2021",
        "Mon, 05 Jul 2021 10:00:00 GMT",
        "5 July 2021",
        "  Published July 5, 2021 by Reuters ",
    ],
)
def test_parse_publication_date(value: str) -> None:
    assert parse_publication_date(value) == d(2021, 7, 5)


@pytest.mark.parametrize(
    "value", ["", "garbage", "not a date at all", "10", "July 2021", "2021", "12:30", "13/45/2021"]
)
def test_parse_publication_date_rejects_garbage(value: str) -> None:
    assert parse_publication_date(value) is None


@pytest.mark.parametrize(
    ("value", "day"),
    [("1850-03-12", d(1850, 3, 12)), ("14 October 1066", d(1066, 10, 14)), ("March 4, 1933", d(1933, 3, 4))],
)
def test_an_archive_documents_old_date_is_its_date(value: str, day: datetime.date) -> None:
    """Archives and history hold documents published long ago; their dates are read, not called impossible."""
    assert parse_publication_date(value) == day


@pytest.mark.parametrize(
    "value",
    [
        "January 8, 2019", "Jan. 8, 2019", "8 January 2019", "Monday, July 2, 2018", "July 2nd, 2018",
        "2 Jul 2018", "Sept 3 2020", "December 31, 1999", "Feb 29, 2020", "Feb 30, 2019", "31 April 2021",
    ],
)  # fmt: skip
def test_written_dates_read_without_dateutil_as_dateutil_reads_them(value: str) -> None:
    """The fast path for "July 5, 2021" and "5 July 2021" headers agrees with the strict dateutil parse."""
    from askdocs.ingest.published import _from_dateutil, _from_written

    assert _from_written(value) == _from_dateutil(value)


GATE_PHRASES = [
    "today", "Tonight", "this morning", "YESTERDAY", "last night", "tomorrow", "earlier this year",
    "later this year", "this year", "last year", "next year", "earlier this month", "this month", "last month",
    "next month", "earlier this week", "this week", "last week", "next week", "this weekend", "last weekend",
    "over the weekend", "a few days ago", "the past couple of days", "in recent days", "3 days ago",
    "two weeks ago", "six months ago", "ten years ago", "the past week", "the last month", "the past year",
    "the same day", "that very evening", "later that night", "the next morning", "the following day",
    "the day after", "a day later", "the previous night", "the day before", "the day prior", "a day earlier",
    "two days later", "five days afterwards", "three days earlier", "4 days prior", "two weeks later",
    "a week earlier", "on 7/2", "2021-07-02", "July 2", "2 July 2021", "in March 2020", "in May", "since 2019",
    "the 1990s", "on Friday", "last Tuesday",
]  # fmt: skip


def _gate_texts() -> list[str]:
    import sys

    from askdocs.ingest.passages import chunk_text

    sys.path.insert(0, str(ARTICLE.parents[1] / "bench"))
    from newsgen import generate

    texts = [f"Police said {p} that two men were held." for p in GATE_PHRASES]
    texts += [f"On July 1, 2021, a raid took place; {p}, soldiers returned." for p in GATE_PHRASES]
    for text in [ARTICLE.read_text(encoding="utf-8")] + [a.text for a in generate(150, seed=11)]:
        texts += [s.text for s in chunk_text(text)[0]]
    return texts


def test_the_rule_gates_change_no_date_found() -> None:
    """Rules are only tried on text holding what they need (digits, month or weekday names, relative words):
    that must find exactly what trying every rule on every text finds."""
    from askdocs.ingest.dates import _candidates

    texts = _gate_texts()
    for reference in (REF, None):
        for text in texts:
            gated = [(c.start, c.end, c.kind, c.range) for c in _candidates(text, reference)]
            every = [(c.start, c.end, c.kind, c.range) for c in _candidates(text, reference, gated=False)]
            assert gated == every, text
    for phrase in GATE_PHRASES:
        assert _candidates(f"Police said {phrase} that two men were held.", REF), phrase


# --- spans and lists of years ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "first", "last"),
    [
        ("Between 2005 and 2008, the income tax rate was cut.", "2005 and 2008", 2005, 2008),
        ("From 2005 to 2008 the rate fell.", "2005 to 2008", 2005, 2008),
        ("In 2005-2008 the rate fell.", "2005-2008", 2005, 2008),
        ("During 2005–2008 the rate fell.", "2005–2008", 2005, 2008),
        ("He played in the 2007-08 season.", "2007-08", 2007, 2008),
        ("What was the rate between 1990 and 1995?", "1990 and 1995", 1990, 1995),
    ],
)
def test_a_span_of_years_is_one_range(text: str, span: str, first: int, last: int) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.range == DateRange(d(first, 1, 1), d(last, 12, 31))


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The rate was cut in 2005 and 2008.", [2005, 2008]),
        ("It fell in 2005, 2006 and 2007.", [2005, 2006, 2007]),
        ("It was held in 2004 or 2005.", [2004, 2005]),
        ("In 2005, 2008 people died.", [2005]),
        ("It was cut in 2005 and 2008 votes were cast.", [2005]),
    ],
)
def test_each_year_of_a_list_is_a_date(text: str, years: list[int]) -> None:
    assert [m.range for m in find_dates(text)] == [DateRange(d(y, 1, 1), d(y, 12, 31)) for y in years]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The 2005-08 report was late.", []),
        ("It fell from 2008 to 2005 points.", ["2008"]),
        ("The payment was 2005 and 2008 dollars.", []),
        ("See pages 1990-2010.", []),
        ("Nature 405, 1995-2001 (2000).", []),
        ("Curfew 1900-2000 daily.", []),
        ("Between 1900 and 2000 hours the roads close.", []),
        ("The shelf lies between 1950 and 2000 metres down.", []),
        ("Report 2005-06 is out.", []),
        ("Read issue 2011-12 first.", []),
        ("Flights 2019 and 2020 were late.", []),
        ("The invoice numbers were 312019 and 2020.", []),
        ("It ran between 2008 and 2005.", []),
    ],
)
def test_what_only_looks_like_a_span_or_list_of_years_is_none(text: str, dates: list[str]) -> None:
    """Numbers with no preposition before them (pages, times, references, names), measures and counts, a span that
    runs backwards, a second number after one that is no year: none is a span of years, nor a year of a list."""
    assert [m.text for m in find_dates(text) if m.range is not None] == dates


def test_a_day_before_a_span_keeps_its_day() -> None:
    """ "From 1 July 2005 to 2008": the day is the date (a later "the same day" counts from it), not 2005-2008."""
    assert only("From 1 July 2005 to 2008 he served.").range == DateRange(d(2005, 7, 1), d(2005, 7, 1))


def test_a_span_of_years_meets_a_question_about_a_year_in_it() -> None:
    """A sentence about 2005-2008 answers a question about 2006 (a span of years is not too vague for a year), while
    a year is still too vague for a day."""
    from askdocs.ingest.timeline import OWN, SentenceDate, date_match

    span = [SentenceDate(DateRange(d(2005, 1, 1), d(2008, 12, 31)))]
    assert date_match(span, [DateRange(d(2006, 1, 1), d(2006, 12, 31))]) == OWN
    assert date_match(span, [DateRange(d(2012, 1, 1), d(2012, 12, 31))]) == 0.0
    year = [SentenceDate(DateRange(d(2006, 1, 1), d(2006, 12, 31)))]
    assert date_match(year, [DateRange(d(2006, 7, 2), d(2006, 7, 2))]) == 0.0
    decade = [SentenceDate(DateRange(d(1990, 1, 1), d(1999, 12, 31)))]
    century = [SentenceDate(DateRange(d(1900, 1, 1), d(2000, 12, 31)))]
    assert date_match(decade, [DateRange(d(1993, 1, 1), d(1993, 12, 31))]) == OWN
    assert date_match(century, [DateRange(d(1950, 1, 1), d(1950, 12, 31))]) == 0.0  # a century is too vague


def test_a_date_without_its_year_does_not_meet_a_question_about_a_year() -> None:
    """ "which reopened in October" in an undated report says nothing of 2019: it met "closed in 2019?" and put a
    sentence of an unrelated document first. It still meets a question about a day or month without a year, and a
    dated "October 2019" meets 2019."""
    from askdocs.ingest.timeline import OWN, SentenceDate, date_match

    october = [SentenceDate(DateRange(d(2000, 10, 1), d(2000, 10, 31), False))]
    assert date_match(october, [DateRange(d(2019, 1, 1), d(2019, 12, 31))]) == 0.0
    assert date_match(october, [DateRange(d(2000, 10, 12), d(2000, 10, 12), False)]) == OWN
    dated = [SentenceDate(DateRange(d(2019, 10, 1), d(2019, 10, 31)))]
    assert date_match(dated, [DateRange(d(2019, 1, 1), d(2019, 12, 31))]) == OWN
    assert date_match(october, [DateRange(d(2019, 10, 3), d(2019, 10, 3))]) == OWN  # a day's month and day still meet
