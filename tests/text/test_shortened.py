"""Titles and previews cut to a width end after a whole word, with an ellipsis."""

from __future__ import annotations

from askdocs.text.normalize import shortened


def test_a_long_text_is_cut_after_a_whole_word() -> None:
    text = "A tense standoff between the army and cartel henchmen took place"
    assert shortened(text, 100) == text
    cut = shortened(text, 45)
    assert cut == "A tense standoff between the army and cartel…" and len(cut) <= 45
    assert shortened("Budget, approved: by the council", 10) == "Budget…"  # no dangling comma
    assert shortened("Supercalifragilistic", 8) == "Superca…"  # one long word: cut inside it
