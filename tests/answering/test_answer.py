"""Answers with the real model, FAISS and SQLite: cited evidence first, dates matched by meaning, honest refusals."""

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


def test_july_2_cites_both_men_and_not_neri(sample: Retriever) -> None:
    """The question's date is matched by the timeline: sentences about July 2 are cited, not the one that only
    counts from it ("Following the two arrests on July 2, ... Neri Ramírez")."""
    answer = answer_question(sample, JULY_2)
    assert answer.found and answer.kind == "who" and answer.dates == ("--07-02",)
    quotes = " ".join(c.quote for c in answer.citations)
    assert "Francisco Torres" in quotes and "Herrera" in quotes
    assert "Neri" not in answer.text and "Neri" not in (answer.short or "")
    assert _cited_numbers(answer.text) == {c.n for c in answer.citations}
    assert all(c.quote in answer.text for c in answer.citations), "the answer is its evidence, each sentence cited"


def test_a_short_answer_is_shown_only_with_its_citation(sample: Retriever) -> None:
    answer = answer_question(sample, "How many soldiers were wounded in the gunfight?")
    assert answer.found and "four soldiers wounded" in answer.citations[0].quote
    if answer.short is not None:
        lead = answer.text.split("\n\n")[0]
        for part in answer.short.split(" and "):
            assert re.search(re.escape(part) + r" \[\d\]", lead), lead
            assert part.lower() in " ".join(c.quote.lower() for c in answer.citations)


def test_evidence_answers_questions_worded_unlike_the_article(sample: Retriever) -> None:
    """Answerable questions are answered by citing the sentence that holds the answer."""
    cases = {
        "Who is Salvador Cienfuegos?": "former Defense Chief",
        "What aircraft did Mexico remove from its territory?": "DEA plane",
        "Which warning level did the U.S. Consulate issue?": "Level 3",
    }
    for question, expected in cases.items():
        answer = answer_question(sample, question)
        assert answer.found, question
        assert any(expected in c.quote for c in answer.citations), (question, answer.citations)


def test_words_in_the_corpus_without_the_answer_are_not_found(sample: Retriever) -> None:
    for question in ("What is the capital of France?", "Who won the 1998 football World Cup?"):
        answer = answer_question(sample, question)
        assert not answer.found, question
        assert answer.citations == () and answer.short is None
        assert answer.reasons and answer.related, "a refusal says why and shows the closest passages as related"
    france = answer_question(sample, "What is the capital of France?")
    assert "France" in france.reasons[0]


def test_a_refusal_over_a_misspelt_word_offers_the_word_the_documents_write(sample: Retriever) -> None:
    """ "Mexicalli" is in no sentence: the refusal names it and offers "Mexicali", as the article writes it; a word
    nothing is close to ("France") gets no offer."""
    misspelt = answer_question(sample, "Where is Mexicalli?")
    assert not misspelt.found
    assert misspelt.reasons[0] == "no sentence of the documents uses “Mexicalli”; did you mean “Mexicali”?"
    assert "did you mean" not in answer_question(sample, "What is the capital of France?").reasons[0]


def test_a_refusal_offers_no_word_the_question_already_has(sample: Retriever) -> None:
    """ "did you mean “Mexicali”?" to a question that writes "Mexicali" beside the misspelt "Mexicalli" tells the
    asker nothing: the refusal names the missing word and offers nothing."""
    for question in ("Is Mexicalli the same place as Mexicali?", "Mexicali or Mexicalli: which was the airport in?"):
        answer = answer_question(sample, question)
        assert not answer.found, question
        assert "“Mexicalli”" in answer.reasons[0] and "did you mean" not in answer.reasons[0], answer.reasons


def test_a_date_in_the_question_ranks_that_day_first(sample: Retriever) -> None:
    answer = answer_question(sample, "What happened on July 2?")
    assert answer.found
    first = answer.citations[0].quote
    assert "July 2" in first or "same day" in first or "Herrera" in first


def test_syndicated_copies_do_not_repeat_evidence(syndicated: Retriever) -> None:
    answer = answer_question(syndicated, JULY_2)
    assert answer.found
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), "the same sentence from two files is cited once"
    texts = [" ".join(h.passage.text.split()) for h in answer.hits]
    assert len(texts) == len(set(texts))


def test_relative_dates_resolve_against_the_documents_date(syndicated: Retriever) -> None:
    answer = answer_question(syndicated, "Who was arrested on July 6, 2021?")
    assert answer.found, answer
    assert answer.citations[0].path.endswith("tijuana-note.md") and "Juan Pérez" in answer.citations[0].quote


def test_follow_up_context_rewrites_the_question(sample: Retriever) -> None:
    turn = Turn("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    answer = answer_question(sample, "Where was he detained?", context=[turn])
    assert answer.rewritten == "Where was Francisco Torres detained?"
    assert answer.found and any("Altar" in c.quote for c in answer.citations)


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


def test_a_cited_file_that_vanished_is_flagged(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpus" / SAMPLE.name)
    settings, retriever = _open(tmp_path, real_embedder)
    (settings.corpus / SAMPLE.name).unlink()
    answer = answer_question(retriever, JULY_2)
    retriever.close()
    assert answer.found and all(c.status == "missing" for c in answer.citations) and len(answer.citations) > 1
    numbers = " and ".join(f"[{c.n}]" for c in answer.citations).replace(" and ", ", ", len(answer.citations) - 2)
    assert answer.notes == (f"{numbers} {answer.citations[0].path} has been removed since it was indexed",)
    shutil.rmtree(settings.corpus)  # the whole folder gone (or --corpus mistyped): one note, not one per file
    again = Retriever.open(settings, embedder=real_embedder)
    answer = answer_question(again, JULY_2)
    again.close()
    assert answer.notes == (f"the cited files could not be checked: the corpus folder {settings.corpus} is missing",)


def test_answers_keep_their_shape_for_saved_conversations() -> None:
    plain = Answer("q", "t", False)
    assert replace(plain, short="s").short == "s" and plain.related == () and plain.unsupported == ()


def test_who_is_a_named_person_answers_with_what_the_article_calls_him(sample: Retriever) -> None:
    """It answered "Lantia" (the firm he founded) before: a who-question about a name asks for a description."""
    answer = answer_question(sample, "Who is Eduardo Guerrero?")
    assert answer.found and answer.short == "security analyst, founder of intelligence firm Lantia"
    assert "Eduardo Guerrero" in answer.citations[0].quote
    # the parse makes the nickname an object of "refused", not an apposition: no description is read off it, and
    # the fitted model may give the man it stands beside, or nothing when it is not sure; never another name
    nickname = answer_question(sample, "Who is El Duranguillo?")
    assert nickname.found and "Francisco Torres, ‘El Duranguillo’" in nickname.citations[0].quote
    assert nickname.short in (None, "Francisco Torres")
