"""What keeps an index run from writing the index, told apart: the folder, its database file alone (a question
still saves the FAISS file it rebuilds in the folder), or, for a folder not made yet, the parent it would be made in.
Permissions are stood in for by os.access, which askdocs asks (root writes through chmod)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.project import index_read_only, with_folders
from askdocs.store.connection import DB_FILE
from askdocs.store.vectors import FAISS_FILE, META_FILE
from tests.support import fake_commands, run_cli


def _deny_writing(monkeypatch: pytest.MonkeyPatch, *denied: Path) -> None:
    """os.access says `denied` paths cannot be written, as for a user without the permission."""
    real = os.access
    refused = {os.path.abspath(path) for path in denied}

    def access(path: str | Path, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and os.path.abspath(path) in refused:
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def _indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Crane 1 was inspected on July 2, 2021.\n")
    fake_commands(monkeypatch, tmp_path)
    assert run_cli(capsys, "index")[0] == 0
    return tmp_path / "index"


def test_a_read_only_database_file_in_a_writable_folder_is_named_and_the_faiss_file_is_saved_by_a_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """status --check said the vectors were "rebuilt in memory by every question", though a question saves the
    FAISS file in the writable folder; the advice said to make the folder writable, which it was."""
    index = _indexed(tmp_path, monkeypatch, capsys)
    (index / FAISS_FILE).write_bytes(b"not a FAISS file")
    (index / META_FILE).unlink()
    _deny_writing(monkeypatch, index / DB_FILE)
    code, _, err = run_cli(capsys, "status", "--check")
    assert code == 0 and "by the next question" in err and "by every question" not in err, err
    assert f"make ./index/{DB_FILE} writable and run: askdocs index" in err, err
    settings = load_settings({"model": "fake"}, cwd=tmp_path, environ={})
    advice = with_folders("stale (1 new); run: askdocs index", settings, cwd=tmp_path)
    assert advice.startswith(f"stale (1 new); make ./index/{DB_FILE} writable and run: askdocs index"), advice


def test_a_read_only_folder_still_has_its_vectors_rebuilt_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    index = _indexed(tmp_path, monkeypatch, capsys)
    (index / FAISS_FILE).write_bytes(b"not a FAISS file")
    (index / META_FILE).unlink()
    _deny_writing(monkeypatch, index)
    code, _, err = run_cli(capsys, "status", "--check")
    assert code == 0 and "by every question" in err and "make ./index writable and run: askdocs index" in err, err


def test_an_index_folder_not_made_yet_in_a_read_only_parent_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing index folder got a plain "run: askdocs index", which cannot make it in a read-only parent."""
    parent = tmp_path / "shared"
    parent.mkdir()
    (tmp_path / "corpus").mkdir()
    settings = load_settings({"index": str(parent / "deep" / "index")}, cwd=tmp_path, environ={})
    assert not index_read_only(settings.index)
    _deny_writing(monkeypatch, parent)
    assert index_read_only(settings.index)
    advice = with_folders("no index yet; run: askdocs index", settings, cwd=tmp_path)
    assert advice.startswith("no index yet; make ./shared writable and run: askdocs index"), advice


def test_a_path_holding_the_word_writable_still_gets_the_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The advice is not given twice, but a path with "writable" in it ("/srv/unwritable/idx") is no advice given."""
    folder = tmp_path / "unwritable"
    folder.mkdir()
    _deny_writing(monkeypatch, folder)
    settings = load_settings({"model": "fake", "index": folder / "idx"}, cwd=tmp_path, environ={})
    advice = with_folders(f"no index at {folder / 'idx'} (run: askdocs index)", settings, cwd=tmp_path)
    assert "writable and run: askdocs index" in advice, advice
    assert with_folders(advice, settings, cwd=tmp_path) == advice


def test_index_on_a_read_only_database_fails_before_any_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`askdocs index` on an index it cannot write loaded the model and embedded the new files' passages before
    failing at the first write: it now says so first (exit 3), with the index as it was."""
    index = _indexed(tmp_path, monkeypatch, capsys)
    (tmp_path / "corpus" / "b.txt").write_text("Crane 2 was painted green in April.\n")
    loaded: list[str] = []
    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", lambda *a, **k: loaded.append("model"))
    _deny_writing(monkeypatch, index / DB_FILE)
    code, out, err = run_cli(capsys, "index")
    assert code == 3 and "it is read-only" in err and "Traceback" not in err, err
    assert loaded == [] and "embedding" not in out + err


def test_a_rebuild_over_a_read_only_database_file_in_a_writable_folder_goes_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rebuild writes its new file beside the old one and puts it in its place, which a writable folder allows
    over a read-only file: the early check refuses only the runs that would fail."""
    index = _indexed(tmp_path, monkeypatch, capsys)
    _deny_writing(monkeypatch, index / DB_FILE)
    code, _, err = run_cli(capsys, "index", "--rebuild")
    assert code == 0, err
