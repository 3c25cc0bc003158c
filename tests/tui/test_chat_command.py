"""`askdocs chat` as a command: one-line errors and exit 2 for bad use, help without loading the UI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs askdocs chat in subprocesses


def askdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "askdocs", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chat"], "needs a terminal"),
        (["chat", "--session", "../outside"], "bad conversation name"),
        (["chat", "--session", "a", "--resume"], "not both"),
        (["chat", "--resume"], "no saved conversation to resume"),
    ],
)
def test_bad_use_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "corpus").mkdir()  # a project folder: outside one, chat says so first (exit 6)
    out = askdocs(*args, cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("askdocs: error:") and message in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_a_damaged_saved_conversation_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "index" / "chats").mkdir(parents=True)
    (tmp_path / "index" / "chats" / "old.json").write_text("{", encoding="utf-8")
    out = askdocs("chat", "--session", "old", cwd=tmp_path)
    assert out.returncode == 2 and "old.json" in out.stderr and "Traceback" not in out.stderr


def test_plain_askdocs_off_a_terminal_prints_help(tmp_path: Path) -> None:
    out = askdocs(cwd=tmp_path)
    assert out.returncode == 0 and "Usage:" in out.stdout and "chat" in out.stdout


def test_chat_help_lists_its_options_without_importing_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom askdocs.cli import main\n"
        "try:\n    main(['chat', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded')"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "--session NAME" in out.stdout and "--resume" in out.stdout
    assert out.stdout.rstrip().endswith("textual not loaded")


def _saved_chat(root: Path) -> str:
    """A conversation saved as the chat saves it, with a hostile quote, under root/index/chats/reading.json."""
    from askdocs import conversations
    from askdocs.answering.types import Answer, Citation
    from askdocs.conversations import Conversation, Exchange

    quote = "Torres was detained on July 2.\x1b]0;PWNED\x07"
    answer = Answer("Who was detained?", "Torres was detained on July 2. [1]", True, (
        Citation(1, "corpus/arrests.txt", 0, len(quote), 3, quote, 0.8),
    ))  # fmt: skip
    conversations.save(root / "index", Conversation("reading", (Exchange(answer, 0.5),)))
    return quote


def test_export_prints_a_saved_conversation_as_markdown_without_a_terminal(tmp_path: Path) -> None:
    _saved_chat(tmp_path)
    out = askdocs("chat", "--export", "reading", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# reading\n") and "## 1. Who was detained?" in out.stdout
    assert "- \\[1\\] `corpus/arrests.txt:3`\n  > Torres was detained on July 2." in out.stdout
    assert "\x1b" not in out.stdout and "PWNED" not in out.stdout

    written = askdocs("chat", "--export", "reading", "--output", "notes/reading.md", cwd=tmp_path)
    assert written.returncode == 0 and written.stdout == ""
    assert (tmp_path / "notes" / "reading.md").read_text(encoding="utf-8") == out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chat", "--export", "nobody"], "no saved conversation 'nobody'"),
        (["chat", "--export", "../x"], "bad conversation name"),
        (["chat", "--output", "x.md"], "--output goes with --export NAME"),
        (["chat", "--export", "reading", "--resume"], "leave out --session and --resume"),
    ],
)
def test_bad_export_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    _saved_chat(tmp_path)
    out = askdocs(*args, cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("askdocs: error:") and message in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
