"""Opening the SQLite file of an index: one-line errors for a bad place, and SQLite errors as askdocs errors."""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from askdocs.errors import IndexNotAFolder, IndexUnusable, database_error, os_reason

DB_FILE = "askdocs.sqlite3"
CORPUS_KEY = "corpus"
"""The meta row holding the corpus folder the index was last built or synced from, relative to the index folder
(`corpus_record`), so that a project copied or moved whole (corpus and index together) finds its own documents."""


def corpus_record(corpus: Path, folder: Path) -> str:
    """How the index in `folder` records `corpus`: the path from the index folder to it."""
    return os.path.relpath(corpus.resolve(), folder.resolve())


def corpus_from_record(value: str, folder: Path) -> Path:
    """The corpus folder a record of the index in `folder` names (an absolute record is taken as it is)."""
    path = Path(value)
    return path if path.is_absolute() else (folder / path).resolve()


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


def recorded_corpus(folder: Path) -> Path | None:
    """The corpus folder the index in `folder` records, read-only and without the rest of the store, so settings
    can default to it; None when there is no index, it records none, or it cannot be read (opening it says why)."""
    record = corpus_record_of(folder)
    return corpus_from_record(record, folder) if record else None


def corpus_record_of(folder: Path) -> str | None:
    """The record itself behind `recorded_corpus`: a path relative to the index folder (an absolute one from an
    older askdocs), so that a message can say why a copied index looks for its corpus where it does."""
    path = folder / DB_FILE
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (CORPUS_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


_T = TypeVar("_T")


def make_folder(folder: Path) -> None:
    """Create the index folder, or say in one line why it cannot be one (a file, under a file, a folder as its
    database file, no permission)."""
    if folder.exists() and not folder.is_dir():
        raise IndexNotAFolder.at(folder)
    not_a_folder(folder / DB_FILE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexUnusable(f"cannot create the index folder {folder}: {os_reason(exc)}") from None


def guarded(method: Callable[..., _T]) -> Callable[..., _T]:
    """Turn a SQLite error inside an IndexStore method into one askdocs error (damaged, read-only, busy)."""

    @functools.wraps(method)
    def run(self: Any, *args: object, **kwargs: object) -> _T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise database_error(exc, self.folder) from None

    return run
