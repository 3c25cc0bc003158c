"""Ctrl-C during `askdocs index` leaves the last committed index usable, and the next run resumes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import SAMPLE

pytestmark = pytest.mark.slow  # interrupts a real askdocs index subprocess

TOPICS = ["harbour", "railway", "orchard", "glacier", "vineyard", "lighthouse", "bakery", "observatory"]


def _write_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        body = " ".join(
            f"Report {i}.{j}: the {topic} committee of town number {i} met on day {j} and discussed item {i * j}."
            for j in range(3)
        )
        (folder / f"doc{i:03}.txt").write_text(body + "\n", encoding="utf-8")


def test_sigint_mid_index_keeps_committed_work_and_resumes(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "corpus", 300)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "askdocs", "index"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 240
    assert proc.stderr is not None
    progressed = 0
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("indexed "):
            progressed += 1
            if progressed >= 12:
                proc.send_signal(signal.SIGINT)
                break
    out, err = proc.communicate(timeout=120)
    assert progressed >= 12, "indexing never reported progress"
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err

    status = subprocess.run(
        [sys.executable, "-m", "askdocs", "status", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert 0 < data["index"]["documents"] < 301
    assert data["stale"] and data["new"]

    resumed = subprocess.run(
        [sys.executable, "-m", "askdocs", "index"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{data['index']['documents']} unchanged" in resumed.stdout
    assert "(301 documents" in resumed.stdout


@pytest.mark.parametrize("after", [1, 6, 25])
def test_sigint_always_exits_130_never_aborts(tmp_path: Path, after: int) -> None:
    """Interrupts landing while batches embed on their threads: exit 130, never SIGABRT from a native thread."""
    _write_corpus(tmp_path / "corpus", 600)
    proc = subprocess.Popen(
        [sys.executable, "-m", "askdocs", "index"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stderr is not None
    progressed = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and progressed < after:
        line = proc.stderr.readline()
        if not line:
            break
        progressed += line.startswith("indexed ")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert progressed == after, err
    assert proc.returncode == 130, err
    assert "terminate called" not in err and "Traceback" not in err
