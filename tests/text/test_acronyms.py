"""askdocs.text.acronyms: which words of a question are acronyms, and when a sentence spells one out."""

from __future__ import annotations

import pytest

from askdocs.answering.signals import question_terms, spelled_out
from askdocs.text.acronyms import acronyms, spelled
from askdocs.text.stem import stem


def test_acronyms_are_short_words_typed_in_capitals() -> None:
    words = ["IAEA", "NATO", "BoE", "US", "I", "Who", "WHO", "Paris", "COVID", "ABCDEFG", "A1"]
    assert acronyms(words) == {"iaea", "nato", "boe", "who", "covid"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Inspectors of the International Atomic Energy Agency visited the plant.", {"iaea"}),
        ("The North Atlantic Treaty Organization met in the United States.", {"nato"}),
        ("The Bank of England raised rates.", {"boe"}),
        ("The international atomic energy agency is not named with capitals.", set()),
        ("International experts from the Atomic Energy Agency came.", set()),
        ("Under New Old Management.", {"unom"}),
    ],
)
def test_a_run_of_capitalised_words_spells_an_acronym(text: str, found: set[str]) -> None:
    assert spelled(text, frozenset({"iaea", "nato", "boe", "unom"})) == found


def test_a_spelled_out_acronym_is_no_longer_a_word_the_corpus_never_uses() -> None:
    terms = question_terms("What did the IAEA say about the pumps?", lambda q: 0 if "iaea" in q else 5, 100, stem)
    assert terms.unknown == ("IAEA",) and terms.absent > 0 and dict(terms.acronyms) == {"iaea": stem("iaea")}
    known = spelled_out(terms, {stem("iaea")})
    assert known.unknown == () and known.absent == 0.0
    assert spelled_out(terms, set()) is terms
