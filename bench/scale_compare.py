"""The scale bench's comparisons: search under filters, and unfiltered search against an earlier commit's code."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from common import PYTHON, REPO, Table, environment, load, percentile


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
    script = str(REPO / "bench" / "scale_query.py")
    commands = {
        "before": [PYTHON, script, "--serve", str(folder), str(listing), str(source(work, commit))],
        "after": [PYTHON, script, "--serve", str(folder), str(listing)],
    }
    out: dict[str, dict[str, list]] = {}
    with _Served(work, commands) as procs:
        for name in procs:
            out[name] = {"hybrid": [], "lexical": [], "dense": []}
        for r in range(rounds):
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                for key, values in procs.ask(name, "round").items():
                    out[name][key] += values
    return out


def filters_before_after(work: Path, folder: Path, listing: Path, commits: dict[str, str], rounds: int) -> dict:
    """Search under each filter shape (bench/scale_query.py FILTERS) by two commits' src/ on the same index and
    questions, each in its own long-lived process: per round, every shape in turn (order reversed every other
    round), each timed by both versions back to back, which goes first alternating; then each version's dense
    recall@10 among the admitted passages and top-10 ids. Returns {name: {label: shape}}."""
    script = str(REPO / "bench" / "scale_query.py")
    commands = {
        name: [PYTHON, script, "--serve", str(folder), str(listing), str(source(work, commit)), "--filters"]
        for name, commit in commits.items()
    }
    out: dict[str, dict] = {}
    with _Served(work, commands) as procs:
        for name in procs:
            out[name] = {
                label: {**opened, "hybrid": [], "lexical": [], "dense": []}
                for label, opened in procs.ready[name]["shapes"].items()
            }
        labels = list(out[next(iter(out))])
        names = list(commands)
        for r in range(rounds):
            for i, label in enumerate(labels if r % 2 == 0 else labels[::-1]):
                for name in names if (r + i) % 2 == 0 else names[::-1]:
                    for key, values in procs.ask(name, f"round {label}").items():
                        out[name][label][key] += values
        for name in names:
            for label, (recall, top) in procs.ask(name, "recall").items():
                out[name][label].update(recall=recall, top=top)
    return out


def source(work: Path, commit: str) -> Path:
    """`commit`'s src/ folder, extracted once under `work` (a clean copy: others may be editing the checkout)."""
    folder = work / f"src-{commit}"
    if not (folder / "src" / "askdocs").is_dir():
        archive = subprocess.run(["git", "archive", commit, "src"], cwd=REPO, capture_output=True, check=True)
        shutil.rmtree(folder, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
    return folder / "src"


class _Served:
    """Long-lived bench/scale_query.py --serve processes by name, opened and warmed up; `ask` sends one line."""

    def __init__(self, work: Path, commands: dict[str, list[str]]) -> None:
        self.work, self.commands = work, commands
        self.procs: dict[str, subprocess.Popen] = {}
        self.ready: dict[str, dict] = {}

    def __enter__(self) -> _Served:
        for name, cmd in self.commands.items():
            with (self.work / f"serve-{name}.err").open("w") as errors:
                self.procs[name] = subprocess.Popen(
                    cmd,
                    cwd=REPO,
                    env=environment(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    text=True,
                )
        for name, proc in self.procs.items():
            self.ready[name] = _reply(proc, self.work / f"serve-{name}.err")
        return self

    def __iter__(self):  # noqa: ANN204 - names of the processes
        return iter(self.procs)

    def ask(self, name: str, line: str) -> dict:
        self.procs[name].stdin.write(line + "\n")
        self.procs[name].stdin.flush()
        return _reply(self.procs[name], self.work / f"serve-{name}.err")

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs.values():
            proc.stdin.close()
            proc.wait(timeout=120)


def _reply(proc: subprocess.Popen, errors: Path) -> dict:
    """The next JSON line a --serve process prints (other lines skipped)."""
    from scale_query import MARK

    for line in proc.stdout:
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise RuntimeError(f"bench/scale_query.py --serve ended: {errors.read_text()[-2000:]}")


def filter_comparison(compared: dict, names: tuple[str, str]) -> str:
    """A Markdown table of `filters_before_after`: per shape, both versions' opening, hybrid p50 / p95, ratio to no
    filter, halves and dense recall@10, and the share of questions whose dense top 10 is the same."""
    first, second = (compared[n] for n in names)
    lines = [
        f"| filter | passages admitted | opening {names[0]} / {names[1]} | hybrid p50 / p95 {names[0]} | hybrid p50 /"
        f" p95 {names[1]} | ÷ no filter {names[0]} / {names[1]} | lexical p50 | dense p50 | dense recall@10 |"
        " same dense top 10 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def pair(key: str) -> str:
        return f"{percentile(first[label][key], 50) * 1000:.1f} / {percentile(second[label][key], 50) * 1000:.1f} ms"

    for label in first:
        a, b = first[label], second[label]
        ratios = [percentile(s[label]["hybrid"], 50) / percentile(s["none"]["hybrid"], 50) for s in (first, second)]
        recall = " / ".join("-" if s["recall"] is None else f"{s['recall']:.3f}" for s in (a, b))
        same = sum(x == y for x, y in zip(a["top"], b["top"], strict=True)) / len(a["top"])
        lines.append(
            f"| {label} | {a['admitted']:,} / {b['admitted']:,} | {a['open_seconds']:.2f} / {b['open_seconds']:.2f} s"
            f" | {_ms(a['hybrid'], 50)} / {_ms(a['hybrid'], 95)} | {_ms(b['hybrid'], 50)} / {_ms(b['hybrid'], 95)}"
            f" | {ratios[0]:.2f} / {ratios[1]:.2f} | {pair('lexical')} | {pair('dense')} | {recall} | {same:.0%} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """python bench/scale_compare.py WORK INDEX_DIR QUESTIONS.json BEFORE AFTER ROUNDS: filtered search by two
    commits on an existing scale index (bench --only scale), in alternating rounds; prints a table, keeps the JSON."""
    work, folder, listing = Path(argv[0]), Path(argv[1]), Path(argv[2])
    commits = {"before": argv[3], "after": argv[4]}
    started = load()
    compared = filters_before_after(work, folder, listing, commits, int(argv[5]))
    (work / f"filters-{argv[3]}-{argv[4]}.json").write_text(json.dumps(compared))
    print(filter_comparison(compared, ("before", "after")))
    print(f"\nbefore {argv[3]}, after {argv[4]}; {argv[5]} rounds; load average at start {started}, at end {load()}")


if __name__ == "__main__":
    main(sys.argv[1:])
