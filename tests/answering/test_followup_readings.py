"""A follow-up whose "she" may be either of two people the last turn named (the person its answer names, the one
its question names) is searched each way, and the reading whose evidence the answerable model is surer of is
answered and shown as the question searched; with one person to mean, the follow-up rules alone read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.answering.followup import other_readings, rewrite_question, turn_from_answer, turn_from_text
from askdocs.answering.query import parse_query
from askdocs.answering.readings import Reading, surest
from tests.support import FakeEmbedder, indexed

ADA = """# Ada Lovelace

Augusta Ada King, Countess of Lovelace, was an English mathematician and writer, chiefly known for her work on
Charles Babbage's proposed mechanical computer, the Analytical Engine.

## Work with Babbage

In 1833 Lovelace was introduced to Charles Babbage by her tutor Mary Somerville. Between 1842 and 1843 she
translated an article about the Analytical Engine and added a long set of notes to it.

## Death

Lovelace died of cancer in 1852 at the age of 36. She was buried next to her father at the Church of St. Mary
Magdalene in Hucknall, Nottingham.
"""
SOMERVILLE = """# Mary Somerville

Mary Somerville was born in Jedburgh, in the Scottish Borders, in 1780. She was a Scottish scientist and writer who
studied mathematics and astronomy, and taught herself algebra from her brother's books.
"""
RIVER = "The Danube flows through ten countries before it reaches the Black Sea in Romania.\n"
FILES = {"ada-lovelace.md": ADA, "mary-somerville.md": SOMERVILLE, "danube.txt": RIVER}
WHO = "Who introduced Ada Lovelace to Charles Babbage?"
WHO_ANSWER = (
    "Mary Somerville [1]\n\nIn 1833 Lovelace was introduced to Charles Babbage by her tutor Mary Somerville. [1]"
)


def test_a_turn_naming_a_person_in_its_question_and_another_in_its_answer_gives_two_readings() -> None:
    turn = turn_from_text(WHO, WHO_ANSWER, "Mary Somerville", "who")
    assert turn.people[0] == "Mary Somerville" and turn.rivals == ("Ada Lovelace",)
    assert rewrite_question("Where was she buried?", [turn])[0] == "Where was Mary Somerville buried?"  # the rule
    assert other_readings("Where was she buried?", [turn]) == ("Where was Ada Lovelace buried?",)
    assert other_readings("What was her first paper?", [turn]) == ("What was Ada Lovelace’s first paper?",)
    assert other_readings("Where were they buried?", [turn]) == ()  # "they": everyone, no one to choose
    assert other_readings("What about Charles Babbage?", [turn]) == ()  # elliptical: no pronoun to read


def test_a_turn_naming_one_person_gives_one_reading() -> None:
    one = turn_from_text("Where was Marie Curie born?", "Marie Curie was born in Warsaw.", "Warsaw", "where")
    assert one.rivals == () and other_readings("When did she die?", [one]) == ()
    identity = turn_from_text("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    assert identity.people[0] == "Francisco Torres" and identity.rivals == ()  # one man, by two names
    assert other_readings("Where was he detained?", [identity]) == ()
    fuller = turn_from_text("Where did Tarkovsky die?", "Andrei Tarkovsky died in Paris.", "Paris", "where")
    assert fuller.rivals == ()  # a shorter name of the same man is no one else
    assert other_readings("When was he born?", [fuller]) == ()


def _reading(question: str, probability: float) -> Reading:
    return Reading(question, parse_query(question), None, probability)  # type: ignore[arg-type] - not read here


def test_the_surest_reading_is_chosen_and_the_rules_own_on_a_tie() -> None:
    rule, other = "Where was Mary Somerville buried?", "Where was Ada Lovelace buried?"
    assert surest([_reading(rule, 0.70), _reading(other, 0.74)]).question == other
    assert surest([_reading(rule, 0.74), _reading(other, 0.70)]).question == rule
    assert surest([_reading(rule, 0.5), _reading(other, 0.5)]).question == rule


def test_only_an_ambiguous_follow_up_is_searched_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    retriever = indexed(tmp_path, FILES, FakeEmbedder())
    searched: list[str] = []
    real = retriever.search
    monkeypatch.setattr(retriever, "search", lambda q, k=None: searched.append(q.text) or real(q, k))
    try:
        turn = turn_from_text(WHO, WHO_ANSWER, "Mary Somerville", "who")
        ambiguous = answer_question(retriever, "Where was she buried?", context=[turn])
        assert sorted(searched) == ["Where was Ada Lovelace buried?", "Where was Mary Somerville buried?"]
        assert ambiguous.rewritten in searched
        searched.clear()
        one = turn_from_text("Where was Mary Somerville born?", "She was born in Jedburgh.", "Jedburgh", "where")
        plain = answer_question(retriever, "When was she born?", context=[one])
        assert searched == ["When was Mary Somerville born?"] and plain.rewritten == searched[0]
    finally:
        retriever.close()


def test_the_follow_up_is_answered_for_the_person_the_documents_answer_it_for(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """ "Where was she buried?" after "Who introduced Ada Lovelace to Charles Babbage?" (answered "Mary Somerville"):
    the documents tell only Ada Lovelace's burial, and the question searched says so; "Where was she born?" is asked
    about Mary Somerville, whose birthplace they tell."""
    retriever = indexed(tmp_path, FILES, real_embedder)
    try:
        first = answer_question(retriever, WHO)
        assert first.found and first.short == "Mary Somerville"
        turn = turn_from_answer(first)
        buried = answer_question(retriever, "Where was she buried?", context=[turn])
        born = answer_question(retriever, "Where was she born?", context=[turn])
    finally:
        retriever.close()
    assert buried.found and buried.rewritten == "Where was Ada Lovelace buried?"
    assert any("buried" in c.quote for c in buried.citations)
    assert born.found and born.rewritten == "Where was Mary Somerville born?"
    assert "Jedburgh" in born.citations[0].quote
