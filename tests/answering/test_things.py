"""The short lists of things a common noun asks for ("Which drug ...?"): matched whole, longest first."""

from __future__ import annotations

from askdocs.answering.entities.things import find_members, kind_of


def _found(text: str, kind: str) -> list[str]:
    return [text[a:b] for a, b in find_members(text, kind)]


def test_question_nouns_name_their_kind() -> None:
    assert (kind_of("drug"), kind_of("Narcotics"), kind_of("firearms"), kind_of("vehicles")) == (
        "drug",
        "drug",
        "weapon",
        "vehicle",
    )
    assert kind_of("man") is None and kind_of(None) is None


def test_members_are_whole_words_and_the_longest_name_wins() -> None:
    text = "Police seized assault rifles, an AK-47, crystal  meth and Fentanyl from two pick-up trucks."
    assert _found(text, "weapon") == ["assault rifles", "AK-47"]
    assert _found(text, "drug") == ["crystal  meth", "Fentanyl"]
    assert _found(text, "vehicle") == ["pick-up trucks"]
    assert _found("The methodical carpool of heroines vanished.", "drug") == []
    assert _found("A car-bomb went off.", "vehicle") == []
