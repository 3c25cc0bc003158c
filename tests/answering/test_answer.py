"""Answer quality with the real model, FAISS and SQLite: complete lists, short answers first, dates, honest refusals."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from askdocs.answering import Answer, answer_question
from askdocs.answering.followup import Turn
from askdocs.config import Settings, load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from tests.support import SAMPLE

JULY_2 = "Who was arrested on July 2?"


def _open(root: Path, embedder) -> tuple[Settings, Retriever]:  # noqa: ANN001
    settings = load_settings({"corpus": root / "corpus", "index": root / "index"}, cwd=root, environ={})
    index_corpus(settings, embedder=embedder)
    return settings, Retriever.open(settings, embedder=embedder)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Retriever:  # noqa: ANN001
    root = tmp_path_factory.mktemp("sample")
    (root / "corpus").mkdir()
    shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
    _, retriever = _open(root, real_embedder)
    yield retriever
    retriever.close()


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Retriever:  # noqa: ANN001
    """The article twice (as a syndicated copy) plus a dated note whose "Tuesday" only its Date: header explains."""
    root = tmp_path_factory.mktemp("syndicated")
    (root / "corpus").mkdir()
    shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
    shutil.copy(SAMPLE, root / "corpus" / "wire-copy.txt")
    (root / "corpus" / "tijuana-note.md").write_text(
        "Date: 2021-07-08\n\nOn Tuesday, police arrested Juan Pérez in Tijuana after a car chase.\n"
        "The chase had started near the airport.\n",
        encoding="utf-8",
    )
    _, retriever = _open(root, real_embedder)
    yield retriever
    retriever.close()


def _cited_numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_july_2_names_both_men_each_with_a_citation_and_not_neri(sample: Retriever) -> None:
    answer = answer_question(sample, JULY_2)
    assert answer.found and answer.kind == "who" and answer.dates == ("--07-02",)
    assert answer.short is not None and "Francisco Torres" in answer.short and "Luis Edgar Herrera" in answer.short
    assert "Neri" not in answer.short and "Ramírez" not in answer.short
    lead = answer.text.split("\n\n")[0]
    assert re.search(r"Francisco Torres \(“El Duranguillo”\) \[\d\]", lead)
    assert re.search(r"Luis Edgar Herrera \(“El Tolín”\) \[\d\]", lead)
    assert "Neri" not in lead
    assert _cited_numbers(answer.text) == {c.n for c in answer.citations}
    quotes = " ".join(c.quote for c in answer.citations)
    assert "Torres" in quotes and "Herrera" in quotes
    assert "before being arrested" in quotes, "the sentence that says Herrera was arrested supports his part"


def test_the_short_answer_comes_first(sample: Retriever) -> None:
    answer = answer_question(sample, "How many soldiers were wounded in the gunfight?")
    assert answer.short == "four soldiers"
    assert answer.text.startswith("Four soldiers were wounded in the gunfight [1].")
    when = answer_question(sample, "When was Salvador Cienfuegos arrested?")
    assert when.short == "October 2020" and when.text.startswith("Salvador Cienfuegos was arrested in October 2020")
    money = answer_question(sample, "How much money did men offer the soldiers to let Torres go?")
    assert money.short == "10 million pesos (around half a million dollars)"


def test_which_drug_or_vehicle_is_answered_by_a_lowercase_thing_of_that_kind(sample: Retriever) -> None:
    drug = answer_question(sample, "Which drug does the Sinaloa Cartel export, according to the U.S.?")
    assert drug.found and drug.short == "fentanyl"
    assert "fentanyl" in drug.citations[0].quote and "exporting" in drug.citations[0].quote
    trucks = answer_question(sample, "What vehicles blocked the roads during the standoff with the soldiers?")
    assert trucks.found and trucks.short == "pick-up trucks" and "blocking the roads" in trucks.citations[0].quote
    taken = answer_question(sample, "Which drug did the president take?")
    assert not taken.found and "no thing of that kind" in " ".join(taken.reasons)


def test_words_in_the_corpus_without_the_answer_are_not_found(sample: Retriever) -> None:
    for question in ("When was El Chapo born?", "How old is Francisco Torres?", "What is the capital of France?"):
        answer = answer_question(sample, question)
        assert not answer.found, question
        assert answer.citations == () and answer.short is None
        assert answer.reasons and answer.related, "a refusal says why and shows the closest passages as related"


def test_a_date_in_the_question_ranks_that_day_first(sample: Retriever) -> None:
    answer = answer_question(sample, "What happened on July 2?")
    assert answer.found
    first = answer.citations[0].quote
    assert "July 2" in first or "same day" in first


def test_syndicated_copies_do_not_repeat_evidence(syndicated: Retriever) -> None:
    answer = answer_question(syndicated, JULY_2)
    assert answer.found and answer.short is not None
    assert answer.short.count("Francisco Torres") == 1 and answer.short.count("Luis Edgar Herrera") == 1
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), "the same sentence from two files is cited once"


def test_relative_dates_resolve_against_the_documents_date(syndicated: Retriever) -> None:
    answer = answer_question(syndicated, "Who was arrested on July 6, 2021?")
    assert answer.found and answer.short == "Juan Pérez", answer
    assert answer.citations[0].path.endswith("tijuana-note.md")


def test_follow_up_context_rewrites_the_question(sample: Retriever) -> None:
    turn = Turn("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    answer = answer_question(sample, "Where was he detained?", context=[turn])
    assert answer.rewritten == "Where was Francisco Torres detained?"
    assert answer.found and answer.short == "Altar, Sonora"


class _FakeLLM:
    """Stands in for askdocs.answering.llm.LLMAnswerer: answers from the numbered evidence it is given."""

    def __init__(self) -> None:
        self.seen: tuple = ()

    def compose(self, question: str, citations: tuple) -> tuple[str, tuple[str, ...]]:
        self.seen = citations
        return f"Francisco Torres [1]. Someone else entirely [{len(citations) + 5}].", ("Someone else entirely",)


def test_an_llm_composes_from_the_same_citations(sample: Retriever) -> None:
    plain = answer_question(sample, JULY_2)
    llm = _FakeLLM()
    answer = answer_question(sample, JULY_2, llm=llm)
    assert llm.seen == answer.citations == plain.citations
    assert answer.text.startswith("Francisco Torres [1].") and answer.unsupported == ("Someone else entirely",)
    assert answer.short == plain.short


def test_a_cited_file_that_vanished_is_flagged(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpus" / SAMPLE.name)
    settings, retriever = _open(tmp_path, real_embedder)
    (settings.corpus / SAMPLE.name).unlink()
    answer = answer_question(retriever, JULY_2)
    retriever.close()
    assert answer.found and all(c.status == "missing" for c in answer.citations)
    assert answer.notes and "removed" in answer.notes[0]


def test_answers_keep_their_shape_for_saved_conversations() -> None:
    plain = Answer("q", "t", False)
    assert replace(plain, short="s").short == "s" and plain.related == () and plain.unsupported == ()
