"""A model that is not installed is one line in plain words naming it (exit 4), said before any file is read."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from askdocs import index_pipeline
from askdocs.config import DEFAULT_MODEL
from askdocs.encoders import choose
from askdocs.encoders.models import not_installed
from askdocs.errors import EXIT_INDEX, EXIT_MODEL, ModelUnavailable
from tests.support import FakeEmbedder, run_cli, sample_folder

MISSING = "some/unknown-model"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """askdocs in this process with exactly `args`: its exit code and standard error."""
    code, _, err = run_cli(capsys, *args, model=None)
    return code, err


@pytest.mark.parametrize("rebuild", [[], ["--rebuild"]])
def test_index_with_a_model_that_is_not_installed_says_so_before_reading_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rebuild: list[str]
) -> None:
    sample_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    read: list[Path] = []
    real = index_pipeline.read_document
    monkeypatch.setattr(
        index_pipeline, "read_document", lambda corpus, path, **k: read.append(path) or real(corpus, path, **k)
    )
    code, err = run(capsys, "index", *rebuild, "--model", MISSING)
    assert code == EXIT_MODEL, err
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"askdocs: error: model '{MISSING}' is not installed")
    assert "not in the local model cache" in line and "leave out --model" in line and DEFAULT_MODEL in line
    assert not re.search(r"https?:|huggingface|couldn.t connect|Traceback", err, re.IGNORECASE)
    assert "reading" not in err and read == []  # no file was read for a run that cannot embed


@pytest.mark.parametrize("rebuild", [[], ["--rebuild"]])
def test_a_first_index_with_a_model_that_is_not_installed_leaves_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rebuild: list[str]
) -> None:
    sample_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "index", *rebuild, "--model", MISSING)
    assert code == EXIT_MODEL, err
    assert not (tmp_path / "index" / "askdocs.sqlite3").exists()
    code, err = run(capsys, "ask", "Who was arrested on July 2?")  # as for a folder never indexed
    assert (code, err) == (EXIT_INDEX, "askdocs: error: no index at ./index (run: askdocs index)\n")
    code, out, err = run_cli(capsys, "status", model=None)
    assert code == EXIT_INDEX and "none yet" in out and MISSING not in out + err


def test_a_first_index_whose_model_fails_to_load_leaves_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model folder that is there but cannot be loaded fails later than the check: the index is dropped then."""
    sample_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "not-a-model"
    broken.mkdir()
    (broken / "config.json").write_text("{}")  # passes the check before loading, fails to load

    def fails(*args: object, **kwargs: object) -> None:
        raise ModelUnavailable(f"cannot load model '{broken}' offline: no config.json")

    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", fails)
    code, err = run(capsys, "index", "--model", str(broken))
    assert code == EXIT_MODEL and "cannot load model" in err, err
    assert not (tmp_path / "index").exists()  # neither a database nor the run lock is left
    code, err = run(capsys, "ask", "Who was arrested on July 2?")
    assert (code, err) == (EXIT_INDEX, "askdocs: error: no index at ./index (run: askdocs index)\n")


@pytest.mark.parametrize("rebuild", [[], ["--rebuild"]])
def test_index_with_a_folder_that_is_not_a_model_says_so_before_reading_or_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rebuild: list[str]
) -> None:
    """A folder that exists but holds no sentence-transformers model is told at once, as a model not installed
    is (exit 4), not seconds later by the export, and leaves no index folder, database or run lock behind."""
    sample_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "notes-not-a-model"
    folder.mkdir()
    (folder / "readme.txt").write_text("not a model\n")
    read: list[Path] = []
    real = index_pipeline.read_document
    monkeypatch.setattr(
        index_pipeline, "read_document", lambda corpus, path, **k: read.append(path) or real(corpus, path, **k)
    )
    code, err = run(capsys, "index", *rebuild, "--model", str(folder))
    assert code == EXIT_MODEL, err
    assert err.count("\n") == 1 and err.startswith(f"askdocs: error: model '{folder}' is a folder but not a")
    assert "modules.json" in err and "leave out --model" in err and "Traceback" not in err
    assert "reading" not in err and read == []
    assert not (tmp_path / "index").exists()


@pytest.mark.parametrize("rebuild", [[], ["--rebuild"]])
@pytest.mark.parametrize("bad", ["not installed", "not a model"])
def test_index_with_a_model_it_cannot_load_leaves_a_good_index_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rebuild: list[str], bad: str
) -> None:
    """A model name nothing installs, or a folder that holds no model: the error, and the index as it was."""
    sample_folder(tmp_path)
    fake_models(monkeypatch, tmp_path)
    assert run(capsys, "index", "--model", "fake")[0] == 0
    before = sorted(p.name for p in (tmp_path / "index").iterdir())
    if bad == "not a model":
        (tmp_path / "empty-folder").mkdir()
        model, expected = str(tmp_path / "empty-folder"), "is a folder but not a sentence-transformers model"
    else:
        built_with = "" if rebuild else "fake"  # a rebuild may as well be with the default model
        model, expected = MISSING, f"askdocs: error: {not_installed(MISSING, built_with).args[0]}\n"
    code, err = run(capsys, "index", *rebuild, "--model", model)
    assert code == EXIT_MODEL and expected in err, err
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == before
    code, out, err = run_cli(capsys, "ask", "Who was arrested on July 2?")
    assert code == 0 and "Torres" in out, err
    code, out, err = run_cli(capsys, "status")
    assert code == 0 and "model:    fake (64 dimensions)" in out and "1 document" in out and "up to date" in out


@pytest.mark.parametrize(
    "command", [["ask", "Who was arrested?"], ["search", "arrested"], ["status"], ["docs"], ["status", "--json"]]
)
def test_a_question_with_a_model_that_is_not_installed_says_so_not_rebuild_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    sample_folder(tmp_path)
    fake_models(monkeypatch, tmp_path)
    assert run(capsys, "index", "--model", "fake")[0] == 0
    code, err = run(capsys, *command, "--model", MISSING)
    assert code == EXIT_MODEL and err == f"askdocs: error: {not_installed(MISSING, 'fake').args[0]}\n"
    assert "--rebuild" not in err and err.endswith(", or pass --model fake, the model the index was built with\n")
    code, err = run(capsys, *command, "--model", "other")  # installed (here: a folder), yet not the index's model
    assert code == EXIT_INDEX and "built with model 'fake', not 'other'" in err and "--rebuild --model other" in err


def test_the_advice_for_a_model_that_is_not_installed_is_the_index_model_and_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "leave out --model, for the default" on an index of another model: that would be refused in turn."""
    sample_folder(tmp_path)
    fake_models(monkeypatch, tmp_path)
    assert run(capsys, "index", "--model", "fake")[0] == 0
    code, err = run(capsys, "ask", "Who was arrested on July 2?", "--model", "fakke")
    assert code == EXIT_MODEL and "model 'fakke' is not installed" in err and "leave out --model" not in err
    assert err.endswith("give the path of a model folder, or pass --model fake, the model the index was built with\n")
    code, out, err = run_cli(capsys, "ask", "Who was arrested on July 2?")  # as advised
    assert code == 0 and "Torres" in out, err


@pytest.mark.parametrize(
    ("built_with", "advice"),
    [
        (
            DEFAULT_MODEL,
            "leave out --model (and any model set in askdocs.toml or ASKDOCS_MODEL) to use the default,"
            f" {DEFAULT_MODEL}",
        ),
        ("my models/mini", "pass --model 'my models/mini', the model the index was built with"),
    ],
    ids=["default", "quoted"],
)
def test_the_advice_names_the_index_model_unless_it_is_the_default(
    tmp_path: Path, built_with: str, advice: str
) -> None:
    with pytest.raises(ModelUnavailable) as refused:
        choose.require_chosen(tmp_path, built_with, MISSING)
    assert str(refused.value).endswith(f"give the path of a model folder, or {advice}")


def fake_models(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Commands run in `folder` with the fake encoder standing in for the model 'fake' only: any other model is
    checked as for real."""
    from askdocs.encoders.choose import Choice

    monkeypatch.chdir(folder)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", lambda *a, **k: Choice(FakeEmbedder(), "fake"))
    real = choose.require_model
    (folder / "other").mkdir()
    (folder / "other" / "modules.json").write_text("[]")  # a model folder as far as the check before loading can tell
    monkeypatch.setattr(choose, "require_model", lambda at, name, *a: None if name == "fake" else real(at, name, *a))
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
