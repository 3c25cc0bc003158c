"""A follow-up's "it" is the thing the last question asked about, never a person, nor a place but the one the question
was about: after "Which yacht took line honours in the Sydney to Hobart?", "How long did it take?" does not ask how
long Sydney took; after "When was the Eiffel Tower built?", "How tall is it?" asks about the tower. The real tagger
reads these turns."""

from __future__ import annotations

import json
from pathlib import Path

from askdocs.answering import answer_question
from askdocs.answering.context_file import load_turns
from askdocs.answering.followup import rewrite_question, turn_from_answer, turn_from_text
from askdocs.answering.tagger import TAGGER
from tests.support import indexed

YACHT_QUESTION = "Which yacht took line honours in the Sydney to Hobart?"
YACHT_ANSWER = (
    "Swedish Round the World ocean racer Assa Abloy has taken line honours in the 57th Sydney to Hobart yacht race. [1]"
)
RACE = """Title: Assa Abloy takes line honours in Sydney to Hobart
Date: 2001-12-28

Swedish Round the World ocean racer Assa Abloy has taken line honours in the 57th Sydney to Hobart yacht race.

The 60-foot yacht crossed the finish line on the Derwent River in Hobart shortly after midnight, two days, 14 hours
and 2 minutes after leaving Sydney Harbour.

Skipper Neal McDonald said the crew had battled strong southerly winds across Bass Strait.

Illbruck finished second, about an hour behind the Swedish boat.
"""
OTHER = "The Danube flows through ten countries before it reaches the Black Sea in Romania.\n"


def test_it_is_the_thing_asked_for_never_a_place_the_question_named() -> None:
    TAGGER.preload()
    unanswered = turn_from_text(YACHT_QUESTION, YACHT_ANSWER, None, "which")
    assert rewrite_question("How long did it take?", [unanswered], TAGGER) == ("How long did the yacht take?", True)
    # the answer to a question asking for a yacht is the yacht, though the rules and the tagger read a person's name
    answered = turn_from_text(YACHT_QUESTION, YACHT_ANSWER, "Assa Abloy", "which")
    assert rewrite_question("How long did it take?", [answered], TAGGER)[0] == "How long did Assa Abloy take?"
    assert rewrite_question("How long did it take?", [answered])[0] == "How long did Assa Abloy take?"  # no tagger
    # a city answering "Which city ...?" is still a place
    city = turn_from_text("Which city hosted the games?", "Sydney hosted the games in 2000. [1]", "Sydney", "which")
    assert "Sydney" not in rewrite_question("How big is it?", [city], TAGGER)[0]


def test_it_is_the_event_asked_about_though_the_tagger_runs_its_name_on_with_a_year() -> None:
    """ "How many people died in it?" after "When did the Great Orsa Flood happen?": the tagger reads "The Great Orsa
    Flood of 1893" (and "the Great Orsa Flood of") as one name, which was taken for a longer name holding this one,
    so "it" stood for nothing."""
    TAGGER.preload()
    answer = (
        "The Great Orsa Flood of 1893 was a flood of the Orsa River in March and April 1893 that caused the deaths of"
        " 327 people. [1]\nLarge parts of the eastern districts were destroyed in the Great Orsa Flood of 1893. [2]"
    )
    flood = turn_from_text("When did the Great Orsa Flood happen?", answer, None, "when")
    rewritten, changed = rewrite_question("How many people died in it?", [flood], TAGGER)
    assert changed and "Great Orsa Flood" in rewritten


def test_it_is_never_a_person() -> None:
    """Not the man "he" stands for ("Where did Tarkovsky die?", though the tagger reads him as a company), nor the
    answer to a question asking for a person."""
    TAGGER.preload()
    died = turn_from_text("Where did Tarkovsky die?", "Paris [1]\n\nTarkovsky died in Paris in 1986. [1]", "Paris")
    assert rewrite_question("When was it built?", [died], TAGGER) == ("When was it built?", False)
    scored = turn_from_text(
        "Which player scored the winning goal?", "Lionel Messi scored the winning goal. [1]", "Lionel Messi", "which"
    )
    # the thing the question was about, never the player who answers it
    assert rewrite_question("When did it happen?", [scored], TAGGER) == ("When did the winning goal happen?", True)


def test_it_is_still_the_thing_a_question_named() -> None:
    TAGGER.preload()
    solaris = turn_from_text("What is Solaris?", "Solaris is a film by Andrei Tarkovsky. [1]", None, "what")
    assert rewrite_question("When was it released?", [solaris], TAGGER)[0] == "When was Solaris released?"
    tube = turn_from_text(
        "How many stations does the London Underground have?", "The London Underground has 274 stations. [1]"
    )
    assert rewrite_question("When did it open?", [tube], TAGGER)[0] == "When did London Underground open?"
    ship = turn_from_text("When did the Titanic sink?", "The Titanic sank on 15 April 1912. [1]", None, "when")
    assert rewrite_question("Where was it built?", [ship], TAGGER)[0] == "Where was Titanic built?"


def test_it_is_the_place_the_last_question_was_about() -> None:
    """A place is "it" when the last question was about it: its subject, a whole name ("When was the Eiffel Tower
    built?", "Where is Andorra?"), though the tagger reads it as a place's name (or a lone one as a company's)."""
    TAGGER.preload()
    tower = turn_from_text(
        "When was the Eiffel Tower built?", "The Eiffel Tower was built between 1887 and 1889. [1]", None, "when"
    )
    assert rewrite_question("How tall is it?", [tower], TAGGER) == ("How tall is Eiffel Tower?", True)
    andorra = turn_from_text(
        "Where is Andorra?", "Andorra is a landlocked country in the Pyrenees between France and Spain. [1]"
    )
    assert rewrite_question("What currency does it use?", [andorra], TAGGER)[0] == "What currency does Andorra use?"
    peru = turn_from_text("Where is Peru?", "Peru is a country in South America. [1]", "South America", "where")
    assert rewrite_question("When did it become independent?", [peru], TAGGER)[0] == (
        "When did Peru become independent?"
    )


def test_a_place_is_not_it_unless_the_question_was_about_it() -> None:
    """Not a place the question only named, nor part of a longer name ("Sydney" of "the Sydney to Hobart"), nor a
    place when the question asked for a thing ("Which yacht ...?": the yacht, or the answer, comes first); not a lone
    name that did something ("Where did Washington cross the Delaware?"), nor a person asked about ("Who is ...?")."""
    TAGGER.preload()
    yacht = turn_from_text(YACHT_QUESTION, YACHT_ANSWER, None, "which")
    assert rewrite_question("How long did it take?", [yacht], TAGGER)[0] == "How long did the yacht take?"
    answered = turn_from_text(YACHT_QUESTION, YACHT_ANSWER, "Assa Abloy", "which")
    assert rewrite_question("How long did it take?", [answered], TAGGER)[0] == "How long did Assa Abloy take?"
    start = turn_from_text(
        "When did the Sydney to Hobart start?", "The Sydney to Hobart started on Boxing Day. [1]", None, "when"
    )
    assert rewrite_question("How long did it take?", [start], TAGGER) == ("How long did it take?", False)
    left = turn_from_text("When did the race leave Sydney?", "The race left Sydney Harbour at 1pm. [1]", None, "when")
    assert rewrite_question("How long did it take?", [left], TAGGER) == ("How long did it take?", False)
    crossed = turn_from_text(
        "Where did Washington cross the Delaware?", "Washington crossed the Delaware at McConkey's Ferry. [1]"
    )
    assert rewrite_question("When was it built?", [crossed], TAGGER)[0] == "When was it built?"
    for who, answer in (
        ("Who is Andrei Tarkovsky?", "Andrei Tarkovsky was a Soviet film director. [1]"),
        ("Who is Tarkovsky?", "Tarkovsky was a Soviet film director born in Zavrazhye. [1]"),
    ):
        person = turn_from_text(who, answer, None, "who")
        assert rewrite_question("When was it released?", [person], TAGGER) == ("When was it released?", False), who


def test_how_long_did_it_take_after_the_yacht_race(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The real path: the chat's turn and an `ask --json` answer given as `--context` both read "it" as the yacht."""
    retriever = indexed(tmp_path, {"race.txt": RACE, "danube.txt": OTHER}, real_embedder)
    try:
        first = answer_question(retriever, YACHT_QUESTION)
        assert first.found, first.reasons
        follow = answer_question(retriever, "How long did it take?", context=[turn_from_answer(first)])
        saved = tmp_path / "prev.json"
        fields = {"question": first.question, "kind": first.kind, "answer": first.by_sentence(), "short": first.short}
        saved.write_text(json.dumps(fields), encoding="utf-8")
        read = rewrite_question("How long did it take?", load_turns(saved), TAGGER)[0]
    finally:
        retriever.close()
    expected = {"How long did the yacht take?", "How long did Assa Abloy take?"}
    assert follow.rewritten in expected and read == follow.rewritten, (follow.rewritten, read, first.short)


def test_it_is_the_company_that_did_something() -> None:
    """A lone name that did something is "it" when the tagger reads it, wherever it is said, as a company's ("When
    did Google acquire YouTube?" then "How much did it pay?" asks what Google paid), not the name after it."""
    TAGGER.preload()
    for question, answer, short, company in (
        ("When did Google acquire YouTube?", "Google acquired YouTube in 2006. [1]", "2006", "Google"),
        ("When did Apple buy Beats?", "Apple bought Beats in 2014. [1]", "2014", "Apple"),
    ):
        turn = turn_from_text(question, answer, short, "when")
        assert rewrite_question("How much did it pay?", [turn], TAGGER)[0] == f"How much did {company} pay?"


def test_it_is_not_the_name_after_a_subject_that_may_be_a_person() -> None:
    """A subject set aside as maybe a person's leaves "it" as typed, never the name after it."""
    TAGGER.preload()
    founded = turn_from_text("When did Bezos found Amazon?", "Bezos founded Amazon in 1994. [1]", "1994", "when")
    assert rewrite_question("How much did it cost?", [founded], TAGGER) == ("How much did it cost?", False)
    died = turn_from_text("Where did Tarkovsky die?", "Tarkovsky died in Paris in 1986. [1]", "Paris", "where")
    assert rewrite_question("When was it built?", [died], TAGGER) == ("When was it built?", False)


def test_it_is_the_thing_a_noun_with_a_persons_ending_asked_for() -> None:
    """A noun ending as nouns for people do ("river", "computer", "process") asks for a thing, which "it" stands for;
    one for a person ("minister", "founder") still asks for no thing."""
    TAGGER.preload()
    river = "Which river flows through Basel?"
    asked = turn_from_text(river, "Basel lies on the Rhine, which flows north to Germany. [1]", None, "which")
    assert rewrite_question("How long is it?", [asked], TAGGER) == ("How long is the river?", True)
    answered = turn_from_text(river, "The Rhine flows through Basel. [1]", "Rhine", "which")
    assert rewrite_question("How long is it?", [answered], TAGGER) == ("How long is Rhine?", True)
    minister = turn_from_text("Which minister resigned?", "The finance minister resigned. [1]", None, "which")
    assert rewrite_question("When did it happen?", [minister], TAGGER) == ("When did it happen?", False)


def test_it_is_no_person_answering_a_noun_that_may_name_one() -> None:
    """A noun asking for a thing that may name a person too ("tenor", "anchor", "commuter": a thing first, by
    WordNet) leaves its answer a person's name when it reads as one, never "it"; "the tenor" may still be. A noun
    for a hominid ("human") asks for a person."""
    TAGGER.preload()
    for noun in ("tenor", "anchor", "commuter"):
        answer = f"Luciano Pavarotti was the {noun} at the gala. [1]"
        turn = turn_from_text(f"Which {noun} opened the gala?", answer, "Luciano Pavarotti", "which")
        for tagger in (TAGGER, None):
            rewritten = rewrite_question("How old is it?", [turn], tagger)[0]
            assert "Pavarotti" not in rewritten, (noun, tagger, rewritten)
    moon = "Which human first walked on the Moon?"
    walked = turn_from_text(moon, "Neil Armstrong first walked on the Moon. [1]", "Neil Armstrong", "which")
    assert "Armstrong" not in rewrite_question("When did it happen?", [walked], TAGGER)[0]


def test_it_is_no_plural_noun_asked_for() -> None:
    """A question asking for a plural ("Which rivers ...?") leaves no "the rivers" for a singular "it"."""
    TAGGER.preload()
    rivers = "Which rivers flow through Basel?"
    asked = turn_from_text(rivers, "The Rhine and the Birs flow through Basel. [1]", None, "which")
    assert rewrite_question("How long is it?", [asked], TAGGER) == ("How long is it?", False)


def test_it_is_the_thing_the_last_question_was_about_when_it_names_none() -> None:
    """ "How long did it last?" after "When did the strike begin?" asks how long the strike lasted: the last
    question's subject (or its object, when a question word or a person is the subject) when it names no thing by a
    name; never a person's noun, a plural, nor a phrase when the question named something else besides."""
    TAGGER.preload()
    for question, answer, short, kind, follow, expected in (
        ("When did the strike begin?", "The strike began on March 3. [1]", "March 3", "when",
         "How long did it last?", "How long did the strike last?"),
        ("Who won the election?", "Jane Doe won the election. [1]", "Jane Doe", "who",
         "When was it held?", "When was the election held?"),
        ("Why did the mayor close the bridge?", "The bridge was unsafe. [1]", None, "why",
         "When will it reopen?", "When will the bridge reopen?"),
        ("What is the population of Halden?", "About 31,000 people live in Halden. [1]", None, "what",
         "How has it changed since 2000?", "How has the population of Halden changed since 2000?"),
        ("When did the Acme strike begin?", "It began in May. [1]", "May", "when",
         "How long did it last?", "How long did the Acme strike last?"),
        ("When did a fire break out?", "A fire broke out at 2 a.m. [1]", "2 a.m.", "when",
         "What caused it?", "What caused the fire?"),
    ):  # fmt: skip
        turn = turn_from_text(question, answer, short, kind)
        assert rewrite_question(follow, [turn], TAGGER) == (expected, True), question
    for question, answer, short, kind in (
        ("What did the council decide about Project Nova?", "The council approved it. [1]", None, "what"),
        ("Who killed the mayor?", "Police say John Reeve shot him. [1]", "John Reeve", "who"),
        ("How many people died in the fire?", "Four people died. [1]", "Four", "how_many"),
        ("How much did the new stadium cost?", "It cost $40 million. [1]", "$40 million", "how_much"),
    ):
        turn = turn_from_text(question, answer, short, kind)
        assert rewrite_question("When did it happen?", [turn], TAGGER)[0] == "When did it happen?", question
    # another thing besides ("the budget"), or an "it" that is no thing's ("Is it true ...?", "What time is it?")
    for question, follow in (
        ("When did the council approve the budget?", "Who opposed it?"),
        ("Why did the council close the bridge?", "When will it reopen?"),
        ("What did the report say about the fire?", "When did it start?"),
        ("When did the strike begin?", "Is it true that the union accepted a pay rise?"),
        ("When did the strike begin?", "What time is it?"),
        ("When did the strike begin?", "How far is it from Oslo to Bergen?"),
    ):
        turn = turn_from_text(question, "It did. [1]", None, "when")
        assert rewrite_question(follow, [turn], TAGGER) == (follow, False), (question, follow)
    fire = turn_from_text("When did the warehouse fire start?", "At 10pm. [1]", "10pm", "when")
    assert rewrite_question("How long did it take to put it out?", [fire], TAGGER)[0] == (
        "How long did it take to put the warehouse fire out?"
    )


STRIKE = """Dockers end strike at Port Halden

Dock workers at Port Halden returned to work on Thursday after a strike that lasted eleven days and left more than
40 ships waiting offshore.

The strike began on March 3, when the dockers' union rejected a pay offer of 4 percent.
"""
FESTIVAL = """Halden jazz festival draws record crowd

The festival, which ran for four days in July, sold 18,000 tickets, its organisers said.
"""


def test_how_long_did_it_last_after_the_strike(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The real path: "it" is read as the strike, and the answer cites the sentence saying how long it lasted."""
    retriever = indexed(tmp_path, {"strike.txt": STRIKE, "festival.txt": FESTIVAL}, real_embedder)
    try:
        first = answer_question(retriever, "When did the strike begin?")
        follow = answer_question(retriever, "How long did it last?", context=[turn_from_answer(first)])
    finally:
        retriever.close()
    assert first.found and follow.rewritten == "How long did the strike last?"
    assert follow.found and "eleven days" in follow.citations[0].quote, follow.citations
