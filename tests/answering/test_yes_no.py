"""A yes/no question is answered by its cited sentences, never by a name, number or phrase picked from them: the
span models were fitted on questions that ask for one, and a span is no answer to "Was the company founded by
Margaret Quill?" (it was answered "1978"). The slow test uses the real model, real FAISS, real SQLite."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.query import question_kind
from askdocs.answering.short_answer import asks_for_span
from tests.support import answers

FERRY = {
    "ferry.txt": (
        "The Island Ferry Company runs three boats a day between Portside and Carrow.\n"
        "The morning ferry leaves Portside at 7:15 and arrives in Carrow at 8:05.\n"
        "The company was founded by Margaret Quill in 1978.\n"
    ),
}


def test_only_questions_asking_for_something_get_a_span() -> None:
    for question in ("Was the company founded by Margaret Quill?", "Can tomllib write TOML?", "Did it rain or snow?"):
        assert not asks_for_span(question_kind(question)), question
    for question in ("Who founded the company?", "When was it founded?", "How many boats run a day?", "What is it?"):
        assert asks_for_span(question_kind(question)), question


def test_a_question_put_inside_a_yes_no_one_asks_what_it_asks() -> None:
    assert question_kind("Can you tell me who founded the company?") == "who"
    assert question_kind("Do you know when the morning ferry leaves?") == "when"
    assert question_kind("Does the timetable say how many boats run a day?") == "how_many"
    assert question_kind("Is it known where Margaret Quill was born?") == "where"
    assert question_kind("Is the woman who founded it still alive?") == "yesno"  # a relative clause, no question
    assert question_kind("Will Smith starred in which film?") == "which"  # "Will" opens a name here
    assert question_kind("Will Herrera be freed?") == "yesno"


def test_a_yes_no_question_is_answered_by_its_sentences_alone(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    polar, choice, who = answers(
        tmp_path,
        FERRY,
        real_embedder,
        "Was the company founded by Margaret Quill?",
        "Was the company founded in 1978 or 1987?",
        "Who founded the ferry company?",
    )
    for answer in (polar, choice):
        assert answer.found and answer.short is None, answer
        assert any("Margaret Quill in 1978" in c.quote for c in answer.citations)
    assert who.short is not None and "Margaret Quill" in who.short  # a question asking for a name still gets one
