"""Standard streams as shells and terminals hand them over: an output encoding that is not Unicode (a Latin-1 or
code-page terminal), or a stream the shell closed. Each command still prints what it can, never a traceback."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.support import FakeEmbedder, fake_commands

TEXT = "The mayor’s office said the ferry — the island’s only link — runs “every hour” from Skarvø.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose one document holds curly quotes and dashes (not in Latin-1) and ø (in it)."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text(TEXT, encoding="utf-8")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


def run_with_stdout(monkeypatch: pytest.MonkeyPatch, stdout: object, *args: str) -> int:
    monkeypatch.setattr(sys, "stdout", stdout)
    with pytest.raises(SystemExit) as stop:
        main([*args, "--model", "fake"])
        raise SystemExit(0)
    return int(stop.value.code or 0)


@pytest.mark.parametrize("encoding", ["latin-1", "cp437", "iso8859-15"])
@pytest.mark.parametrize("command", [["ask", "How often does the ferry run?"], ["search", "ferry"], ["docs"]])
def test_text_output_on_a_terminal_that_is_not_unicode(folder, monkeypatch, capsys, encoding, command) -> None:  # noqa: ANN001
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding)
    code = run_with_stdout(monkeypatch, out, *command)
    out.flush()
    assert code == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err
    shown = raw.getvalue().decode(encoding)
    assert "ferry" in shown  # what the encoding has is printed as it is, the rest as "?"


@pytest.mark.parametrize("command", [["ask", "How often does the ferry run?"], ["search", "ferry"]])
def test_json_on_a_terminal_that_is_not_unicode_keeps_every_character(folder, monkeypatch, capsys, command) -> None:  # noqa: ANN001
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="latin-1")
    assert run_with_stdout(monkeypatch, out, *command, "--json") == 0, capsys.readouterr().err
    out.flush()
    data = json.loads(raw.getvalue().decode("latin-1"))
    texts = [c["quote"] for c in data.get("citations", [])] + [p["text"] for p in data["passages"]]
    assert any("mayor’s office" in t and "“every hour”" in t and "Skarvø" in t for t in texts), texts


@pytest.mark.parametrize("command", [["ask", "How often does the ferry run?"], ["search", "ferry"], ["docs"]])
def test_a_closed_standard_output_is_not_a_traceback(folder, monkeypatch, capsys, command) -> None:  # noqa: ANN001
    """`askdocs ask ... >&-`: Python has no sys.stdout at all; the command runs and prints nothing."""
    assert run_with_stdout(monkeypatch, None, *command) == 0
    assert capsys.readouterr().err == ""


def test_questions_from_a_closed_standard_input(folder, monkeypatch, capsys) -> None:  # noqa: ANN001
    """`askdocs ask --json - <&-`: no questions, said in one line (exit 2), as for an empty input."""
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(SystemExit) as stop:
        main(["ask", "--json", "-", "--model", "fake"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err == "askdocs: error: no questions on standard input\n"
