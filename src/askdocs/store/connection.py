"""Opening the SQLite file of an index: one-line errors for a bad place, and SQLite errors as askdocs errors."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from askdocs.errors import IndexUnusable, database_error

DB_FILE = "askdocs.sqlite3"


def not_a_folder(path: Path) -> None:
    """Refuse a folder where the index file should be, in one line."""
    if path.is_dir():
        raise IndexUnusable(f"{path} is a folder where the index file should be; move it away, then run: askdocs index")


def connect(path: Path) -> sqlite3.Connection:
    not_a_folder(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
    except sqlite3.DatabaseError as exc:
        raise database_error(exc, path.parent) from None
    return conn


_T = TypeVar("_T")


def make_folder(folder: Path) -> None:
    """Create the index folder, or say in one line why it cannot be one (a file, under a file, a folder as its
    database file, no permission)."""
    if folder.exists() and not folder.is_dir():
        raise IndexUnusable(f"the index folder {folder} is a file, not a folder")
    not_a_folder(folder / DB_FILE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexUnusable(f"cannot create the index folder {folder}: {exc.strerror or exc}") from None


def guarded(method: Callable[..., _T]) -> Callable[..., _T]:
    """Turn a SQLite error inside an IndexStore method into one askdocs error (damaged, read-only, busy)."""

    @functools.wraps(method)
    def run(self: Any, *args: object, **kwargs: object) -> _T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise database_error(exc, self.folder) from None

    return run
