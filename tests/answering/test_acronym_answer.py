"""A question that names an organisation by its acronym is answered from a text that only spells it out (real model,
real FAISS, real SQLite): it was refused with "no sentence of the documents uses 'IAEA'"."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever

pytestmark = pytest.mark.slow  # the real model

PLANT = (
    "Inspectors from the International Atomic Energy Agency arrived at the Zaporizhzhia plant on Thursday. They said "
    "the cooling pumps were working but the backup power line had been cut twice in a week.\n\n"
    "The mayor of Enerhodar said residents were calm.\n"
)


def test_an_acronym_matches_its_spelled_out_name(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plant.txt").write_text(PLANT, encoding="utf-8")
    (corpus / "crane.txt").write_text("The harbour crane in Veracruz collapsed on July 2, 2021.\n", encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "What did the IAEA say about the cooling pumps?")
        other = answer_question(retriever, "What did the OPEC say about oil prices?")
    finally:
        retriever.close()
    assert answer.found, answer.reasons
    assert "cooling pumps were working" in answer.citations[0].quote
    assert not other.found  # an acronym nothing spells out is still unknown
