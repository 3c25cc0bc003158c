"""The scale bench's comparisons: search under filters, and unfiltered search against an earlier commit's code."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from common import PYTHON, REPO, Table, environment, percentile


def _ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.1f} ms"


def filter_rows(table: Table, filters: dict[str, dict]) -> None:
    """One row per filter shape (bench/scale_query.py FILTERS): hybrid p50/p95, its ratio to no filter, the halves."""
    none = filters.get("none")
    for label, shape in filters.items():
        ratio = percentile(shape["hybrid"], 50) / percentile(none["hybrid"], 50) if none else float("nan")
        share = f", {shape['admitted'] / none['admitted']:.1%}" if none else ""
        recall = "" if shape["recall"] is None else f"; dense recall@10 among them {shape['recall']:.3f}"
        table.add(
            f"hybrid search, filter: {label} ({shape['admitted']:,} passages{share}; opening"
            f" {shape['open_seconds']:.2f} s)",
            _ms(shape["hybrid"], 50),
            _ms(shape["hybrid"], 95),
            f"÷ none {ratio:.2f}; lexical p50 {_ms(shape['lexical'], 50)}, dense p50 {_ms(shape['dense'], 50)}{recall}",
        )


def before_after_rows(table: Table, compared: dict[str, dict[str, list]], commit: str, rounds: int) -> float | None:
    """Rows of `before_after`'s latencies; returns after ÷ before of the hybrid p50 (None when not measured)."""
    if not compared:
        return None
    for name, label in (("before", f"code at {commit} (before filters)"), ("after", "this checkout")):
        times = compared[name]
        table.add(
            f"hybrid search, no filter, {label}, {rounds} alternating rounds",
            _ms(times["hybrid"], 50),
            _ms(times["hybrid"], 95),
            f"lexical p50 {_ms(times['lexical'], 50)}, dense p50 {_ms(times['dense'], 50)}",
        )
    ratios = {
        k: percentile(compared["after"][k], 50) / percentile(compared["before"][k], 50) for k in compared["after"]
    }
    table.add(
        "after ÷ before, p50 (same index, same questions)",
        f"{ratios['hybrid']:.3f}",
        "",
        f"lexical {ratios['lexical']:.3f}, dense {ratios['dense']:.3f}",
    )
    return ratios["hybrid"]


def checkout() -> str:
    """The checkout's commit, with "+changes" when tracked files under src/ differ from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "src"], cwd=REPO, capture_output=True)
    return head.stdout.strip() + ("+changes" if dirty.returncode else "")


def before_after(work: Path, folder: Path, listing: Path, commit: str, rounds: int) -> dict[str, dict[str, list]]:
    """Unfiltered search latencies of this checkout ("after") and of `commit`'s src/ ("before") on the same index
    and questions: two long-lived processes (bench/scale_query.py --serve), timed in alternating rounds so that
    load from other work falls on both."""
    source = work / f"src-{commit}"
    if not (source / "src" / "askdocs").is_dir():
        archive = subprocess.run(["git", "archive", commit, "src"], cwd=REPO, capture_output=True, check=True)
        shutil.rmtree(source, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(source, filter="data")
    script = str(REPO / "bench" / "scale_query.py")
    commands = {
        "before": [PYTHON, script, "--serve", str(folder), str(listing), str(source / "src")],
        "after": [PYTHON, script, "--serve", str(folder), str(listing)],
    }
    procs: dict[str, subprocess.Popen] = {}
    out: dict[str, dict[str, list]] = {}
    try:
        for name, cmd in commands.items():
            with (work / f"serve-{name}.err").open("w") as errors:
                procs[name] = subprocess.Popen(
                    cmd,
                    cwd=REPO,
                    env=environment(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    text=True,
                )
        for name, proc in procs.items():
            _reply(proc, work / f"serve-{name}.err")  # opened and warmed up
            out[name] = {"hybrid": [], "lexical": [], "dense": []}
        for r in range(rounds):
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                procs[name].stdin.write("round\n")
                procs[name].stdin.flush()
                for key, values in _reply(procs[name], work / f"serve-{name}.err").items():
                    out[name][key] += values
    finally:
        for proc in procs.values():
            proc.stdin.close()
            proc.wait(timeout=120)
    return out


def _reply(proc: subprocess.Popen, errors: Path) -> dict:
    """The next JSON line a --serve process prints (other lines skipped)."""
    from scale_query import MARK

    for line in proc.stdout:
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise RuntimeError(f"bench/scale_query.py --serve ended: {errors.read_text()[-2000:]}")
