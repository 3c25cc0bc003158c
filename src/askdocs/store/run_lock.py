"""One `askdocs index` at a time per index folder, and no temporary files left behind by runs that were killed."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from askdocs.errors import IndexUnusable, os_reason

LOCK_FILE = "index.lock"
STALE_SECONDS = 60.0
"""A temporary file without a process id in its name is left alone while younger than this (a question may be
saving the FAISS file beside a run)."""
_REBUILD = ("askdocs.sqlite3.rebuild", "askdocs.sqlite3.rebuild-journal", "askdocs.sqlite3.rebuild-wal")


@contextlib.contextmanager
def index_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock for a run; another run finds it taken and stops with one line (exit 3)."""
    try:
        handle = open(folder / LOCK_FILE, "a+b")  # noqa: SIM115 - held open for the whole run
    except OSError as exc:  # a read-only folder or file system: the index cannot be written (exit 3), no usage error
        raise IndexUnusable(f"cannot write the index at {folder}: {os_reason(exc)}") from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexUnusable(f"another askdocs index is running on {folder}; wait for it to finish") from None
        yield
    finally:
        handle.close()  # closing releases the lock


def index_running(folder: Path) -> bool:
    """Whether an `askdocs index` (or a watch) holds the folder's lock now; read-only, it creates no file."""
    try:
        handle = open(folder / LOCK_FILE, "rb")  # noqa: SIM115 - closed below
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path, now: float | None = None) -> list[str]:
    """Delete what killed runs left in `folder` (call under `index_lock`): the aside rebuild, `NAME.PID.tmp` of
    dead processes and other `*.tmp` older than STALE_SECONDS. Returns the names removed."""
    now = time.time() if now is None else now
    removed = []
    for path in folder.iterdir() if folder.is_dir() else []:
        name = path.name
        if name in _REBUILD:
            stale = True
        elif name.endswith(".tmp") and path.is_file():
            parts = name.split(".")
            pid = parts[-2] if len(parts) >= 3 and parts[-2].isdigit() else None
            try:
                stale = not _pid_alive(int(pid)) if pid else now - path.stat().st_mtime > STALE_SECONDS
            except OSError:
                stale = False
        else:
            continue
        if stale:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(name)
    return removed
