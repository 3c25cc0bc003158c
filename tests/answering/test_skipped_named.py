"""A question refused because the file it names was skipped by the index (a scan without a text layer, an encrypted
PDF) says so, with the reason `askdocs status` gives; a question naming no skipped file is refused as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from tests.support import FakeEmbedder

BROKEN = Path(__file__).parents[1] / "data" / "broken"


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    root = tmp_path_factory.mktemp("skipped")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry to Carrow leaves at nine every weekday morning.\n", encoding="utf-8")
    shutil.copy(BROKEN / "scanned.pdf", corpus / "scanned-delivery-note.pdf")
    shutil.copy(BROKEN / "encrypted.pdf", corpus / "salaries-confidential.pdf")
    shutil.copy(BROKEN / "encrypted.pdf", corpus / "2025.pdf")
    settings = load_settings({"corpus": corpus, "index": root / "index", "model": "fake"}, cwd=root, environ={})
    index_corpus(settings, embedder=FakeEmbedder())
    opened = Retriever.open(settings, embedder=FakeEmbedder())
    yield opened
    opened.close()


def test_a_refusal_names_the_skipped_file_the_question_is_about(retriever: Retriever) -> None:
    answer = answer_question(retriever, "What does the scanned delivery note say?")
    assert not answer.found
    said = [r for r in answer.reasons if "scanned-delivery-note.pdf" in r]
    why = "was skipped by askdocs index: no text layer; OCR is not enabled"
    assert said == [f"{retriever.settings.corpus}/scanned-delivery-note.pdf {why}"]


def test_one_word_of_a_two_word_name_is_not_enough(retriever: Retriever) -> None:
    answer = answer_question(retriever, "Which salaries were agreed in March?")
    assert not answer.found and not any("salaries-confidential.pdf" in r for r in answer.reasons)
    named = answer_question(retriever, "What are the confidential salaries?")
    assert any(
        r.endswith("salaries-confidential.pdf was skipped by askdocs index: encrypted PDF (a password is needed)")
        for r in named.reasons
    )


def test_an_answered_question_carries_no_such_reason(retriever: Retriever) -> None:
    answer = answer_question(retriever, "When does the ferry to Carrow leave?")
    assert answer.found and not any("skipped" in r for r in answer.reasons)


def test_a_number_in_a_skipped_file_s_name_is_no_word_the_question_names_it_by(retriever: Retriever) -> None:
    """ "2025.pdf" skipped: a question saying 2025 is not about that file (a year any question may say)."""
    answer = answer_question(retriever, "How many tourists visited Carrow in 2025?")
    assert not any("2025.pdf" in r for r in answer.reasons)
