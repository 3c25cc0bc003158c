"""Performance bench: `python -m bench [--quick]` from the repository root prints Markdown tables.

Sections: question (cold `askdocs ask`), startup, encoders, index (throughput), quality (`askdocs eval` per
encoder), scale (a million passages), incremental (one document in a large index). Built indexes are kept
in --work and reused by later runs (--fresh starts over). Figures are ratios measured in the same run, so
they mean something on a busy machine; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Table, load, machine  # noqa: E402

SECTIONS = ("question", "startup", "encoders", "index", "quality", "scale", "incremental")
FULL = {"runs": 5, "torch_runs": 3, "startup_runs": 7, "encoder_passages": 160, "rounds": 3, "articles": 2100}
FULL |= {"every_index_run": True}
FULL |= {"scale": 1_000_000, "questions": 200, "unbounded": 20, "incremental": 100_000, "quality_articles": 300}
QUICK = {"runs": 3, "torch_runs": 1, "startup_runs": 5, "encoder_passages": 48, "rounds": 2, "articles": 240}
QUICK |= {"every_index_run": False}
QUICK |= {"scale": 120_000, "questions": 60, "unbounded": 10, "incremental": 10_000, "quality_articles": 60}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about two minutes once built")
    parser.add_argument("--only", default="", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--work", type=Path, default=Path("/tmp/askdocs-bench"), help="where indexes are built")
    parser.add_argument("--fresh", action="store_true", help="delete --work first")
    parser.add_argument("--scale", type=int, default=None, help="passages for the scale section")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    if args.scale:
        sizes["scale"] = args.scale
    wanted = [s for s in args.only.split(",") if s] or [s for s in SECTIONS if not (args.quick and s == "quality")]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if args.fresh:
        shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    info = machine()
    header = Table("Machine", ["cores", "CPU", "native bfloat16", "memory", "onnxruntime", "torch", "faiss", "load"])
    header.add(
        info["cores"],
        info["cpu"],
        info["native bfloat16"],
        info["memory"],
        info["onnxruntime"],
        info["torch"],
        info["faiss"],
        load(),
    )
    print(f"## askdocs bench ({'quick' if args.quick else 'full'})\n")
    print(header.render(), flush=True)
    results: dict[str, dict] = {}
    for section in wanted:
        table, result = _run(section, args.work, sizes)
        results[section] = result
        print(table.render(), flush=True)
    print(_summary(results, info).render())
    print(f"bench took {time.perf_counter() - started:.0f} s; load average now {load()}")


def _run(section: str, work: Path, sizes: dict) -> tuple[Table, dict]:
    import scale
    import speed

    if section == "question":
        return speed.cold_question(work, sizes["runs"], sizes["torch_runs"])
    if section == "startup":
        return speed.startup(work, sizes["startup_runs"])
    if section == "encoders":
        return speed.encoders(work, sizes["encoder_passages"], sizes["rounds"])
    if section == "index":
        return speed.indexing(work, sizes["articles"], every=sizes["every_index_run"])
    if section == "quality":
        return speed.quality(work, sizes["quality_articles"])
    if section == "scale":
        return scale.scale(work, sizes["scale"], sizes["questions"], sizes["unbounded"])
    return scale.incremental(work, sizes["incremental"])


def _summary(results: dict[str, dict], info: dict[str, str]) -> Table:
    table = Table(f"Targets ({info['cores']} cores)", ["target", "measured", "goal", "met"])

    def add(label: str, value: float | None, goal: str, ok: bool | None, fmt: str = "{:.2f}") -> None:
        shown = "n/a" if value is None else fmt.format(value)
        table.add(label, shown, goal, "n/a" if ok is None or value is None else ("yes" if ok else "no"))

    q = results.get("question")
    if q:
        add("1. cold ask ÷ import sentence_transformers", q["ask_ratio"], "<= 0.35", q["ask_ratio"] <= 0.35)
        add("1. same answer as the torch path", None if q is None else float(q["same_answer"]), "yes", q["same_answer"])
        add("1. before ÷ after (ask with torch ÷ ask with ONNX)", q["before_after"], "", None)
    i = results.get("index")
    if i:
        rate = i.get("askdocs index (default: auto)")
        add("2. askdocs index ÷ SentenceTransformer.encode (passages/s)", rate, ">= 1.8", rate and rate >= 1.8)
        fp32 = i.get("askdocs index --quantize none")
        add("2. same, float32 ONNX only (--quantize none)", fp32, "", None)
        int8 = i.get("askdocs index --quantize int8")
        add("2. same, --quantize int8", int8, "", None)
    e = results.get("quality")
    if e:
        scores = {k: round(v, 4) for k, v in e.items()}
        base = scores.get("torch / torch (before)")
        for label, score in scores.items():
            add(f"2. eval score, {label}", score, f"= {base}", None if base is None else score == base, "{:.3f}")
    s = results.get("scale")
    if s:
        n = f"{s['passages']:,} passages"
        add(f"3. hybrid p50 at {n}", s["hybrid_p50"] * 1000, "<= 50 ms", s["hybrid_p50"] <= 0.05, "{:.1f} ms")
        add(f"3. recall@10 vs exact at {n}", s["recall"], ">= 0.95", s["recall"] >= 0.95, "{:.3f}")
        add(f"3. query process peak memory at {n}", s["peak_mb"], "<= 2048 MB", s["peak_mb"] <= 2048, "{:.0f} MB")
        if s.get("lexical_before_p50"):
            add("3. lexical p50 before ÷ after", s["lexical_before_p50"] / s["lexical_p50"], "", None, "{:.1f}")
        add("3. dense p50 exact flat ÷ approximate", s["flat_p50"] / s["dense_p50"], "", None, "{:.1f}")
        add(f"3. full answer p50 at {n}", s["answer_p50"] * 1000, "", None, "{:.0f} ms")
    c = results.get("incremental")
    if c:
        for label in ("add one document", "change one document", "remove one document"):
            add(f"4. {label} ÷ full build", c[label], "small", c[label] < 0.05, "{:.4f}")
            add(
                f"4. {label}: bytes written ÷ SQLite file",
                c[label + " bytes"],
                "< 1",
                c[label + " bytes"] < 1,
                "{:.4f}",
            )
    u = results.get("startup")
    if u:
        for label in ("askdocs --help", "askdocs status"):
            add(f"5. {label}", u[label], "< 0.3 s", u[label] < 0.3, "{:.3f} s")
        if "tui" in u:
            add("5. TUI first screen (headless)", u["tui"], "< 1 s", u["tui"] < 1, "{:.2f} s")
    return table


if __name__ == "__main__":
    main()
