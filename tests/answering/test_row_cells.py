"""A table row's cell named as the noun a question asks for ("time zone") is the row's one short-answer candidate:
no other cell's value ("coordinates: +4230+00131") is offered for it. The real tagger and the fitted models."""

from __future__ import annotations

from askdocs.answering import short_answer
from askdocs.answering.model import fitted
from askdocs.answering.query import parse_query
from askdocs.answering.signals import stems_of
from askdocs.answering.span_candidates import asked_field, fields
from askdocs.answering.tagger import TAGGER
from askdocs.text.stem import stem

ROW = "country code: AD | country: Andorra | coordinates: +4230+00131 | time zone: Europe/Andorra"
OTHER = "Andorra is a small country in the Pyrenees between France and Spain."


def _spans(question: str, sentences: list[str]) -> list[str]:
    TAGGER.preload()
    query = parse_query(question)
    spans, _ = short_answer.candidate_signals(
        [(s, 0.9) for s in sentences],
        query.kind,
        query.head,
        question,
        set(stems_of(question, stem)),
        stem,
        TAGGER,
        fitted(),
    )
    return [s.text for s in spans]


def test_the_cell_named_as_the_asked_noun_is_the_row_s_candidate() -> None:
    assert _spans("What time zone is used in Andorra?", [ROW]) == ["Europe/Andorra"]
    assert _spans("Which time zone is listed for Andorra?", [ROW, OTHER])[0] == "Europe/Andorra"
    assert "+4230+00131" not in _spans("Which time zone is listed for Andorra?", [ROW, OTHER])
    assert _spans("What are the coordinates of Andorra?", [ROW]) == ["+4230+00131"]


def test_a_row_naming_no_cell_or_two_as_the_noun_keeps_its_candidates() -> None:
    assert len(_spans("Which mountains surround Andorra?", [ROW])) > 1
    assert asked_field(ROW, "code", stem) is None  # "country code" only ends on it
    assert asked_field("home code: 1 | away code: 2", "home code", stem) is not None
    assert asked_field("home code: 1 | home code: 2", "home code", stem) is None  # two cells are so named
    assert asked_field(ROW, None, stem) is None


def test_a_row_s_cells_are_read_where_they_stand() -> None:
    cells = fields(ROW)
    assert [(k, ROW[a:b]) for k, a, b in cells][1:] == [
        ("country", "Andorra"),
        ("coordinates", "+4230+00131"),
        ("time zone", "Europe/Andorra"),
    ]
    assert fields("Time: 10:30") == [] and fields("2019 | Japan | 84.4") == []
    notes = "Notes: Open: 9am | Day: Mon"
    assert [notes[a:b] for _, a, b in fields(notes)] == ["Open: 9am", "Mon"]


def test_a_cell_whose_value_the_question_names_keeps_the_row_s_candidates() -> None:
    """ "Which country borders Andorra?": the cell named "country" holds Andorra, which the question names, so the
    answer is in another cell, and every candidate of the row is kept."""
    row = "country: Andorra | neighbour: France"
    assert "France" in _spans("Which country borders Andorra?", [row])
    assert asked_field(row, "country", stem, "Which country borders Andorra?") is None
    assert asked_field(row, "country", stem, "Which country is listed first?") is not None
