"""A follow-up whose "she" may be either of two people the last turn named (the person its answer names, the one
its question names) is read as the follow-up rules read it, unless the documents refuse that reading and answer
the other, naming the other person; a lone name, which may be a thing's, is never the other reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.answering.followup import other_readings, rewrite_question, turn_from_text
from tests.support import indexed

ADA = """# Ada Lovelace

Augusta Ada King, Countess of Lovelace, was an English mathematician and writer, chiefly known for her work on
Charles Babbage's proposed mechanical computer, the Analytical Engine.

## Work with Babbage

In 1833 Lovelace was introduced to Charles Babbage by her tutor Mary Somerville. Between 1842 and 1843 she
translated an article about the Analytical Engine and added a long set of notes to it.

## Death

Lovelace died of cancer in 1852 at the age of 36. She was buried next to her father at the Church of St. Mary
Magdalene in Hucknall, Nottingham.
"""
SOMERVILLE = """# Mary Somerville

Mary Somerville was born in Jedburgh, in the Scottish Borders, in 1780. She was a Scottish scientist and writer who
studied mathematics and astronomy, and taught herself algebra from her brother's books.
"""
RIVER = "The Danube flows through ten countries before it reaches the Black Sea in Romania.\n"
BOTH = {  # each woman's birthplace, and where Mary Somerville died (never where she was buried)
    "ada-lovelace.md": ADA.replace("Engine.\n", "Engine. Ada Lovelace was born in London in 1815.\n", 1),
    "mary-somerville.md": SOMERVILLE.rstrip() + " Mary Somerville died in Naples in 1872.\n",
    "danube.txt": RIVER,
}
FILES = {"ada-lovelace.md": ADA, "mary-somerville.md": SOMERVILLE, "danube.txt": RIVER}
WHO = "Who introduced Ada Lovelace to Charles Babbage?"
WHO_ANSWER = (
    "Mary Somerville [1]\n\nIn 1833 Lovelace was introduced to Charles Babbage by her tutor Mary Somerville. [1]"
)


def test_a_turn_naming_a_person_in_its_question_and_another_in_its_answer_gives_two_readings() -> None:
    turn = turn_from_text(WHO, WHO_ANSWER, "Mary Somerville", "who")
    assert turn.people[0] == "Mary Somerville" and turn.rivals == ("Ada Lovelace",)
    assert rewrite_question("Where was she buried?", [turn])[0] == "Where was Mary Somerville buried?"  # the rule
    assert other_readings("Where was she buried?", [turn]) == (("Where was Ada Lovelace buried?", "Ada Lovelace"),)
    assert other_readings("What was her first paper?", [turn]) == (
        ("What was Ada Lovelace’s first paper?", "Ada Lovelace"),
    )
    assert other_readings("Where were they buried?", [turn]) == ()  # "they": everyone, no one to choose
    assert other_readings("What about Charles Babbage?", [turn]) == ()  # elliptical: no pronoun to read


def test_a_turn_naming_one_person_gives_one_reading() -> None:
    one = turn_from_text("Where was Marie Curie born?", "Marie Curie was born in Warsaw.", "Warsaw", "where")
    assert one.rivals == () and other_readings("When did she die?", [one]) == ()
    identity = turn_from_text("Who is El Duranguillo?", "El Duranguillo is Francisco Torres [1].")
    assert identity.people[0] == "Francisco Torres" and identity.rivals == ()  # one man, by two names
    assert other_readings("Where was he detained?", [identity]) == ()
    fuller = turn_from_text("Where did Tarkovsky die?", "Andrei Tarkovsky died in Paris.", "Paris", "where")
    assert fuller.rivals == ()  # a shorter name of the same man is no one else
    assert other_readings("When was he born?", [fuller]) == ()


@pytest.mark.parametrize(
    ("question", "answer", "short", "follow_up"),
    [
        ("Who wrote Dune?", "Frank Herbert wrote Dune in 1965. [1]", "Frank Herbert", "What is his best book?"),
        ("Who founded Microsoft?", "Bill Gates founded Microsoft. [1]", "Bill Gates", "Where was he born?"),
        ("Who directed Solaris?", "Andrei Tarkovsky directed Solaris. [1]", "Andrei Tarkovsky", "When did he die?"),
    ],
)
def test_a_lone_name_the_question_asks_about_is_never_the_other_reading(
    question: str, answer: str, short: str, follow_up: str
) -> None:
    """ "Dune", "Microsoft" and "Solaris" are read as names, and may be things: "he" is never read as one."""
    turn = turn_from_text(question, answer, short, "who")
    assert turn.rivals == () and other_readings(follow_up, [turn]) == ()


def _follow_ups(root: Path, files: dict[str, str], embedder, turn, *questions: str) -> list:  # noqa: ANN001
    retriever = indexed(root, files, embedder)
    try:
        return [answer_question(retriever, q, context=[turn]) for q in questions]
    finally:
        retriever.close()


def test_both_readings_answerable_the_rules_reading_is_asked(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The documents tell both women's birthplaces, and where Mary Somerville died: "she" is the person the answer
    named, as the rule reads it, however sure the model is of Ada Lovelace's birthplace or burial."""
    turn = turn_from_text(WHO, WHO_ANSWER, "Mary Somerville", "who")
    born, buried = _follow_ups(tmp_path, BOTH, real_embedder, turn, "Where was she born?", "Where was she buried?")
    assert born.found and born.rewritten == "Where was Mary Somerville born?" and "Jedburgh" in born.text
    assert buried.rewritten == "Where was Mary Somerville buried?"


def test_the_killer_is_asked_about_where_his_victim_was_sentenced_too(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """After "Who killed John Lennon?" (Mark David Chapman), "When was he sentenced?" asks about Chapman, though the
    file tells of a fine Lennon was sentenced to."""
    lennon = (
        "# John Lennon\n\nJohn Lennon was an English singer and songwriter, a founder of the Beatles. In November 1968"
        " Lennon was\nconvicted of possessing cannabis and was sentenced to a fine of 150 pounds at Marylebone"
        " Magistrates Court.\n\n## Death\n\nOn 8 December 1980 Lennon was shot and killed by Mark David Chapman"
        " outside the Dakota building in New York.\nChapman pleaded guilty to second-degree murder in June 1981 and"
        " received a sentence of twenty years to life in August 1981.\n"
    )
    turn = turn_from_text("Who killed John Lennon?", "Mark David Chapman [1]", "Mark David Chapman", "who")
    (sentenced,) = _follow_ups(tmp_path, {"lennon.md": lennon}, real_embedder, turn, "When was he sentenced?")
    assert sentenced.rewritten == "When was Mark David Chapman sentenced?"
    assert "1968" not in sentenced.text


def test_the_rules_reading_refused_the_other_answered_is_asked(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The documents tell only Ada Lovelace's burial: "Where was she buried?" is asked about her, and the question
    searched says so; "Where was she born?" is asked about Mary Somerville, whose birthplace they tell, and only
    that reading is searched."""
    turn = turn_from_text(WHO, WHO_ANSWER, "Mary Somerville", "who")
    retriever = indexed(tmp_path, FILES, real_embedder)
    searched: list[str] = []
    real = retriever.search
    monkeypatch.setattr(retriever, "search", lambda q, k=None: searched.append(q.text) or real(q, k))
    try:
        buried = answer_question(retriever, "Where was she buried?", context=[turn])
        assert searched == ["Where was Mary Somerville buried?", "Where was Ada Lovelace buried?"]
        searched.clear()
        born = answer_question(retriever, "Where was she born?", context=[turn])
        assert searched == ["Where was Mary Somerville born?"]
    finally:
        retriever.close()
    assert buried.found and buried.rewritten == "Where was Ada Lovelace buried?"
    assert any("buried" in c.quote for c in buried.citations)
    assert born.found and born.rewritten == "Where was Mary Somerville born?" and "Jedburgh" in born.text


def test_a_thing_is_never_asked_about_for_he(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """The documents tell where Microsoft was born and no man's birthplace: "Where was he born?" after "Who founded
    Microsoft?" stays about Bill Gates, and is refused."""
    files = {
        "ms.md": "# Microsoft\n\nMicrosoft was born in a garage in Albuquerque, New Mexico, in 1975. Bill Gates"
        " founded it with Paul Allen.\n",
        "danube.txt": RIVER,
    }
    turn = turn_from_text("Who founded Microsoft?", "Bill Gates [1]", "Bill Gates", "who")
    (born,) = _follow_ups(tmp_path, files, real_embedder, turn, "Where was he born?")
    assert born.rewritten == "Where was Bill Gates born?"


PHYSICIST = """Erik Brandvold

Erik Johan Brandvold (14 March 1871 - 2 November 1938) was a physicist and engineer from Veldmark, known for his
work on the electrical conductivity of metals at low temperatures and for the Brandvold bridge, a circuit for
measuring very small resistances. He was awarded the Kessler Medal of the Northern Academy of Sciences in 1912.

Early life and education

Brandvold was born in Veldmark, the third of five children of Johan Brandvold, owner of the Brandvold ironworks, and
his wife Sofie, née Lindahl. He studied at the Veldmark Institute of Technology from 1889 to 1893, and then at the
University of Leiden under Heike Kamerlingh Onnes, where he received his doctorate in 1897 with a thesis on the
resistance of platinum wire.

Career

In 1898 Brandvold returned to Veldmark as a lecturer at the Institute of Technology. He was appointed professor of
experimental physics in 1903, succeeding Carl Aubert, and built the first laboratory in the country able to liquefy
air, which opened in 1905. His measurements of the resistance of copper, silver and iron down to minus 190 °C,
published in 1908, were the most precise of their time and are still cited in the history of the field. He described
the measuring circuit that bears his name in a paper of 1910.

Brandvold served as rector of the Institute of Technology from 1919 to 1925. During his term the institute admitted
women to its engineering programmes for the first time, in 1921. After leaving the rectorship he returned to
research, and from 1926 he also advised the family ironworks, then led by his younger brother Nils, on the
electrification of its furnaces.

Personal life

In 1901 Brandvold married Clara Holm, a pianist; they had two daughters. He was a keen sailor and spent most summers
on the island of Hesk. He died in Veldmark of pneumonia at the age of 67 and is buried in the Old Church cemetery.

Legacy

The Brandvold Laboratory of the Veldmark Institute of Technology is named after him, as is a crater on the Moon. A
statue of Brandvold by the sculptor Astrid Mørk was unveiled outside the institute's main building in 1951. His
granddaughter, Lena Brandvold, is a water engineer.
"""


def test_a_namesake_is_told_apart_by_first_name(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """After "When was Erik Brandvold born?", answered with a sentence naming his father Johan Brandvold, "When did he
    die?" is asked about Erik: the rule's reading, though refused, is not traded for the father's on a sentence that
    names the son ("Erik Johan Brandvold (14 March 1871 - 2 November 1938)"), which their shared surname matched."""
    answer = (
        "Brandvold was born in Veldmark, the third of five children of Johan Brandvold, owner of the Brandvold"
        " ironworks, and his wife Sofie, née Lindahl. [1]"
    )
    turn = turn_from_text("When was Erik Brandvold born?", answer, None, "when")
    (died,) = _follow_ups(tmp_path, {"erik-brandvold.txt": PHYSICIST}, real_embedder, turn, "And when did he die?")
    assert died.rewritten == "And when did Erik Brandvold die?"
    assert died.found and "pneumonia" in died.citations[0].quote


BROTHERS = """The Oppenheimer brothers

Frank Oppenheimer was born in New York City in 1912, the younger brother of J. Robert Oppenheimer. He studied
physics at Johns Hopkins University and later founded the Exploratorium, a science museum in San Francisco.

J. Robert Oppenheimer led the Los Alamos Laboratory during the Second World War. J. Robert Oppenheimer died of
throat cancer in Princeton in 1967.
"""


def test_the_rules_reading_is_not_answered_by_its_namesakes_sentence(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """After "When was Frank Oppenheimer born?", answered with a sentence naming his brother, "When did he die?" is
    not answered about Frank with the sentence telling of J. Robert Oppenheimer's death (their surname matched it,
    and an initial is no first name to tell them by): the documents tell only the brother's death, so that reading
    is asked, and says whom it is about."""
    answer = "He was born in New York City in 1912, the younger brother of J. Robert Oppenheimer. [1]"
    turn = turn_from_text("When was Frank Oppenheimer born?", answer, None, "when")
    (died,) = _follow_ups(tmp_path, {"oppenheimer.txt": BROTHERS}, real_embedder, turn, "When did he die?")
    assert died.rewritten is not None and "Frank" not in died.rewritten
    assert "Robert Oppenheimer die?" in died.rewritten and died.found and "1967" in died.citations[0].quote


KESSLER = """Will Kessler

Will Kessler was born in Leeds in 1921, the son of the engineer Rose Kessler and the teacher Paul Kessler.

He trained as an architect and designed the Leeds market hall in 1958.

Rose Kessler died in York in 1950.
"""


def test_a_given_name_that_is_a_stop_word_is_not_answered_by_a_namesakes_sentence(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """ "Will" tells nothing (a stop word), but the sentence naming Rose Kessler by her given name is hers: after
    "When was Will Kessler born?", "When did he die?" is not answered about Will with Rose Kessler's death."""
    answer = (
        "Will Kessler was born in Leeds in 1921, the son of the engineer Rose Kessler and the teacher Paul Kessler. [1]"
    )
    turn = turn_from_text("When was Will Kessler born?", answer, None, "when")
    (died,) = _follow_ups(tmp_path, {"kessler.txt": KESSLER}, real_embedder, turn, "When did he die?")
    assert not (died.found and died.rewritten == "When did Will Kessler die?")
