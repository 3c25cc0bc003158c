"""A file with one paragraph per line: each citation names the column where its sentence starts, so two sentences of
one line are told apart (real model, real FAISS, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.retrieval import Retriever
from askdocs.text.excerpt import Preview
from askdocs.transcript import place
from tests.support import answers

pytestmark = pytest.mark.slow  # the real model

TEXT = (
    "Harbour news for the week.\n"
    "The ferry Kestrel ran aground near Ormsby on Tuesday. Its captain, Mara Lindqvist, said the fog had hidden "
    "the buoys. The coast guard towed the ship to Fennick harbour before dawn. Nobody was hurt.\n"
    "The fish market reopened on Friday after repairs to its roof.\n"
)


def test_sentences_of_one_line_cite_their_column(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    towed = "Where was the Kestrel towed by the coast guard?"
    answer, market = answers(tmp_path, {"harbour.txt": TEXT}, real_embedder, towed, "When did the fish market reopen?")
    assert answer.found, answer.reasons
    cited = next(c for c in answer.citations if "towed" in c.quote)
    line_start = TEXT.index("The ferry")
    assert cited.line == 2 and cited.column == TEXT.index("The coast guard") - line_start + 1
    assert place(cited).endswith(f"harbour.txt:2:{cited.column}")
    assert cited.as_dict()["column"] == cited.column
    assert all(c.column == c.start - TEXT.rfind("\n", 0, c.start) for c in answer.citations)
    own_line = next(c for c in market.citations if "fish market" in c.quote)
    assert own_line.column == 1 and place(own_line).endswith("harbour.txt:3")
    preview = _preview(tmp_path, "coast guard towed the ship", line=2)  # a search preview names its column too
    assert preview.text.startswith("The coast guard") and preview.column == cited.column


def test_a_markdown_citation_finds_its_column_in_the_files_line(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """Markdown is indexed without its markup, so its offsets are not the file's: the column is where the quote's
    opening stands in the file's own line, found word by word when markup breaks up its first words."""
    markdown = "# Harbour\n\n" + TEXT.replace("Kestrel", "**Kestrel**").replace("Its captain", "Its *captain*")
    asked = ("Where was the Kestrel towed by the coast guard?", "What did the Kestrel's captain say hid the buoys?")
    towed, fog = answers(tmp_path, {"harbour.md": markdown}, real_embedder, *asked)
    cited = next(c for c in towed.citations if "towed" in c.quote)
    line = markdown.split("\n")[cited.line - 1]
    assert cited.line == 4 and cited.column == line.index("The coast guard") + 1
    assert place(cited).endswith(f"harbour.md:4:{cited.column}") and cited.as_dict()["column"] == cited.column
    broken = next(c for c in fog.citations if "fog" in c.quote)
    assert broken.quote.startswith("Its captain")  # markup between its first words: found word by word
    assert broken.column == line.index("Its *captain*") + 1 and broken.as_dict()["column"] == broken.column
    assert place(broken).endswith(f"harbour.md:4:{broken.column}")
    preview = _preview(tmp_path, "coast guard towed the ship", line=4)
    assert preview.text.startswith("The coast guard") and preview.column == cited.column


def _preview(root: Path, query: str, line: int) -> Preview:
    """The search preview on `line` for `query`, from the index under `root` (the fixture's embedder is loaded)."""
    from askdocs.encoders.choose import for_questions

    settings = load_settings({"corpus": root / "corpus", "index": root / "index"}, cwd=root, environ={})
    retriever = Retriever.open(settings, embedder=for_questions())
    try:
        return next(v for v in retriever.previews(retriever.search(query, 3), query) if v.line == line)
    finally:
        retriever.close()
