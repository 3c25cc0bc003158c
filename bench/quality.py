"""Answer quality on the sample article alone and inside a larger generated news corpus.

Builds each corpus in a temporary folder, indexes it with `askdocs index`, runs
`askdocs eval QA_FILE --json` against it and prints a Markdown table: documents, passages,
index seconds, answer and citation accuracy, correct refusals, false answers, latency per question.

    .venv/bin/python bench/quality.py            # sample alone, sample + 1000 generated articles
    .venv/bin/python bench/quality.py --quick    # sample alone, sample + 300 generated articles

Run by hand; the test suite never runs it. The generated articles come from bench/newsgen.py
(deterministic for a seed): no download, no network.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "mexico-cartel-arrests.txt"
QA_FILE = REPO / "tests" / "qa" / "sample_article.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsgen  # noqa: E402


@dataclass(frozen=True)
class Row:
    """One corpus measured: its size, how long indexing took, and what the eval reported."""

    corpus: str
    documents: int
    passages: int
    index_seconds: float
    report: dict[str, Any]


def askdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the askdocs command line as a user would, isolated from any askdocs.toml or ASKDOCS_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKDOCS_")}
    return subprocess.run(
        [sys.executable, "-m", "askdocs", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def build(folder: Path, extra: int, seed: int) -> Path:
    """A corpus folder: the sample article plus `extra` generated news articles."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    if extra:
        newsgen.write_corpus(corpus, extra, seed)
    return corpus


def measure(folder: Path, name: str, extra: int, seed: int, qa: Path) -> Row:
    """Index one corpus through the CLI, then evaluate the QA file against it."""
    from askdocs.store.index_store import IndexStore

    corpus = build(folder, extra, seed)
    index = corpus.parent / "index"
    started = time.perf_counter()
    out = askdocs("index", "--corpus", str(corpus), "--index", str(index), cwd=corpus.parent)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        sys.exit(f"askdocs index failed on {name}: {out.stderr.strip()}")
    with IndexStore.open(index) as store:
        info = store.info()
    out = askdocs("eval", str(qa), "--json", "--corpus", str(corpus), "--index", str(index), cwd=corpus.parent)
    try:
        report = json.loads(out.stdout)
    except ValueError:
        sys.exit(f"askdocs eval failed on {name} (exit {out.returncode}): {out.stderr.strip()}")
    return Row(name, info.documents, info.passages, seconds, report)


def fmt(value: Any) -> str:
    """A metric as a person reads it: fractions as percentages, counts as they are."""
    if isinstance(value, bool) or value is None:
        return "–" if value is None else str(value)
    if isinstance(value, float):
        return f"{value:.0%}" if 0.0 <= value <= 1.0 else f"{value:.2f}"
    if isinstance(value, dict):
        return " ".join(f"{k}={fmt(v)}" for k, v in value.items())
    return str(value)


def share(value: Any, hits: int | None, total: int | None) -> str:
    """'31/33 (94%)' when the counts are known, else the value alone."""
    if isinstance(value, float) and total and hits is None:
        hits = round(value * total)
    return f"{hits}/{total} ({fmt(value)})" if hits is not None and total else fmt(value)


def table(rows: list[Row]) -> str:
    """The Markdown table of every corpus measured."""
    head = [
        "corpus",
        "documents",
        "passages",
        "index s",
        "answer accuracy",
        "citation accuracy",
        "correct refusals",
        "false answers",
        "score",
        "mean s / question",
        "cores",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        m = r.report
        n = m.get("counts", {})
        cells = [
            r.corpus,
            str(r.documents),
            str(r.passages),
            f"{r.index_seconds:.1f}",
            share(m.get("answer_accuracy"), n.get("answered_correctly"), n.get("answerable")),
            share(m.get("citation_accuracy"), n.get("cited_correctly"), n.get("answerable")),
            share(m.get("correct_refusals"), n.get("refused_correctly"), n.get("unanswerable")),
            fmt(m.get("false_answers")),
            share(m.get("score"), None, n.get("questions")),
            f"{m['mean_seconds']:.2f}" if isinstance(m.get("mean_seconds"), int | float) else "–",
            str(os.cpu_count()),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def failures(row: Row) -> list[str]:
    """One line per question the eval marked as failed, for reading below the table."""
    out = []
    for q in row.report.get("questions", []):
        ok = q.get("ok", q.get("passed", q.get("correct")))
        if ok is False or q.get("failure"):
            why = q.get("failure") or " ".join(str(q.get("answer", "")).split())[:110]
            out.append(f"- [{row.corpus}] {q.get('question')} — {why}")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 generated articles instead of 1000")
    parser.add_argument("--count", type=int, default=None, help="generated articles in the larger corpus")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated articles")
    parser.add_argument("--qa", type=Path, default=QA_FILE, help="QA file to evaluate [tests/qa/sample_article.jsonl]")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    if not args.qa.is_file():
        sys.exit(f"no QA file at {args.qa}")
    count = args.count or (300 if args.quick else 1000)
    root = args.keep or Path(tempfile.mkdtemp(prefix="askdocs-quality-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        qa_copy = root / args.qa.name  # one snapshot, so every corpus answers the same questions
        shutil.copy(args.qa, qa_copy)
        rows = []
        for name, extra in (("sample", 0), (f"sample + {count} news", count)):
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            rows.append(measure(root / f"corpus-{extra}", name, extra, args.seed, qa_copy))
        qa = args.qa.relative_to(REPO) if args.qa.is_relative_to(REPO) else args.qa
        print(f"QA file: {qa}; generated articles: bench/newsgen.py, seed {args.seed}\n")
        print(table(rows))
        lines = [line for row in rows for line in failures(row)]
        if lines:
            print("\nFailed questions:")
            print("\n".join(lines))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
