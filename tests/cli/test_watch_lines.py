"""`askdocs index --watch` names the corpus folder in its lines as every other command does (./corpus, or the full
path it was given)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run


def _watched(monkeypatch: pytest.MonkeyPatch) -> None:
    """A watch that at once finds the corpus folder gone, back, then with files again, and is stopped by Ctrl-C."""

    def watch_corpus(settings: object, on_batch: object, *, on_gone: Callable[[bool], None], **kwargs: object) -> None:
        on_gone(True)
        on_gone(False)
        kwargs["on_empty"](None)  # type: ignore[operator]
        raise KeyboardInterrupt

    monkeypatch.setattr("askdocs.watch.watch_corpus", watch_corpus)


def test_the_watch_names_the_corpus_folder_as_other_commands_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The harbour committee met on Tuesday.\n")
    fake_commands(monkeypatch, tmp_path)
    _watched(monkeypatch)
    code, _, err = run(capsys, "index", "--watch")
    assert code == 130, err
    assert "the corpus folder ./corpus is gone" in err and "the corpus folder ./corpus is back" in err, err
    assert "the corpus folder ./corpus has files to index again" in err, err
    assert "askdocs: stopped watching ./corpus;" in err, err

    code, _, err = run(capsys, "index", "--watch", "--corpus", str(tmp_path / "corpus"))  # a full path stays one
    assert code == 130 and f"askdocs: stopped watching {tmp_path / 'corpus'};" in err, err
