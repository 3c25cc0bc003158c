"""The reader's doubt: an answer whose cited sentences hold no span the reader would give is refused, at the cut the
fitted file carries, and nothing else changes (fake readings here; the shipped reader in tests/answering/test_reader.py
and the SQuAD sample in tests/cli/test_eval.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from askdocs.answering import reader as reader_module
from askdocs.answering.decision import Finding
from askdocs.answering.doubt import DOUBT_REASON, reader_doubts
from askdocs.answering.reader import Reading


def _finding(*texts: str) -> Finding:
    cited = tuple(SimpleNamespace(sentence=SimpleNamespace(text=t)) for t in texts)
    return Finding(True, cited, ("the best sentences carry what the question asks",), 0.8, cited)  # type: ignore[arg-type]


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> dict:
    """A reader whose cut is -5 and whose best span scores what the test sets; records what it was asked to read."""
    seen: dict = {"score": 0.0, "cut": -5.0, "calls": []}

    def read_best(question: str, sentences: tuple[str, ...]) -> tuple[int, Reading]:
        seen["calls"].append((question, sentences))
        return 0, Reading(0, 3, seen["score"], 0.5)

    monkeypatch.setattr(reader_module, "load_reader", lambda: SimpleNamespace(refuse_below=seen["cut"]))
    monkeypatch.setattr(reader_module, "read_best", read_best)
    return seen


def test_a_span_scoring_under_the_cut_refuses_with_a_reason(read: dict) -> None:
    read["score"] = -5.5
    finding = reader_doubts("Who was charged?", "who", _finding("One.", "Two.", "Three.", "Four."))
    assert not finding.found and finding.reasons == (DOUBT_REASON,) and finding.confidence == 0.8
    assert read["calls"] == [("Who was charged?", ("One.", "Two.", "Three."))]  # the first three cited


def test_a_span_at_or_over_the_cut_keeps_the_answer(read: dict) -> None:
    read["score"] = -5.0
    before = _finding("One.")
    assert reader_doubts("Who was charged?", "who", before) is before


def test_kinds_it_does_not_judge_table_rows_refusals_and_a_reader_without_a_cut_are_left_alone(read: dict) -> None:
    read["score"] = -20.0
    before = _finding("One.")
    assert reader_doubts("Was he charged?", "yesno", before) is before
    assert reader_doubts("What does rmtree do?", "what", before) is before  # a definition: the reader reads it poorly
    row = _finding("2019 | Japan | 4610.794 | 84.4")
    assert reader_doubts("When did Japan spend 4610.794?", "when", row) is row  # its column names are elsewhere
    refused = Finding(False, reasons=("no passage of the documents matches the question",))
    assert reader_doubts("Who was charged?", "who", refused) is refused
    read["cut"] = None
    assert reader_doubts("Who was charged?", "who", before) is before
    assert read["calls"] == []  # none of them was read


def test_without_a_reader_the_answer_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "load_reader", lambda: None)
    before = _finding("One.")
    assert reader_doubts("Who was charged?", "who", before) is before


ATHLETICS = """New performance director for UK Athletics

Dave Collins takes over from Max Jones as UK Athletics performance director next month.
Collins, who coached the British bobsleigh team, starts on 1 March.
The appointment follows a poor showing at the Olympic Games in Athens, where Britain won one gold medal on the track.
UK Athletics chief executive David Moorcroft said Collins had the experience to turn the team around.
Jones, who had held the post since 1998, announced in September that he would step down.
"""


@pytest.mark.slow
def test_the_shipped_reader_refuses_a_why_the_story_never_says(tmp_path, real_embedder) -> None:  # noqa: ANN001
    """The answerable model passes "Why did Max Jones resign?" (the story names him, and says he stepped down, not
    why); the reader finds no answer in the cited sentences, and the answer is refused with its reason. The question
    the story does answer keeps its answer and its short answer."""
    from askdocs.answering.reader import load_reader
    from askdocs.answering.short_answer import checked_models
    from tests.support import answers

    reader = load_reader()
    assert reader is not None and reader.refuse_below is not None and reader.refuse_below < 0
    why, who = answers(
        tmp_path,
        {"athletics.txt": ATHLETICS},
        real_embedder,
        "Why did Max Jones resign?",
        "Who did Dave Collins replace as UK Athletics performance director?",
    )
    assert not why.found and why.reasons == (DOUBT_REASON,) and why.related
    assert why.confidence >= checked_models().answerable.threshold  # the answerable model alone would answer it
    assert who.found and who.short == "Max Jones"
