"""Opposites: WordNet's antonyms as package data, matched by stem with graded forms, and a question that swaps a
word of the documents for its opposite refused with the real model, FAISS and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering import answer_question, signals
from askdocs.answering.opposites import opposite_stems, swap, swapped
from askdocs.answering.tagger import TAGGER
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.lang.en import EN
from askdocs.lang.word_files import word_pairs
from askdocs.retrieval import Retriever
from askdocs.text.normalize import words
from askdocs.text.stem import stem

RIVERS = """Rivers of Germany

The Rhine is the longest river in Germany. It rises in the Swiss Alps and flows into the North Sea.
Duisburg is the home of Europe's largest inland port. Barges carry coal, grain and steel from it.
Kaub is one of the smallest towns on the river, with fewer than a thousand people.
"""


def test_the_opposites_file_ships_both_ways() -> None:
    """The antonym pairs are package data, each read both ways."""
    assert len(word_pairs(EN.opposites_file)) > 3000
    assert "least" in EN.opposites["most"] and "most" in EN.opposites["least"]
    assert {"decrease"} <= EN.opposites["increase"]


def test_graded_forms_are_data_and_only_of_adjectives_and_adverbs() -> None:
    """ "colder" and "hotter" are paired in the data (scripts/related_words.py), as are irregular grades; no made-up
    grade that is a word of its own ("offer" of "off", "after" of "aft", "manner" of "man")."""
    assert "hotter" in EN.opposites["colder"] and "worst" in EN.opposites["best"]
    assert "smallest" in EN.opposites["largest"]
    assert not {"offer", "after", "forest", "manner", "letter", "founder"} & set(EN.opposites)


def test_words_that_are_the_questions_form_or_grades_of_other_words_are_no_swap() -> None:
    """ "how many" is the question's form, not a claim that "a few" contradicts; nor is "offered" an opposite of
    "on", or "manner" of "woman"."""
    from askdocs.answering.signals import question_terms
    from askdocs.text.stem import stem

    def swapped_in(question: str, text: str) -> tuple[str, str] | None:
        terms = question_terms(question, lambda q: 1, 10, stem)
        return swap(terms.words - terms.measure, text)

    assert swapped_in("How many families had to leave their homes?", "Only a few houses were flooded.") is None
    assert swapped_in("How much did the new bridge cost?", "The bridge cost little more than planned.") is None
    assert swapped_in("What did the union get on Monday?", "The company offered a 5% raise.") is None
    assert swapped_in("Which woman led the rescue team?", "Maria Keller led the team in a calm manner.") is None
    assert swapped_in("What burned after August 1?", "A forest fire burned for three days.") is None
    assert swapped_in("Which town has the fewest people?", "Arden has the most people.") == ("fewest", "most")


def test_a_swapped_word_is_found_by_stem_and_graded_form() -> None:
    """ "shortest" against "longest", "decreased" against "increased"; nothing when the text has the question's word
    too, or when the question holds both words of the pair."""
    assert opposite_stems()[stem("shortest")] >= {stem("longest")}
    rhine = "The Rhine is the longest river in Germany."
    assert swap(words("What is the shortest river in Germany?"), rhine) == ("shortest", "longest")
    assert swap(words("When did prices decrease?"), "Prices increased in 2001.") == ("decrease", "increased")
    assert swapped(words("What is the longest river in Germany?"), rhine) == 0.0
    assert swapped(words("Is the Rhine the longest or the shortest river?"), rhine) == 0.0
    assert swapped(words("What is the shortest river?"), "The shortest and the longest rivers.") == 0.0


def test_a_word_inside_a_name_or_a_comparison_against_none_is_no_opposite() -> None:
    """ "Center" of "Johnson Space Center" is no opposite of the question's "left", though "from West to North" is
    one of "from East to North"; "more than five minutes" meets "fewer than five", not "the few cases"; the
    auxiliary "has" is no opposite of "missed"."""
    houston = "Which senator objected to Houston being left without a retired orbiter?"
    center = "Senator John Cornyn regretted the rejection of Johnson Space Center as a home for a retired orbiter."
    assert swap(words(houston), center, question=houston) is None
    bend = "What is the bend called where the Rhine changes from East to North?"
    knee = "At Basel is the Rhine knee, a bend where the Rhine changes from West to North."
    assert swap(words(bend), knee, question=bend) == ("east", "west")
    fit = "Which drugs are used when a fever fit goes on for more than five minutes?"
    few = "In the few cases that last greater than 5 minutes, lorazepam or midazolam may be used."
    assert swap(words(fit), few, question=fit) is None
    fewer = "When a fit lasts fewer than five minutes, no drug is used."
    assert swap(words(fit), fewer, question=fit) == ("more", "fewer")
    radio = "Which boat missed a compulsory radio check off Green Cape?"
    assert swap(words(radio), "A yacht in the race has been towed to St Helens.", question=radio) is None


PARTICLE_PAIRS = [
    ("Which contractor did the faulty repair on the fuel line?", "It must be signed off by an engineer.", None),
    ("Which engineer signed the repair on the fuel line?", "The repair must be signed off by an engineer.", None),
    ("Which engineer signed the repair on time?", "The repair must be signed off by an engineer.", None),
    ("Who wrote the report on the merger?", "The board wrote off the merger costs.", None),
    ("How many ships sank on the reef?", "Three ships sank off the reef.", ("on", "off")),
    ("Did the team give up?", "The team never backed down.", None),
    ("Did she switch the lamp on?", "She switched it off.", ("on", "off")),
    ("Did he turn on the heater?", "He turned off the heater.", ("on", "off")),
    ("Did the lights go on at nine?", "The lights went off at nine.", ("on", "off")),
    ("When did prices go up?", "Prices went down in May.", ("up", "down")),
    ("When did the guard switch the floodlights on?", "He switched the floodlights off at midnight.", ("on", "off")),
    ("Was the runner out at second?", "The runner was safe at second.", ("out", "safe")),
]


@pytest.mark.parametrize(("question", "text", "pair"), PARTICLE_PAIRS)
def test_a_particle_is_an_opposite_only_beside_the_same_verb(
    question: str, text: str, pair: tuple[str, str] | None
) -> None:
    """ "on" and "off", "up" and "down" are opposites beside one verb, with or without an object ("He turned off the
    heater" against "Did he turn on the heater?"; "sank off the reef" against "sank on the reef"), not as
    prepositions with their objects away from the verb ("signed the repair on time") or of a noun ("the repair on
    the fuel line" against "signed off"), nor beside different verbs ("give up", "backed down"); without a parser
    no particle counts."""
    TAGGER.preload()
    assert swap(words(question), text, question=question, parse=TAGGER.parse) == pair
    if pair is not None and pair[0] in EN.particles:
        assert swap(words(question), text) is None


def test_a_question_word_the_sentences_beside_say_is_no_swap() -> None:
    """ "broke" in the best sentence is no opposite of the question's "kept" when the sentence beside it (its window's
    stems) says "kept": the question asks what the documents tell there."""
    question = "Who kept the light burning during the storm of 1953?"
    broke = "During the great storm of 1953 the lamp's main lens broke and the keepers feared the light would fail."
    beside = frozenset(stem(w) for w in words("Keeper Thomas Hale kept the light burning all night."))
    assert swap(words(question), broke) == ("kept", "broke")
    assert swap(words(question), broke, held=beside) is None
    assert swapped(words(question), broke, held=beside) == 0.0


def test_a_question_that_swaps_a_word_for_its_opposite_is_refused(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The fitted answerable model weighs the opposite: "smallest" (a word the corpus uses elsewhere) against the
    sentence that says "largest" is refused and the reason names both words; the question as the text puts it is
    answered from that sentence."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "rivers.txt").write_text(RIVERS, encoding="utf-8")
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        swapped_answer = answer_question(retriever, "What is Europe's smallest inland port?")
        plain = answer_question(retriever, "What is Europe's largest inland port?")
    finally:
        retriever.close()
    assert not swapped_answer.found
    assert swapped_answer.reasons == (
        "the closest sentence, “Duisburg is the home of Europe's largest inland port.”, says “largest” where the"
        " question asks “smallest”",
    )
    assert plain.found and "Duisburg" in plain.citations[0].quote


def test_a_column_name_in_snake_case_is_read_as_its_words() -> None:
    """ "Highest_Price", a column's name written into a sentence, holds "highest": the question asking "lowest" is
    a swap, as it is against "highest price" (the underscore joined the words into one the opposites never met)."""
    text = "The Highest_Price paid for a crate of cod was 40 pounds, in March 2023."
    assert swap(words("What was the lowest price paid for a crate of cod?"), text) == ("lowest", "highest")


def test_a_word_broken_at_a_line_end_is_read_whole() -> None:
    """A man page's "decom‐" / "pression" is the question's "decompression", not "compression" alone: no opposite
    (the refusal said the sentence says "compression" where the question asks "decompression")."""
    text = "gzip keeps the input files during compression or decom\u2010\n       pression when -k is given."
    assert swap(["decompression", "keep"], text) is None
    assert swap(["decompression", "keep"], "gzip keeps the input files during compression.") is not None
    assert stem("decompression") in signals.stems_of(text, stem)


def test_the_word_tables_are_built_in_the_background_when_answering_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat loads answering with the model: the opposite and related words tables (seconds of stemming) are
    built then, off the calling thread, not by the first question."""
    import time

    from askdocs.answering import load_answering, opposites, word_match

    monkeypatch.setattr(opposites, "_MADE", {})
    monkeypatch.setattr(word_match, "_RELATED", {})
    load_answering()
    deadline = time.monotonic() + 60
    while not (opposites._MADE and word_match._RELATED) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opposites._MADE and word_match._RELATED


LIGHTHOUSE = """The Skerry Point Lighthouse

The lighthouse at Skerry Point was built in 1871 on a rock a mile off the coast.

During the great storm of 1953 the lamp's main lens broke and the keepers feared the light would fail. Keeper
Thomas Hale kept the light burning all night with a paraffin lantern behind the spare lens.

The light was automated in 1988 and the last keepers left the rock that year.
"""


def test_a_word_the_next_sentence_says_is_not_refused_as_its_opposite(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "Who kept the light burning during the storm of 1953?" was refused because its best sentence says "broke"
    (an opposite of "kept"), while the next sentence says who kept it burning."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "Who kept the light burning during the storm of 1953?")
    finally:
        retriever.close()
    assert not any("broke" in reason for reason in answer.reasons)
    assert answer.found
