"""Document-level BM25: titles weighted, removed and changed documents gone from the document FTS table."""

from __future__ import annotations

from pathlib import Path

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder


def _index(tmp_path: Path, files: dict[str, str]) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in files.items():
        (corpus / name).write_text(text)
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    return settings


def _paths(store: IndexStore, query: str, weights: tuple[float, float] = (1.0, 1.0)) -> list[str]:
    found = store.lexical_documents(query, 10, weights)
    docs = store.documents_by_id([d for d, _ in found])
    return [docs[d].path for d, _ in found]


def test_a_title_weight_ranks_the_document_titled_with_the_word_first(tmp_path: Path) -> None:
    body = "The council met on Monday. " * 3
    settings = _index(
        tmp_path,
        {
            "a.md": f"---\ntitle: Budget\n---\n\n{body}The harbour budget was discussed, budget again, budget.\n",
            "b.md": f"---\ntitle: Harbour cranes\n---\n\n{body}The budget was discussed.\n",
        },
    )
    with IndexStore.open(settings.index) as store:
        assert sorted(_paths(store, '"harbour"')) == ["a.md", "b.md"]
        assert _paths(store, '"harbour"', (10.0, 1.0))[0] == "b.md"
        assert _paths(store, '"budget"', (10.0, 1.0))[0] == "a.md"


def test_removed_and_changed_documents_leave_the_document_index(tmp_path: Path) -> None:
    settings = _index(tmp_path, {"a.txt": "Zebras cross the river.\n", "b.txt": "Lions sleep in the shade.\n"})
    (settings.corpus / "a.txt").unlink()
    (settings.corpus / "b.txt").write_text("Elephants drink at dawn.\n")
    index_corpus(settings, embedder=FakeEmbedder())
    with IndexStore.open(settings.index) as store:
        assert _paths(store, '"zebra"') == []
        assert _paths(store, '"lion"') == []
        assert _paths(store, '"elephant"') == ["b.txt"]
        assert store.documents_by_id([999]) == {}
