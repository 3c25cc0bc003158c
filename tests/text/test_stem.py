"""The light stemmer: a word's inflected forms compare equal, whether the rules or the Lexicon's forms do it."""

from __future__ import annotations

import pytest

from askdocs.text.stem import stem


@pytest.mark.parametrize(
    "forms",
    [
        ("arrest", "arrests", "arrested", "arresting"),
        ("die", "dies", "died", "dying"),
        ("lie", "lies", "lied", "lying"),
        ("tie", "ties", "tied", "tying"),
        ("carry", "carries", "carried"),
        ("begin", "began", "begun"),
    ],
)
def test_the_forms_of_a_verb_share_one_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(w) for w in forms}) == 1, {w: stem(w) for w in forms}


def test_a_number_keeps_its_inner_dots_where_an_acronym_loses_them() -> None:
    assert stem("4.0") == "4.0" != stem("40")
    assert stem("3.14") == "3.14"
    assert stem("U.S.") == stem("US") == "us"
    assert stem("Version") == stem("versions")
