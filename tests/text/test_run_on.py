"""A sentence a plain text file breaks over two lines is one sentence, whatever the lengths of the lines around it:
"... false statements on the" / "2010 marriage license application ..." was cited as two fragments. Lines set
apart on purpose (headings, list items, "key: value" lines, table rows, code, addresses) stay apart."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from askdocs.text.excerpt import flattened
from askdocs.text.run_on import runs_on
from askdocs.text.sentences import line_of, split_sentences

# Lines of a CNN story as the file has them: long and ragged (one 190 characters), some broken mid-sentence.
STORY = (
    'Barrientos, now 39, is facing two criminal counts of "offering a false instrument for filing in the first '
    'degree," referring to her false statements on the\n'
    "2010 marriage license application, according to court documents.\n"
    "Prosecutors said the marriages were part of an immigration scam.\n"
    "On Friday, she pleaded not guilty at State Supreme Court in the Bronx, according to her attorney, Christopher "
    "Wright, who declined to comment further.\n"
    "After leaving court, Barrientos was arrested and charged with theft of service and criminal trespass for "
    "allegedly sneaking into the New York subway through an emergency exit, said Detective\n"
    "Annette Markowski, a police spokeswoman. In total, Barrientos has been married 10 times, with nine of her "
    "marriages occurring between 1999 and 2002.\n"
    "The case was referred to the Bronx District Attorney's Office by Immigration and Customs Enforcement and the "
    "Department of Homeland Security's\n"
    'Investigation Division. Seven of the men are from so-called "red-flagged" countries.\n'
)


def _flat(text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in split_sentences(text)]


def test_a_ragged_text_file_cites_its_broken_sentences_whole(tmp_path: Path) -> None:
    """Lines over 120 characters left the file "not wrapped", so every line was a sentence of its own: the
    fragments "... said Detective" and "Annette Markowski, a police spokeswoman." were cited apart."""
    path = tmp_path / "cnn-bronx-marriages.txt"
    path.write_text(STORY, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    flat = [" ".join(s.text.split()) for s in sentences]
    assert flat == [
        'Barrientos, now 39, is facing two criminal counts of "offering a false instrument for filing in the first '
        'degree," referring to her false statements on the 2010 marriage license application, according to court '
        "documents.",
        "Prosecutors said the marriages were part of an immigration scam.",
        "On Friday, she pleaded not guilty at State Supreme Court in the Bronx, according to her attorney, "
        "Christopher Wright, who declined to comment further.",
        "After leaving court, Barrientos was arrested and charged with theft of service and criminal trespass for "
        "allegedly sneaking into the New York subway through an emergency exit, said Detective Annette Markowski, "
        "a police spokeswoman.",
        "In total, Barrientos has been married 10 times, with nine of her marriages occurring between 1999 and 2002.",
        "The case was referred to the Bronx District Attorney's Office by Immigration and Customs Enforcement and "
        "the Department of Homeland Security's Investigation Division.",
        'Seven of the men are from so-called "red-flagged" countries.',
    ]
    for s in sentences:  # each cited at the file's own offsets and the line it starts on
        assert text[s.start : s.end] == s.text
    assert [line_of(text, s.start) for s in sentences] == [1, 3, 4, 5, 6, 7, 8]
    detective = sentences[3]
    assert "said Detective\nAnnette" in detective.text and line_of(text, detective.end) == 6


@pytest.mark.parametrize(
    ("line", "nxt"),
    [
        ("referring to her false statements on the", "2010 marriage license application"),  # a small word, a number
        ("a line of prose long enough to have been wrapped by its writer in", "the middle of a sentence"),
        ("The committee agreed to apply to the", "Coastal Communities Fund for two thirds of the cost."),
        (
            "through an emergency exit, as the police told reporters, said Detective",
            "Annette Markowski, a spokeswoman.",
        ),
        ("the case was referred by the Department of Homeland Security's", "Investigation Division."),
        ("the harbour trust was the subject of a long report published by Dr.", "Helen Marsh of the university."),
        ("In an application, she stated it was her “first and only”", "marriage license application in the state."),
    ],
)
def test_a_sentence_runs_on_past_a_line_that_leaves_it_open(line: str, nxt: str) -> None:
    assert runs_on(line, nxt)
    assert len(split_sentences(f"{line}\n{nxt}\n")) == 1
    assert flattened(f"{line}\n{nxt}") == f"{line} {nxt}"  # a preview runs it on as the splitter reads it


@pytest.mark.parametrize(
    ("line", "nxt"),
    [
        ("Ingredients", "flour, sugar and eggs from the market"),  # a heading before a line in lower case
        ("Results for the second quarter of the year", "2023 was a good year for the harbour."),  # a long heading
        ("Mix the flour with the water and the salt in a bowl", "2. Leave it to rise for an hour"),  # numbered items
        ("Fares for the summer season on the northern route of the ferry", "adult single: 6.40 pounds"),  # key lines
        ("Kestrel Point | 17:00 | daily except Sundays and holidays", "Static Orchard | 17:30 | daily"),  # table rows
        ("    total_price = base_price * quantity + shipping_cost", "return total_price"),  # code
        ("result = compute_the_running_total(values, start_from)", "print(result)"),
        ("Harbour Office, Pier Road, Oban, Argyll,", "PA34 4DB"),  # an address
        ("Thanks,", "Maria"),  # a signature
        ("2023-06-02 12:00 deployment started on the staging cluster", "2023-06-02 12:05 rollback started"),  # a log
        ("A message from the new Director", "Dear members, the season opens in May."),  # a heading ending on a title
        ("Who we are", "Our team has run the harbour since 1990."),  # a heading ending on an auxiliary
        ("The economic outlook is uncertain, and the", "In support of its goals, the Committee decided to act."),
        ("The harbour closed for the winter.", "the ferry still ran twice a week."),  # a sentence that ends
    ],
)
def test_lines_set_apart_on_purpose_stay_apart(line: str, nxt: str) -> None:
    """A line broken off before a sentence of its own ("... and the" / "In support of its goals": the source lost
    words) is left as it is: a capitalised function word opens a sentence, it does not go on after "the"."""
    assert not runs_on(line.strip(), nxt)
    if not line.endswith("."):
        assert len(split_sentences(f"{line}\n{nxt}\n")) == 2


def test_the_old_protections_hold_beside_a_long_line() -> None:
    """In a file whose other lines are long (so no paragraph counts as wrapped by its widths), headings, lists of
    titles, numbered steps and "key: value" lines are still a line each."""
    long = "See https://www.example.org/" + "a" * 130
    text = (
        f"{long}\n\nIngredients\nflour, sugar and eggs\n\nSteps\n1. Sign up for an account on the website today\n"
        "2. Log in\n\nOpening hours for the library in the summer holidays\nMonday to Friday: 9am to 7pm\n"
        "Saturday: 10am to 4pm\nsunday: closed\n"
    )
    assert _flat(text)[1:] == [
        "Ingredients",
        "flour, sugar and eggs",
        "Steps",
        "Sign up for an account on the website today",
        "Log in",
        "Opening hours for the library in the summer holidays",
        "Monday to Friday: 9am to 7pm",
        "Saturday: 10am to 4pm",
        "sunday: closed",
    ]


def test_a_heading_in_a_wrapped_paragraph_is_none_when_the_sentence_runs_into_it() -> None:
    """A short line that a sentence runs into ("... apply to the" / "Harbour Trust") goes on with the sentence, though
    the next word would have fitted on it (a Markdown link taken out shortens it)."""
    para = textwrap.fill(
        "The committee met on Tuesday to discuss the budget for the coming year. Nobody objected to the plan at all, "
        "and the vote passed easily in the afternoon session of the council, after the treasurer had read out the "
        "accounts of the harbour and the ferry, line by line, to the members present.",
        72,
    )
    text = f"{para}\nThe committee agreed to apply to the\nHarbour Trust\nfor two thirds of the cost of the slipway.\n"
    assert _flat(text)[-1] == (
        "The committee agreed to apply to the Harbour Trust for two thirds of the cost of the slipway."
    )
