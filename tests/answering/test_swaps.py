"""Swapped names, with the real tagger: a question naming a place, person or year the best sentence lacks while it
names another of that kind is a swap; a name the sentence or its neighbours hold, or one with no counterpart of
its kind, is not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from askdocs.answering.decision import decide
from askdocs.answering.evidence import gather_evidence
from askdocs.answering.model import fitted
from askdocs.answering.query import parse_query
from askdocs.answering.signals import Context, stems_of
from askdocs.answering.swaps import swap_signals
from askdocs.answering.tagger import TAGGER
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.ingest.timeline import INHERITED
from askdocs.retrieval import Retriever
from askdocs.text.stem import stem

ISTANBUL = "A bomb exploded on Istiklal Avenue in Istanbul on 13 November 2022, killing six people."
FOUNDED = "Kenkoku University was founded in 1938 by an edict of General Kanji Ishiwara."


def _context(text: str, neighbours: str = "", date: float = 0.0) -> Context:
    own = stems_of(text, stem)
    return Context(text, own, frozenset(own) | frozenset(stems_of(neighbours, stem)), 1, date)


def _swap(
    question: str, *sentences: str, neighbours: str = "", date: float = 0.0, unused: frozenset[str] = frozenset()
) -> tuple[tuple[float, float], tuple[str, str] | None]:
    TAGGER.preload()
    return swap_signals(question, [(s, _context(s, neighbours, date)) for s in sentences], TAGGER, stem, unused)


def test_a_place_the_best_sentence_replaces_is_a_swap() -> None:
    signals, named = _swap("How many people died in the 2022 Ankara bombing?", ISTANBUL)
    assert signals == (1.0, 1.0)
    assert named == ("Ankara", "Istanbul")


def test_a_year_the_best_sentence_replaces_is_a_swap() -> None:
    signals, named = _swap("Who founded Kenkoku University in 1952?", FOUNDED)
    assert signals[0] == 1.0 and named == ("1952", "1938")


def test_the_question_s_own_names_are_no_swap() -> None:
    assert _swap("How many people died in the 2022 Istanbul bombing?", ISTANBUL) == ((0.0, 0.0), None)
    assert _swap("Who founded Kenkoku University in 1938?", FOUNDED) == ((0.0, 0.0), None)


def test_a_name_the_neighbours_hold_is_no_swap() -> None:
    """The sentence before says where: "Ankara" is not missing from the best sentence's neighbourhood."""
    neighbours = "Police in Ankara said the attacker had travelled from the capital."
    assert _swap("How many people died in the Ankara bombing?", ISTANBUL, neighbours=neighbours)[0] == (0.0, 0.0)


def test_a_missing_name_with_no_counterpart_of_its_kind_is_no_swap() -> None:
    """The sentence names no person: a question's person it lacks is missing, not swapped."""
    assert _swap("Did Maria Okafor see the explosion on Istiklal Avenue?", ISTANBUL) == ((0.0, 0.0), None)


def test_swap_all_needs_every_best_sentence_to_swap() -> None:
    other = "The Ankara office confirmed the number of people killed."
    signals, named = _swap("How many people died in the 2022 Ankara bombing?", ISTANBUL, other)
    assert signals == (1.0, 0.0) and named == ("Ankara", "Istanbul")


def test_a_span_of_time_is_no_date_to_swap() -> None:
    """ "six days a week" is how long, not which day: a question about Saturday is not swapped by it, while a
    sentence naming another day is."""
    assert _swap("What are the library's hours on Saturday?", "The library is open six days a week.")[0] == (0.0, 0.0)
    assert (
        _swap("What are the library's hours on Saturday?", "The library is open until 9pm on Thursdays.")[0][0] == 1.0
    )
    # the question's "28-day" says how long, so the sentence's February is no date swapped for it
    sentence = "In January last year, the teenager was given a mandatory 28-day sentence for stealing stationery."
    died = "In February last year, the teenager died in hospital."
    asked = "What offence earned the teenager his mandatory 28-day sentence?"
    assert _swap(asked, died)[0] == (0.0, 0.0)
    assert _swap("What offence earned the teenager his sentence in March 2023?", died)[0][0] == 1.0
    assert _swap(asked, sentence)[0] == (0.0, 0.0)


BOMBING = """Bomb attack in Istanbul

A bomb exploded on Istiklal Avenue in Istanbul on 13 November 2022, killing six people and injuring 81.
Police said a woman had left the bag on a bench minutes before the explosion.
The city's governor called the attack an act of terror.

Ferry crossings resume

Ferries across the Bosphorus ran to their usual timetable again on Monday after a week of storms.
The transport ministry in Ankara said repairs to two piers would take a month.
"""


def test_a_question_swapping_the_city_is_less_sure_and_a_refusal_says_which(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The fitted answerable model weighs the swap: the Ankara bombing the documents never tell of (they name Ankara
    elsewhere) is less sure with the swap signals than without them, and a refusal names the city the closest
    sentence names instead; asked of Istanbul, nothing is swapped."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "news.txt").write_text(BOMBING, encoding="utf-8")
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    models = fitted()
    TAGGER.preload()
    try:
        swapped, plain = (
            gather_evidence(retriever, parse_query(f"How many people were killed in the 2022 {city} bombing?"), models)
            for city in ("Ankara", "Istanbul")
        )
    finally:
        retriever.close()
    assert decide(swapped, models, tagger=TAGGER).confidence < decide(swapped, models).confidence - 0.1
    assert decide(plain, models, tagger=TAGGER).confidence == decide(plain, models).confidence
    strict = replace(models, answerable=replace(models.answerable, threshold=0.99))  # refuse whatever the evidence
    refused = decide(swapped, strict, tagger=TAGGER)
    assert refused.reasons == (  # the sentence quoted, cut at a word
        "the closest sentence, “A bomb exploded on Istiklal Avenue in Istanbul on 13 November 2022, killing six…”,"
        " names “Istanbul” where the question names “Ankara”",
    )


def test_a_name_the_sentence_writes_inside_a_word_is_no_swap() -> None:
    """The tagger's "60" of "the 60m hurdles" is in "over 60m hurdles" (the words of the text read "60m"): no swap,
    and no sentence name that the question says is a counterpart (a refusal said the sentence names "60" where the
    question names "60")."""
    sentence = "She has smashed the British record over 60m hurdles twice this season, setting a mark of 7.96 seconds."
    assert _swap("What was Sarah Claxton's record time in the 60m hurdles?", sentence) == ((0.0, 0.0), None)


def test_a_year_the_sentence_s_date_meets_is_no_swap() -> None:
    """ "In May ..." under a "2023" heading carries that year (its date meets the question's), and "the 2022-2023
    season" writes it: neither swaps "2023" for "May" or for the season (the signal read both as swaps)."""
    question = "How many books did the library lend in 2023?"
    assert _swap(question, "In May the library lent 12,000 books.", date=INHERITED)[0] == (0.0, 0.0)
    assert _swap(question, "In the 2022-2023 season the library lent 98,000 books.")[0] == (0.0, 0.0)
    assert _swap(question, "In May the library lent 12,000 books.")[0] == (1.0, 1.0)  # no date carried: a swap


def test_a_name_and_its_initials_are_no_swap() -> None:
    """ "U.S." in the question and "The United States" in the sentence name one country."""
    assert _swap("When did the U.S. join the war?", "The United States joined the war in 1917.")[0] == (0.0, 0.0)
    assert _swap("When did Canada join the war?", "The United States joined the war in 1917.")[0] == (1.0, 1.0)


def test_a_name_inside_a_longer_number_or_name_is_missing() -> None:
    """ "6" is not in "6,000" or "60", "5" not in "5.50", "Paul" not in "Paula": each is a swap, as "60" glued to
    its unit ("60m") is none."""
    assert _swap("Did 6 people die in the Leeds fire?", "In Leeds, 6,000 people died in the fire.")[1] == ("6", "6,000")
    assert _swap("Did 6 people die in the Leeds fire?", "In Leeds, 60 people died in the fire.")[1] == ("6", "60")
    assert _swap("Who did Paul meet in Rome?", "Paula met Marco in Rome.")[0][0] == 1.0


def test_a_dotted_name_is_no_initials_of_another() -> None:
    """Only a name in capitals alone stands for a name in words: "J.K. Rowling" is not "John Reid"."""
    assert _swap("What did J.K. Rowling write in 2001?", "John Reid wrote a report in 2001.")[0][0] == 1.0


def test_another_first_name_of_the_family_is_a_swap() -> None:
    """ "Catherine Ellery" asked where the best sentences tell of "Margaret Ellery" and no sentence of the corpus
    writes "Catherine": the family name is held, the person is not, in the sentence that names her or in one that
    says "Ellery" alone."""
    lead = "Margaret Ellery, the civil engineer behind three northern road bridges, has died aged 72."
    born = "Ellery was born in Stonehaven in 1951 and trained as an engineer in Aberdeen."
    unused = frozenset({"catherine"})
    signals, named = _swap("Where was Catherine Ellery born?", lead, unused=unused)
    assert signals[0] == 1.0 and named == ("Catherine Ellery", "Margaret Ellery")
    signals, named = _swap("Where was Catherine Ellery born?", born, lead, unused=unused)
    assert signals == (1.0, 1.0) and named == ("Catherine Ellery", "Margaret Ellery")
    for same in ("Where was Margaret Ellery born?", "Where was M. Ellery born?", "Where was Ellery born?"):
        assert _swap(same, born, lead, unused=frozenset({"m."})) == ((0.0, 0.0), None), same
    assert _swap("Where was Catherine Ellery born?", born, unused=unused) == ((0.0, 0.0), None)  # no other Ellery
    assert _swap("Where was Catherine Ellery born?", born, lead)[0] == (0.0, 0.0)  # the corpus writes "Catherine"


def test_a_relative_or_the_asked_name_s_own_tail_is_no_namesake() -> None:
    """A biography's subject goes by the family name beside a relative named in full: the asked first name is
    written somewhere, so the relative is no evidence of another person; "Von Neumann" is John von Neumann; an
    initial stands for any first name of its letter."""
    clinton = "Clinton became senator in 2001, after Bill Clinton left office."
    assert _swap("When did Hillary Clinton become senator?", clinton)[0] == (0.0, 0.0)  # the corpus writes "Hillary"
    assert _swap("When did Hillary Clinton become senator?", clinton, unused=frozenset({"hillary"}))[0][0] == 1.0
    neumann = "Von Neumann was born in Budapest in 1903."
    assert _swap("Where was John von Neumann born?", neumann, unused=frozenset({"john"}))[0] == (0.0, 0.0)
    rowling = "Joanne Rowling wrote the first book in cafes in Edinburgh."
    jk = frozenset({"j.k."})
    assert _swap("Where did J.K. Rowling write?", rowling, unused=jk)[0] == (0.0, 0.0)
    sister = "Her sister Dianne Rowling is a teacher."
    assert _swap("Where did J.K. Rowling write?", rowling, sister, unused=jk)[0] == (0.0, 0.0)  # Joanne may be her
    assert _swap("Where did J.K. Rowling write?", sister, unused=jk)[0][0] == 1.0  # Dianne alone is not


BOND = "The council voted 7 to 2 on Tuesday to approve a $66 million bond for the bridge repairs."


def test_an_amount_or_a_date_with_another_figure_is_a_swap() -> None:
    # "$86 million" was held by the sentence's "million", and "March 2019" by a "March" of another year
    signals, named = _swap("Who voted for the $86 million bond?", BOND)
    assert signals[0] == 1.0 and named == ("$86 million", "$66 million")
    assert _swap("Who voted for the $66 million bond?", BOND)[0] == (0.0, 0.0)
    match = "The museum reopened in March 2023 after the repairs."
    signals, named = _swap("When did the museum reopen in March 2019?", match)
    assert signals[0] == 1.0 and named == ("March 2019", "March 2023")


def test_an_unknown_name_the_tagger_reads_as_a_people_is_no_swap_for_a_nationality() -> None:
    """The small English pipeline reads an unfamiliar place before a noun as a nationality ("the Interlaken
    canyoning tragedy"): "Swiss" in the sentence was a swap for it, and the question, answered by the story, was
    refused. A people the vocabulary knows is still swapped."""
    swiss = "A director of a defunct Swiss company that organised a canyoning trip in 1999 has denied responsibility."
    assert _swap("How many people died in the Interlaken canyoning tragedy?", swiss) == ((0.0, 0.0), None)
    signals, named = _swap("How many Palestinian suspects were detained?", "Israeli police detained 160 suspects.")
    assert signals[0] == 1.0 and named == ("Palestinian", "Israeli")


def test_of_several_missing_names_the_one_written_among_the_same_words_is_named() -> None:
    """Both "UK" and "Leeds" are missing from the sentence, which names "Bristol": the reason pairs Bristol with the
    name written beside the same words ("near Leeds", "near Bristol"), not with the question's first place."""
    sentence = "British soldiers are guarding the depot they have secured near Bristol, officials said."
    signals, named = _swap("Which UK officer said the soldiers near Leeds were ready?", sentence)
    assert signals[0] == 1.0
    assert named == ("Leeds", "Bristol")
