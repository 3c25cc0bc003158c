"""A question asked inside a request's frame ("Could you tell me ..., please?") is answered as the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering.query import question_kind, unframed
from tests.support import FakeEmbedder, answers


@pytest.mark.parametrize(
    ("asked", "question"),
    [
        ("Could you please tell me who was arrested on July 2?", "who was arrested on July 2?"),
        ("Can you tell me something about the arrests on July 2?", "about the arrests on July 2?"),
        ("Thanks! And who is El Tolín?", "And who is El Tolín?"),
        ("I'd like to know what happened to the ferry.", "what happened to the ferry."),
        ("Hello there! Could you tell me who Guerrero is, thank you very much?", "who Guerrero is?"),
        ("Who was arrested, please?", "Who was arrested?"),
        ("Who was arrested on July 2? Thanks!", "Who was arrested on July 2?"),
        ("Do you know when the ferry leaves?", "when the ferry leaves?"),
        ("Um, so how long was the videotape?", "so how long was the videotape?"),
        ("Well, who won?", "who won?"),
    ],
)
def test_the_frame_is_no_part_of_the_question(asked: str, question: str) -> None:
    assert unframed(asked) == question


@pytest.mark.parametrize(
    "asked",
    [
        "Thanks!",  # nothing but the frame
        "Can you tell me if Herrera was arrested?",  # asks yes or no: the frame says so
        "Great Britain: who won the most medals?",  # a name, not thanks
        "Thanks to whom was Herrera freed?",
        "Who gave thanks to the soldiers?",
        "What did the minister tell the press?",
    ],
)
def test_what_is_no_frame_stays(asked: str) -> None:
    assert unframed(asked) == asked


def test_the_kind_is_the_inner_questions() -> None:
    assert question_kind(unframed("Can you tell me something about the arrests?")) == "other"
    assert question_kind(unframed("Could you tell me when the ferry leaves, please?")) == "when"


def test_a_framed_question_is_answered_and_shown_as_asked(tmp_path: Path) -> None:
    """The frame's words ("something", "like") are used by no document: they were read as the question's words
    the corpus never uses, and the question was refused for them."""
    files = {"ferry.txt": "The ferry to Carrow leaves at nine every weekday morning.\n\nIt is run by the council."}
    framed, plain = answers(
        tmp_path, files, FakeEmbedder(), "I'd like to know something about the ferry to Carrow.", "the ferry to Carrow"
    )
    assert framed.question == "I'd like to know something about the ferry to Carrow."
    assert not any("something" in r or "like" in r for r in framed.reasons), framed.reasons
    assert framed.found == plain.found and framed.text == plain.text
