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


def test_folding_plain_ascii_takes_the_short_way_to_the_same_result() -> None:
    """fold's ASCII fast path must agree with the full Unicode path on every printable ASCII character, in
    words and in the word files' whole vocabulary (where the word tables spend their start-up)."""
    import unicodedata

    from askdocs.lang.en import EN
    from askdocs.text.normalize import fold

    def slow(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()

    printable = "".join(chr(c) for c in range(32, 127))
    samples = [printable, "U.S.", "Chapo's", "ABC-123", *EN.opposites, *EN.related]
    assert all(fold(s) == slow(s) for s in samples)
    assert fold("Ramírez’s") == "ramirez's"  # the slow path still serves the rest
