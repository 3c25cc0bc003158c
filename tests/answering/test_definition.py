"""Definition questions ("Who is X?") are answered with what the text calls X, read off the real parser: before the
name, in apposition after it, as the subject of "is", or what X stands beside when X is the apposition."""

from __future__ import annotations

import pytest

from askdocs.answering.definition import asked_name, definition, describe
from askdocs.answering.tagger import TAGGER


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who is Ana Lopez?", "Ana Lopez"),
        ("who was Luis de la Cruz", "Luis de la Cruz"),
        ("What is the Bank of England?", "Bank of England"),
        ("What is Kestrel?", "Kestrel"),
        ("Who was arrested on July 2?", None),
        ("Who is the mayor of Lunden?", None),
        ("What is the capital of France?", None),
        ("Who founded Kestrel?", None),
    ],
)
def test_only_a_question_about_a_name_asks_for_a_definition(question: str, name: str | None) -> None:
    assert asked_name(question) == name


@pytest.mark.parametrize(
    ("sentence", "name", "description"),
    [
        (
            "The deal was criticised by market analyst Ana Lopez, founder of the consultancy Vantor.",
            "Ana Lopez",
            "market analyst, founder of the consultancy Vantor",
        ),
        ("The company was founded by Jane Doe, a former banker from Ohio.", "Jane Doe", "former banker from Ohio"),
        ("Lunden's long-serving mayor Piet Aalders opened the library.", "Piet Aalders", "Lunden's long-serving mayor"),
        ("The lawyer, John Smith, said the case was closed.", "John Smith", "lawyer"),
        ("The Ormsby is a narrow river that floods every spring.", "Ormsby", "narrow river"),
        ("Jane Doe visited Paris on Monday.", "Jane Doe", None),
        ("Nobody by that name was mentioned.", "Jane Doe", None),
    ],
)
def test_the_description_is_read_off_the_parse(sentence: str, name: str, description: str | None) -> None:
    TAGGER.preload()
    assert describe(TAGGER.parse(sentence), name) == description


def test_the_first_sentence_that_describes_the_name_gives_the_answer() -> None:
    TAGGER.preload()
    sentences = ["Ana Lopez spoke on Monday.", "Ana Lopez, a marine biologist, led the survey.", "x"]
    [(span, _)] = definition("Ana Lopez", sentences, TAGGER)
    assert (span.text, span.sentence) == ("marine biologist", 1)
    assert definition("Ana Lopez", ["Ana Lopez spoke on Monday."], TAGGER) == []
