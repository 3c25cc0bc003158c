"""Hostile documents and file names never reach the terminal raw: ask, search, status and index escape them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.hostile import FORGED_NAME, hostile_corpus, is_safe
from tests.support import FakeEmbedder
from tests.support import run_cli as run


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose corpus holds the hostile fixtures, indexed with the fake encoder."""
    hostile_corpus(tmp_path / "corpus")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    return tmp_path


def test_ask_prints_no_escape_and_no_forged_source_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "What collapsed on July 2, 2021?")
    assert code == 0, err
    assert is_safe(out) and is_safe(err)
    assert "harbour crane" in out and "PWNED" not in out
    assert not any(line.startswith("[9]") for line in out.splitlines())
    assert repr("corpus/" + FORGED_NAME) in out


def test_search_prints_no_escape(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "harbour crane collapsed")
    assert code == 0 and "crane" in out and is_safe(out)
    assert repr("corpus/" + FORGED_NAME) in out


def test_status_escapes_a_forged_file_name(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hostile / "corpus" / FORGED_NAME).write_text("Changed since indexing.\n")
    code, out, _ = run(capsys, "status")
    assert code == 0 and is_safe(out)
    assert repr("corpus/" + FORGED_NAME) in out and "changed" in out


def test_json_output_keeps_the_text_as_it_is(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "search", "--json", "harbour crane collapsed")
    rows = json.loads(out)["passages"]
    assert code == 0 and any("\x1b]0;PWNED\x07" in row["text"] for row in rows)
