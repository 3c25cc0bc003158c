"""The header a text file opens with ("Title: ...", "Date: ...") is facts about the text: a refusal never lists a
passage of its lines alone as related, while a search for its words (an author, a source) still finds the file."""

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
    """An indexed corpus of a file whose header is long (a summary line: a passage of its own) and one whose header
    is short."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    header = "Title: Harbour crane review\nDate: 2024-04-02\nAuthor: Megan Fields\n"
    (corpus / "review.txt").write_text(f"{header}Summary: {SUMMARY}\n\n{BODY}\n")
    (corpus / "ferry.txt").write_text("Title: Ferry timetable\nDate: 2024-05-01\n\nThe ferry leaves at noon.\n")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    return tmp_path


def test_a_refusal_lists_no_passage_of_header_lines_alone(headed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "What did Megan Fields decide in her harbour crane review and the ferry timetable?"
    code, out, _ = run(capsys, "ask", "--json", question)
    answer = json.loads(out)
    assert code == 1 and answer["related"]
    assert not [p for p in answer["related"] if "Summary:" in p["text"] or "Megan Fields" in p["text"]]


def test_a_search_still_finds_a_file_by_its_header(headed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--json", "-k", "3", "Megan Fields")
    passages = json.loads(out)["passages"]
    assert code == 0 and passages[0]["path"] == "corpus/review.txt" and "Megan Fields" in passages[0]["text"]
