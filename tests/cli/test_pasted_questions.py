"""A question pasted with colour codes or controls (`askdocs ask $'Who introduced the \\e[31mIris\\e[0m data set?'`) is
read as the terminal showed it, as a document is: "31mIris" and "0m" are no words of it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run

IRIS = (
    "Iris data\n\n"
    "The Iris flower data set was introduced by the statistician Ronald Fisher in 1936.\n\n"
    "It holds fifty samples of each of three species of Iris.\n"
)
ASKED = "Who introduced the Iris flower data set?"
PASTED = "Who introduced the \x1b[31mIris\x1b[0m flower data\x07 set?"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "iris.txt").write_text(IRIS, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    return tmp_path


def test_a_pasted_question_is_answered_as_the_one_it_shows(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", ASKED)
    asked = json.loads(out)
    assert code == 0 and asked["found"], asked
    code, out, _ = run(capsys, "ask", "--json", PASTED)
    pasted = json.loads(out)
    assert code == 0 and pasted["question"] == ASKED and pasted["answer"] == asked["answer"], pasted
    code, out, _ = run(capsys, "ask", PASTED)
    assert code == 0 and "Ronald Fisher" in out and "\x1b" not in out, out


def test_a_batch_line_and_a_search_are_read_as_shown(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"{PASTED}\n".encode()), encoding="utf-8"))
    code, out, _ = run(capsys, "ask", "--json", "-")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [row["question"] for row in rows] == [ASKED] and rows[0]["found"], rows
    code, out, _ = run(capsys, "search", "--json", "\x1b[1mIris\x1b[0m flower")
    found = json.loads(out)
    assert code == 0 and found["query"] == "Iris flower" and found["keyword_match"], found


def test_a_question_of_escape_sequences_alone_has_no_words(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ask", "\x1b[31m\x1b[0m")
    assert code == 2 and "the question is empty" in err, err
