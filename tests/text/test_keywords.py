"""Keywords: a text uses a query's word in any of its forms (as the index's Porter stemmer or askdocs' light one reads
them), never a misspelling the index's stemmer reads alike."""

from __future__ import annotations

import pytest

from askdocs.text.keywords import uses_words

TEXT = "Pernod lost the race to buy Glenmorangie.\nTwo men were arrested after an X-ray study at Tain's café."


@pytest.mark.parametrize(
    "terms",
    [
        ("glenmorangie",),
        ("glenmorangie's",),
        ("arrests",),
        ("arrest",),
        ("racing",),
        ("studied",),
        ("x-ray",),
        ("ray",),
        ("cafe",),
        ("tain",),
        ("nope", "pernod"),
    ],
)
def test_a_word_used_in_any_of_its_forms_is_a_match(terms: tuple[str, ...]) -> None:
    assert uses_words(TEXT, terms)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("using", "We use the pump."),
        ("used", "We use the pump."),
        ("connection", "The wires were connected."),
        ("organization", "The organizers were happy."),
        ("happiness", "The organizers were happy."),
        ("happy", "Their happiness showed."),
        ("ages", "Men aged 40 ran."),
        ("hoping", "We hope so."),
        ("tries", "Nobody tried."),
    ],
)
def test_a_form_the_index_stems_alike_is_a_match(typed: str, written: str) -> None:
    """Words the keyword index's Porter stemmer reads alike, each the stem and an ending it takes off."""
    assert uses_words(written, (typed,))


@pytest.mark.parametrize("terms", [("glenmorangy",), ("arrestee",), ("x-rays-only",), ("raced-off",), ("tainy",), ()])
def test_a_misspelling_or_another_word_is_none(terms: tuple[str, ...]) -> None:
    assert not uses_words(TEXT, terms)
