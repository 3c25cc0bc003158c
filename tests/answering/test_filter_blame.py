"""A filtered refusal blames the filter only for the words the question depends on: "How much does a ferry ticket
cost?" went unanswered with or without --since, yet the filtered refusal said "only documents the filter leaves
out use “cost”", as if the filter had hidden the answer."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from askdocs.answering.decision import filter_note, left_out
from askdocs.answering.evidence import question_terms
from askdocs.answering.query import parse_query
from askdocs.config import load_settings
from askdocs.retrieval import Retriever
from askdocs.store.filters import Filter
from askdocs.text.normalize import fold
from askdocs.text.stem import stem
from tests.support import FakeEmbedder, indexed
from tests.support import run_cli as run

NOTES = {
    "roads.txt": (
        "2021-03-04",
        "Repairs to the coast road cost the county 2 million dollars. The work took five months and closed one lane"
        " at a time.",
    ),
    "school.txt": (
        "2021-05-11",
        "The new primary school in Wexley cost 9 million dollars to build. It opened with 240 pupils and a library.",
    ),
    "water.txt": (
        "2021-08-19",
        "Replacing the old water mains will cost households about 30 dollars a year, the utility said on Tuesday.",
    ),
    "library.txt": (
        "2021-10-02",
        "The library's new roof cost less than expected, and the savings will buy books for the children's room.",
    ),
    "terminal.txt": (
        "2024-04-12",
        "The new ferry terminal at Port Alder opened on Friday. Passengers can now wait indoors, and the ticket hall"
        " has six counters.",
    ),
    "ferry.txt": (
        "2024-05-20",
        "Ferries to the islands now leave every forty minutes in summer. The timetable changes again in October.",
    ),
    "market.txt": (
        "2024-06-03",
        "The Saturday market moved to the harbour square, where forty stalls sell fish, bread and flowers.",
    ),
}
"""Older notes that each say what something cost, newer ones about the ferries that say no price."""
FILES = {name: f"Date: {day}\n\n{text}\n" for name, (day, text) in NOTES.items()}
RECENT = Filter(since=datetime.date(2024, 1, 1))


def _blamed(tmp_path: Path, question: str) -> tuple[tuple[str, ...], tuple[str, ...], list[float]]:
    """The question's words only the documents before 2024 use, those of them the filter is blamed for, and the
    weights of the blamed ones in order."""
    indexed(tmp_path, FILES, FakeEmbedder()).close()
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    retriever = Retriever.open(settings, embedder=FakeEmbedder(), scope=RECENT)
    try:
        terms = question_terms(retriever, parse_query(question))
    finally:
        retriever.close()
    blamed = left_out(terms)
    return terms.outside, blamed, [terms.weights[stem(fold(w))] for w in blamed]


def test_a_common_word_only_left_out_documents_use_is_not_blamed_on_the_filter(tmp_path: Path) -> None:
    assert _blamed(tmp_path, "How much does a ferry ticket cost?")[:2] == (("cost",), ())


def test_the_words_a_question_depends_on_are_blamed_and_a_common_word_is_not(tmp_path: Path) -> None:
    outside, blamed, weights = _blamed(tmp_path, "How much did the Wexley school cost?")
    assert set(outside) == {"Wexley", "school", "cost"} and set(blamed) == {"Wexley", "school"}
    assert "cost" not in blamed


def test_a_name_only_left_out_documents_use_is_blamed_however_often_they_use_it(tmp_path: Path) -> None:
    """A name the left-out documents use in many sentences weighs less than the question's rarer words, but the
    question is about it: "When was the Berlin Wall built?" under --until blamed nothing, though only the left-out
    article uses "Berlin"."""
    town = " ".join(f"Harbin has {n} parks and its council meets on day {n}." for n in range(2, 12))
    files = {**FILES, "harbin.txt": f"Date: 2021-02-02\n\n{town}\n"}
    indexed(tmp_path, files, FakeEmbedder()).close()
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    retriever = Retriever.open(settings, embedder=FakeEmbedder(), scope=RECENT)
    try:
        terms = question_terms(retriever, parse_query("When did the Harbin ferry terminal open?"))
    finally:
        retriever.close()
    weights = {k: w for k, w in terms.weights.items() if k not in terms.dated}
    assert terms.outside == ("Harbin",)
    assert weights[stem("harbin")] < sum(weights.values()) / len(weights)  # common where it is used
    assert left_out(terms) == ("Harbin",)
    assert filter_note(terms) == (
        "only documents the filter leaves out use “Harbin”: these sentences may be about something else (widen the"
        " filter to let those documents answer)"
    )


@pytest.mark.slow  # the real model decides
def test_a_filtered_refusal_gives_the_unfiltered_reason_when_the_filter_made_no_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    indexed(tmp_path, FILES, real_embedder).close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: real_embedder)
    question = "How much does a ferry ticket cost?"
    code, out, _ = run(capsys, "ask", "--json", question, model=None)
    everywhere = json.loads(out)
    code_since, out, _ = run(capsys, "ask", "--json", question, "--since", "2024-01-01", model=None)
    recent = json.loads(out)
    assert (code, code_since) == (1, 1) and not everywhere["found"] and not recent["found"]
    assert not any("filter leaves out" in r for r in recent["reasons"]), recent["reasons"]
    # the reason is the closest sentences', as without the filter, in words the related passages listed under each
    # refusal do not deny: those of the unfiltered one hold "cost", those under the filter do not
    assert everywhere["reasons"] == [
        "the closest sentences use the question's words, but askdocs is not sure they answer it"
    ]
    assert recent["reasons"] == ["the closest sentences do not mention “cost”"]


UNIVERSITIES = {
    "kenkoku.md": "# Kenkoku University\n\nIn May 1938, Kenkoku University was founded by an edict of General Kanji"
    " Ishiwara in capital Xinjing.\n",
    "grants.txt": "The 10,000 Women program hopes to expand into the Middle East, Asia, Latin America and throughout"
    " Africa. Sixteen schools have agreed to take part in the program so far. They include Columbia, Harvard and"
    " Stanford universities in the United States. The Pan-African University in Lagos, Nigeria is also a partner."
    " Peter Bamkoleh heads that university's Enterprise Development Services.\n",
}
"""Only the Markdown file names Kenkoku University (Wikipedia, CC BY-SA); the text file (VOA) speaks of other
universities."""
FILTER_NOTE = (
    "only documents the filter leaves out use “Kenkoku”: these sentences may be about something else (widen the"
    " filter to let those documents answer)"
)


@pytest.mark.slow  # the real model decides whether to answer
def test_a_name_only_documents_the_path_filter_leaves_out_use_is_named_answered_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    """Under --path "*.txt", "Who founded Kenkoku University?" was answered from the text file's sentences about
    other universities with no word of the filter: an answer now says which names only left-out documents use, a
    refusal blames the filter; without the filter the question is answered from the Markdown file, no note."""
    indexed(tmp_path, UNIVERSITIES, real_embedder).close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: real_embedder)
    code, out, _ = run(capsys, "ask", "--json", "Who founded Kenkoku University?", "--path", "*.txt", model=None)
    data = json.loads(out)
    if data["found"]:
        assert code == 0 and FILTER_NOTE in data["notes"], data["notes"]
    else:
        (reason,) = data["reasons"]
        assert code == 1 and reason.startswith("only documents the filter leaves out use") and "“Kenkoku”" in reason
    code, out, _ = run(capsys, "ask", "--json", "Who founded Kenkoku University?", model=None)
    data = json.loads(out)
    assert code == 0 and "Kanji Ishiwara" in data["answer"] and FILTER_NOTE not in data["notes"]
