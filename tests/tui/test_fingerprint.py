"""The chat's cheap look at the corpus for the stale badge: it moves exactly when a file's size or time moves."""

from __future__ import annotations

import os
from pathlib import Path

from askdocs.tui.backend import Backend
from tests.tui.chat_support import settings_in


def test_the_fingerprint_moves_with_added_changed_removed_and_ignore_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "reports").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "a.txt").write_text("alpha\n", encoding="utf-8")
    (corpus / "reports" / "b.md").write_text("beta\n", encoding="utf-8")
    backend = Backend(settings_in(tmp_path))
    first = backend.fingerprint()
    assert [Path(p).name for p, _, _ in first] == ["a.txt", "b.md"]
    assert backend.fingerprint() == first  # nothing moved, nothing to check

    (corpus / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")  # hidden folders are not looked into
    assert backend.fingerprint() == first

    steps = [
        lambda: (corpus / "reports" / "c.txt").write_text("gamma\n", encoding="utf-8"),
        lambda: os.utime(corpus / "a.txt", ns=(1, 1)),
        lambda: (corpus / "reports" / "b.md").write_text("beta, longer\n", encoding="utf-8"),
        lambda: (corpus / ".askdocsignore").write_text("reports/\n", encoding="utf-8"),
        lambda: (corpus / "a.txt").unlink(),
        lambda: (tmp_path / "index").mkdir() or (tmp_path / "index" / "askdocs.sqlite3").write_bytes(b"x"),
    ]
    seen = {first}
    for step in steps:
        step()
        now = backend.fingerprint()
        assert now not in seen
        seen.add(now)
    (tmp_path / "index" / "askdocs.sqlite3-shm").write_bytes(b"read marks")  # reading the index changes nothing
    assert backend.fingerprint() in seen
