"""Candidate answers inside sentences: people with nicknames, places, organisations, numbers, dates, ages."""

from __future__ import annotations

import pytest

from askdocs.answering.entities import find_spans
from askdocs.answering.entities.people import NameBook
from askdocs.ingest.timeline import is_reference, sentence_dates
from askdocs.text.normalize import is_heading
from askdocs.text.stem import stem


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.label) for s in find_spans(text)]


def test_person_with_a_nickname_after_a_comma_and_a_place_with_its_state() -> None:
    found = kinds("The soldiers refused to free Francisco Torres, ‘El Duranguillo’ in Altar, Sonora, on July 2.")
    assert ("person", "Francisco Torres (“El Duranguillo”)") in found
    assert ("place", "Altar, Sonora") in found
    assert ("date", "July 2") in found


def test_nickname_inside_a_name_titles_and_organisations() -> None:
    found = kinds("Forces released Ovidio Guzmán, the son of Joaquin “El Chapo” Guzmán in the Sinaloan capital.")
    assert ("person", "Joaquin Guzmán (“El Chapo”)") in found and ("person", "Ovidio Guzmán") in found
    found = kinds("Mexico’s former Defense Chief General Salvador Cienfuegos was arrested by the Mexican Army.")
    assert ("person", "Salvador Cienfuegos") in found and ("org", "Mexican Army") in found
    found = kinds("It was trained by the U.S. Drug Enforcement Administration and the New Generation Jalisco Cartel.")
    assert ("org", "U.S. Drug Enforcement Administration") in found and (
        "org",
        "New Generation Jalisco Cartel",
    ) in found


def test_sentence_starting_words_and_demonyms_are_not_names() -> None:
    found = kinds("Following the arrests, Mexican authorities detained a boss in the Mexican coastal city of Guaymas.")
    assert ("place", "Guaymas") in found
    assert not any(label in {"Following", "Mexican"} for _, label in found)


def test_headings_give_no_answers() -> None:
    assert is_heading("Bullets Back, Replacing Hugs") and find_spans("Security Alert for Baja California") == []
    assert not is_heading("They refused.")


def test_name_book_links_surnames_and_nicknames_to_one_person() -> None:
    book = NameBook.of(
        [
            "An attempt on the life of Luis Edgar Herrera “El Tolín”, a boss.",
            "Herrera was arrested.",
            "President Andrés Manuel López Obrador spoke; López Obrador smiled.",
        ]
    )
    assert book.resolve("Herrera").name == "Luis Edgar Herrera"
    assert book.resolve("El Tolin").label == "Luis Edgar Herrera (“El Tolín”)"
    assert book.resolve("López Obrador").name == "Andrés Manuel López Obrador"
    assert book.is_nickname("El Tolín") and not book.is_nickname("Herrera")
    assert "herrera" in book.aliases("El Tolín")


@pytest.mark.parametrize(("a", "b"), [("arrested", "arrests"), ("arrest", "arrested"), ("killings", "killing")])
def test_stems_match_inflections(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_a_date_the_sentence_counts_from_is_a_reference_not_its_event() -> None:
    text = "Following the two arrests on July 2, authorities detained a third boss, Neri Ramírez."
    assert is_reference(text, text.index("July 2"))
    assert not is_reference("A gunfight ensued on July 2, which ended.", 23)
    dates = sentence_dates([text, "Authorities said Ramírez is behind killings."], None)
    assert dates[0][0].reference and not dates[0][0].inherited
    assert dates[1] == [], "a reference date is not carried to the next sentence"
