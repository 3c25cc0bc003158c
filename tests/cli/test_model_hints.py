"""A model other than the index's is refused with the index's model named and a rebuild command that uses the model
asked for; suggested commands that embed carry the --model the user gave."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from askdocs.config import DEFAULT_MODEL, load_settings
from askdocs.project import with_folders
from tests.support import run_cli

WHERE = ["--corpus", "ec2", "--index", "ec2-index"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """askdocs in this process with exactly `args` (no --model added): (exit code, stdout, stderr)."""
    return run_cli(capsys, *args, model=None)


def rebuild_command(err: str) -> list[str]:
    """The arguments of the `askdocs index` command an error line ends with, as a shell would split them."""
    return shlex.split(err.strip().rsplit("run: askdocs ", 1)[1])


def test_another_model_is_refused_with_a_rebuild_that_uses_it(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "index", *WHERE, "--model", DEFAULT_MODEL)[0] == 0
    code, _, err = run(capsys, "ask", "What collapsed?", *WHERE, "--model", "my model")
    assert code == 3 and err.count("\n") == 1
    assert f"built with model '{DEFAULT_MODEL}', not 'my model', and questions must use that model:" in err
    assert (
        "leave out --model (and any model set in askdocs.toml or ASKDOCS_MODEL), or rebuild the index with 'my model'"
        in err
    )
    command = rebuild_command(err)
    corpus, index = str(elsewhere / "ec2"), str(elsewhere / "ec2-index")
    assert command == ["index", "--corpus", corpus, "--index", index, "--rebuild", "--model", "my model"]
    assert run(capsys, "ask", "What collapsed?", *WHERE)[0] == 0  # without --model: the index's model
    assert run(capsys, *command)[0] == 0  # the rebuild does what it says: the index now has that model
    code, out, err = run(capsys, "ask", "What collapsed?", *WHERE, "--model", "my model")
    assert code == 0 and "crane" in out, err


def test_an_index_of_another_model_than_the_default_names_it(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "index", *WHERE, "--model", "fake")[0] == 0
    code, _, err = run(capsys, "search", "crane", *WHERE)
    assert code == 3 and f"not '{DEFAULT_MODEL}', and questions must use that model: pass --model fake," in err
    assert rebuild_command(err)[-3:] == ["--rebuild", "--model", DEFAULT_MODEL]


def test_suggested_commands_that_embed_carry_the_model(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    settings = load_settings({"model": "/models/my model"}, cwd=tmp_path, environ={})
    text = "run: askdocs index --rebuild; or run: askdocs status; then run askdocs ask, or run: askdocs docs"
    assert with_folders(text, settings, cwd=tmp_path, environ={}) == (
        "run: askdocs index --model '/models/my model' --rebuild; or run: askdocs status;"
        " then run askdocs ask --model '/models/my model', or run: askdocs docs"
    )
    named = "run: askdocs index --rebuild --model other"
    assert with_folders(named, settings, cwd=tmp_path, environ={}) == named
    default = load_settings(cwd=tmp_path, environ={})
    assert with_folders(text, default, cwd=tmp_path, environ={}) == text


def test_status_with_another_model_reports_then_says_questions_would_be_refused(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert run(capsys, "index", *WHERE, "--model", DEFAULT_MODEL)[0] == 0
    code, out, err = run(capsys, "status", *WHERE, "--model", "my model")
    assert code == 3 and f"model:    {DEFAULT_MODEL} (" in out and "up to date" in out
    assert err.count("\n") == 1 and f"built with model '{DEFAULT_MODEL}', not 'my model'" in err
    assert rebuild_command(err)[-3:] == ["--rebuild", "--model", "my model"]
    code, out, err = run(capsys, "status", *WHERE, "--json", "--model", "my model")
    assert code == 3 and json.loads(out)["index"]["model"] == DEFAULT_MODEL and "not 'my model'" in err
    for same in ([], ["--model", DEFAULT_MODEL]):
        code, _, err = run(capsys, "status", *WHERE, *same)
        assert (code, err) == (0, "")
