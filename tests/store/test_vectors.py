"""The FAISS side: exact below the size threshold, HNSW above it with good recall, saved bases that are never
modified, changes applied on top, memory-mapped loading."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import askdocs.store.vectors as vectors_mod
from askdocs.store.vectors import FAISS_FILE, HNSW_M, META_FILE, VectorIndex, kind_for


def clustered(n: int, dim: int = 64, clusters: int = 50, seed: int = 0, draw: int = 0) -> np.ndarray:
    """Normalised vectors around random centres (`seed`), like embeddings of texts on a few topics; another
    `draw` gives other points around the same centres (questions about the same topics)."""
    centres = np.random.default_rng(seed).standard_normal((clusters, dim)).astype(np.float32)
    rng = np.random.default_rng((seed, draw))
    points = centres[rng.integers(clusters, size=n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def exact_top(matrix: np.ndarray, ids: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    return ids[np.argsort(-(matrix @ query))[:k]].tolist()


def test_small_collections_are_searched_exactly(tmp_path: Path) -> None:
    matrix = clustered(500)
    ids = np.arange(1000, 1500, dtype=np.int64)
    index = VectorIndex.build(ids, matrix, 64, "u:1")
    assert index.kind == "flat" and index.count == 500
    for q in matrix[:20]:
        found = [i for i, _ in index.search(q, 10)]
        assert found == exact_top(matrix, ids, q, 10)
    assert index.search(matrix[0], 1)[0][1] == pytest.approx(1.0, abs=1e-5)


def test_large_collections_use_hnsw_with_high_recall_and_survive_a_memory_mapped_reload(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(vectors_mod, "FLAT_MAX", 2_000)
    monkeypatch.setattr(vectors_mod, "MMAP_MIN", 1_000)
    matrix = clustered(20_000, seed=1)
    ids = np.arange(20_000, dtype=np.int64) * 7 + 3
    index = VectorIndex.build(ids, matrix, 64, "u:5")
    assert index.kind == "hnsw-sq8" == kind_for(20_000) and index.effort >= 50
    queries = clustered(100, seed=1, draw=1)
    recall = np.mean(
        [len({i for i, _ in index.search(q, 10)} & set(exact_top(matrix, ids, q, 10))) / 10 for q in queries]
    )
    assert recall >= 0.95
    rows = {int(i): row for i, row in zip(ids, matrix, strict=True)}
    index.exact = lambda wanted: (np.asarray(wanted), np.stack([rows[i] for i in wanted]))
    for q in queries[:20]:  # re-scored with the stored vectors: exact cosines, in exact order
        found = index.search(q, 10)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
        assert all(s == pytest.approx(float(rows[i] @ q), abs=1e-5) for i, s in found)
    reranked = np.mean(
        [len({i for i, _ in index.search(q, 10)} & set(exact_top(matrix, ids, q, 10))) / 10 for q in queries]
    )
    assert reranked >= recall
    index.exact = None
    index.save(tmp_path)
    meta = json.loads((tmp_path / META_FILE).read_text())
    assert meta["kind"] == "hnsw-sq8" and meta["m"] == HNSW_M and meta["tag"] == "u:5"
    loaded = VectorIndex.load(tmp_path)
    assert loaded is not None and loaded.kind == "hnsw-sq8" and loaded.count == 20_000
    for q in queries[:10]:
        assert loaded.search(q, 10) == index.search(q, 10)


def test_changes_hide_old_versions_and_add_new_ones_without_touching_the_base(tmp_path: Path) -> None:
    matrix = clustered(300)
    ids = np.arange(300, dtype=np.int64)
    base = VectorIndex.build(ids, matrix, 64, "u:1")
    base.save(tmp_path)
    saved = (tmp_path / FAISS_FILE).read_bytes()
    new_vectors = clustered(5, draw=9)
    hidden = np.array([0, 1, 2, 300, 301], dtype=np.int64)  # 0..2 removed or replaced, 300..301 added
    changed = base.with_changes("u:2", hidden, np.array([2, 300, 301]), new_vectors[:3], count=300)
    assert changed.tag == "u:2" and changed.base_tag == "u:1" and changed.pending == 5
    assert all(i not in (0, 1) for i, _ in changed.search(matrix[0], 50))
    assert changed.search(new_vectors[0], 1)[0][0] == 2  # id 2 now has its new vector
    assert changed.search(new_vectors[2], 1)[0][0] == 301
    scores = dict(changed.search(matrix[2], 300))  # id 2 is scored by its new vector only
    assert scores[2] == pytest.approx(float(new_vectors[0] @ matrix[2]), abs=1e-4)
    with pytest.raises(ValueError):
        changed.save(tmp_path)
    assert (tmp_path / FAISS_FILE).read_bytes() == saved


def test_unreadable_or_mismatched_files_load_as_none(tmp_path: Path) -> None:
    assert VectorIndex.load(tmp_path) is None
    VectorIndex.build(np.arange(10), clustered(10), 64, "u:3").save(tmp_path)
    assert VectorIndex.load(tmp_path, "u:3", 10) is not None
    assert VectorIndex.load(tmp_path, "u:4", 10) is None
    assert VectorIndex.saved_tag(tmp_path) == "u:3"
    (tmp_path / FAISS_FILE).write_bytes(b"not an index at all")
    assert VectorIndex.load(tmp_path) is None
    (tmp_path / META_FILE).write_text("{broken")
    assert VectorIndex.load(tmp_path) is None and VectorIndex.saved_tag(tmp_path) is None


def test_saved_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    VectorIndex.build(np.arange(10), clustered(10), 64, "u:3").save(tmp_path)
    for name in (FAISS_FILE, META_FILE):
        assert (tmp_path / name).stat().st_mode & 0o044, name  # not mkstemp's private 0600
