"""`askdocs index` always says what it is doing: named phases from the first moment, one plain line each when
standard error is not a terminal, and a labelled bar (never a bare `0/?`) when it is."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from askdocs.cli.index import _Lines
from askdocs.config import Settings
from askdocs.index_progress import PassageCount, Phase, rounded
from askdocs.indexer import EMBED_BATCH_PASSAGES, index_corpus
from askdocs.text.counts import count
from tests.support import REPO, FakeEmbedder, sample_folder


def phases_of(settings: Settings) -> list[Phase]:
    seen: list[Phase] = []
    index_corpus(settings, embedder=FakeEmbedder(), phases=seen.append)
    return seen


def test_a_run_reports_its_phases_in_order_with_counts(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    (root / "corpus" / "b.txt").write_text("The harbour froze in March. Boats stayed in port.\n")
    settings = Settings(corpus=root / "corpus", index=root / "index", model="fake")
    first = phases_of(settings)
    assert [p.name for p in first] == ["scanning", "reading", "embedding", "writing"]  # the encoder was given
    assert [p.label for p in first] == [
        "scanning the corpus folder",
        "reading 2 files",
        "embedding 7 passages",
        "writing index",
    ]
    assert first[1].total == first[2].total == 2

    assert [p.label for p in phases_of(settings)] == ["scanning the corpus folder"]  # nothing to do
    (root / "corpus" / "blob.txt").write_bytes(b"\x00\x01binary")
    assert [p.label for p in phases_of(settings)] == ["scanning the corpus folder", "reading 1 file"]  # skipped
    (root / "corpus" / "blob.txt").unlink()

    (root / "corpus" / "b.txt").unlink()
    assert [p.label for p in phases_of(settings)] == ["scanning the corpus folder", "writing index"]  # one removed


def test_a_large_run_estimates_its_passages_before_reading_every_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(120):
        body = " ".join(f"Town {i} held meeting {j} about the bridge, the school and the market." for j in range(40))
        (corpus / f"town{i:03}.txt").write_text(body + "\n")
    seen = phases_of(Settings(corpus=corpus, index=tmp_path / "index", model="fake"))
    embedding = next(p for p in seen if p.name == "embedding")
    estimate = int(
        re.match(r"embedding about ([\d,]+) passages \(a first estimate", embedding.label)[1].replace(",", "")
    )
    assert EMBED_BATCH_PASSAGES < estimate < 10 * EMBED_BATCH_PASSAGES and embedding.total == 120


def test_files_skipped_for_their_size_count_in_no_estimate(tmp_path: Path) -> None:
    """A file over max_file_mb is skipped unread, so its bytes must not make the run expect thousands of passages
    (a 25 MB file made 210 passages look like 39,000)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(120):
        body = " ".join(f"Town {i} held meeting {j} about the bridge, the school and the market." for j in range(40))
        (corpus / f"town{i:03}.txt").write_text(body + "\n")
    (corpus / "huge.txt").write_text("The harbour story once more, for the size test.\n" * 50_000)  # 2.4 MB
    (corpus / "blank.txt").write_bytes(b"")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake", max_file_mb=1)
    seen: list[PassageCount] = []
    report = index_corpus(settings, embedder=FakeEmbedder(), passages=seen.append)
    assert report.skipped == 2 and seen[-1].exact and seen[-1].done == seen[-1].expected == report.passages
    assert max(c.expected for c in seen) < 2 * report.passages  # the estimate never counted the skipped file


def test_counts_read_as_words() -> None:
    assert count(1, "file") == "1 file" and count(2110, "passage") == "2,110 passages"
    assert rounded(2113) == 2100 and rounded(87) == 87 and rounded(150) == 150


def test_lines_mode_prints_one_plain_line_per_phase(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _Lines()
    lines.phase(Phase("export", "preparing model (one-time export)"))
    lines.progress(1, 3, "a\x1b[31m.txt")
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "preparing model (one-time export)"
    assert err.splitlines()[1].startswith("indexed 1/3 ") and "\x1b" not in err  # file names are made safe


def test_lines_mode_says_the_passage_count_at_most_every_log_every_seconds_as_readme_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off a terminal, `embedding passages N/M` came about 12 times in a long run while README promised each phase
    once: the count is a line every LOG_EVERY seconds while passages embed, and README says that."""
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    lines = _Lines()
    lines.phase(Phase("embedding", "embedding about 2,100 passages"))
    for done in range(64, 2113, 64):  # a batch embedded every second
        clock[0] += 1.0
        lines.passages(PassageCount(done, 2113, exact=done > 1000))
    counts = [line for line in capsys.readouterr().err.splitlines() if line.startswith("embedding passages")]
    assert len(counts) == int(33 // _Lines.LOG_EVERY), counts  # 33 s of embedding
    assert counts[0] == "embedding passages 640/~2,113"
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    said = f"`embedding passages 512/~2,100` at most every {_Lines.LOG_EVERY:g} seconds"
    assert said in readme and "prints each phase once" not in readme


def _askdocs_index(root: Path) -> subprocess.CompletedProcess:
    """`askdocs index` in `root`, with an export cache of its own (empty until this folder's first export)."""
    env = {**os.environ, "ASKDOCS_CACHE": str(root / "export-cache")}
    return subprocess.run(
        [sys.executable, "-m", "askdocs", "index"], cwd=root, capture_output=True, text=True, timeout=600, env=env
    )


@pytest.mark.slow  # the real model: a first run makes the ONNX export
def test_phase_lines_of_a_first_and_a_second_run_when_not_a_terminal(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    first = _askdocs_index(root)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[:6] == [
        "scanning the corpus folder",
        "reading 1 file",
        "preparing model (one-time export)",
        "embedding 6 passages",
        "indexed 1/1 mexico-cartel-arrests.txt",
        "writing index",
    ]
    assert "1 added" in first.stdout

    (root / "corpus" / "b.txt").write_text("The harbour froze in March. Boats stayed in port.\n")
    second = _askdocs_index(root)
    assert second.returncode == 0, second.stderr
    assert second.stderr.splitlines() == [
        "scanning the corpus folder",
        "reading 1 file",
        "loading model",
        "embedding 1 passage",
        "indexed 1/1 b.txt",
        "writing index",
    ]
    shutil.rmtree(root / "index")  # the export is still in this folder's cache: the label says so
    third = _askdocs_index(root)
    assert third.returncode == 0, third.stderr
    assert "loading model (exported before, from the cache)" in third.stderr.splitlines()
    assert "preparing model (one-time export)" not in third.stderr
    assert "reused from the cache" not in third.stderr  # said once, by the phase line


@pytest.mark.slow  # the real model, in a subprocess on a pseudo-terminal
def test_the_terminal_bar_is_labelled_from_the_first_frame(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "ASKDOCS_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "askdocs", "index"],
        cwd=root,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    screen = b""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    os.close(leader)
    proc.wait(timeout=60)
    assert proc.returncode == 0, screen.decode(errors="replace")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", errors="replace"))
    assert "0/?" not in text and "indexing ━" not in text
    frames = [f.strip() for f in re.split(r"[\r\n]", text) if f.strip()]
    assert frames and re.search(r"starting|scanning the corpus folder", frames[0]), frames[:3]
    for label in ("preparing model (one-time export)", "embedding 6 passages"):
        assert label in text


def test_a_reader_of_the_progress_lines_that_goes_away_stops_them_not_the_run(tmp_path: Path) -> None:
    """`askdocs index 2>&1 | head -3`: once the reader is gone, progress lines stop; every file is still indexed and
    the run ends 0 (it stopped after the first few files, still with exit 0, as if it had finished)."""
    from tests.support import fake_encoder_script

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"note{i:02}.txt").write_text(f"Note {i}: the harbour crane number {i} was painted on day {i}.\n")
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join([str(repo / "src"), str(repo)])}
    script = f"from tests.support import FakeEmbedder\n{fake_encoder_script('FakeEmbedder()')}"
    script += "from askdocs.cli import main\nmain(['index', '--model', 'fake'])\n"
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert proc.stderr is not None and proc.stderr.readline() == "scanning the corpus folder\n"
    proc.stderr.close()  # the reader goes away after the first line
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert "40 added" in out and "(40 documents" in out
