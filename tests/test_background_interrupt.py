"""`askdocs index corpus &` in a script starts with SIGINT ignored (a shell without job control does so for
background jobs); `kill -INT` must stop it as Ctrl-C does: exit 130, the last good index kept and usable."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from askdocs.errors import EXIT_INTERRUPTED
from tests.support import sample_folder
from tests.test_interrupt import _write_corpus
from tests.test_interrupt_states import DRIVER, _env, _status
from tests.test_watch_keeps import WATCH

pytestmark = pytest.mark.slow  # stops real askdocs index subprocesses

IGNORING = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN);"
    " os.execv(sys.executable, [sys.executable, '-c', sys.argv[1], *sys.argv[2:]])"
)
"""Runs the script given as its argument with SIGINT ignored from the start, inherited across exec as a shell's
background job has it."""


def _started(script: str, folder: Path) -> subprocess.Popen[str]:
    """`script` in a child that inherited SIGINT ignored; both streams in one."""
    return subprocess.Popen(
        [sys.executable, "-c", IGNORING, script],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(),
    )


def _interrupt_when(proc: subprocess.Popen[str], said: str, times: int) -> str:
    """SIGINT `proc` once `times` lines have started with `said`; everything it wrote. A child that ignores it is
    ended by SIGKILL after a while, so that the test fails rather than hangs."""
    assert proc.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(line.startswith(said) for line in seen) < times:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
    proc.send_signal(signal.SIGINT)
    try:
        rest, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        rest, _ = proc.communicate(timeout=30)
    assert sum(line.startswith(said) for line in seen) >= times, "".join(seen) + rest
    return "".join(seen) + rest


def test_sigint_to_a_background_index_run_stops_it_with_130(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "corpus", 3)
    first = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=_env()
    )
    assert first.returncode == 0, first.stderr
    before = _status(tmp_path)["index"]["documents"]
    for i in range(3, 150):  # more to index, so that the signal lands mid-run
        (tmp_path / "corpus" / f"more{i:03}.txt").write_text(f"The ferry of town {i} ran late on day {i}.\n")

    proc = _started(DRIVER, tmp_path)
    said = _interrupt_when(proc, "indexed ", 3)
    assert proc.returncode == EXIT_INTERRUPTED == 130, said
    assert "Traceback" not in said and "askdocs: stopping...\n" in said

    status = _status(tmp_path)  # `status --check`: the index file and its vectors are whole
    assert status["check"]["ok"], status
    assert before <= status["index"]["documents"] < before + 147 and status["new"], status


def test_sigint_to_a_background_first_index_run_leaves_no_broken_index(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "corpus", 150)
    proc = _started(DRIVER, tmp_path)
    said = _interrupt_when(proc, "indexed ", 1)
    assert proc.returncode == 130, said
    status = _status(tmp_path)
    assert status["check"]["ok"] and status["index"]["documents"] < 151 and status["new"], status


def test_sigint_to_a_background_watch_stops_it_with_130(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    proc = _started(WATCH, root)
    said = _interrupt_when(proc, "watching corpus for changes", 1)
    assert proc.returncode == 130, said
    assert "Traceback" not in said and "askdocs: stopped watching corpus; the index holds every change" in said
    assert _status(root)["index"]["documents"] == 1
