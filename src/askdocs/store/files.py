"""The one way askdocs writes a file or a group of SQLite changes: all of it or none of it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def default_mode() -> int:
    """The mode a plain `open()` would give a new file (mkstemp's own is 0600)."""
    try:  # Linux: read the umask without changing it (os.umask would, for every thread, for a moment)
        line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("Umask:"))
        umask = int(line.split()[1], 8)
    except (OSError, StopIteration, ValueError, IndexError):
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@contextmanager
def atomic_file(path: Path, *, mode: int | None = None, prefix: str = "") -> Iterator[Path]:
    """A temporary path beside `path` to write to; once the block ends it is synced to disk and renamed over
    `path` (readers see the old or the new file, never half of one); on any error it is deleted. The file
    gets `mode`, default the one a plain `open()` would give."""
    fd, tmp = tempfile.mkstemp(prefix=(prefix or path.name) + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, default_mode() if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None, prefix: str = "") -> None:
    """Write `data` to `path` through `atomic_file`."""
    with atomic_file(path, mode=mode, prefix=prefix) as tmp:
        tmp.write_bytes(data)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error or interrupt."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite has rolled back by itself after some errors (a full disk), and a connection an interrupt closed has
        # nothing to roll back (asking it raises): the error raised is the one to tell
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
