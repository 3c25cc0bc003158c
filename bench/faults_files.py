"""Sections (d) and (e) of `python -m bench.faults`: damaged index files, and one big file (up to the size cap)."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ASKDOCS, PYTHON, Table, environment  # noqa: E402
from faults import NEEDLES, TRACEBACK_MARKS, ask_needles, askdocs, first_line, with_export  # noqa: E402

# -- (d) damaged files -----------------------------------------------------------------------------------------------


def _garble(path: Path, offset: int, length: int, rng: random.Random) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(rng.randbytes(length))


def _damage(index: Path, case: str, rng: random.Random) -> None:
    db = index / "askdocs.sqlite3"
    if case == "askdocs.sqlite3: one mid-file page garbled":
        pages = db.stat().st_size // 4096
        _garble(db, (pages // 2) * 4096, 4096, rng)
    elif case == "askdocs.sqlite3: truncated to half":
        os.truncate(db, (db.stat().st_size // 2) // 4096 * 4096)
    elif case == "vectors.faiss: same size, garbled":
        faiss = index / "vectors.faiss"
        _garble(faiss, faiss.stat().st_size // 3, faiss.stat().st_size // 3, rng)
    elif case == "model.onnx: 4 KB garbled":
        _garble(index / "model.onnx", (index / "model.onnx").stat().st_size // 2, 4096, rng)
    elif case == "model.int8.onnx: 4 KB garbled":
        _garble(index / "model.int8.onnx", (index / "model.int8.onnx").stat().st_size // 2, 4096, rng)
    elif case == "a directory where askdocs.sqlite3 should be":
        db.unlink()
        db.mkdir()
        (db / "x").write_text("x")
    else:
        raise ValueError(case)


DAMAGE = (
    "askdocs.sqlite3: one mid-file page garbled",
    "askdocs.sqlite3: truncated to half",
    "vectors.faiss: same size, garbled",
    "model.onnx: 4 KB garbled",
    "model.int8.onnx: 4 KB garbled",
    "a directory where askdocs.sqlite3 should be",
)


def damaged(root: Path, rng: random.Random) -> Table:
    """Each case on a fresh copy of the good index: what `status --check`, `ask` and `index` say, then whether
    `index --rebuild` gives an index that passes the check and cites the needles right."""
    table = Table(
        "(d) damaged index files: exit code and first line of stderr, and whether `index --rebuild` recovers",
        ["damage", "`status --check`", "`ask`", "`index`", "`ask` after `index`", "`index --rebuild` recovers"],
    )
    question = NEEDLES["needles/lighthouse.txt"][1]
    for case in DAMAGE:
        copy = root.parent / f"{root.name}-damaged"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(root, copy, symlinks=True)
        _damage(copy / "index", case, rng)
        cells = []
        for args in (("status", "--check"), ("ask", question), ("index",), ("ask", question)):
            out = askdocs(copy, *args)
            crash = " **traceback**" if any(m in out.stderr for m in TRACEBACK_MARKS) else ""
            said = first_line(out.stderr) or first_line(out.stdout)
            cells.append(f"{out.returncode}{crash}: {said}".replace("|", "/").replace(str(copy), "P"))
        rebuild = askdocs(copy, "index", "--rebuild")
        check = askdocs(copy, "status", "--check")
        code, _, wrong, _ = ask_needles(copy)
        ok = rebuild.returncode == 0 and check.returncode == 0 and code == 0 and wrong == 0
        table.add(case, *cells, "yes" if ok else f"no (rebuild {rebuild.returncode}: {first_line(rebuild.stderr)})")
        shutil.rmtree(copy, ignore_errors=True)
    return table


# -- (e) one big file -----------------------------------------------------------------------------------------------


def _peak_index(work: Path, megabytes: float, cap: int | None) -> list[object]:
    """Index a corpus of one generated text file of `megabytes` MB (with max_file_mb = `cap` when given): its row
    of table (e). The log's "embedding passages N/M" lines (one per 10 s at most) show whether progress moves."""
    import newsgen

    root = Path(tempfile.mkdtemp(prefix="faults-big-", dir=work))
    (root / "corpus").mkdir()
    with_export(work, root)
    (root / "corpus" / "big.txt").write_bytes(newsgen.body_text(int(megabytes * 1024 * 1024)))
    env = environment() | ({"ASKDOCS_MAX_FILE_MB": str(cap)} if cap else {})
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); r = subprocess.run(sys.argv[1:]); "
        "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.monotonic()
    proc = subprocess.Popen(
        [PYTHON, "-c", wrapper, *ASKDOCS, "index"], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    counts = []  # (seconds since start, passages embedded) of each progress line
    for raw in proc.stderr:
        line = raw.decode(errors="replace").strip()
        if line.startswith("embedding passages "):
            done = int(line.split()[2].split("/")[0].replace(",", ""))
            counts.append((time.monotonic() - started, done))
    code, seconds, rss_kb = proc.communicate()[0].decode().split()[-3:]
    with sqlite3.connect(root / "index" / "askdocs.sqlite3") as conn:
        passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    file_mb = (root / "corpus" / "big.txt").stat().st_size / 1024 / 1024
    shutil.rmtree(root, ignore_errors=True)
    peak = int(rss_kb) / 1024
    moved = "none"
    if counts:
        rising = all(b[1] > a[1] for a, b in zip(counts, counts[1:], strict=False))
        moved = (
            f"{len(counts)} lines, {counts[0][1]:,} at {counts[0][0]:.0f} s to {counts[-1][1]:,} at "
            f"{counts[-1][0]:.0f} s{'' if rising else ', NOT rising'}"
        )
    return [f"{file_mb:.1f} MB", code, f"{float(seconds):.0f} s", passages, f"{peak:.0f} MB", moved]


def big_file(work: Path, sizes: list[float], cap: int | None = None) -> Table:
    """Peak RSS of `askdocs index` on one file of each size: what the model costs, and what the file adds; and
    whether the passage count in the log moves while that one file embeds."""
    limit = f"max_file_mb = {cap}" if cap else "just under max_file_mb (20)"
    table = Table(f"(e) `askdocs index` of one text file ({limit})", ["file", "exit", "wall"])
    table.columns += ["passages", "peak RSS", "progress in the log (embedding passages N/M)"]
    for megabytes in sizes:
        table.add(*_peak_index(work, megabytes, cap))
    return table
