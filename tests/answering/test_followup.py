"""Follow-up questions: pronouns, "that day" and elliptical questions resolved against the last turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.answering import Answer
from askdocs.answering.context_file import load_turns
from askdocs.answering.followup import (
    Turn,
    rewrite_question,
    turn_from_answer,
    turn_from_text,
    unnamed_person,
)
from askdocs.errors import UsageError


def test_he_becomes_the_person_the_last_answer_named() -> None:
    turn = turn_from_text("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    assert turn.entities[0] == "Francisco Torres"
    assert rewrite_question("Where was he arrested?", [turn]) == ("Where was Francisco Torres arrested?", True)
    assert rewrite_question("What is his nickname?", [turn])[0] == "What is Francisco Torres’s nickname?"


def test_a_name_called_the_something_is_a_thing_it_stands_for_not_a_person() -> None:
    # "the London Underground" read as a person's name: "it" stood for nothing and the follow-up was refused
    turn = turn_from_text(
        "How many stations does the London Underground have?",
        "The London Underground has 274 stations.",
        kind="how_many",
    )
    assert turn.people == ()
    assert rewrite_question("When did it start running?", [turn]) == (
        "When did London Underground start running?",
        True,
    )
    assert rewrite_question("When did he retire?", [turn]) == ("When did he retire?", False)
    person = turn_from_text("Who founded the Respect Party?", "George Galloway founded the Respect Party.", kind="who")
    assert rewrite_question("When was he elected?", [person])[0] == "When was George Galloway elected?"


def test_they_becomes_everyone_named_and_that_day_the_date() -> None:
    answer = Answer(
        question="Who was arrested on July 2?",
        text="...",
        found=True,
        short="Francisco Torres (“El Duranguillo”) and Luis Edgar Herrera (“El Tolín”)",
        kind="who",
    )
    turn = turn_from_answer(answer)
    assert turn.entities[:2] == ("Francisco Torres", "Luis Edgar Herrera") and turn.dates == ("July 2",)
    assert rewrite_question("Where were they arrested?", [turn])[0] == (
        "Where were Francisco Torres and Luis Edgar Herrera arrested?"
    )
    assert rewrite_question("Who else was detained that day?", [turn])[0] == "Who else was detained on July 2?"


def test_elliptical_questions_swap_the_date_or_the_name() -> None:
    last = Turn("Who was arrested on July 2?")
    assert rewrite_question("And on July 3?", [last]) == ("Who was arrested on July 3?", True)
    assert rewrite_question("What about 2 July?", [last])[0] == "Who was arrested on 2 July?"
    where = Turn("Where was Torres detained?")
    assert rewrite_question("And Herrera?", [where])[0] == "Where was Herrera detained?"
    assert rewrite_question("And on Tuesday?", [Turn("Who was arrested?")])[0] == "Who was arrested on Tuesday?"


def test_a_complete_question_is_left_alone() -> None:
    turn = turn_from_text("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    assert rewrite_question("When did the Culiacanazo happen?", [turn]) == ("When did the Culiacanazo happen?", False)
    assert rewrite_question("Where was he arrested?", []) == ("Where was he arrested?", False)


def test_a_pronoun_that_names_nobody_is_found() -> None:
    assert unnamed_person("Where was he arrested?") == "he"
    assert unnamed_person("What did she say about her son?") == "she"
    assert unnamed_person("Where was Herrera arrested after he fled?") is None  # the question names him
    assert unnamed_person("Who was arrested on July 2?") is None
    assert unnamed_person("What did they find?") is None  # "they" is as often things as people
    assert unnamed_person("Where is the shelter?") is None  # whole words only


def test_context_files_in_every_accepted_shape(tmp_path: Path) -> None:
    turns = [{"question": "Who is El Tolín?", "answer": "Luis Edgar Herrera [1]."}]
    shapes = {
        "list.json": json.dumps(turns),
        "lines.jsonl": "\n".join(json.dumps(t) for t in turns),
        "turns.json": json.dumps({"turns": turns}),
        "chat.json": json.dumps({"exchanges": [{"answer": {"question": "Who is El Tolín?", "text": "Herrera"}}]}),
    }
    for name, content in shapes.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        loaded = load_turns(path)
        assert len(loaded) == 1 and loaded[0].question == "Who is El Tolín?", name
    bad = tmp_path / "bad.json"
    bad.write_text('[{"answer": "no question"}]', encoding="utf-8")
    with pytest.raises(UsageError, match="question"):
        load_turns(bad)
    with pytest.raises(UsageError, match="cannot read"):
        load_turns(tmp_path / "missing.json")


def test_a_lone_surname_the_question_asked_about_is_he_next() -> None:
    """ "Where did Tarkovsky die?" then "When was he born?": he is Tarkovsky, a single capitalised word, even when
    the answer names someone else; the answer's full form of the name is used when it gives one."""
    where = turn_from_text("Where did Tarkovsky die?", "Paris [1]\n\nTarkovsky died in Paris on 29 December 1986.")
    assert rewrite_question("When was he born?", [where]) == ("When was Tarkovsky born?", True)
    assert rewrite_question("What was his first film?", [where])[0] == "What was Tarkovsky’s first film?"
    other = turn_from_text("Where did Tarkovsky die?", "Tarkovsky died in Paris, attended by Marina Vlady.", "Paris")
    assert rewrite_question("When was she born?", [other])[0] == "When was Tarkovsky born?"
    full = turn_from_text("Where did Tarkovsky die?", "Andrei Tarkovsky died in Paris.", "Paris", "where")
    assert rewrite_question("When was he born?", [full])[0] == "When was Andrei Tarkovsky born?"
    cited = turn_from_text("Where did Tarkovsky die?", "Paris [1]\n\nAndrei Tarkovsky died in Paris. [1]", "Paris")
    assert rewrite_question("When was he born?", [cited])[0] == "When was Andrei Tarkovsky born?"  # as answers are
    thing = turn_from_text("What is Solaris?", "Solaris is a film by Andrei Tarkovsky.", None, "what")
    assert rewrite_question("When was he born?", [thing])[0] == "When was Andrei Tarkovsky born?"
    assert rewrite_question("When was it released?", [thing])[0] == "When was Solaris released?"
    assert rewrite_question("Where is NATO based?", [Turn("Who founded NATO?")]) == ("Where is NATO based?", False)


def test_they_is_never_one_lone_name() -> None:
    """ "Did Google sue Oracle?" then "When did they settle?": a lone name stands for "he" or "she", but reading
    "they" as one of them would narrow the question; it stays as asked."""
    sued = turn_from_text("Did Google sue Oracle?", "Google sued Oracle in 2010.")
    assert rewrite_question("When did they settle?", [sued]) == ("When did they settle?", False)
    assert rewrite_question("What was their claim?", [sued])[0] == "What was their claim?"
    sued = turn_from_text("Did Acme sue Brightline?", "Acme Corp sued Brightline Systems in January 2022. [1]")
    assert rewrite_question("When did they settle?", [sued]) == ("When did they settle?", False)
    pair = turn_from_text("Who was arrested?", "Ana Ruiz and Luis Vega were arrested.", "Ana Ruiz and Luis Vega", "who")
    assert rewrite_question("When were they freed?", [pair])[0] == "When were Ana Ruiz and Luis Vega freed?"


def test_ask_json_output_is_context_as_the_readme_says(tmp_path: Path) -> None:
    """`ask --json` output, one object or the JSON Lines of `ask --json -` (with its error lines, and with a BOM a
    shell redirect may add), gives the turn that rewrites "he"."""
    answer = {
        "question": "Where did Tarkovsky die?",
        "rewritten": None,
        "kind": "where",
        "dates": [],
        "answer": "Paris [1]\n\nTarkovsky died of lung cancer in Paris on 29 December 1986. [1]",
        "short": "Paris",
        "found": True,
        "confidence": 0.78,
        "reasons": [],
        "citations": [{"n": 1, "path": "corpus/tarkovsky.txt", "quote": "Tarkovsky died of lung cancer in Paris."}],
        "passages": [],
        "related": [],
        "notes": [],
    }
    one = tmp_path / "one.json"
    one.write_text(json.dumps(answer), encoding="utf-8")
    lines = tmp_path / "batch.jsonl"
    error = {"error": "the question is empty", "line": 2}
    lines.write_text("\ufeff" + "\n".join(json.dumps(x) for x in ({**answer, "question": "x?"}, error, answer)))
    for path in (one, lines):
        assert rewrite_question("When was he born?", load_turns(path)) == ("When was Tarkovsky born?", True), path


def test_after_a_who_question_he_is_first_the_person_the_answer_names() -> None:
    """ "Who killed John Lennon?" then "When was he sentenced?" asks about the man the answer names."""
    answer = "Mark David Chapman [1]\n\nMark David Chapman shot John Lennon outside the Dakota in 1980. [1]"
    who = turn_from_text("Who killed John Lennon?", answer, "Mark David Chapman", "who")
    assert rewrite_question("When was he sentenced?", [who])[0] == "When was Mark David Chapman sentenced?"


def test_a_person_named_without_the_stays_a_person_though_a_longer_name_holds_hers() -> None:
    turn = turn_from_text(
        "Where was Marie Curie born?",
        "Marie Curie was born in Warsaw, and the Marie Curie Institute there is named after her.",
    )
    assert rewrite_question("When did she die?", [turn])[0] == "When did Marie Curie die?"


def test_the_something_counts_wherever_the_turn_says_it_and_only_for_the_whole_name() -> None:
    turn = turn_from_text("When did London Underground open?", "The London Underground opened in 1863.")
    assert rewrite_question("When did it close?", [turn])[0] == "When did London Underground close?"
    books = turn_from_text("Who wrote Harry Potter?", "Rowling wrote the Harry Potter books.", kind="who")
    assert "Harry Potter" not in rewrite_question("When was she born?", [books])[0]


def test_a_missing_context_file_is_one_plain_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not Python's "[Errno 2] No such file or directory: '...'": the reason alone, as `eval` says it."""
    from askdocs.cli import main

    missing = tmp_path / "none.json"
    with pytest.raises(UsageError) as error:
        load_turns(missing)
    assert str(error.value) == f"cannot read context file {missing}: No such file or directory"
    with pytest.raises(SystemExit) as stop:
        main(["ask", "--corpus", str(tmp_path), "--index", str(tmp_path / "i"), "--context", str(missing), "Who?"])
    err = capsys.readouterr().err
    assert (
        stop.value.code == 2
        and err == f"askdocs: error: cannot read context file {missing}: No such file or directory\n"
    )
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(UsageError, match=r"^cannot read context file .*folder.json: Is a directory$"):
        load_turns(tmp_path / "folder.json")


@pytest.mark.parametrize(
    ("last", "follow_up", "meant"),
    [
        ("What does curl -O do?", "And -L?", "What does curl -L do?"),
        ("What does curl -O do?", "And grep -c?", "What does grep -c do?"),
        ("What does grep -v do?", "What about --count?", "What does grep --count do?"),
        ("What does the -v option of grep do?", "And -c?", "What does the -c option of grep do?"),
    ],
)
def test_a_follow_up_naming_an_option_asks_the_last_question_of_it(last: str, follow_up: str, meant: str) -> None:
    # the option's letter was read as a name, and "O" replaced inside "does": "What dgrep -ces curl -O do?"
    assert rewrite_question(follow_up, [turn_from_text(last)]) == (meant, True)


def test_an_option_letter_is_no_name_and_a_name_is_replaced_only_as_a_whole_word() -> None:
    assert "O" not in turn_from_text("What does curl -O do?").entities
    # "Ed" was found inside "founded" first: "Who foundAnaed Ed's company?"
    assert rewrite_question("And Ana?", [turn_from_text("Who founded Ed's company?")]) == (
        "Who founded Ana's company?",
        True,
    )


@pytest.mark.parametrize(
    ("question", "pronoun"),
    [
        ("What percentage of her morning customers does the bakery owner expect to lose?", None),
        ("Where did the mayor say she would build the bridge?", None),
        ("When did he meet the president?", "he"),
        ("What did his lawyer tell the judge?", "his"),
        ("Where was the river when he crossed it?", "he"),
    ],
)
def test_a_pronoun_standing_for_the_person_the_question_describes_names_someone(
    question: str, pronoun: str | None
) -> None:
    # "her ... the bakery owner" was told it named no one, and advised to name who it meant
    assert unnamed_person(question) == pronoun
