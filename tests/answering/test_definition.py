"""Definition questions ("Who is X?") are answered with what the text calls X, read off the real parser: before the
name, in apposition after it, as the subject of "is", or what X stands beside when X is the apposition."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering.definition import definition, describe
from askdocs.answering.query import asked_name
from askdocs.answering.tagger import TAGGER
from tests.support import answers


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who is Ana Lopez?", "Ana Lopez"),
        ("who was Luis de la Cruz", "Luis de la Cruz"),
        ("What is the Bank of England?", "Bank of England"),
        ("What is Kestrel?", "Kestrel"),
        ("Who was arrested on July 2?", None),
        ("Who is the mayor of Lunden?", None),
        ("What is the capital of France?", None),
        ("Who founded Kestrel?", None),
    ],
)
def test_only_a_question_about_a_name_asks_for_a_definition(question: str, name: str | None) -> None:
    assert asked_name(question) == name


@pytest.mark.parametrize(
    ("sentence", "name", "description"),
    [
        (
            "The deal was criticised by market analyst Ana Lopez, founder of the consultancy Vantor.",
            "Ana Lopez",
            "market analyst, founder of the consultancy Vantor",
        ),
        ("The company was founded by Jane Doe, a former banker from Ohio.", "Jane Doe", "former banker from Ohio"),
        ("Lunden's long-serving mayor Piet Aalders opened the library.", "Piet Aalders", "Lunden's long-serving mayor"),
        ("The lawyer, John Smith, said the case was closed.", "John Smith", "lawyer"),
        ("The Ormsby is a narrow river that floods every spring.", "Ormsby", "narrow river"),
        ("Chief engineer Tomasz Wierzbicki said the deck was new.", "Wierzbicki", "Chief engineer"),
        ("Detective Sergeant Malik Oyelaran said the vials were found.", "Malik Oyelaran", "Detective Sergeant"),
        ("Superintendent Grace Liu said the programme was funded by a grant.", "Grace Liu", "Superintendent"),
        ("Jane Doe visited Paris on Monday.", "Jane Doe", None),
        ("Nobody by that name was mentioned.", "Jane Doe", None),
    ],
)
def test_the_description_is_read_off_the_parse(sentence: str, name: str, description: str | None) -> None:
    TAGGER.preload()
    assert describe(TAGGER.parse(sentence), name) == description


def test_the_first_sentence_that_describes_the_name_gives_the_answer() -> None:
    TAGGER.preload()
    sentences = ["Ana Lopez spoke on Monday.", "Ana Lopez, a marine biologist, led the survey.", "x"]
    [(span, _)] = definition("Ana Lopez", sentences, TAGGER)
    assert (span.text, span.sentence) == ("marine biologist", 1)
    assert definition("Ana Lopez", ["Ana Lopez spoke on Monday."], TAGGER) == []


BRIDGE = {
    "bridge.md": "# Harbor bridge reopens\n\nThe Kestrel Bay Harbor Bridge reopened to traffic on March 12, 2025, after"
    " an 18-month renovation that cost $42.7 million, Mayor Odile Fenwick announced.\n\nChief engineer Tomasz"
    " Wierzbicki said the old steel deck had been replaced with a lighter composite one.\n",
    "ferry.txt": "Ferry crews walked out on Monday. Union spokesperson Dara Quillan said crews were exhausted.\n",
    "lab.txt": "Police in Dunmore arrested a laboratory technician on November 4. Detective Sergeant Malik Oyelaran"
    " said the vials were recovered from a storage unit.\n",
}


@pytest.mark.slow
def test_a_question_about_a_name_is_answered_when_a_sentence_describes_it(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """A bare name sits far from every sentence by meaning, and the answerable model refused these; a sentence
    that says who the person is answers the question, and is cited."""
    asked = ("Who is Tomasz Wierzbicki?", "Who is Odile Fenwick?", "Who is Dara Quillan?", "Who is Malik Oyelaran?")
    found = answers(tmp_path, BRIDGE, real_embedder, *asked, "Who is Priya Castellanos?")
    wanted = ["Chief engineer", "Mayor", "Union spokesperson", "Detective Sergeant"]
    assert [a.short for a in found[:4]] == wanted
    assert [a.found for a in found] == [True, True, True, True, False]
    assert all(name.split()[-1][:-1] in a.citations[0].quote for name, a in zip(asked, found[:4], strict=True))


def test_a_description_wrapped_over_lines_reads_as_one_line(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """A short answer from a hard-wrapped file kept the line break and the next line's indent inside it."""
    text = (
        "The Vantor deal\n\nThe takeover was criticised on Monday by the market analyst Ana Lopez, founder of the\n"
        "        consultancy Vantor Research, who said the price was far too high for a firm of its size.\n"
        "Shares in the company fell by four per cent after her remarks were published.\n"
    )
    [answer] = answers(tmp_path, {"deal.txt": text}, real_embedder, "Who is Ana Lopez?")
    assert answer.short is not None and answer.short.startswith("market analyst, founder of the consultancy Vantor")
    assert answer.text.startswith(f"{answer.short} [1]\n\n")


@pytest.mark.slow
def test_the_sentence_describing_the_name_is_cited_first(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """A sentence naming the person without saying who they are may rank first; the answer to "Who is X?" is the
    sentence that says, and its description was shown as a short answer of citation [2]."""
    text = (
        "Seal count rises\n\nLaura Chen said on Friday that the seal count was the highest Laura Chen had ever seen"
        " in the bay.\n\nThe survey team counted 412 grey seals this spring.\n\nThe survey was led by the marine"
        " biologist Laura Chen of Northfield University.\n"
    )
    [answer] = answers(tmp_path, {"seals.txt": text}, real_embedder, "Who is Laura Chen?")
    assert answer.found and answer.short == "marine biologist"
    assert answer.citations[0].quote.startswith("The survey was led by")
    assert answer.text.startswith("marine biologist [1]\n\n")
