"""The FAISS index: derived from the embeddings stored in SQLite, saved atomically, tagged with the store state.

Exact search (IndexFlatIP) up to FLAT_MAX passages; above, an HNSW graph over 8-bit scalar codes (a million
passages: ~0.7 GB instead of 1.5 GB of floats, well under a millisecond a question). HNSW was preferred to IVF
after measuring both on the scale bench: IVF needed a quarter of its lists scanned for recall@10 >= 0.95.

A saved index (the "base") is never modified after it is written: its vectors are memory-mapped when large,
and the documents added or removed since it was saved are applied on top of it, in memory, as a small exact
"delta" index plus a filter that hides the passages the base holds in an older version (HNSW cannot remove
anything anyway). The indexer rewrites the base only when that delta grows past a fraction of the whole, so
one changed document costs time in proportion to it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from askdocs.errors import os_reason
from askdocs.store.files import atomic_file, atomic_write_bytes, file_sha256

FAISS_FILE = "vectors.faiss"
META_FILE = "vectors.json"

FLAT_MAX = 100_000
"""Exact search up to this many passages: ~13 ms a question here at 100,000, growing linearly (bench/README.md)."""
MMAP_MIN = 50_000
"""Saved indexes at least this large have their vectors memory-mapped instead of read into memory."""
HNSW_M = 32
"""Graph links per node: 16 lost recall on the bench data (0.92 where 32 gave 0.97 at 120,000 passages)."""
HNSW_EF_CONSTRUCTION = 40
HNSW_EF_SEARCH = 512
"""Candidates HNSW keeps while searching: recall@10 0.92 at 256, 0.96 at 512 (3.4 ms) on the 1M-passage bench."""
TRAIN_SAMPLE = 50_000
"""Vectors that set the 8-bit quantiser's ranges."""

Batches = Callable[[], Iterator[tuple[np.ndarray, np.ndarray]]]
"""Returns a fresh iterator over (ids, matrix) batches of every stored embedding."""
Exact = Callable[[list[int]], tuple[np.ndarray, np.ndarray]]
"""Returns (ids, float32 matrix) of the stored vectors of the given passage ids."""
RERANK = 64
"""Approximate candidates re-scored exactly: the 8-bit codes blur near ties, the stored vectors do not."""
EXACT_FILTERED = 20_000
"""In an HNSW index, a filter admitting at most this many passages is searched exactly over their stored vectors
(a graph walk that may only stop at a few nodes loses recall); a flat index and a wider filter use FAISS with an
id selector, which is exact for a flat index."""


def _faiss():  # noqa: ANN202 - faiss is imported lazily, it is heavy
    import faiss

    return faiss


def kind_for(count: int) -> str:
    """The index type for a collection of this size."""
    return "flat" if count <= FLAT_MAX else "hnsw-sq8"


def regular(path: Path) -> bool:
    """Whether `path` is a regular file (through a symlink): a folder, a device or a pipe put in its place is never
    read as the FAISS file or its record (a symlink to /dev/zero would be read for ever)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _record(folder: Path) -> dict | None:
    """The saved file's record, or None when it is missing, unreadable, not a regular file or not an object."""
    path = folder / META_FILE
    if not regular(path):
        return None
    try:
        meta = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _make_room(path: Path) -> None:
    """Clear the way for the saved file where something else than a file took its name: an empty folder is removed
    (the rename replaces a symlink, a device or a pipe by itself); a folder with files in it is left, and refused."""
    if not path.is_dir() or path.is_symlink():
        return
    try:
        path.rmdir()
    except OSError:
        raise OSError(errno.EISDIR, f"{path.name} is a folder with files in it; remove or rename it") from None


def split_tag(tag: str) -> tuple[str, int]:
    """(uuid, generation) of a store state's tag, "uuid:generation"; the generation is -1 when it is no number."""
    uuid, _, generation = tag.rpartition(":")
    try:
        return uuid, int(generation)
    except ValueError:
        return uuid, -1


class VectorIndex:
    """Inner-product search over normalised vectors, keyed by passage id: a saved base plus in-memory changes."""

    def __init__(
        self,
        base: object,
        tag: str,
        *,
        kind: str = "flat",
        base_tag: str | None = None,
        count: int | None = None,
        hidden: np.ndarray | None = None,
        delta: object | None = None,
    ) -> None:
        self._base = base
        self.tag = tag
        self.kind = kind
        self.base_tag = base_tag or tag
        self.hidden = np.zeros(0, dtype=np.int64) if hidden is None else np.asarray(hidden, dtype=np.int64)
        """Passage ids the base may hold in a version that no longer exists; searched in `delta` instead."""
        self._delta = delta
        self._count = int(base.ntotal) if count is None else count
        self._params = self._search_params()
        self.exact: Exact | None = None
        """Reads the stored float32 vectors of some passages: approximate candidates are re-scored with them."""
        self.unsaved: str | None = None
        """Why this index, rebuilt to be saved, could not be (a full disk, a read-only folder): served from memory."""
        self._filtered: tuple[np.ndarray, tuple[object, object]] | None = None
        """The last filter's passage ids and the search parameters made for them (a chat asks many questions)."""
        self._stored: tuple[np.ndarray, tuple[np.ndarray, np.ndarray]] | None = None
        """The last small filter's passage ids and their stored vectors, searched exactly (read once, not per
        question: at most `EXACT_FILTERED` vectors, 30 MB)."""

    # -- building ----------------------------------------------------------------------------------
    @classmethod
    def build(cls, ids: np.ndarray, matrix: np.ndarray, dimension: int, tag: str) -> VectorIndex:
        """A new index over `matrix` rows keyed by `ids`; `tag` names the store state it reflects."""
        matrix = np.ascontiguousarray(matrix, dtype=np.float32).reshape(len(ids), dimension)
        return cls.build_from(len(ids), dimension, tag, lambda: iter([(ids, matrix)]), lambda n: matrix[:n])

    @classmethod
    def build_from(
        cls, count: int, dimension: int, tag: str, batches: Batches, sample: Callable[[int], np.ndarray]
    ) -> VectorIndex:
        """Build from streamed batches (a million vectors never sit twice in memory); `sample(n)` trains SQ8."""
        faiss = _faiss()
        kind = kind_for(count)
        if kind == "flat":
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        else:
            graph = faiss.IndexHNSWSQ(dimension, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            graph.train(np.ascontiguousarray(sample(min(count, TRAIN_SAMPLE)), dtype=np.float32))
            index = faiss.IndexIDMap2(graph)
        for ids, matrix in batches():
            if len(ids):
                index.add_with_ids(np.ascontiguousarray(matrix, dtype=np.float32), np.asarray(ids, dtype=np.int64))
        return cls(index, tag, kind=kind)

    def with_changes(
        self, tag: str, hidden: np.ndarray, ids: np.ndarray, matrix: np.ndarray, count: int
    ) -> VectorIndex:
        """This base with the changes since it was saved: `hidden` ids masked, (`ids`, `matrix`) searched exactly."""
        delta = None
        if len(ids):
            delta = _faiss().IndexIDMap2(_faiss().IndexFlatIP(matrix.shape[1]))
            delta.add_with_ids(np.ascontiguousarray(matrix, dtype=np.float32), np.asarray(ids, dtype=np.int64))
        return VectorIndex(
            self._base, tag, kind=self.kind, base_tag=self.base_tag, count=count, hidden=hidden, delta=delta
        )

    # -- reading -----------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    @property
    def pending(self) -> int:
        """How many passage ids changed since the base was saved."""
        return int(self.hidden.size)

    @property
    def base_uuid(self) -> str:
        return split_tag(self.base_tag)[0]

    @property
    def base_generation(self) -> int:
        return split_tag(self.base_tag)[1]

    @property
    def effort(self) -> int:
        """HNSW's efSearch (0 for exact search)."""
        return HNSW_EF_SEARCH if self.kind == "hnsw-sq8" else 0

    def _search_params(self) -> object | None:
        faiss = _faiss()
        selector = None
        if self.hidden.size:
            self._keep = faiss.IDSelectorBatch(self.hidden)  # the selector holds a pointer: keep it alive
            selector = faiss.IDSelectorNot(self._keep)
        if self.kind == "hnsw-sq8":
            return faiss.SearchParametersHNSW(sel=selector, efSearch=self.effort)
        return faiss.SearchParameters(sel=selector) if selector is not None else None

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k nearest passage ids with their cosine similarity, best first; with `allowed` (a filter's passage
        ids), the k nearest among those only."""
        if self.count == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        if allowed is not None and not len(allowed):
            return []
        if allowed is not None and self.kind != "flat" and self.exact and len(allowed) <= EXACT_FILTERED:
            return self._search_exact(query, k, allowed)
        rerank = self.exact is not None and self.kind != "flat"
        wanted = max(k, RERANK) if rerank else k
        found: list[tuple[int, float]] = []
        base_params, delta_params = self._params, None
        if allowed is not None:
            base_params, delta_params = self._filtered_params(allowed)
        for index, params in ((self._base, base_params), (self._delta, delta_params)):
            if index is None or index.ntotal == 0:
                continue
            scores, ids = index.search(query, min(wanted, int(index.ntotal)), params=params)
            found += [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]
        if rerank and found:
            ids, matrix = self.exact([i for i, _ in found])
            found = list(zip(ids.tolist(), (matrix @ query[0]).tolist(), strict=True))
        found.sort(key=lambda hit: -hit[1])
        return found[:k]

    def _search_exact(self, query: np.ndarray, k: int, allowed: np.ndarray) -> list[tuple[int, float]]:
        """Brute force over the stored vectors of the `allowed` ids: exact, and cheap when they are few."""
        assert self.exact is not None
        if self._stored is None or self._stored[0] is not allowed:
            self._stored = (allowed, self.exact(allowed.tolist()))
        ids, matrix = self._stored[1]
        if not len(ids):
            return []
        scores = matrix @ query[0]
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(ids[i]), float(scores[i])) for i in top]

    def _filtered_params(self, allowed: np.ndarray) -> tuple[object, object]:
        """Search parameters of the base and the delta that admit only `allowed` ids (and, in the base, not the
        hidden ones); the selectors are kept on self because FAISS holds only pointers to them."""
        faiss = _faiss()
        if self._filtered is not None and self._filtered[0] is allowed:
            return self._filtered[1]  # the same filter as the last search: building the selector again cost 72 ms
        self._allowed = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        base = self._allowed
        if self.hidden.size:
            self._filter_keep = faiss.IDSelectorBatch(self.hidden)
            self._not_hidden = faiss.IDSelectorNot(self._filter_keep)
            self._both = base = faiss.IDSelectorAnd(self._allowed, self._not_hidden)
        if self.kind == "hnsw-sq8":
            base_params = faiss.SearchParametersHNSW(sel=base, efSearch=self.effort)
        else:
            base_params = faiss.SearchParameters(sel=base)
        self._filtered = (allowed, (base_params, faiss.SearchParameters(sel=self._allowed)))
        return self._filtered[1]

    # -- saving and loading ------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the base and its tag; the tag is removed first, so a crash in between forces a rebuild."""
        if self._delta is not None or self.hidden.size:
            raise ValueError("only a freshly built index can be saved")
        faiss = _faiss()
        (folder / META_FILE).unlink(missing_ok=True)
        _make_room(folder / FAISS_FILE)
        with atomic_file(folder / FAISS_FILE) as tmp:
            with open(tmp, "wb") as out:  # written by Python: a full disk raises, where FAISS's own writer only
                faiss.write_index(self._base, faiss.PyCallbackIOWriter(out.write))  # prints a failed close
            digest = file_sha256(tmp)
        meta = {"tag": self.tag, "count": int(self._base.ntotal), "format": f"faiss-{self.kind}", "kind": self.kind}
        meta["sha256"] = digest
        if self.kind == "hnsw-sq8":
            meta.update(m=HNSW_M, ef_search=self.effort)
        atomic_write_bytes(folder / META_FILE, json.dumps(meta, indent=2).encode())

    @staticmethod
    def check_file(folder: Path) -> str | None:
        """What keeps the saved file from loading: its record unreadable or missing, the file itself missing,
        unreadable, not a regular file or not matching its recorded checksum; None when it loads, or when neither
        file is there."""
        record, saved = folder / META_FILE, folder / FAISS_FILE
        if not os.path.lexists(record):
            return f"{META_FILE}, the record of {FAISS_FILE}, is missing" if os.path.lexists(saved) else None
        meta = _record(folder)
        if meta is None:
            return f"{META_FILE}, the record of {FAISS_FILE}, cannot be read"
        if not os.path.lexists(saved):
            return f"{FAISS_FILE} is missing"
        if not regular(saved):
            return f"{FAISS_FILE} is not a regular file (a folder, a device or a link to one)"
        try:
            actual = file_sha256(saved)
        except OSError as exc:
            return f"{FAISS_FILE} cannot be read: {os_reason(exc)}"
        if meta.get("sha256") != actual:
            return f"{FAISS_FILE} does not match its recorded checksum (damaged or replaced)"
        return None

    @staticmethod
    def saved_tag(folder: Path) -> str | None:
        """The store state the saved file reflects, without loading it."""
        meta = _record(folder)
        return str(meta["tag"]) if meta is not None and "tag" in meta else None

    @classmethod
    def load(cls, folder: Path, tag: str | None = None, count: int | None = None) -> VectorIndex | None:
        """The saved base (memory-mapped when large), or None if absent or unreadable; the caller checks its tag.

        With `tag` and `count`, only a base saved at exactly that state is returned.
        """
        meta = _record(folder)
        if meta is None or not regular(folder / FAISS_FILE):
            return None
        try:
            kind, saved = meta.get("kind", "flat"), int(meta["count"])
            if tag is not None and (meta.get("tag") != tag or saved != count):
                return None
            if meta.get("sha256") != file_sha256(folder / FAISS_FILE):  # garbled, or saved before checksums
                return None
            faiss = _faiss()
            flags = 0
            if saved >= MMAP_MIN:
                flags = faiss.IO_FLAG_MMAP_IFC  # the vectors (flat or 8-bit codes) stay on disk until read
            index = faiss.read_index(str(folder / FAISS_FILE), flags)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError):  # a record not an object too
            return None
        if kind not in ("flat", "hnsw-sq8") or int(index.ntotal) != saved:
            return None
        return cls(index, str(meta["tag"]), kind=kind)
