"""SIGTERM (`kill`, `timeout`, a service manager) stops `askdocs index` as Ctrl-C does: the same safe stop and
closing line, the committed documents kept and usable, exit code 143."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.errors import EXIT_TERMINATED
from askdocs.retrieval import Retriever
from tests.support import FakeEmbedder, sample_folder
from tests.test_interrupt import _write_corpus
from tests.test_interrupt_states import DRIVER, KEPT, _askdocs, _env, _status
from tests.test_watch_keeps import WATCH

pytestmark = pytest.mark.slow  # stops real askdocs index subprocesses


def _started(args: list[str], folder: Path) -> subprocess.Popen[str]:
    """A child with SIGTERM's default action, as a service manager starts it; both streams in one."""
    return subprocess.Popen(args, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())


def _terminate_when(proc: subprocess.Popen[str], said: str, times: int) -> str:
    """SIGTERM `proc` once `times` lines have started with `said`; everything it wrote."""
    assert proc.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(line.startswith(said) for line in seen) < times:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
    proc.terminate()
    rest, _ = proc.communicate(timeout=120)
    assert sum(line.startswith(said) for line in seen) >= times, "".join(seen) + rest
    return "".join(seen) + rest


def test_sigterm_mid_index_keeps_committed_work_says_so_and_exits_143(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "corpus", 120)
    proc = _started([sys.executable, "-c", DRIVER], tmp_path)
    said = _terminate_when(proc, "indexed ", 10)
    assert proc.returncode == EXIT_TERMINATED == 143, said
    assert "Traceback" not in said and "askdocs: stopping...\n" in said
    kept = KEPT.search(said)
    assert kept is not None and "run: askdocs index --model fake to go on" in said, said
    documents = int(kept.group(1))
    assert 10 <= documents < 121

    status = _status(tmp_path)  # `status --check`: the index file and its vectors are whole
    assert status["check"]["ok"] and status["index"]["documents"] == documents and status["new"]
    listed = _askdocs(tmp_path, "docs", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == documents, listed.stderr
    settings = load_settings({"model": "fake"}, cwd=tmp_path, environ={})
    retriever = Retriever.open(settings, embedder=FakeEmbedder())  # the index still answers
    try:
        hits = retriever.search("the harbour committee of town number 0 met", 1)
    finally:
        retriever.close()
    assert [hit.passage.path for hit in hits] == ["doc000.txt"]

    resumed = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=tmp_path, capture_output=True, text=True, timeout=600, env=_env()
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{121 - documents} added, 0 changed, 0 removed, {documents} unchanged" in resumed.stdout


def test_sigterm_stops_a_watch_as_ctrl_c_does_and_exits_143(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    proc = _started([sys.executable, "-c", WATCH], root)
    said = _terminate_when(proc, "watching ./corpus for changes", 1)
    assert proc.returncode == 143, said
    assert "Traceback" not in said and "askdocs: stopped watching ./corpus; the index holds every change" in said
    assert _status(root)["index"]["documents"] == 1
