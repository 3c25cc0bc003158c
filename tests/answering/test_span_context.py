"""The surroundings of a short-answer candidate, read off the real tagger's parse: the question's words near it,
before and after it, and whether its clause's verb is the question's."""

from __future__ import annotations

import numpy as np
import pytest

from askdocs.answering import short_answer, span_context
from askdocs.answering.model import LinearModel, fitted
from askdocs.answering.signals import stems_of
from askdocs.answering.tagger import TAGGER
from askdocs.text.stem import stem


def _signals(question: str, sentence: str) -> dict[str, dict[str, float]]:
    """Each candidate's text -> its surroundings' signals by name."""
    TAGGER.preload()
    spans, x = short_answer.candidate_signals(
        [(sentence, 0.8)], "who", None, question, set(stems_of(question, stem)), stem, TAGGER, fitted()
    )
    names = span_context.SIGNALS
    return {
        s.text: {n: float(row[short_answer.SHORT.index(n)]) for n in names} for s, row in zip(spans, x, strict=True)
    }


def test_the_questions_words_just_before_a_candidate_count_and_far_ones_do_not() -> None:
    found = _signals(
        "Who founded the gliding club?",
        "The gliding club was founded by Kanji Ishiwara in 1936, long before the war in Manchuria ended with a truce.",
    )
    ishiwara, manchuria = found["Kanji Ishiwara"], found["Manchuria"]
    # the question's words are found, glid(ing) and club: "club was founded by" holds two of them, the twelve
    # tokens before the name all three, the four after it ("in 1936, long") none
    assert ishiwara["near4_before"] == pytest.approx(2 / 3) and ishiwara["near4"] == pytest.approx(2 / 3)
    assert ishiwara["near12_before"] == pytest.approx(1.0) and ishiwara["near4_after"] == 0.0
    assert manchuria["near4"] == 0.0 and manchuria["near12"] == pytest.approx(1 / 3)  # "founded", 12 tokens back


def test_a_candidate_in_the_clause_of_the_questions_verb_is_marked() -> None:
    found = _signals("Who founded the company?", "Kanji Ishiwara founded the company after Ken Sato left the army.")
    assert found["Kanji Ishiwara"]["verb_clause"] == 1.0
    assert found["Ken Sato"]["verb_clause"] == 0.0


def test_a_question_whose_root_is_no_verb_has_no_main_verb() -> None:
    TAGGER.preload()
    assert span_context.question_verb(TAGGER.parse("What is the capital of Peru?"), stem) is None
    assert span_context.question_verb(TAGGER.parse("Who founded the company?"), stem) == stem("founded")


def test_a_model_fitted_before_a_signal_was_added_reads_the_signals_it_knows() -> None:
    old = LinearModel(("b", "a"), (1.0, 10.0), (0.0, 0.0), (1.0, 1.0), 0.0)
    x = np.array([[1.0, 2.0, 3.0]])  # columns a, new, b
    assert old.logits(old.columns(x, ("a", "new", "b")))[0] == pytest.approx(3.0 + 10.0)
    with pytest.raises(ValueError, match="not computed"):
        old.columns(x, ("a", "new", "c"))


def test_the_question_s_words_count_near_a_candidate_even_where_the_tagger_calls_them_stop_words() -> None:
    """ "made" and "first" are stop words to the tagger but content words to the question: the words around the
    answer must be read as the question's are, or a share could never reach 1."""
    found = _signals("Who made the first film?", "The first film was made by Ana Ruiz in a garage in Lima.")
    assert found["Ana Ruiz"]["near12_before"] == pytest.approx(1.0)
    assert found["Ana Ruiz"]["near4_before"] == pytest.approx(2 / 3)  # "film was made by"


def test_the_main_verb_of_a_question_of_several_sentences_is_the_asking_one_s() -> None:
    TAGGER.preload()
    assert span_context.question_verb(TAGGER.parse("Ana Ruiz won in Lima. Who lost?"), stem) == stem("lost")


def _count(sentence: str, span: str, head: str) -> str | None:
    TAGGER.preload()
    doc = TAGGER.parse(sentence)
    start = sentence.index(span)
    found = span_context.one_count(doc, start, start + len(span), head, stem)
    return None if found is None else sentence[found[0] : found[1]]


def test_a_count_span_of_two_counts_keeps_the_asked_noun_s_number() -> None:
    """For "How many sailors were hurt?": of "two men missing and five sailors hurt" the count is the one written
    before "sailors"; a range and a single count stay whole; counts of other things only are no answer."""
    sentence = "The storm left two men missing and five sailors hurt off the coast on Friday."
    assert _count(sentence, "two men missing and five", "sailors") == "five"
    assert _count(sentence, "two men missing and five", "ships") is None
    ranged = "Officials said between 20 and 30 houses were flooded."
    assert _count(ranged, "between 20 and 30", "houses") == "between 20 and 30"
    assert _count("About 20 to 30 houses were flooded.", "About 20 to 30", "houses") == "About 20 to 30"
    assert _count(sentence, "five", "sailors") == "five"
