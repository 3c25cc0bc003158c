"""The checks of an index's files: SQLite's own page check, which only a rebuild mends, and whether the saved FAISS
file loads, which the next use of the index mends by itself (rebuilt from the embeddings SQLite holds)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from askdocs.errors import IndexDamaged
from askdocs.store import vector_log
from askdocs.store.connection import guarded

CHECKED_BYTES = 512 * 1024 * 1024
"""An index file up to this size is checked page by page (SQLite's quick_check, about 0.6 s at this size here) by
`askdocs index` and `askdocs status`, so damage is found there, whatever pages a question happens to read."""
OPEN_CHECKED_BYTES = 32 * 1024 * 1024
"""The size up to which the commands that only read the index (`ask`, `search`, `docs`, the chat) check it the same
way on opening (about 25 ms at this size, warm): a small index's damage stops them whatever pages they read, while a big
one's reading is not slowed on every question (damage in a page they read still stops them)."""


class Checks:
    """What IndexStore gains to look at before a command trusts the files (`require_sound` on opening)."""

    _conn: sqlite3.Connection
    folder: Path
    db_path: Path

    def check(self) -> list[str]:
        """What `check_database` and `check_vectors` find wrong; empty when every file is sound."""
        return self.check_database() + [problem for problem in [self.check_vectors()] if problem]

    @guarded
    def check_database(self) -> list[str]:
        """What `PRAGMA quick_check` finds wrong in the SQLite file (every page read: about 0.5 s per 400 MB here)."""
        return [row[0] for row in self._conn.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]

    def check_if_small(self, limit: int = CHECKED_BYTES) -> list[str]:
        """`check_database` for an index file of at most `limit` bytes (else nothing: `status --check` reads a
        bigger one): what `askdocs index` and `askdocs status` look at before they trust the file."""
        return self.check_database() if self.db_path.stat().st_size <= limit else []

    def require_sound(self, limit: int = CHECKED_BYTES) -> None:
        """IndexDamaged naming the first problem `check_if_small(limit)` finds: a command checks the index on opening,
        so damage stops it (exit 3, the rebuild hint) whichever pages it happens to read."""
        if problems := self.check_if_small(limit):
            raise IndexDamaged(problems[0])

    @guarded
    def check_vectors(self) -> str | None:
        """Why the saved FAISS file will not load (damaged, missing, another index file's), or None when it will: the
        next question or index run rebuilds it from the stored embeddings, without embedding anything again."""
        return vector_log.saved_problem(self._conn, self.folder)
