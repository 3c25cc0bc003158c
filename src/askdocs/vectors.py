"""The FAISS index: derived from the embeddings stored in SQLite, saved atomically, tagged with the store state."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np

FAISS_FILE = "vectors.faiss"
META_FILE = "vectors.json"


def _faiss():  # noqa: ANN202 - faiss is imported lazily, it is heavy
    import faiss

    return faiss


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: readers see the old or the new file."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class VectorIndex:
    """Exact inner-product search over normalised vectors, keyed by passage id."""

    def __init__(self, index: object, tag: str) -> None:
        self._index = index
        self.tag = tag

    @classmethod
    def build(cls, ids: np.ndarray, matrix: np.ndarray, dimension: int, tag: str) -> VectorIndex:
        """A new index over `matrix` rows keyed by `ids`; `tag` names the store state it reflects."""
        faiss = _faiss()
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        if len(ids):
            index.add_with_ids(np.ascontiguousarray(matrix, dtype=np.float32), ids.astype(np.int64))
        return cls(index, tag)

    @property
    def count(self) -> int:
        return int(self._index.ntotal)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k nearest passage ids with their cosine similarity, best first."""
        if self.count == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(query, min(k, self.count))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def save(self, folder: Path) -> None:
        """Write the index and its tag; a crash between the two leaves a tag that forces a rebuild."""
        faiss = _faiss()
        data = faiss.serialize_index(self._index).tobytes()
        _atomic_write_bytes(folder / FAISS_FILE, data)
        meta = {"tag": self.tag, "count": self.count, "format": "faiss-idmap2-flatip"}
        _atomic_write_bytes(folder / META_FILE, json.dumps(meta, indent=2).encode())

    @classmethod
    def load(cls, folder: Path, tag: str, count: int) -> VectorIndex | None:
        """The saved index if it matches the store's tag and size, else None (caller rebuilds)."""
        try:
            meta = json.loads((folder / META_FILE).read_text())
            if meta.get("tag") != tag or meta.get("count") != count:
                return None
            faiss = _faiss()
            data = np.frombuffer((folder / FAISS_FILE).read_bytes(), dtype=np.uint8)
            index = faiss.deserialize_index(data)
        except (OSError, ValueError, RuntimeError):
            return None
        loaded = cls(index, tag)
        return loaded if loaded.count == count else None
