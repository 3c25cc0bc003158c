"""The asked type read off the tagger's entities: what the sentence models see for "who", "where" and "which"."""

from __future__ import annotations

import pytest

from askdocs.answering.asked_type import tagged_present, tagged_types, typed_present
from askdocs.answering.tagger import TAGGER, tagged_text
from askdocs.text.normalize import TOKEN


def words(question: str) -> frozenset[str]:
    return frozenset(t.lower() for t in TOKEN.findall(question))


@pytest.fixture(scope="module")
def parse():  # noqa: ANN201 - the tagger's parse
    if TAGGER.parse("Anne met Tom in Paris.") is None:
        pytest.skip(f"the tagger is unavailable: {TAGGER.error}")
    return TAGGER.parse


def test_a_name_the_question_gives_is_no_answer_of_the_asked_kind(parse) -> None:  # noqa: ANN001
    """The farewell lead names the mayor the question names (and a weekday): no other person; the sentence naming
    his successor does. Capitalised words alone count both."""
    q = words("Who will succeed Rudolph Giuliani as mayor of New York?")
    lead = "New York Mayor Rudolph Giuliani bade farewell on Thursday to the city he has led for eight years."
    answer = "He will be succeeded by billionaire Michael Bloomberg on January 1."
    assert typed_present(lead, "who", q) == typed_present(answer, "who", q) == 1.0
    assert tagged_present(parse(lead), "who", q) == 0.0
    assert tagged_present(parse(answer), "who", q) == 1.0


def test_the_possessive_of_a_question_name_is_that_name(parse) -> None:  # noqa: ANN001
    q = words("Which group will develop land at Palmerston after Darwin's first native title settlement?")
    assert tagged_present(parse("It is the first claim to be settled in the Darwin region."), "which", q) == 0.0
    assert tagged_present(parse("The Larrakia people plan to develop almost 100 hectares."), "which", q) == 1.0


def test_where_asks_for_a_place_and_a_first_word_counts(parse) -> None:  # noqa: ANN001
    """A town that opens the sentence is found (capitalised words after the first are all `typed_present` reads);
    a person is no place."""
    q = words("From which town did the paddlers set off?")
    assert typed_present("Yarrawonga saw 230 canoes leave last week.", "where", q) == 0.0
    assert tagged_present(parse("Yarrawonga saw 230 canoes leave last week."), "where", q) == 1.0
    assert tagged_present(parse("The race was won by John Smith."), "where", q) == 0.0


def test_other_kinds_and_no_parse_keep_the_capitalised_reading(parse) -> None:  # noqa: ANN001
    q = words("How many canoes left?")
    assert tagged_present(parse("Two hundred canoes left."), "how_many", q) is None
    assert tagged_present(None, "who", q) is None
    texts = ["It is the first claim to be settled in the Darwin region.", "The Larrakia people will build."]
    asked = words("Which group will build after Darwin's settlement?")
    assert tagged_types(texts, "which", "group", asked, [1.0, 1.0], TAGGER.parse_many) == [0.0, 1.0]
    assert tagged_types(texts, "which", "group", asked, [1.0, 1.0], None) == [1.0, 1.0]
    assert tagged_types(texts, "why", None, asked, [0.5, 0.5], TAGGER.parse_many) == [0.5, 0.5]


def test_parsing_many_gives_the_docs_one_by_one_gives(parse) -> None:  # noqa: ANN001
    texts = [tagged_text(t) for t in ("Maria Lopez flew to Lima.", "The \x1b[31mboard\x1b[0m met in Oslo.")]
    many = TAGGER.parse_many([*texts, texts[0]])
    assert [[(e.text, e.label_) for e in d.ents] for d in many[:2]] == [
        [(e.text, e.label_) for e in parse(t).ents] for t in texts
    ]
    assert many[2] is many[0]


def test_a_which_question_about_a_thing_asks_for_no_person(parse) -> None:  # noqa: ANN001
    """ "Which cartel ...?" is not answered by the analyst who spoke; "Which player ...?" and "What was the name
    of ...?" may be."""
    sentence = parse("Guerrero noted that most of the recent arrests have been against a single cartel.")
    q = words("Which cartel have most recent arrests been against?")
    assert tagged_present(sentence, "which", q, "cartel") == 0.0
    assert tagged_present(sentence, "which", q, "player") == 1.0
    assert tagged_present(sentence, "which", q, "name") == 1.0
    texts = ["Guerrero noted that most of the recent arrests have been against a single cartel."]
    assert tagged_types(texts, "which", "cartel", q, [0.0], TAGGER.parse_many) == [0.0]
