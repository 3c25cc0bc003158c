"""A sentence that shares only the question's date is no answer to it: the date does not lift it above the sentence
that says what the question asks (unit checks, then the real model, FAISS and SQLite)."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering import signals
from askdocs.text.stem import stem
from tests.support import answers


def _terms(question: str, dates: tuple[str, ...]) -> signals.QuestionTerms:
    return signals.question_terms(question, lambda _: 3, 100, stem, date_words=dates)


def _context(text: str, date: float) -> signals.Context:
    own = [stem(w.lower()) for w in text.rstrip(".").split()]
    return signals.Context(text, own, frozenset(own), 1, date)


def test_dates_order_sentences_only_when_a_dated_one_shares_another_word() -> None:
    terms = _terms("Why did Lashley stop performing in 2021?", ("2021",))
    wall = _context("Work on the flood wall began in 2021.", 1.0)
    stopped = _context("Lashley stopped performing in 2021.", 1.0)
    counted = _context("Lashley performed until 2021.", 0.35)  # a point the sentence counts to: no date it meets
    assert not signals.dates_tell([wall, counted], terms)
    assert signals.dates_tell([wall, stopped], terms)


def test_a_question_of_its_date_alone_keeps_every_dated_sentence() -> None:
    """ "What happened in 2021?" has no other word to share: the date is all a sentence can meet."""
    terms = _terms("What happened in 2021?", ("2021",))
    assert signals.dates_tell([_context("Work on the flood wall began in 2021.", 1.0)], terms)
    assert not signals.dates_tell([], _terms("Why did Lashley stop performing?", ()))


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
    "business.txt": (
        "Firms in trouble\n\nOn May 9, Brightline Foods went bankrupt, leaving 400 workers without jobs.\n"
        "Analysts had warned for months about rising debts at the firm.\n"
        "The Westbank mining company collapsed in 2008 after a fall in copper prices.\n"
    ),
    "cycling.txt": (
        "Cycle lanes\n\nThe first cycle lane, along the embankment, opened in 2021 and is used by 3,000 riders a day.\n"
    ),
}


def test_a_date_only_match_does_not_refuse_a_dated_question(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "Why did Lashley stop performing in 2021?" is answered from the sentence that says so, not refused for the
    flood wall begun "in 2021" in another file, which shares nothing else with it."""
    (answer,) = answers(tmp_path, FILES, real_embedder, "Why did Lashley stop performing in 2021?")
    assert answer.found, answer.reasons
    assert "arthritis" in answer.citations[0].quote


def test_a_sentence_saying_the_date_in_other_words_keeps_its_place(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "Which company collapsed on May 9?" over "On May 9, Brightline Foods went bankrupt, ...": a neighbour that
    shares the question's words goes date first, and so does the sentence that says the date ("went bankrupt" for
    "collapsed"), before a sentence that only borrows the date from it."""
    (answer,) = answers(tmp_path, FILES, real_embedder, "Which company collapsed on May 9?")
    assert answer.found, answer.reasons
    assert answer.citations[0].quote.startswith("On May 9, Brightline Foods went bankrupt")
