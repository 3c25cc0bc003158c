"""A first index of a folder with nothing askdocs reads: questions and searches say the index is empty (exit 3)
instead of "not found", the listing and the status still work, and the advice runs as shown."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from askdocs.errors import EXIT_INDEX, IndexEmpty, IndexMissing
from tests.support import FakeEmbedder, fake_commands
from tests.support import run_cli as run

EMPTY = "askdocs: error: the index holds no documents yet: add files to corpus/ and run: askdocs index\n"


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project folder whose corpus/ holds only a file of a type askdocs does not read, indexed."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.rtf").write_text("{\\rtf1 The Tigers won the final.}\n")
    fake_commands(monkeypatch, tmp_path)
    code, _, err = run(capsys, "index")
    assert code == 0, err
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "Who won?"],
        ["ask", "Who won?", "--json"],
        ["ask", "Who won?", "--since", "2024-01-01"],  # the index is empty, not the filter too narrow
        ["search", "who"],
        ["search", "who", "--json"],
        ["search", "who", "--documents"],
    ],
)
def test_questions_and_searches_on_an_empty_index_say_so(
    empty: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (EXIT_INDEX, "", EMPTY)


def test_the_library_and_the_status_of_an_empty_index_still_work(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "docs")
    assert (code, err) == (0, "") and "no documents in the index" in out
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, err = run(capsys, "status")
    assert (code, err) == (0, "") and "holds:    0 documents" in out and "a.rtf  unsupported type" in out


def test_the_advice_names_the_folders_and_runs_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ec2").mkdir()
    fake_commands(monkeypatch, tmp_path)
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    assert run(capsys, "index", *where)[0] == 0
    code, _, err = run(capsys, "ask", "What collapsed?", *where)
    command = f"askdocs index --corpus {tmp_path / 'ec2'} --index {tmp_path / 'ec2-index'}"
    assert (
        code == EXIT_INDEX
        and err == f"askdocs: error: the index holds no documents yet: add files to ec2/ and run: {command}\n"
    )
    (tmp_path / "ec2" / "crane.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    assert run(capsys, *shlex.split(command)[1:])[0] == 0
    code, out, err = run(capsys, "ask", "What collapsed?", *where)
    assert code == 0 and "crane" in out, err


def test_an_empty_index_is_an_index_problem_found_before_the_model_is_asked(tmp_path: Path) -> None:
    from askdocs.answering import answer_question
    from tests.support import indexed

    model = FakeEmbedder()
    retriever = indexed(tmp_path, {}, model)
    try:
        with pytest.raises(IndexEmpty) as raised:
            answer_question(retriever, "Who won?")
        with pytest.raises(IndexEmpty):
            retriever.search_documents("who")
    finally:
        retriever.close()
    assert isinstance(raised.value, IndexMissing) and raised.value.exit_code == EXIT_INDEX
    assert model.encoded == []
