"""The header a text file opens with ("Title: ...", "Date: ...") is facts about the text, never a passage of it: no
related passage of a refused question, and no search result, shows its lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run

SUMMARY = "The port authority reviewed the harbour cranes after a winter of storms and lists its findings here. " * 12
BODY = " ".join(f"Sentence {i} says the quay wall and the mooring posts were painted." for i in range(30))


@pytest.fixture
def headed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """An indexed corpus of a file whose header is long (a summary line) and a file whose header is short."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    header = "Title: Harbour crane review\nDate: 2024-04-02\nSource: Port Authority board papers\n"
    (corpus / "review.txt").write_text(f"{header}Summary: {SUMMARY}\n\n{BODY}\n")
    (corpus / "ferry.txt").write_text("Title: Ferry timetable\nDate: 2024-05-01\n\nThe ferry leaves at noon.\n")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    return tmp_path


def test_header_lines_are_never_shown_as_related_passages_or_search_results(
    headed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "What did the Port Authority board decide in its harbour crane review and ferry timetable?"
    code, out, _ = run(capsys, "ask", question)
    assert code == 1 and "Related passages" in out
    assert "Title:" not in out and "Date:" not in out and "Summary:" not in out
    code, out, _ = run(capsys, "ask", "--json", question)
    related = json.loads(out)["related"]
    assert related and not [p for p in related if "Title:" in p["text"] or "Port Authority board" in p["text"]]
    code, out, _ = run(capsys, "search", "--json", "-k", "20", "Harbour crane review Port Authority board papers")
    passages = json.loads(out)["passages"]
    assert passages and not [p for p in passages if "Title:" in p["text"] or "Date:" in p["text"]]
    assert {p["path"] for p in passages} == {"corpus/review.txt", "corpus/ferry.txt"}  # both still indexed
