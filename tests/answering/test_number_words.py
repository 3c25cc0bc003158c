"""A number the question writes as a word counts where the documents write it in digits, and the other way round
("the twelfth conference" and "the 12th conference"), with the real model."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.word_match import near_matches, related_words
from askdocs.text.stem import stem
from tests.support import answers

CONFERENCES = """The conference series

The first conference met in Bordeaux in 2001 and drew forty members.
The 12th conference was held in Managua, Nicaragua, in the summer of 2012.
The 13th conference moved to Cape Town a year later.
Attendance grew every year as more universities joined the series.
"""


def test_numbers_as_words_and_digits_are_the_same_word() -> None:
    assert related_words(stem("twelfth")) == {"12th"} and related_words(stem("12th")) == {"twelfth"}
    assert related_words(stem("seventeen")) == {"17"} and related_words(stem("ninetieth")) == {"90th"}
    assert near_matches(["twelfth", "confer"], {"12th", "confer"}) == {"twelfth"}
    assert near_matches(["third"], {"13th"}) == set()
    # a word as often something else ("a second", "at first", "one of them") stands for no digits
    assert near_matches([stem("seconds"), "first", "one"], {"2nd", "1st", "1"}) == set()


def test_a_number_written_as_a_word_finds_the_sentence_that_writes_it_in_digits(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    [answer] = answers(tmp_path, {"series.md": CONFERENCES}, real_embedder, "Where was the twelfth conference held?")
    assert answer.found, answer.reasons
    assert answer.citations[0].quote.startswith("The 12th conference was held in Managua")


MISSION = """The peacekeeping mission

Fourteen countries agreed on Friday to send troops to the new stabilisation force for the island.
The first contingent of soldiers is due to arrive in the capital next week.
The initial mandate of the stabilisation force is for six months, and it can be renewed by the council.
Officials said the troops would guard the port, the airport and government buildings.
"""


def test_a_measure_written_in_words_answers_how_long(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "for six months" answers "How long ...?": a number word and a unit are a measure, not a sentence without
    one (which would count against answering as strongly as a question word the documents never use)."""
    question = "How long is the initial mandate of the stabilisation force?"
    (tmp_path / "words").mkdir()
    (tmp_path / "digits").mkdir()
    [words] = answers(tmp_path / "words", {"mission.md": MISSION}, real_embedder, question)
    digits_text = MISSION.replace("six months", "6 months")
    [digits] = answers(tmp_path / "digits", {"mission.md": digits_text}, real_embedder, question)
    assert words.found, words.reasons
    assert "six months" in words.citations[0].quote
    # as sure as when the documents write the number in digits (without the rule: 0.45 against 0.94)
    assert abs(words.confidence - digits.confidence) < 0.02, (words.confidence, digits.confidence)
