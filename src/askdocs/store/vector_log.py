"""Keep the FAISS index in step with SQLite: a change log, so one document never costs a rebuild.

Each write transaction logs the ids of the passages it adds or removes, with the generation it commits.
A FAISS file saved at generation G plus the ids logged after G gives the current state: those ids are hidden
in the saved index and the ones that still exist are searched from their stored embeddings. The file is
rewritten, and the log pruned, only when those changes grow past a fraction of the index (`compact`).
`vector_log_from` in the meta table is the oldest generation the log still covers; older files are rebuilt.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from askdocs.errors import IndexUnusable, os_reason
from askdocs.store.files import transaction
from askdocs.store.vectors import FAISS_FILE, VectorIndex, split_tag

COMPACT_FRACTION = 0.02
"""Rewrite the FAISS file once the changes since it was saved exceed this share of the passages..."""
COMPACT_MINIMUM = 2048
"""... and this many passages (below that, following the log costs next to nothing)."""

REBUILT = (
    "it is rebuilt from the embeddings stored in SQLite (nothing is embedded again) by the next question, or now if"
    " you run: askdocs index"
)
"""What mends a saved FAISS file that will not load (`saved_problem`): no rebuild of the index, no damage."""
REBUILT_IN_MEMORY = (
    "it is rebuilt in memory from the embeddings stored in SQLite (nothing is embedded again) by every question,"
    " until it can be saved (run: askdocs index)"
)
"""REBUILT for an index folder that cannot be written: no question can save the file it rebuilds."""
UNSAVED = "answered from the vectors rebuilt in memory, as every question is until it is saved (run: askdocs index)"
"""What follows why a FAISS file rebuilt for the searches could not be saved (IndexStore.unsaved_vectors)."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vector_log (generation INTEGER NOT NULL, passage_id INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS vector_log_generation ON vector_log(generation)",
)


# -- the log (written inside the store's transactions) -----------------------------------------
def _ensure_log(conn: sqlite3.Connection, generation: int) -> None:
    """Create the log on first write; an index made before the log existed is covered from here on."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vector_log'").fetchone():
        return
    for statement in _SCHEMA:
        conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('vector_log_from', ?)", (str(generation - 1),))


def record(conn: sqlite3.Connection, generation: int, passage_ids: Iterable[int]) -> None:
    """Log passages added by the transaction that commits `generation` (call inside it)."""
    _ensure_log(conn, generation)
    conn.executemany("INSERT INTO vector_log VALUES (?, ?)", ((generation, int(i)) for i in passage_ids))


def record_document(conn: sqlite3.Connection, generation: int, doc_id: int) -> None:
    """Log every passage of a document about to be deleted (call inside the deleting transaction)."""
    _ensure_log(conn, generation)
    conn.execute("INSERT INTO vector_log SELECT ?, id FROM passages WHERE doc_id = ?", (generation, doc_id))


def log_from(conn: sqlite3.Connection) -> int | None:
    """The oldest generation the log covers, or None when this index has no log yet."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'vector_log_from'").fetchone()
    return int(row[0]) if row else None


def changed_since(conn: sqlite3.Connection, generation: int) -> np.ndarray | None:
    """Distinct passage ids added or removed after `generation`, or None if the log does not reach back so far."""
    start = log_from(conn)
    if start is None or generation < start:
        return None
    rows = conn.execute("SELECT DISTINCT passage_id FROM vector_log WHERE generation > ?", (generation,)).fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


# -- stored embeddings --------------------------------------------------------------------------
def _unpack(rows: Sequence[tuple[int, bytes]], dim: int) -> tuple[np.ndarray, np.ndarray]:
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
    return ids, matrix


def passage_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM passages").fetchone()[0])


def embedding_batches(
    conn: sqlite3.Connection, dim: int, size: int = 50_000
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every stored vector in id order, `size` rows at a time: a million never sit twice in memory."""
    last = -1
    while True:
        rows = conn.execute("SELECT id, embedding FROM passages WHERE id > ? ORDER BY id LIMIT ?", (last, size))
        rows = rows.fetchall()
        if not rows:
            return
        last = rows[-1][0]
        yield _unpack(rows, dim)


def all_embeddings(conn: sqlite3.Connection, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """All passage ids and vectors, filled into one preallocated matrix."""
    dim = dim or 1
    with _reading(conn):
        count = passage_count(conn)
        ids, matrix, done = np.zeros(count, np.int64), np.zeros((count, dim), np.float32), 0
        for batch_ids, batch in embedding_batches(conn, dim):
            ids[done : done + len(batch_ids)], matrix[done : done + len(batch_ids)] = batch_ids, batch
            done += len(batch_ids)
    return ids, matrix


def embeddings_of(conn: sqlite3.Connection, dim: int, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The stored vectors of the given passages, by id; missing ids are left out."""
    rows: list[tuple[int, bytes]] = []
    wanted = [int(i) for i in ids]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(f"SELECT id, embedding FROM passages WHERE id IN ({marks})", chunk).fetchall()
    return _unpack(sorted(rows), dim or 1)


def embedding_sample(conn: sqlite3.Connection, dim: int, n: int, seed: int = 0) -> np.ndarray:
    """`n` stored vectors picked at random (they train the IVF lists)."""
    all_ids = np.fromiter((r[0] for r in conn.execute("SELECT id FROM passages")), dtype=np.int64)
    chosen = np.random.default_rng(seed).choice(all_ids, size=min(n, len(all_ids)), replace=False)
    return embeddings_of(conn, dim, np.sort(chosen).tolist())[1]


# -- the index for the current state ----------------------------------------------------------------
@contextmanager
def _reading(conn: sqlite3.Connection) -> Iterator[None]:
    """One consistent snapshot for several reads (a no-op inside an open transaction)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # a connection an interrupt closed has no snapshot left to end
            conn.execute("COMMIT")
        raise
    conn.execute("COMMIT")


def state_tag(conn: sqlite3.Connection) -> str:
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('uuid', 'generation')").fetchall())
    return f"{meta.get('uuid')}:{meta.get('generation')}"


def current(conn: sqlite3.Connection, folder: Path, dim: int, cached: VectorIndex | None, own: bool) -> VectorIndex:
    """The index for the store's state now: `cached` if still current, else a saved base (the one in memory, then
    the file when `own`, the folder's file belongs to this store) plus the changes logged since, else a rebuild
    from the stored embeddings (saved when `own`). Following the log never writes anything."""
    with _reading(conn):
        tag = state_tag(conn)
        if cached is not None and cached.tag == tag:
            return cached
        followed = _follow(conn, dim, tag, cached)
        if followed is None and own and _same_index(VectorIndex.saved_tag(folder), tag):
            followed = _follow(conn, dim, tag, VectorIndex.load(folder))
    found = followed if followed is not None else rebuild(conn, folder, dim, save=own)
    found.exact = lambda ids: embeddings_of(conn, dim, ids)
    return found


def _same_index(saved: str | None, tag: str) -> bool:
    """Whether a FAISS file saved at `saved` (None: no readable record) was saved from the index file now at `tag`:
    one saved from another (the index a rebuild replaced, one copied in) is never followed, so it is neither hashed
    nor read (hundreds of MB at a million passages) before being rebuilt."""
    return saved is not None and split_tag(saved)[0] == split_tag(tag)[0]


def _follow(conn: sqlite3.Connection, dim: int, tag: str, base: VectorIndex | None) -> VectorIndex | None:
    if base is None:
        return None
    changed = _changes_since(conn, tag, base.base_tag)
    if isinstance(changed, str):
        return None
    ids, matrix = embeddings_of(conn, dim, changed.tolist())
    return base.with_changes(tag, changed, ids, matrix, passage_count(conn))


def _changes_since(conn: sqlite3.Connection, tag: str, base_tag: str) -> np.ndarray | str:
    """The passage ids changed since a base saved at `base_tag` by the store now at `tag`, or why that base cannot
    be followed there (it is rebuilt instead)."""
    (uuid, generation), (base_uuid, base_generation) = split_tag(tag), split_tag(base_tag)
    if base_uuid != uuid:
        return f"{FAISS_FILE} was saved from another index file (copied in, or replaced by a rebuild)"
    if base_generation > generation:
        return f"{FAISS_FILE} was saved from a later state of the index file than the one there now"
    if base_generation == generation:
        return np.zeros(0, dtype=np.int64)
    changed = changed_since(conn, base_generation)
    if changed is None:
        return f"{FAISS_FILE} is older than the changes the index file still logs"
    return changed


def saved_problem(conn: sqlite3.Connection, folder: Path) -> str | None:
    """Why the next use of the store rebuilds the saved FAISS file from the stored embeddings instead of loading it
    (damaged, missing, another index file's), as `current` would find; None when it loads, or when the index holds
    no passage to search. Reads the whole file."""
    problem = VectorIndex.check_file(folder)
    saved = VectorIndex.saved_tag(folder)
    if problem is None and saved is None and passage_count(conn):  # both files gone, or a first run stopped early
        return f"{FAISS_FILE} is missing"
    if problem is not None or saved is None:
        return problem
    with _reading(conn):
        changed = _changes_since(conn, state_tag(conn), saved)
    return changed if isinstance(changed, str) else None


def rebuild(conn: sqlite3.Connection, folder: Path, dim: int, *, save: bool) -> VectorIndex:
    """A fresh index over every stored embedding, streamed; saved to `folder` when `save` and the folder allows."""
    dim = dim or 1
    with _reading(conn):
        tag = state_tag(conn)
        built = VectorIndex.build_from(
            passage_count(conn),
            dim,
            tag,
            lambda: embedding_batches(conn, dim),
            lambda n: embedding_sample(conn, dim, n),
        )
    if save:
        try:
            built.save(folder)
        except (OSError, RuntimeError) as exc:  # a read-only folder, a full disk (FAISS says so in a RuntimeError)
            built.unsaved = f"{FAISS_FILE} could not be saved in {folder}: {write_reason(exc)}"
    return built


def write_reason(exc: OSError | RuntimeError) -> str:
    """Why a file could not be written, in a few words: the system's for an OSError, the end of FAISS's message
    (it names the system's reason last, after the C++ function and source line) for its RuntimeError."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    text = " ".join(str(exc).split())
    if said := re.search(r"\(([^()]+)\)$", text):  # "write error in x: 4014 != 30720 (No space left on device)"
        return said[1]
    return text.rpartition(": ")[2] or text  # "file x close error: No space left on device"


def compact(conn: sqlite3.Connection, folder: Path, dim: int, vectors: VectorIndex) -> VectorIndex:
    """Rewrite the FAISS file if the changes since it was saved outgrew the thresholds, then prune the log.

    Below the thresholds nothing is written: opening the index applies the few logged changes in memory.
    """
    if vectors.base_tag != vectors.tag:
        if vectors.pending <= max(COMPACT_MINIMUM, int(vectors.count * COMPACT_FRACTION)):
            return vectors
        vectors = rebuild(conn, folder, dim, save=True)
    if vectors.unsaved is not None:
        raise IndexUnusable(vectors.unsaved)
    if VectorIndex.saved_tag(folder) == vectors.tag and log_from(conn) is not None:
        with contextlib.suppress(sqlite3.OperationalError), transaction(conn):
            conn.execute("DELETE FROM vector_log WHERE generation <= ?", (vectors.base_generation,))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('vector_log_from', ?)", (str(vectors.base_generation),))
    return vectors
