"""`askdocs chat` in a real terminal: tmux runs it, send-keys types the question, capture-pane reads the screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tui.chat_support import JULY_2

pytestmark = [
    pytest.mark.slow,  # drives the chat in tmux
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux; .ci/run does it)"
    ),
]

ASKDOCS = Path(sys.executable).with_name("askdocs")


class Tmux:
    """One tmux server of our own (its own socket), so nothing else running on the machine is touched."""

    def __init__(self) -> None:
        self.socket = f"askdocs-test-{os.getpid()}"

    def __call__(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "chat")

    def wait_for(self, predicate: Callable[[str], bool], timeout: float, what: str) -> str:
        """Poll the screen until `predicate` holds; fail with the last screen after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen was:\n{text}")
            time.sleep(0.5)

    def exit_status(self, path: Path, timeout: float) -> str:
        """Wait for the command to write its exit status to `path` (see `_command`)."""
        deadline = time.monotonic() + timeout
        while not path.is_file() or not path.read_text().strip():
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not quit within {timeout:.0f}s; the screen was:\n{self.screen()}")
            time.sleep(0.25)
        return path.read_text().strip()

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def _command(args: list[str], status: Path) -> str:
    """The shell line tmux runs: the size comes from the terminal, not COLUMNS/LINES; the exit status goes to a file."""
    return shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *args]) + f"; echo $? > {shlex.quote(str(status))}"


def test_chat_in_a_real_terminal_answers_the_july_2_question(workspace: Path) -> None:
    chat = [str(ASKDOCS), "chat", "--corpus", "corpus", "--index", "index", "--session", "terminal"]
    status = workspace / "exit-status"
    command = _command(chat, status)
    tmux = Tmux()
    try:
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "chat", "-x", "120", "-y", "40", "-c", str(workspace),
             "-e", "HF_HUB_OFFLINE=1", command)  # fmt: skip
        tmux.wait_for(lambda s: "Ask a question" in s, 60, "the chat to open")
        tmux("send-keys", "-t", "chat", "-l", JULY_2)
        tmux("send-keys", "-t", "chat", "Enter")
        screen = tmux.wait_for(lambda s: ("Torres" in s and "Herrera" in s) or "error" in s, 120, "the answer")
        assert "Torres" in screen and "Herrera" in screen, screen
        assert "corpus/mexico-cartel-arrests.txt" in screen and "[1] line " in screen
        tmux("send-keys", "-t", "chat", "C-q")
        assert tmux.exit_status(status, 30) == "0"  # a traceback would have exited 1
    finally:
        tmux.close()
    assert (workspace / "index" / "chats" / "terminal.json").is_file()


def test_plain_askdocs_on_a_terminal_opens_the_chat_and_quits_at_once(workspace: Path) -> None:
    status = workspace / "exit-status"
    command = _command([str(ASKDOCS)], status)
    tmux = Tmux()
    try:
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "chat", "-x", "120", "-y", "40", "-c", str(workspace),
             "-e", "HF_HUB_OFFLINE=1", command)  # fmt: skip
        screen = tmux.wait_for(lambda s: "Ask a question" in s and "palette" in s, 60, "the chat to open")
        assert "corpus/" in screen
        tmux("send-keys", "-t", "chat", "C-q")  # while the model may still be loading
        assert tmux.exit_status(status, 30) == "0"  # a traceback would have exited 1
    finally:
        tmux.close()
