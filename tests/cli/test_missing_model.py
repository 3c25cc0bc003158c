"""A model that is not installed is one line in plain words naming it (exit 4), said before any file is read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from askdocs import index_pipeline
from askdocs.config import DEFAULT_MODEL
from askdocs.errors import EXIT_MODEL
from tests.support import sample_folder

MISSING = "some/unknown-model"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """askdocs in this process with exactly `args`: its exit code and standard error."""
    from askdocs.cli import main

    with pytest.raises(SystemExit) as stop:
        main(list(args))
        raise SystemExit(0)
    return int(stop.value.code or 0), capsys.readouterr().err


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
