"""A retrieved passage's line says how it ranked: its cosine when meaning ranked it, and plainly when only its
words did (a related passage without a number beside the others' read as a glitch)."""

from __future__ import annotations

from pathlib import Path

from askdocs.cli.render import hit_line
from askdocs.retrieval import Hit
from askdocs.store.records import Passage

TEXT = "The harbour master of Namibe is Ernesto Valverde."


def test_a_passage_only_the_keywords_found_says_so(tmp_path: Path) -> None:
    passage = Passage(3, 1, "a.txt", 3, 0, len(TEXT), 1, 0, 0, TEXT)
    both = hit_line(Hit(passage, 0.03, 1, lexical_rank=1, dense_rank=2, dense_score=0.61), tmp_path)
    words = hit_line(Hit(passage, 0.016, 2, lexical_rank=4), tmp_path)
    assert "cos=0.61" in both and "keywords only" not in both
    assert "cos=" not in words and "(score 0.0160, keywords only)" in words


def test_the_chats_passages_view_says_so_too() -> None:
    from askdocs.tui.markup import hit_ref

    passage = Passage(3, 1, "a.txt", 3, 0, len(TEXT), 1, 0, 0, TEXT)
    assert "keywords only" in hit_ref(Hit(passage, 0.016, 2, lexical_rank=4), "corpus/a.txt").label
    assert "cosine 0.61" in hit_ref(Hit(passage, 0.03, 1, lexical_rank=1, dense_score=0.61), "corpus/a.txt").label
