"""A sentence that shares only the question's date is no answer to it: the date does not lift it above the sentence
that says what the question asks (unit checks, then the real model, FAISS and SQLite)."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering import answer_question, signals
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from askdocs.text.stem import stem


def _terms(question: str, dates: tuple[str, ...]) -> signals.QuestionTerms:
    return signals.question_terms(question, lambda _: 3, 100, stem, date_words=dates)


def _context(text: str, date: float) -> signals.Context:
    own = [stem(w.lower()) for w in text.rstrip(".").split()]
    return signals.Context(text, own, frozenset(own), 1, date)


def test_a_sentence_sharing_only_the_date_meets_it_no_more() -> None:
    terms = _terms("Why did Lashley stop performing in 2021?", ("2021",))
    wall = _context("Work on the flood wall began in 2021.", signals.MEETS_DATE + 0.4)
    stopped = _context("Lashley stopped performing in 2021.", signals.MEETS_DATE + 0.4)
    assert signals.ordering_date(wall, terms) == 0.0
    assert signals.ordering_date(stopped, terms) == stopped.date


def test_a_question_of_its_date_alone_keeps_every_dated_sentence() -> None:
    """ "What happened in 2021?" has no other word to share: the date is all a sentence can meet."""
    terms = _terms("What happened in 2021?", ("2021",))
    wall = _context("Work on the flood wall began in 2021.", 1.0)
    assert signals.ordering_date(wall, terms) == 1.0


FILES = {
    "obituary.txt": (
        "Teodor Lashley, jazz pianist, dies at 84\n\n"
        "Teodor Lashley, the pianist and composer, has died at his home in Portugal at the age of 84.\n"
        "Born in Hallowick in 1940, Lashley taught himself to play on an upright piano in his parents' kitchen.\n"
        "Over the following decades Lashley released 31 albums as a leader.\n"
        "He continued to perform until 2021, when arthritis in his hands forced him to stop.\n"
        "Lashley was married twice.\n"
    ),
    "flood.txt": (
        "Ostrand flood defences\n\n"
        "The river burst its banks at Ostrand three times in the last decade.\n"
        "Work on a permanent flood wall at Ostrand began in 2021.\n"
        "The council expects the wall to be finished in 2027.\n"
    ),
    "cycling.txt": (
        "Cycle lanes\n\nThe first cycle lane, along the embankment, opened in 2021 and is used by 3,000 riders a day.\n"
    ),
}


def test_a_date_only_match_does_not_refuse_a_dated_question(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "Why did Lashley stop performing in 2021?" is answered from the sentence that says so, not refused for the
    flood wall begun "in 2021" in another file, which shares nothing else with it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "Why did Lashley stop performing in 2021?")
    finally:
        retriever.close()
    assert answer.found, answer.reasons
    assert "arthritis" in answer.citations[0].quote
