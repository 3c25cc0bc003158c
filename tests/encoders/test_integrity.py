"""A damaged model never writes or searches NaN: exports are checked by content hash, vectors must be finite."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.encoders.base import finite
from askdocs.encoders.onnx import EXPORT_TAG, TOKENIZER_FILE, ExportTag, VariantCheck, find_export, read_tag, usable
from askdocs.errors import EXIT_MODEL, ModelUnavailable
from askdocs.indexer import index_corpus
from askdocs.store.files import file_sha256
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder


class NaNAfter(FakeEmbedder):
    """A model whose graph went bad: NaN from the second text on."""

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = super().encode(texts)
        vectors[1:] = np.nan
        return vectors


def fake_export(folder: Path) -> Path:
    """An export tag, tokenizer and graph file whose recorded size and hash match (the graph is not a real one)."""
    folder.mkdir(parents=True, exist_ok=True)
    graph = folder / "model.onnx"
    graph.write_bytes(bytes(range(256)) * 64)
    (folder / TOKENIZER_FILE).write_text("{}")
    check = VariantCheck("model.onnx", True, graph.stat().st_size, sha256=file_sha256(graph))
    tag = ExportTag("m", "src", 8, 16, variants={"fp32": check})
    (folder / EXPORT_TAG).write_text(tag.as_json())
    return graph


def test_an_export_whose_bytes_changed_is_not_used(tmp_path: Path) -> None:
    graph = fake_export(tmp_path)
    tag = read_tag(tmp_path)
    assert tag is not None and usable(tmp_path, tag, "m", "fp32") and find_export(tmp_path, "m") is not None
    data = bytearray(graph.read_bytes())
    data[4096:8192] = bytes(4096)  # 4 KB garbled, same size
    graph.write_bytes(bytes(data))
    assert not usable(tmp_path, tag, "m", "fp32")
    with pytest.raises(ModelUnavailable, match="not the file that was checked"):
        find_export(tmp_path, "m")  # never a silent fallback to torch


def test_an_export_recorded_without_a_hash_is_not_used(tmp_path: Path) -> None:
    fake_export(tmp_path)
    tag = read_tag(tmp_path)
    assert tag is not None
    old = ExportTag("m", "src", 8, 16, variants={"fp32": VariantCheck("model.onnx", True, tag.variants["fp32"].size)})
    assert not usable(tmp_path, old, "m", "fp32")


def test_non_finite_vectors_are_refused() -> None:
    assert finite(np.ones((2, 3), np.float32), "x").shape == (2, 3)
    for bad in (np.nan, np.inf, -np.inf):
        with pytest.raises(ModelUnavailable, match="not finite"):
            finite(np.array([[0.0, bad]], np.float32), "the model")


def test_indexing_with_a_model_that_gives_nan_stores_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(f"Crane {i} was inspected on July 2, 2021.")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with pytest.raises(ModelUnavailable) as error:
        index_corpus(settings, embedder=NaNAfter())
    assert error.value.exit_code == EXIT_MODEL
    assert not IndexStore.exists(settings.index)  # a first index that stored nothing is not left behind
    index_corpus(settings, embedder=FakeEmbedder())
    for i in range(3, 6):
        (corpus / f"{i}.txt").write_text(f"Crane {i} was inspected on July 2, 2021.")
    with pytest.raises(ModelUnavailable):
        index_corpus(settings, embedder=NaNAfter())
    with IndexStore.open(settings.index) as store:
        ids, matrix = store.embeddings()
    assert len(ids) == 3 and np.isfinite(matrix).all()  # only the vectors of the run that worked
