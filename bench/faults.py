"""Faults: kills, interrupts, concurrent questions, damaged index files and a file just under the size cap.

    python -m bench.faults            # 300 generated documents, 14 kills, 20 interrupts, 6 damage cases
    python -m bench.faults --quick    # 120 documents, 6 kills, 10 interrupts
    python -m bench.faults --only e --big-mb 50 --big-cap 60     # one 50 MB file, max_file_mb raised to 60

Everything runs `askdocs` as fresh processes on a temporary project (generated news plus a few "needle" text
files whose answer is known), then checks what a user would: `status --check`, whether files committed before a
kill are embedded again by the next run, and whether every citation's quote is the file's text at its offsets.
Prints Markdown tables; every failure column should read 0. Sections (d), damaged index files, and (e), one big
file, are in bench/faults_files.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ASKDOCS, Table, environment, load, machine  # noqa: E402
from speed import EXPORT_FILES  # noqa: E402

NEEDLES = {
    "needles/lighthouse.txt": (
        "The lighthouse keeper Ingrid Volmaar repaired the great lamp of Skarvik on March 3, 2019. "
        "She said the old lens had cracked during the winter storms.\n",
        "Who repaired the lamp of Skarvik?",
    ),
    "needles/orchard.txt": (
        "Title: Orchard report\n\nThe Pellham orchard lost four hundred apple trees to frost in April 2021. "
        "Its owner, Tobias Grint, replanted them with late-flowering varieties.\n",
        "How many apple trees did the Pellham orchard lose to frost?",
    ),
    "needles/bridge.txt": (
        "Engineers closed the Varnell footbridge on 14 June 2022 after finding rust in its cables. "
        "The town council voted to rebuild it in steel.\n",
        "Why was the Varnell footbridge closed?",
    ),
}
TRACEBACK_MARKS = ("Traceback", "terminate called", "Aborted", "core dumped")


def askdocs(root: Path, *args: str, stdin: str | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*ASKDOCS, *args], cwd=root, env=environment(), capture_output=True, text=True, input=stdin, timeout=timeout
    )


def start(root: Path, *args: str) -> subprocess.Popen:
    """`askdocs ARGS` in its own process group, so a signal reaches it (and any child) as a terminal's would."""
    return subprocess.Popen(
        [*ASKDOCS, *args],
        cwd=root,
        env=environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def first_line(text: str) -> str:
    """The error line if there is one (progress lines are not errors), else the last line; shortened."""
    lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
    errors = [x for x in lines if x.startswith(("askdocs:", "Traceback", "warning"))]
    line = (errors or lines[-1:] or [""])[0]
    return (line[:150] + "...") if len(line) > 150 else line


# -- the project ---------------------------------------------------------------------------------------------


def exported(work: Path) -> Path:
    """An index folder holding a model export of the current format, made once (its first `askdocs index` loads
    torch and exports): projects copy it, so no measured run exports."""
    from askdocs.encoders.onnx import find_export

    folder = work / "faults-export"
    if find_export(folder / "index", "all-MiniLM-L6-v2") is None:
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "corpus").mkdir(parents=True)
        (folder / "corpus" / "note.txt").write_text(NEEDLES["needles/bridge.txt"][0], encoding="utf-8")
        timed_index(folder)
    return folder / "index"


def with_export(work: Path, root: Path) -> None:
    """`root`/index/ with the export's files, as after a first `askdocs index`."""
    (root / "index").mkdir()
    for name in EXPORT_FILES:
        if (exported(work) / name).exists():
            shutil.copy2(exported(work) / name, root / "index" / name)


def make_project(work: Path, documents: int) -> Path:
    """A corpus of generated news plus the needles, with the model export already made."""
    import newsgen

    root = Path(tempfile.mkdtemp(prefix="faults-", dir=work))
    newsgen.write_corpus(root / "corpus", documents, seed=23)
    for rel, (text, _) in NEEDLES.items():
        (root / "corpus" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "corpus" / rel).write_text(text, encoding="utf-8")
    with_export(work, root)
    return root


def add_documents(root: Path, count: int, seed: int) -> None:
    """New files, so that the next `askdocs index` has work to do."""
    import newsgen

    for article in newsgen.generate(count, seed=seed):
        path = root / "corpus" / f"extra{seed}" / article.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text, encoding="utf-8")


def change_documents(root: Path, count: int, rng: random.Random, tag: int) -> set[str]:
    """Append a sentence to `count` generated text and Markdown files, so the next run re-embeds them; their
    paths as the index names them."""
    files = sorted(p for p in (root / "corpus" / "news").rglob("*") if p.suffix in (".txt", ".md"))
    chosen = rng.sample(files, min(count, len(files)))
    for path in chosen:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nUpdate {tag}: the council said it would meet again on Friday.\n")
    return {path.relative_to(root / "corpus").as_posix() for path in chosen}


def committed(root: Path) -> dict[str, tuple[int, float]]:
    """Indexed documents by path: (row id, indexed_at); a document embedded again gets new ones."""
    db = root / "index" / "askdocs.sqlite3"
    if not db.is_file():
        return {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {p: (i, t) for p, i, t in conn.execute("SELECT path, id, indexed_at FROM documents")}


def wrong_citations(root: Path, answers: list[dict]) -> tuple[int, int]:
    """(citations checked, wrong ones): a wrong one's quote differs from the file's text at its offsets, or an
    answered needle question cites no sentence of its needle file."""
    expected = {q: rel for rel, (_, q) in NEEDLES.items()}
    checked = wrong = 0
    for answer in answers:
        needle = expected.get(answer.get("question", ""))
        cited = [c["path"] for c in answer.get("citations", [])]
        if answer.get("found") and needle and not any(p.endswith(needle) for p in cited):
            wrong += 1
        for c in answer.get("citations", []):
            checked += 1
            if c.get("offsets_in") != "file":
                continue  # extracted text (HTML, Markdown): the quote is checked by the answer code itself
            text = (root / c["path"]).read_text(encoding="utf-8")  # paths are relative to where askdocs ran
            wrong += text[c["start"] : c["end"]] != c["quote"]
    return checked, wrong


def ask_needles(root: Path) -> tuple[int, int, int, list[dict]]:
    """Ask every needle question in one process: (exit code, checked, wrong, answers)."""
    out = askdocs(root, "ask", "--json", "-", stdin="\n".join(q for _, q in NEEDLES.values()) + "\n")
    answers = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    checked, wrong = wrong_citations(root, answers)
    missing = len(NEEDLES) - len(answers)
    return out.returncode, checked, wrong + missing, answers


def timed_index(root: Path, *args: str) -> float:
    started = time.perf_counter()
    out = askdocs(root, "index", *args)
    if out.returncode != 0:
        raise RuntimeError(f"askdocs index {' '.join(args)} failed ({out.returncode}): {out.stderr[-1500:]}")
    return time.perf_counter() - started


# -- (a) kills -------------------------------------------------------------------------------------------------


def kills(root: Path, rounds: int, duration: float, rng: random.Random) -> Table:
    """SIGKILL `index` (100 files changed) or, odd rounds, `index --rebuild`, at a random moment; then
    `status --check`, a new run, and the needle questions."""
    table = Table(
        f"(a) {rounds} SIGKILLs of `askdocs index` at random points, each followed by `status --check` and a new run",
        ["round", "command", "killed after", "committed by the killed run", "`status --check`"],
    )
    table.columns += ["committed files re-embedded", "wrong citations"]
    totals = {"integrity": 0, "reembedded": 0, "wrong": 0, "checked": 0}
    for n in range(rounds):
        rebuild = n % 2 == 1
        changed = set() if rebuild else change_documents(root, 100, rng, tag=n)
        args = ["index", "--rebuild"] if rebuild else ["index"]
        delay = rng.uniform(0.3, duration)
        start_state = committed(root)
        proc = start(root, *args)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        before = committed(root)
        done = {path for path, key in before.items() if start_state.get(path) != key}
        partial, pending = len(done), changed - done  # only the changed files not committed yet may be embedded
        check = askdocs(root, "status", "--check")
        integrity = check.returncode != 0 or any(m in check.stderr for m in TRACEBACK_MARKS)
        timed_index(root)
        after = committed(root)
        again = sum(1 for path, key in before.items() if path not in pending and after.get(path) != key)
        code, checked, wrong, _ = ask_needles(root)
        wrong += code not in (0, 1)
        totals["integrity"] += integrity
        totals["reembedded"] += again
        totals["wrong"] += wrong
        totals["checked"] += checked
        when = f"{delay:.1f} s" + (" (had finished)" if finished else "")
        table.add(n + 1, " ".join(args), when, partial, check.returncode, again, wrong)
    table.notes.append(
        f"totals: integrity failures {totals['integrity']}, committed files re-embedded {totals['reembedded']}, "
        f"wrong citations {totals['wrong']} of {totals['checked']} checked"
    )
    return table


# -- (b) interrupts ----------------------------------------------------------------------------------------------


def interrupts(root: Path, rounds: int, duration: float, rng: random.Random) -> Table:
    """SIGINT to `index --rebuild`'s process group (what Ctrl-C does) at a random moment."""
    codes: dict[int, int] = {}
    aborts = finished = 0
    for _ in range(rounds):
        proc = start(root, "index", "--rebuild")
        time.sleep(rng.uniform(0.2, duration))
        if proc.poll() is not None:
            finished += 1
        else:
            os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
            err += "\n(hung: killed after 120 s)"
        codes[proc.returncode] = codes.get(proc.returncode, 0) + 1
        aborts += any(m in err for m in TRACEBACK_MARKS) or proc.returncode in (-6, 134)
    table = Table(f"(b) {rounds} SIGINTs during `askdocs index --rebuild`", ["exit code", "count"])
    for code, count in sorted(codes.items()):
        table.add(code, count)
    table.notes.append(f"finished before the signal: {finished}; 'terminate called' / SIGABRT / traceback: {aborts}")
    return table


# -- (c) questions while indexing --------------------------------------------------------------------------------


def concurrent(root: Path, rounds: int) -> Table:
    """`askdocs ask` processes (two at a time) while `index` adds files or `index --rebuild` runs."""
    asked = errors = wrong = checked = 0
    seen: list[str] = []
    for n in range(rounds):
        rebuild = n % 2 == 1
        if not rebuild:
            add_documents(root, 40, seed=2000 + n)
        proc = start(root, *(["index", "--rebuild"] if rebuild else ["index"]))
        while proc.poll() is None:
            pair = [start(root, "ask", "--json", "-") for _ in range(2)]
            stdin = "\n".join(q for _, q in NEEDLES.values()) + "\n"
            for ask in pair:
                out, err = ask.communicate(stdin, timeout=600)
                answers = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
                asked += len(NEEDLES)
                bad = ask.returncode not in (0, 1) or any(m in err for m in TRACEBACK_MARKS)
                errors += bad or len(answers) < len(NEEDLES)
                if bad and len(seen) < 3:
                    seen.append(f"exit {ask.returncode}: {first_line(err)}")
                c, w = wrong_citations(root, answers)
                checked, wrong = checked + c, wrong + w
        proc.communicate()
    table = Table(
        f"(c) `askdocs ask` (two processes at a time) during {rounds} index runs",
        ["questions asked", "processes failing", "citations checked", "wrong citations"],
    )
    table.add(asked, errors, checked, wrong)
    table.notes += [f"error seen: {s}" for s in seen]
    return table


def project(
    work: Path, documents: int, only: set[str], n_kills: int, n_ints: int, quick: bool, rng: random.Random
) -> None:
    """Sections (a) to (d) on one generated project, deleted at the end."""
    root = make_project(work, documents)
    try:
        first = timed_index(root)
        rebuild = timed_index(root, "--rebuild")
        print(f"{documents + len(NEEDLES)} documents: first index {first:.1f} s, --rebuild {rebuild:.1f} s\n")
        code, checked, wrong, _ = ask_needles(root)
        print(f"needle questions on the clean index: exit {code}, {checked} citations checked, {wrong} wrong\n")
        if "a" in only:
            print(kills(root, n_kills, rebuild, rng).render(), flush=True)
        if "b" in only:
            print(interrupts(root, n_ints, rebuild, rng).render(), flush=True)
            timed_index(root)
        if "c" in only:
            print(concurrent(root, 2 if quick else 4).render(), flush=True)
        if "d" in only:
            import faults_files

            print(faults_files.damaged(root, rng).render(), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents, kills and interrupts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/askdocs-bench"), help="where projects are made")
    parser.add_argument("--only", default="a,b,c,d,e", help="sections to run, e.g. a,d")
    parser.add_argument("--kills", type=int, default=None)
    parser.add_argument("--interrupts", type=int, default=None)
    parser.add_argument("--big-mb", default="1,19", help="sizes in MB of the files of section (e)")
    parser.add_argument("--big-cap", type=int, default=None, help="max_file_mb for section (e), e.g. 60 for 50 MB")
    parser.add_argument("--documents", type=int, default=None, help="generated documents in the project")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    import faults_files  # sections (d) and (e)

    rng = random.Random(args.seed)
    documents = args.documents or (120 if args.quick else 300)
    n_kills = args.kills or (6 if args.quick else 14)
    n_ints = args.interrupts or (10 if args.quick else 20)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; load average {load()}\n", flush=True)
    if only & set("abcd"):
        project(args.work, documents, only, n_kills, n_ints, args.quick, rng)
    if "e" in only:
        sizes = [float(x) for x in args.big_mb.split(",")]
        print(faults_files.big_file(args.work, sizes, args.big_cap).render(), flush=True)
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
