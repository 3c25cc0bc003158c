"""Each signal on its own: weights by rarity, coverage in a sentence and its window, types, question signals."""

from __future__ import annotations

import numpy as np
import pytest

from askdocs.answering import signals, word_match
from askdocs.answering.query import parse_query
from askdocs.text.stem import stem


def terms(question: str, frequencies: dict[str, int], total: int = 100) -> signals.QuestionTerms:
    """The question's terms over a corpus whose sentences use each word as often as `frequencies` says: an FTS5
    query of several forms ("capital" OR "capitaler") counts the sentences of each."""

    def frequency(query: str) -> int:
        return sum(frequencies.get(word.strip().strip('"'), 0) for word in query.split(" OR "))

    return signals.question_terms(question, frequency, total, stem)


def test_rare_words_weigh_more_and_unknown_words_are_named() -> None:
    t = terms(
        "Who replaced Max Jones as performance director?",
        {"replaced": 3, "max": 1, "jones": 1, "performance": 40, "director": 30},
    )
    assert t.weights[stem("jones")] > t.weights[stem("director")] > 0
    assert t.names == {stem("max"), stem("jones")}
    assert t.absent == 0.0 and t.unknown == ()
    missing = terms("What is the capital of France?", {"capital": 5})
    assert missing.unknown == ("France",)
    assert 0.0 < missing.absent < 1.0


def test_a_version_number_is_one_word_not_two_digits_any_number_has() -> None:
    # "4.0" read as "4" and "0" was found in "4 June" and "2.0": the question about a version the documents never
    # mention lost the one word that set it apart
    t = terms("When did version 4.0 ship?", {"version": 3, "ship": 1, "4": 2, "0": 1, "2.0": 1})
    assert t.unknown == ("4.0",)
    assert t.absent > 0.0
    assert "4.0" in signals.stems_of("Version 4.0 shipped to 3,000 users.", stem)
    assert "3,000" in signals.stems_of("Version 4.0 shipped to 3,000 users.", stem)
    assert terms("When did version 2.0 ship?", {"version": 3, "ship": 1, "2.0": 1}).unknown == ()


def test_a_word_only_documents_outside_the_filter_use_is_absent_with_its_weight_kept() -> None:
    frequencies = {"elected": 2, "mayor": 6, "carrow": 1}
    plain = terms("Who was elected mayor of Carrow?", frequencies)
    scoped = signals.question_terms(
        "Who was elected mayor of Carrow?",
        lambda q: frequencies.get(q.strip('"'), 0),
        100,
        stem,
        used_within=lambda q: "carrow" not in q,
    )
    assert plain.absent == 0.0 and plain.outside == ()
    assert scoped.outside == ("Carrow",) and scoped.unknown == ()
    assert scoped.weights == plain.weights  # rarity stays corpus-wide
    assert scoped.absent == plain.weights[stem("carrow")] / sum(plain.weights.values())


def test_the_measure_after_how_is_the_questions_form_not_a_word_to_find() -> None:
    """ "How long did the renovation take?" is answered by "after an 18-month renovation": no sentence need say
    "long", and one that does not is no sign the documents lack the answer."""
    t = terms("How long did the bridge renovation take?", {"bridge": 4, "renovation": 2, "take": 9})
    assert set(t.weights) == {stem("bridge"), stem("renovation")}
    assert t.unknown == () and t.absent == 0.0 and stem("long") not in t.stems
    far = terms("How far is Brisco from the long bridge?", {"brisco": 1, "bridge": 4, "long": 7})
    assert stem("far") not in far.weights and stem("long") in far.weights  # only the word right after "how"


def test_coverage_counts_stems_in_the_sentence_and_its_window() -> None:
    t = terms("When were the soldiers wounded?", {"soldiers": 2, "wounded": 2})
    own = signals.stems_of("Four soldiers were wounded in the gunfight.", stem)
    assert signals.coverage(set(own), t) == 1.0
    half = signals.stems_of("The soldiers left.", stem)
    assert 0.4 < signals.coverage(set(half), t) < 0.6
    assert signals.coverage(set(), t) == 0.0


def test_a_close_form_of_a_question_word_counts_as_present() -> None:
    q = [stem(w) for w in ("founded", "national", "governor", "winter", "cold", "2019")]
    sentence = {stem(w) for w in ("founder", "nation", "government", "window", "colder", "2018")}
    assert word_match.near_matches(q, sentence) == {stem("founded"), stem("national"), stem("governor")}
    assert word_match.near_matches(q, {stem("founded")}) == set()  # present already, or nothing close
    t = terms("Who founded the firm Lantia?", {"founded": 2, "firm": 5, "lantia": 1})
    own = signals.stems_of("Eduardo Guerrero, founder of the firm Lantia, said so.", stem)
    plain = signals.Context("", own, frozenset(own), 1, 0.0)
    near = signals.near_context("", own, set(own), 1, 0.0, t)
    assert signals.coverage(set(plain.stems), t) < signals.coverage(set(near.stems), t) == 1.0
    assert stem("founded") in near.window and stem("founded") not in plain.window


def test_a_related_word_of_a_question_word_counts_as_present() -> None:
    """Derived words spelling alone does not tie ("owns" and "Owner", "died" and "death", "robbed" and "robbery")
    count as the question's word, both ways; unrelated words do not."""
    q = [stem(w) for w in ("owns", "died", "robbed", "leader", "cold")]
    sentence = {stem(w) for w in ("owner", "death", "robbery", "leads", "colder", "window")}
    assert word_match.near_matches(q, sentence) == {stem(w) for w in ("owns", "died", "robbed", "leader")}
    assert word_match.near_matches([stem("owns")], {stem("own"), stem("owner")}) == set()  # present already
    assert word_match.near_matches([stem("own")], {stem("town"), stem("owl")}) == set()
    t = terms("Who owns the Crumb bakery?", {"owns": 3, "crumb": 1, "bakery": 2})
    own = signals.stems_of("Owner Dana Reyes opened the Crumb bakery in 2019.", stem)
    near = signals.near_context("", own, set(own), 1, 0.0, t)
    assert signals.coverage(set(own), t) < signals.coverage(set(near.stems), t) == 1.0


def test_a_word_the_corpus_only_uses_in_a_derived_form_is_not_unknown() -> None:
    """ "Who owns Crumb?" over a corpus that says "Owner" asks about something the documents do say: the word weighs
    as rare as its derived form and is not among the words the corpus never uses."""
    t = terms("Who owns the Crumb bakery?", {"owner": 2, "crumb": 1, "bakery": 2})
    assert t.unknown == () and t.absent == 0.0
    assert t.weights[stem("owns")] == signals.idf(2, 100)
    never = terms("Who owns the Crumb bakery?", {"crumb": 1, "bakery": 2})
    assert never.unknown == ("owns",) and never.absent > 0.0


def test_a_word_the_index_stems_apart_from_its_forms_is_found_in_them() -> None:
    """The index's Porter stemmer makes "di" of "died" and "die" of "die": "When did Henry Alder die?" over a text
    that says "died" must not count "die" as a word the corpus never uses (nor "owns" where it says "Owner")."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE s USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')")
    conn.executemany(
        "INSERT INTO s(text) VALUES (?)",
        [("Henry Alder died in 1998 at his home.",), ("Owner Dana Reyes opened the shop.",), ("He lied.",)],
    )

    def frequency(query: str) -> int:
        return int(conn.execute("SELECT count(*) FROM s WHERE s MATCH ?", (query,)).fetchone()[0])

    assert frequency('"die"') == 0  # what the plain lookup met
    for question in ("When did Henry Alder die?", "Who owns the shop?", "Who lied?", "Why did he lie?"):
        t = signals.question_terms(question, frequency, 3, stem)
        assert t.unknown == () and t.absent == 0.0, question
    assert signals.question_terms("When did Alder retire?", frequency, 3, stem).unknown == ("retire",)


def test_typed_presence_by_question_kind() -> None:
    q = frozenset({"who", "met", "jones"})
    assert signals.typed_present("He met Maria Lopez in May.", "who", q) == 1.0
    assert signals.typed_present("He met them later.", "who", q) == 0.0
    assert signals.typed_present("It cost 40 dollars.", "how_much", q) == 1.0
    assert signals.typed_present("It cost a lot.", "how_much", q) == 0.0
    assert signals.typed_present("Anything at all.", "why", q) == 0.5
    tower = parse_query("How tall is the water tower?").kind  # a measure is asked with a number
    assert signals.typed_present("The tower stands 41 metres tall.", tower, q) == 1.0
    assert signals.typed_present("The tower is very tall.", tower, q) == 0.0


def test_a_year_is_no_count_nor_measure_but_a_number_word_is_a_count() -> None:
    """ "restored between 1968 and 1979" holds no length; "eleven viaducts" a count; "2000 metres" a measure."""
    q = frozenset({"how", "long"})
    assert signals.typed_present("The railway was restored between 1968 and 1979.", "how_measure", q) == 0.0
    assert signals.typed_present("The railway was restored between 1968 and 1979.", "when", q) == 1.0
    assert signals.typed_present("The 1990s saw growth.", "how_many", q) == 0.0
    assert signals.typed_present("The line crosses eleven viaducts.", "how_many", q) == 1.0
    assert signals.typed_present("The track was relaid over 2000 metres.", "how_measure", q) == 1.0
    assert signals.typed_present("About 2021 votes were cast.", "how_many", q) == 1.0
    assert signals.typed_present("It cost $1,500 in 1990.", "how_much", q) == 1.0
    assert signals.typed_present("The ticket hall has six counters.", "how_much", q) == 0.0  # a count, no amount


def test_a_measure_written_in_words_is_a_measure_but_a_bare_number_word_is_none() -> None:
    """ "roughly one hour", "a three-day visit", "two and a half miles" answer "how long" or "how far"; "one of
    the men" and "a big day" measure nothing, and a measure in words is no price."""
    q = frozenset({"how", "long"})
    for text in (
        "The meeting lasted roughly one hour.",
        "He warned of the risks after a three-day visit to Kenya.",
        "Buffon signed a one-year contract.",
        "The route runs two and a half miles.",
        "It had been out of touch for the previous five months.",
    ):
        assert signals.typed_present(text, "how_measure", q) == 1.0, text
    for text in ("One of the men was released.", "It was a big day for the town.", "He won five medals."):
        assert signals.typed_present(text, "how_measure", q) == 0.0, text
    assert signals.typed_present("The boy was a year old.", "how_old", q) == 1.0
    assert signals.typed_present("The meeting lasted roughly one hour.", "how_much", q) == 0.0


def test_a_day_of_a_month_or_a_clock_time_is_no_count_age_nor_measure() -> None:
    """ "ensued on July 2" holds no age; "at 10:30 p.m." no count; a race time of "2:05:30" is a measure, and a
    count beside a date still counts."""
    q = frozenset({"how", "old"})
    for text in ("A gunfight ensued on July 2.", "He left on the 2nd of July.", "Police came at 10:30 p.m."):
        assert signals.typed_present(text, "how_old", q) == 0.0
        assert signals.typed_present(text, "how_many", q) == 0.0
        assert signals.typed_present(text, "when", q) == 1.0
    assert signals.typed_present("The doors opened at 7.45am.", "how_many", q) == 0.0
    assert signals.typed_present("She won in 2:05:30.", "how_measure", q) == 1.0
    assert signals.typed_present("Three men were held on July 2.", "how_many", q) == 1.0
    assert signals.typed_present("On July 2, 14 people were hurt.", "how_many", q) == 1.0
    assert signals.typed_present("The embassy warned of it on Tuesday.", "when", q) == 1.0  # a weekday is a date
    assert signals.typed_present("The works began in March.", "when", q) == 1.0
    assert signals.typed_present("The works began later.", "when", q) == 0.0
    assert signals.typed_present("A patent for LK-99 was filed by the Q-Centre.", "how_much", q) == 0.0  # a name
    assert signals.typed_present("Two F-16 jets and 3 helicopters flew.", "how_many", q) == 1.0


def test_a_what_question_asking_for_a_name_wants_a_name() -> None:
    """ "What was the name of the driver?" is typed as a "which" question: a sentence naming no one holds no answer,
    one that names someone the question does not does; other "what" questions ask for no type."""
    from askdocs.answering.asked_type import typed_kind

    asked = parse_query("What was the name of the driver of the Coromandel Express?")
    kind = typed_kind(asked.kind, asked.head)
    words = frozenset({"what", "was", "the", "name", "of", "driver", "coromandel", "express"})
    assert signals.typed_present("Both drivers of the Coromandel Express survived.", kind, words) == 0.0
    assert signals.typed_present("The driver, Ghanashyam Mohanty, survived.", kind, words) == 1.0
    other = parse_query("What caused the derailment of the Coromandel Express?")
    assert signals.typed_present("A signal fault caused it.", typed_kind(other.kind, other.head), words) == 0.5


def test_cheap_signals_follow_the_declared_order() -> None:
    t = terms("Where does the Rhine end?", {"rhine": 4, "end": 10})
    stems = signals.stems_of("The Rhine ends in the North Sea.", stem)
    context = signals.Context("The Rhine ends in the North Sea.", stems, frozenset(stems), 2, 0.0)
    row = dict(zip(signals.CHEAP, signals.cheap_signals(context, t, "where"), strict=True))
    assert row["coverage"] == 1.0 and row["rank"] == 0.5 and row["lexical_only"] == 0.0
    assert row["typed"] == 1.0 and row["rarest"] == 1.0


def test_sentence_signals_put_cosines_and_gaps_first() -> None:
    cheap = np.ones((3, len(signals.CHEAP)))
    out = signals.sentence_signals(cheap, np.array([0.2, 0.6, 0.5]), np.array([0.7, 0.3, 0.4]), np.array([0.1] * 3))
    assert out.shape == (3, len(signals.SENTENCE))
    row = {name: out[:, i] for i, name in enumerate(signals.SENTENCE)}
    assert np.allclose(row["dense"], [0.2, 0.6, 0.5]) and np.allclose(row["dense_gap"], [0.4, 0.0, 0.1])
    assert np.allclose(row["before_dense"], [0.7, 0.3, 0.4]) and np.allclose(row["before_gap"], [0.0, 0.4, 0.3])
    assert np.allclose(row["title_dense"], 0.1) and np.allclose(row["title_gap"], 0.0)
    assert np.allclose(out[:, 6:], 1.0)


def test_question_signals_measure_what_the_best_window_lacks() -> None:
    t = terms("Which river is colder than the Rhine?", {"river": 20, "colder": 1, "rhine": 30})
    stems = signals.stems_of("The Danube is a river warmer than the Rhine.", stem)
    best = signals.Context("", stems, frozenset(stems), 1, 0.0)
    top = np.zeros((2, len(signals.SENTENCE)))
    top[:, signals.SENTENCE.index("dense")] = [0.4, 0.6]
    top[:, signals.SENTENCE.index("coverage_context")] = [0.5, 0.2]
    signal = signals.question_signals([0.9, 0.3], best, t, top, (1.0, 0.0), kind="which")
    row = dict(zip(signals.QUESTION, signal, strict=True))
    assert row["best"] == 0.9 and row["second"] == 0.3
    assert row["missing_count"] == 1.0 and row["missing_max"] == 1.0
    assert row["best_coverage"] == 0.5 and row["dense"] == 0.4 and row["top_dense"] == 0.6
    assert row["best_logit"] > 2
    assert row["swap"] == 1.0 and row["swap_all"] == 0.0  # the swap signals as given


def test_the_answerable_model_reads_whether_the_best_sentence_holds_the_asked_type() -> None:
    """Not the second sentence's: "How much does the ferry cost?" over "Ferries leave every forty minutes." holds no
    amount, whatever the sentences after it hold; a count, amount, measure or age asked and no number held is a
    signal of its own, which a name question's best sentence without a name does not raise, nor a "when" question's
    without digits."""
    t = terms("How much does the ferry cost?", {"ferry": 5, "cost": 8})
    stems = signals.stems_of("Ferries leave every forty minutes.", stem)
    best = signals.Context("", stems, frozenset(stems), 1, 0.0)
    top = np.zeros((2, len(signals.SENTENCE)))
    top[:, signals.SENTENCE.index("typed")] = [0.0, 1.0]

    def row(kind: str) -> dict[str, float]:
        signal = signals.question_signals([0.6, 0.3], best, t, top, (0.0, 0.0), kind=kind)
        return dict(zip(signals.QUESTION, signal, strict=True))

    assert row("how_much")["typed"] == 0.0 and row("how_much")["no_number"] == 1.0
    assert row("how_many")["no_number"] == 1.0 and row("how_measure")["no_number"] == 1.0
    assert row("who")["no_number"] == 0.0 and row("when")["no_number"] == 0.0  # "at nine" answers "when"
    top[0, signals.SENTENCE.index("typed")] = 1.0
    assert row("how_much")["typed"] == 1.0 and row("how_much")["no_number"] == 0.0


def test_a_when_question_lacks_its_answer_only_where_the_tagger_finds_no_date_nor_time() -> None:
    """ "When does the ferry leave?" over "... leaves at nine every weekday morning" holds its answer without digits;
    over "The ferry is run by the county council." it holds none; without the tagger nothing is known."""
    from askdocs.answering.tagger import TAGGER

    t = terms("When does the ferry leave?", {"ferry": 5, "leave": 8})
    top = np.zeros((1, len(signals.SENTENCE)))  # neither sentence has digits or a named day or month

    def no_number(text: str, parse) -> float:  # noqa: ANN001 - the tagger's parse, or None
        stems = signals.stems_of(text, stem)
        best = signals.Context(text, stems, frozenset(stems), 1, 0.0)
        signal = signals.question_signals([0.6], best, t, top, (0.0, 0.0), parse, kind="when")
        return dict(zip(signals.QUESTION, signal, strict=True))["no_number"]

    if TAGGER.parse("The ferry leaves at nine.") is None:
        pytest.skip(f"the tagger is unavailable: {TAGGER.error}")
    assert no_number("The ferry to Carrow leaves at nine every weekday morning.", TAGGER.parse) == 0.0
    assert no_number("The ferry leaves in the early spring.", TAGGER.parse) == 0.0
    assert no_number("The ferry to Carrow is run by the county council.", TAGGER.parse) == 1.0
    assert no_number("The ferry to Carrow is run by the county council.", None) == 0.0


def test_dated_questions_rank_sentences_of_that_day_first() -> None:
    assert signals.date_order([0.35, 0.6, 1.0, 0.0], [0.9, 0.2, 0.1, 0.5], dated=True) == [1, 2, 0, 3]
    assert signals.date_order([0.35, 0.6, 1.0, 0.0], [0.9, 0.2, 0.1, 0.5], dated=False) == [0, 3, 1, 2]


def test_date_words_count_by_date_agreement_not_spelling() -> None:
    t = signals.question_terms("Who was arrested on July 2?", lambda q: 3, 100, stem, date_words=("July", "2"))
    assert t.dated == {stem("july")} and stem("july") not in t.names
    spelled = set(signals.stems_of("After the arrests on July 2, a third man was held.", stem))
    assert signals.coverage(spelled, t, date=0.35) < signals.coverage(spelled, t, date=1.0)
    assert signals.coverage({stem("arrested")}, t, date=1.0) == 1.0


def test_irregular_forms_meet_their_base_word() -> None:
    """The forms "began" and "begin" meet, as "children" and "child" do (the Lexicon's word forms); "found", the
    past of "find", stays apart from "founded"."""
    assert stem("began") == stem("begun") == stem("begin") == stem("beginning")
    assert stem("children") == stem("child") and stem("applied") == stem("apply")
    assert stem("found") == stem("find") != stem("founded")
    question = set(signals.stems_of("When did the strike begin?", stem))
    assert question <= set(signals.stems_of("The strike began on Monday.", stem))


def test_a_word_is_known_when_the_corpus_has_another_of_its_forms() -> None:
    """The corpus says "began", the question "begin": the word is not unknown, so it is not a reason to refuse."""
    asked: list[str] = []

    def frequency(query: str) -> int:
        asked.append(query)
        return 4 if '"began"' in query else 0

    t = signals.question_terms("When did the strike begin?", frequency, 100, stem)
    assert t.unknown == ("strike",) and any('"begin"' in q and '"began"' in q and " OR " in q for q in asked)


def test_the_words_of_a_met_date_are_neither_unknown_nor_only_outside_the_filter() -> None:
    """ "in 2006" over "Between 2005 and 2008, ...": once a candidate sentence's date meets the question's, its
    year is no word the corpus lacks, nor one only documents a filter leaves out use; unmet, it still is."""
    df = {'"club"': 5, '"meet"': 3, '"2006"': 1}

    def frequency(query: str) -> int:
        return sum(df.get(part, 0) for part in query.split(" OR "))

    question = "Where did the club meet in 2006?"
    filtered = signals.question_terms(
        question, frequency, 20, stem, date_words=("2006",), used_within=lambda q: '"2006"' not in q
    )
    assert filtered.outside == ("2006",) and filtered.absent > 0
    met = signals.date_met(filtered, True)
    assert met.outside == () and met.absent == 0.0
    assert signals.date_met(filtered, False) == filtered
    never = signals.question_terms(
        question, lambda q: 0 if "2006" in q else frequency(q), 20, stem, date_words=("2006",)
    )
    assert never.unknown == ("2006",) and signals.date_met(never, True).unknown == ()


def test_numbers_never_count_as_close_forms_of_each_other() -> None:
    from askdocs.answering.word_match import close_forms

    for asked, present in (("10.15.7", "10.15.2"), ("2,000", "2,000,000"), ("12.05.2020", "12.05.2021")):
        assert close_forms([asked], {present}) == set(), (asked, present)
    assert close_forms(["arrested"], {"arresting"}) == {"arrested"}
    assert close_forms(["covid-19"], {"covid"}) == {"covid-19"}  # a word with a number in it is a word
