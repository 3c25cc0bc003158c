"""A question's superlative finds the documents' other grades of its word ("deepest": "deep", "deeper"): it is no
word the documents never use, and it matches the sentence that says "deeper" (real model, FAISS and SQLite)."""

from __future__ import annotations

import re
from pathlib import Path

from askdocs.answering import signals
from askdocs.text.stem import stem
from tests.support import answers

LAKES = """Lakes of the Varn uplands

Lake Sennet is the largest lake of the uplands, covering 41 square kilometres. Lake Marra, a narrow glacial lake
in the mountains, is much deeper, reaching 96 metres at its centre. Both lakes freeze over in most winters.
"""

TOWN = """Ardal

Ardal is a market town on the eastern shore of Lake Sennet. Its fish market has been held every Friday since 1702.
"""


def test_a_superlative_is_not_unknown_when_the_documents_use_another_grade_of_it() -> None:
    def frequency(
        query: str,
    ) -> int:  # sentences that hold "lake", "deep" or "deeper", as the FTS index would count them
        return 3 if re.search(r'"(?:deep|deeper|lake)"', query) else 0

    terms = signals.question_terms("Which lake is the deepest?", frequency, 100, stem)
    assert "deepest" not in terms.unknown and terms.absent == 0.0
    assert stem("deepest") in terms.weights and stem("deepest") == stem("deeper")


def test_a_superlative_question_cites_the_comparative_sentence(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    files = {"lakes.txt": LAKES, "ardal.txt": TOWN}
    (deepest,) = answers(tmp_path, files, real_embedder, "Which lake of the Varn uplands is the deepest?")
    assert deepest.found, deepest.reasons
    assert any("Lake Marra" in c.quote for c in deepest.citations), [c.quote for c in deepest.citations]
