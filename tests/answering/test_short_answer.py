"""Short-answer candidates from the real tagger: spelled-out numbers are candidates, and a count question
marks the spans that hold no number."""

from __future__ import annotations

import numpy as np
import pytest

from askdocs.answering import short_answer, span_candidates
from askdocs.answering.model import fitted, softmax
from askdocs.answering.signals import stems_of
from askdocs.answering.tagger import TAGGER
from askdocs.text.stem import stem

SENTENCE = "Divers counted forty-two damaged concrete blocks along the eastern pier."


def _candidates(question: str, kind: str, sentence: str = SENTENCE) -> dict[str, tuple[float, float]]:
    """Each candidate's text -> (its share of the softmax, its 'unnumbered' signal)."""
    TAGGER.preload()
    models = fitted()
    spans, x = short_answer.candidate_signals(
        [(sentence, 0.8)], kind, None, question, set(stems_of(question, stem)), stem, TAGGER, models
    )
    p = softmax(models.short.logits(models.short.columns(x, short_answer.SHORT)))
    column = short_answer.SHORT.index("unnumbered")
    return {s.text: (float(pp), float(row[column])) for s, pp, row in zip(spans, p, x, strict=True)}


def test_a_spelled_out_count_is_a_candidate_and_wins() -> None:
    found = _candidates("How many damaged concrete blocks did divers count?", "how_many")
    assert found["forty-two"][1] == 0.0 and found["eastern pier"][1] == 1.0
    assert max(found, key=lambda t: found[t][0]) == "forty-two"


def test_only_questions_asking_for_a_number_mark_spans_without_one() -> None:
    found = _candidates("Where did divers count damaged blocks?", "where")
    assert all(unnumbered == 0.0 for _, unnumbered in found.values())


def test_a_one_word_date_that_is_also_a_stop_word_is_a_candidate() -> None:
    found = _candidates("When will the work start?", "when", "Work is expected to start in May and last until October.")
    assert "May" in found and max(found, key=lambda t: found[t][0]) == "May"


def test_an_amount_is_a_candidate_with_its_unit_and_its_shorter_form_adds_to_it() -> None:
    sentence = "Repairing the breakwater will cost an estimated 3.4 million euros, the authority said."
    found = _candidates("How much will repairing the breakwater cost?", "how_much", sentence)
    with_unit = next(t for t in found if t.endswith("3.4 million euros"))
    shorter = next(t for t in found if t.endswith("3.4 million"))
    assert max(found, key=lambda t: found[t][0]) in {with_unit, shorter}
    assert found[with_unit][0] + found[shorter][0] > 0.9  # one answer at two extents: chosen with both shares


def test_overlapping_candidates_are_one_answer_when_choosing() -> None:
    spans = [
        short_answer.Span("3.4 million", "CARDINAL", 0, 10, 21),
        short_answer.Span("3.4 million euros", "CARDINAL", 0, 10, 27),
        short_answer.Span("authority", "NP", 0, 33, 42),
    ]
    chosen = short_answer.choose(spans, np.array([0.40, 0.45, 0.15]), several=False)
    assert [(s.text, round(p, 2)) for s, p in chosen] == [("3.4 million euros", 0.85)]


def test_a_name_with_a_possessive_ending_is_a_candidate_without_it() -> None:
    sentence = "Ruth Chepngetich's time of 2:09:56 beat the course record set in 2019."
    found = _candidates("Who set the fastest time?", "who", sentence)
    assert "Ruth Chepngetich" in found and not any(t.endswith("'s") for t in found)


def test_an_amount_of_money_keeps_its_currency_sign() -> None:
    """The tagger leaves "$" out of "$410,000" (not out of "$42.7 million"); the answer should not drop it."""
    found = _candidates("How much will the library receive?", "how much", "The library will receive $410,000 in May.")
    assert "$410,000" in found and "410,000" not in found
    assert "€15" in _candidates("How much is a ticket?", "how much", "Tickets cost €15 each.")


def test_a_question_ending_on_its_preposition_marks_that_prepositions_object() -> None:
    """ "moved to?" asks for what the sentence's "to" governs: the signal marks it, and not the other places."""
    assert short_answer.stranded_preposition(TAGGER.parse("Where has the farmers' market moved to?")) == "to"
    assert short_answer.stranded_preposition(TAGGER.parse("Who was the lodge named for?")) == "for"
    assert short_answer.stranded_preposition(TAGGER.parse("Where did the market move?")) is None
    assert short_answer.stranded_preposition(TAGGER.parse("Where did the market move to the west?")) is None
    sentence = "The market in Millbrook has moved from the car park to the old cattle yard on Station Street."
    models = fitted()
    question = "Where has the market moved to?"
    spans, x = short_answer.candidate_signals(
        [(sentence, 0.8)], "where", None, question, set(stems_of(question, stem)), stem, TAGGER, models
    )
    column = short_answer.SHORT.index("stranded")
    marked = {s.text for s, row in zip(spans, x, strict=True) if row[column] == 1.0}
    assert marked == {"old cattle yard"}


def test_the_questions_own_name_behind_a_title_is_no_candidate() -> None:
    """A title adds nothing the question does not say: "Who is Okafor?" is not answered by "Mr Okafor"."""
    found = _candidates("Who is Okafor?", "who", "Mr Okafor said the council would meet on Friday.")
    assert not any("Okafor" in t for t in found)
    found = _candidates("Who is Lindqvist?", "who", "Dr. Lindqvist, a marine biologist at the university, led it.")
    assert not any("Lindqvist" in t or t.startswith("Dr") for t in found) and "marine biologist" in found
    # a title beside a name the question does not give is still part of the answer, and a title alone may be one
    assert "Dr. Anna Lindqvist" in _candidates("Who led the survey?", "who", "Dr. Anna Lindqvist led the survey.")
    assert "President" in _candidates("Who vetoed the bill?", "who", "The bill was vetoed by the President.")


def test_escape_sequences_in_a_sentence_are_no_part_of_a_candidate() -> None:
    """A document's terminal codes ("\\x1b[8m" hides text) are not words: the name is read as if they were gone."""
    sentence = "The harbour master of Namibe is named Ernesto Valverde\x1b[8m hidden text\x1b[28m."
    found = _candidates("Who is the harbour master of Namibe?", "who", sentence)
    assert found and not any("\x1b" in t or "[8" in t or "[28m" in t for t in found)
    assert any(t.startswith("Ernesto Valverde") for t in found)


def test_a_candidate_never_shows_a_bracket_or_quote_mark_it_does_not_close() -> None:
    """An editor's note opened "[1999 update: Mel's last name is now known." and the short answer read "[1999
    update"; a quoted name cut at its opening mark read "“Mel Kaye"."""
    found = _candidates("What was Mel's last name?", "what", "[1999 update: Mel's last name is now known.")
    assert found and not any(t.startswith("[") or t.endswith("]") for t in found)
    found = _candidates("Who wrote the manual?", "who", "The manual was written by “Mel Kaye of Royal McBee”.")
    assert found and not any(t.count("“") != t.count("”") for t in found)
    text = "the company (Royal McBee)"
    assert span_candidates.balanced(text, 0, len(text)) == (0, len(text))  # a pair it closes stays
    for text, kept in (
        ('"Mel Kaye', "Mel Kaye"),
        ('Mel Kaye"', "Mel Kaye"),
        ('the "Eagle" module', 'the "Eagle" module'),
    ):
        start, end = span_candidates.balanced(text, 0, len(text))
        assert text[start:end] == kept  # a straight quote mark is unpaired when the span holds an odd number


def test_a_name_with_a_hyphen_inside_is_one_candidate_quoted_as_written() -> None:
    """A typeset hyphen (U+2010, U+2011) or "-" inside a name is part of it: the whole name is the likeliest
    candidate, not the other name in the sentence, and it is shown with the document's own hyphen."""
    for hyphen in ("\u2010", "\u2011", "-"):
        name = f"Jean{hyphen}loup Gailly"
        sentence = f"{name} wrote gzip, and the decompression part came from Mark Adler."
        found = _candidates("Who wrote gzip?", "who", sentence)
        assert max(found, key=lambda t: found[t][0]) == name


def test_a_hyphenated_name_inside_a_sentence_is_whole_and_a_hyphenated_word_after_a_name_is_not() -> None:
    """Inside a sentence the tagger may end the name before the hyphen ("Jean" of "Jean‐loup Gailly"): the name is
    read on; "the Smith-led coalition" does not make "Smith-led" a name."""
    for hyphen in ("\u2010", "-"):
        found = _candidates(
            "Who wrote the deflate code in gzip?",
            "who",
            f"The deflate code in gzip was written by Jean{hyphen}loup Gailly.",
        )
        assert f"Jean{hyphen}loup Gailly" in found and f"Jean{hyphen}loup" not in found and "Jean" not in found, found
    found = _candidates("Who led the coalition?", "who", "The Smith-led coalition won the vote in Harlow.")
    assert "Smith" in found and "Smith-led" not in found, found  # the name stays "Smith" (a noun phrase may hold it)


def test_a_word_made_of_a_name_does_not_run_into_the_next_name() -> None:
    """ "Blair-led", "London-based": the hyphen makes an adjective of the name, and the name after it is another."""
    found = _candidates("Who led the government?", "who", "The Blair-led Labour government won the vote in 2001.")
    assert not any(t.startswith("Blair-led") for t in found if t != "Blair-led Labour government"), found
    found = _candidates("Which agency reported it?", "which", "The London-based Reuters agency reported the deal.")
    assert "London-based Reuters" not in found, found


def test_a_persons_first_names_the_tagger_left_out_are_part_of_the_candidate() -> None:
    # "Anders Gustaf Ekeberg" was tagged "Gustaf Ekeberg", and the short answer cut his first name
    sentence = "Tantalum was discovered in 1802 by the Swedish chemist Anders Gustaf Ekeberg in Uppsala."
    found = _candidates("Who discovered tantalum?", "who", sentence)
    assert "Anders Gustaf Ekeberg" in found and "Gustaf Ekeberg" not in found
    assert "Lucinda Ortiz" in _candidates("Who closed it?", "who", "Mayor Lucinda Ortiz closed the bridge.")


def _spans(question: str, kind: str, sentence: str):  # noqa: ANN202 - (spans, signals, models)
    """The candidate spans of one sentence the ranker is sure of, their signals, and the shipped models."""
    TAGGER.preload()
    models = fitted()
    spans, x = short_answer.candidate_signals(
        [(sentence, 0.9)], kind, None, question, set(stems_of(question, stem)), stem, TAGGER, models
    )
    return spans, x, models


def _shown(question: str, kind: str, sentence: str) -> list[str]:
    """The short answers shown for one sentence the ranker is sure of."""
    spans, x, models = _spans(question, kind, sentence)
    return [span.text for span, _ in short_answer.short_answers(spans, x, kind, models, 0.9)]


def _picked(question: str, kind: str, sentence: str) -> list[str]:
    """The short answers the ranker picks for one sentence, shown or not (the confidence model decides that)."""
    spans, x, models = _spans(question, kind, sentence)
    probabilities = softmax(models.short.logits(models.short.columns(x, short_answer.SHORT)))
    return [span.text for span, _ in short_answer.choose(spans, probabilities, False)]


def test_an_age_is_no_answer_to_when_but_answers_how_old() -> None:
    # the tagger labels ages as dates: "When did Vance die?" was answered "the age of 84"
    assert _shown("When did Vance die?", "when", "Vance died in Geneva at the age of 84.") == []
    assert _shown("When was Reyes appointed?", "when", "Dr. Reyes, aged 54, was appointed by the council.") == []
    assert _shown("When did Vance die?", "when", "Vance died in 1961, at the age of 84, in Geneva.") == ["1961"]
    assert _shown("How old was Vance when he died?", "how_old", "Vance died in Geneva at the age of 84.") == [
        "the age of 84"
    ]


def test_a_candidate_playing_the_part_the_question_gives_its_own_name_is_no_answer() -> None:
    # "Who succeeded Thomas Ngata?" was answered "Alexander Drummond", whom the sentence's man succeeded
    chair = "Valtersen took the chair in 1930, succeeding Alexander Drummond, who had held it since 1921."
    assert "Alexander Drummond" not in _shown("Who succeeded Thomas Ngata in the chair?", "who", chair)
    beaten = "Nadal beat Federer in the final."
    assert _shown("Who beat Federer in the final?", "who", beaten) == ["Nadal"]
    assert "Nadal" not in _shown("Who did Federer beat in the final?", "who", beaten)
    passive = "Ngata was succeeded by Ruth Kim in 1960."  # the passive's parts: "by" names the doer
    assert _shown("Who succeeded Ngata as chairman?", "who", passive) == ["Ruth Kim"]
    assert "Ngata" not in _shown("Who did Ruth Kim succeed as chairman?", "who", passive)


def test_an_era_named_after_an_age_is_still_a_time() -> None:
    # "the Age of Discovery" and "old age" have no number: they are times, not a person's age
    era = "The map was said to date from the Age of Discovery, though scholars now doubt it."
    assert _shown("When was the map said to date from?", "when", era) == ["the Age of Discovery"]


def test_a_verb_whose_parts_may_trade_places_keeps_the_answer_in_either() -> None:
    # "Who did Mark Phillips marry?" lost "Anne" (the sentence's subject) and showed "Westminster Abbey"; whether
    # "Anne" is shown is the confidence model's (just under its threshold since the tagged refit), not the verb's
    wedding = "Princess Anne married Mark Phillips at Westminster Abbey in 1973."
    assert _picked("Who did Mark Phillips marry in 1973?", "who", wedding) == ["Anne"]
    assert "Westminster Abbey" not in _shown("Who did Mark Phillips marry in 1973?", "who", wedding)
    final = "Rafael Nadal played Roger Federer in the 2008 Wimbledon final."
    assert _shown("Who did Roger Federer play in the 2008 Wimbledon final?", "who", final) == ["Rafael Nadal"]


def test_a_who_question_is_not_answered_by_a_span_that_tells_what_happened(monkeypatch) -> None:  # noqa: ANN001
    """The reader marked "Ian Thorpe has emulated Kieren Perkins" as who was named swimmer of the year (a clause, and
    of a question the story does not answer): a "who" question's short answer names someone; a name is kept, and
    another kind's span with a verb too."""
    from askdocs.answering import reader, short_answer
    from askdocs.answering.reader import Reading

    sentence = "Ian Thorpe has emulated Kieren Perkins feat by being named Australian swimmer of the year."
    clause = sentence.index(" feat")
    if reader.load_reader() is None:
        pytest.skip("the reader is not installed")
    for end, kind, shown in ((clause, "who", False), (len("Ian Thorpe"), "who", True), (clause, "what", True)):
        found = (0, Reading(0, end, 5.0, 0.9))
        monkeypatch.setattr(reader, "read_best", lambda q, s, found=found: found)
        spans = short_answer.read_short("Who was named swimmer of the year?", [sentence], stem, kind)
        assert bool(spans) == shown, (end, kind)
