"""Typos: a name typed is taken for a slip of another only when a letter or two differ, not a word or a number."""

from __future__ import annotations

import pytest

from askdocs.text.typos import edit_distance, plausible_typo


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("corpus", "corpus", 0), ("corpsu", "corpus", 1), ("corpuss", "corpus", 1), ("note", "notes", 1), ("ab", "", 2)],
)
def test_edit_distance_counts_a_swap_of_two_neighbours_as_one(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance == edit_distance(b, a)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("corpsu", "corpus"),  # two letters swapped
        ("corpuss", "corpus"),
        ("note", "notes"),
        ("Corpus", "corpus"),
        ("documnets-old", "documents-old"),
        ("my-dogs", "my-docs"),
        ("reprot_archive", "report_archve"),  # two slips in a long name
        ("my-docs", "mydocs"),  # a separator typed
        ("mydocs", "my_docs"),  # or left out
    ],
)
def test_a_letter_or_two_astray_is_a_typo(typed: str, name: str) -> None:
    assert plausible_typo(typed, name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("trialJ-nope", "trialJ-out"),  # a shared prefix, another word
        ("notes-a", "notes-b"),  # one letter, but a whole part of the name
        ("data-2023", "data-2024"),  # another number: another folder
        ("corpus2", "corpus3"),
        ("docs", "dogs-old"),
        ("abc", "xyz"),
        ("cats", "dogs"),
        ("reports-a", "reports"),  # a part added: another folder
        ("reports", "reports-ab"),
        ("reportz-a", "reports"),
    ],
)
def test_another_word_or_number_is_no_typo(typed: str, name: str) -> None:
    assert not plausible_typo(typed, name)
