"""The indexer embeds one batch in the background while it reads the next: order, counts and failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.errors import ModelUnavailable
from askdocs.indexer import EMBED_BATCH_PASSAGES, index_corpus
from askdocs.store import IndexStore
from conftest import FakeEmbedder

FILES = EMBED_BATCH_PASSAGES + 60


class FailingAfter(FakeEmbedder):
    """Embeds the first `calls` batches, then fails as a model that cannot run would."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls = calls

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        if self.calls <= 0:
            raise ModelUnavailable("the model stopped")
        self.calls -= 1
        return super().encode_documents(texts)


@pytest.fixture
def many(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(FILES):
        (corpus / f"note-{i:04d}.txt").write_text(f"Note {i}: the harbour crane number {i} was inspected.")
    return Settings(corpus=corpus, index=tmp_path / "index", model="fake")


def test_batches_are_committed_in_order_with_their_own_vectors(many: Settings) -> None:
    seen: list[tuple[int, int, str]] = []
    embedder = FakeEmbedder()
    report = index_corpus(many, embedder=embedder, progress=lambda done, total, path: seen.append((done, total, path)))
    assert (report.added, report.passages) == (FILES, FILES)
    assert [d for d, _, _ in seen] == list(range(1, FILES + 1)) and {t for _, t, _ in seen} == {FILES}
    with IndexStore.open(many.index) as store:
        ids, matrix = store.embeddings()
        texts = {pid: p.text for pid, p in store.passages([int(i) for i in ids]).items()}
    assert len(ids) == FILES
    for pid, vector in zip(ids, matrix, strict=True):
        assert np.allclose(vector, embedder._vector(texts[int(pid)]), atol=1e-6)


def test_a_model_failing_mid_run_stops_with_its_error_and_keeps_the_committed_batch(many: Settings) -> None:
    with pytest.raises(ModelUnavailable, match="stopped"):
        index_corpus(many, embedder=FailingAfter(calls=1))
    with IndexStore.open(many.index) as store:
        assert store.info().documents == EMBED_BATCH_PASSAGES
    report = index_corpus(many, embedder=FakeEmbedder())
    expected = (FILES - EMBED_BATCH_PASSAGES, EMBED_BATCH_PASSAGES, FILES)
    assert (report.added, report.unchanged, report.total_documents) == expected
