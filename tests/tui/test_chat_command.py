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
