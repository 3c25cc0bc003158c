"""A sentence broken over lines, in a ragged text file or a Markdown paragraph, is stored, cited and previewed whole,
at the file's line (and column) where it starts."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.test_markdown_paragraphs import EIFFEL
from tests.support import FakeEmbedder, answers, indexed
from tests.text.test_run_on import STORY


def test_the_index_stores_whole_sentences_at_their_first_line(tmp_path: Path) -> None:
    retriever = indexed(tmp_path, {"cnn-bronx-marriages.txt": STORY, "eiffel-tower.md": EIFFEL}, FakeEmbedder())
    try:
        by_path = {}
        for name in ("cnn-bronx-marriages.txt", "eiffel-tower.md"):
            doc = retriever.store.document(name)
            assert doc is not None
            by_path[name] = {" ".join(s.text.split()): s.line for s in retriever.store.sentences(doc.id, 0, 100)}
        story = by_path["cnn-bronx-marriages.txt"]
        assert story["Prosecutors said the marriages were part of an immigration scam."] == 3
        detective = next(t for t in story if t.startswith("After leaving court"))
        assert detective.endswith("said Detective Annette Markowski, a police spokeswoman.") and story[detective] == 5
        eiffel = by_path["eiffel-tower.md"]
        millau = "Excluding transmitters, the Eiffel Tower is the second tallest free-standing structure in France "
        assert eiffel[millau + "after the Millau Viaduct."] == 7
        (preview,) = retriever.previews(retriever.search("Millau Viaduct transmitters", 1), "Millau Viaduct")
        assert (preview.line, preview.column) == (7, 68) and preview.text.startswith(millau + "after the Millau")
        query = "Annette Markowski police spokeswoman"
        shown = retriever.previews(retriever.search(query, 3), query)
        opening = next(p for p in shown if p.text.startswith("After leaving court"))
        assert (opening.line, opening.column) == (5, 1)
        assert "said Detective Annette Markowski, a police spokeswoman. In total" in opening.text
    finally:
        retriever.close()


def test_an_answer_cites_the_whole_sentence(tmp_path: Path) -> None:
    (answer,) = answers(tmp_path, {"cnn.txt": STORY}, FakeEmbedder(), "Who is Annette Markowski?")
    quotes = {c.quote: c.line for c in answer.citations}
    assert any("said Detective\nAnnette Markowski, a police spokeswoman." in q for q in quotes), quotes
    assert "Annette Markowski, a police spokeswoman." not in quotes
