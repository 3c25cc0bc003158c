"""A file with one paragraph per line: each citation names the column where its sentence starts, so two sentences of
one line are told apart (real model, real FAISS, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from askdocs.transcript import place

pytestmark = pytest.mark.slow  # the real model

TEXT = (
    "Harbour news for the week.\n"
    "The ferry Kestrel ran aground near Ormsby on Tuesday. Its captain, Mara Lindqvist, said the fog had hidden "
    "the buoys. The coast guard towed the ship to Fennick harbour before dawn. Nobody was hurt.\n"
    "The fish market reopened on Friday after repairs to its roof.\n"
)


def test_sentences_of_one_line_cite_their_column(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(TEXT, encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "Where was the Kestrel towed by the coast guard?")
        market = answer_question(retriever, "When did the fish market reopen?")
    finally:
        retriever.close()
    assert answer.found, answer.reasons
    cited = next(c for c in answer.citations if "towed" in c.quote)
    line_start = TEXT.index("The ferry")
    assert cited.line == 2 and cited.column == TEXT.index("The coast guard") - line_start + 1
    assert place(cited).endswith(f"harbour.txt:2:{cited.column}")
    assert cited.as_dict()["column"] == cited.column
    assert all(c.column == c.start - TEXT.rfind("\n", 0, c.start) for c in answer.citations)
    own_line = next(c for c in market.citations if "fish market" in c.quote)
    assert own_line.column == 1 and place(own_line).endswith("harbour.txt:3")
    search = Retriever.open(settings, embedder=real_embedder)
    try:  # a search preview opening on the sentence names its column too
        hits = search.search("coast guard towed the ship", 3)
        preview = next(v for v in search.previews(hits, "coast guard towed the ship") if v.line == 2)
    finally:
        search.close()
    assert preview.text.startswith("The coast guard") and preview.column == cited.column


def test_a_markdown_citation_names_no_column(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """Markdown is indexed without its markup, so a column in that text would point elsewhere in the file: none is
    claimed (JSON null), and the line alone is given."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.md").write_text("# Harbour\n\n" + TEXT.replace("Kestrel", "**Kestrel**"), encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "Where was the Kestrel towed by the coast guard?")
    finally:
        retriever.close()
    cited = next(c for c in answer.citations if "towed" in c.quote)
    assert cited.column is None and cited.as_dict()["column"] is None
    assert place(cited).endswith(f"harbour.md:{cited.line}") and cited.line == 4
