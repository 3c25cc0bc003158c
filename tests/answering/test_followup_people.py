"""A follow-up's "he" or "she" is only ever a person: a company the rules read as a person's name (two capitalised
words, "Andina Minerals") is not put in the place of "she" when the tagger reads it as an organisation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from askdocs.answering import answer_question
from askdocs.answering.followup import other_readings, person_meant, rewrite_question, turn_from_answer, turn_from_text
from tests.support import indexed

STRIKE = """Title: Workers at Chilean lithium mine end 19-day strike after pay deal
Date: 2024-08-22

SANTIAGO, Aug 22 - Workers at the Salar Verde lithium mine in northern Chile voted on Thursday to end a 19-day
strike after accepting a pay offer from operator Andina Minerals, the union said.

The agreement gives the mine's roughly 1,300 workers a 7.5% wage increase and a one-off bonus, union president
Carolina Mendez told reporters in Antofagasta.

Andina Minerals had initially offered a 4% rise, which the union rejected in late July.

Shares in Andina Minerals rose 3.1% in Santiago trading after the deal was announced.
"""
OTHER = "The Danube flows through ten countries before it reaches the Black Sea in Romania.\n"

QUESTION = "Who leads the union at the Chilean lithium mine?"
ANSWER = (
    "Workers at the Salar Verde lithium mine voted to end a strike after accepting a pay offer from operator"
    " Andina Minerals, the union said. [1]\nThe agreement gives the workers a 7.5% wage increase, union president"
    " Carolina Mendez told reporters in Antofagasta. [2]\nAndina Minerals had initially offered a 4% rise. [3]"
)


@dataclass(frozen=True)
class _Entity:
    start_char: int
    end_char: int
    label_: str


@dataclass(frozen=True)
class _Doc:
    ents: tuple[_Entity, ...]


class _Tagger:
    """Labels each given name where a sentence says it: by the first of `labels` whose words the sentence holds, as
    the small pipeline does (one sentence reads "operator Andina Minerals" as a person, another as a company)."""

    def __init__(self, labels: list[tuple[str, str, str]]) -> None:
        self.labels = labels  # (words the sentence holds, name, label)

    def parse(self, text: str) -> _Doc:
        ents = []
        for words, name, label in self.labels:
            if words in text and name in text and all(e.start_char != text.index(name) for e in ents):
                ents.append(_Entity(text.index(name), text.index(name) + len(name), label))
        return _Doc(tuple(ents))


SMALL = _Tagger(
    [
        ("initially offered", "Andina Minerals", "ORG"),
        ("operator", "Andina Minerals", "PERSON"),
        ("union president", "Carolina Mendez", "PERSON"),
        ("died in Paris", "Tarkovsky", "ORG"),
    ]
)


def test_she_is_the_person_not_the_company_the_tagger_reads_as_one() -> None:
    turn = turn_from_text(QUESTION, ANSWER, None, "who")
    assert turn.people[0] == "Andina Minerals"  # the rules alone: two capitalised words are a person's name
    asked = "What did she tell reporters?"
    assert rewrite_question(asked, [turn], SMALL) == ("What did Carolina Mendez tell reporters?", True)
    assert rewrite_question("What was her title?", [turn], SMALL)[0] == "What was Carolina Mendez’s title?"
    assert person_meant([turn], SMALL) == "Carolina Mendez"
    assert other_readings(asked, [turn], SMALL) == ()
    assert rewrite_question(asked, [turn]) == ("What did Andina Minerals tell reporters?", True)  # no tagger: rules


def test_a_name_the_tagger_reads_only_as_a_company_leaves_she_as_asked() -> None:
    turn = turn_from_text("Who made the offer?", "Andina Minerals had initially offered a 4% rise. [1]", None, "who")
    assert rewrite_question("What did she say?", [turn], SMALL) == ("What did she say?", False)


def test_a_lone_name_asked_about_is_still_he_whatever_the_tagger_reads() -> None:
    """The README's rule: after "Where did Tarkovsky die?", "he" is Tarkovsky (the tagger reads him as a company)."""
    turn = turn_from_text("Where did Tarkovsky die?", "Paris [1]\n\nTarkovsky died in Paris on 29 December 1986.")
    assert rewrite_question("When was he born?", [turn], SMALL)[0] == "When was Tarkovsky born?"


def test_she_after_a_strike_story_is_the_union_leader(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The real tagger and model: the cited sentences name the mine's operator before the union's president."""
    retriever = indexed(tmp_path, {"strike.txt": STRIKE, "danube.txt": OTHER}, real_embedder)
    try:
        first = answer_question(retriever, "Who leads the union at the Chilean lithium mine?")
        quotes = " ".join(c.quote for c in first.citations)
        assert first.found and quotes.index("Andina Minerals") < quotes.index("Carolina Mendez"), first.text
        follow = answer_question(retriever, "What did she tell reporters?", context=[turn_from_answer(first)])
    finally:
        retriever.close()
    assert follow.rewritten == "What did Carolina Mendez tell reporters?"
