"""`ask --json` and `search --json` give a line only where it is one of the file's: null for a Word file's passages
and their `match`, as for its citations, and the file's line for a text file's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import fake_commands, run_cli

FORMATS = Path(__file__).parents[1] / "data" / "formats"


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FORMATS / "minutes.docx", corpus / "minutes.docx")
    shutil.copy(FORMATS / "harbour-bridge-closure.html", corpus / "bridge.html")
    (corpus / "ferry.txt").write_text(
        "Ferry notes\n\nThe ferry left at noon.\n\nThe ferries carried bicycles and season tickets all summer.\n"
    )
    fake_commands(monkeypatch, tmp_path)
    assert run_cli(capsys, "index")[0] == 0
    return corpus


def _rows(data: dict) -> list[dict]:
    return [*data["passages"], *data.get("related", [])]


def _check(rows: list[dict]) -> None:
    by_kind = {Path(row["path"]).suffix: row for row in rows}
    assert {".docx", ".txt"} <= set(by_kind), [row["path"] for row in rows]
    for row in rows:
        if row["path"].endswith((".docx", ".html")):
            assert row["line"] is None and row["match"]["line"] is None, row  # was 25 and 29 for a Word file
            assert row["match"]["where"]
        else:
            assert isinstance(row["line"], int) and isinstance(row["match"]["line"], int), row


def test_ask_json_gives_no_line_for_passages_of_extracted_formats(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "ask", "--json", "-k", "10", "Did the ferries carry bicycles?")
    assert code in (0, 1), err
    data = json.loads(out)
    _check(_rows(data))
    assert all(c["line"] is None for c in data["citations"] if c["path"].endswith((".docx", ".html")))


def test_search_json_gives_no_line_for_passages_of_extracted_formats(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "search", "--json", "-k", "10", "ferries bicycles season tickets")
    assert code == 0, err
    _check(json.loads(out)["passages"])
