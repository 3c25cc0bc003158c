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

from tests.support import SAMPLE, fake_encoder_script, interruptible

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


def _spawn(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """A child with piped text output that Ctrl-C (SIGINT) interrupts."""
    return subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=interruptible
    )


def test_sigint_mid_index_keeps_committed_work_and_resumes(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "corpus", 300)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = _spawn([sys.executable, "-m", "askdocs", "index"], tmp_path, env)
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
    proc = _spawn([sys.executable, "-m", "askdocs", "index"], tmp_path, {**os.environ, "PYTHONUNBUFFERED": "1"})
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


DRIVER = f"""
import sys, time
from askdocs.cli import main
from tests.support import FakeEmbedder

class Slow(FakeEmbedder):
    def encode(self, texts):
        if any(t.startswith("Bigfile") for t in texts):
            print("model: embedding the big file", file=sys.stderr, flush=True)
        time.sleep(0.02)  # a call of 16 passages: the big file's ~190 calls take seconds, time for Ctrl-C to land
        return super().encode(texts)

{fake_encoder_script("Slow()")}
main(["index", "--model", "fake"])
"""
"""`askdocs index` with a fake encoder that takes a while per batch and says when the big file reaches it."""


def _big_text(megabytes: float) -> str:
    line = "Bigfile line {0}: the harbour crane number {0} was painted green on day {1} by crew {2}.\n"
    lines, size, i = [], 0, 0
    while size < megabytes * 1024 * 1024:
        lines.append(line.format(i, i % 28 + 1, i % 7))
        size += len(lines[-1])
        i += 1
    return "".join(lines)


def test_sigint_while_a_big_file_embeds_keeps_every_small_file(tmp_path: Path) -> None:
    """A 3 MB file (about 3,000 passages, a dozen batches) that sorts before 21 small ones: they are read and
    committed first, so Ctrl-C while the big file embeds leaves every small file committed and the index
    consistent; the next run adds only the big one."""
    _write_corpus(tmp_path / "corpus", 20)
    (tmp_path / "corpus" / "aa-big.txt").write_text(_big_text(3), encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]  # this checkout's askdocs, whichever one is installed
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join([str(repo / "src"), str(repo)])}
    proc = _spawn([sys.executable, "-c", DRIVER], tmp_path, env)
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if line.startswith("model: embedding the big file"):
            proc.send_signal(signal.SIGINT)
            break
    _, err = proc.communicate(timeout=120)
    assert seen and seen[-1].startswith("model: embedding the big file"), "".join(seen) + err
    assert sum(line.startswith("indexed ") for line in seen) == 21  # the 21 small files, before the big one embeds
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err

    def askdocs(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "askdocs", *args, "--model", "fake"]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)

    docs = askdocs("docs", "--json")
    assert docs.returncode == 0, docs.stderr
    indexed = sorted(d["path"] for d in json.loads(docs.stdout))
    assert indexed == sorted(p.name for p in (tmp_path / "corpus").iterdir() if p.name != "aa-big.txt")
    status = askdocs("status", "--check", "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["check"]["ok"] and data["index"]["documents"] == 21 and data["new"] == ["aa-big.txt"]

    resumed = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "1 added, 0 changed, 0 removed, 21 unchanged" in resumed.stdout


def test_sigint_that_also_ends_the_reader_of_the_output_exits_130(tmp_path: Path) -> None:
    """`askdocs index 2>&1 | tee log` and Ctrl-C: the one signal ends the reader too, so the line saying what the
    index keeps meets a closed pipe; the run is still an interruption (it exited 0, as if it had finished)."""
    _write_corpus(tmp_path / "corpus", 4)
    (tmp_path / "corpus" / "aa-big.txt").write_text(_big_text(3), encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join([str(repo / "src"), str(repo)])}
    proc = _spawn([sys.executable, "-c", DRIVER], tmp_path, env)
    assert proc.stderr is not None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line or line.startswith("model: embedding the big file"):
            break
    assert line.startswith("model: embedding the big file")
    proc.stderr.close()  # the reader is gone (nothing is written while the big file embeds) ...
    proc.send_signal(signal.SIGINT)  # ... with the same Ctrl-C
    assert proc.wait(timeout=120) == 130


LOADING = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "askdocs.cli.group":  # Ctrl-C while the command line is still loading
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
from askdocs.cli import main
main(["index"])
"""


def test_sigint_while_the_command_line_loads_is_one_line_and_130(tmp_path: Path) -> None:
    """Ctrl-C in the first fraction of a second, while modules still import: the same one line and exit 130 as
    later, no traceback."""
    proc = subprocess.run([sys.executable, "-c", LOADING], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "askdocs: interrupted\n"


def test_the_entry_modules_exit_code_is_the_error_modules() -> None:
    """askdocs.cli repeats EXIT_INTERRUPTED so that it imports nothing before its handler: the two must agree."""
    import askdocs.cli
    import askdocs.errors

    assert askdocs.cli.EXIT_INTERRUPTED == askdocs.errors.EXIT_INTERRUPTED == 130
