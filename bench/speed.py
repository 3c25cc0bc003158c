"""Cold questions, start-up, encoder speed and indexing throughput: targets 1, 2 and 5 of the performance issue."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from common import ASKDOCS, PYTHON, REPO, SAMPLE_QUESTION, Table, median, run, secs

EXPORT_FILES = ("model.onnx", "model.int8.onnx", "tokenizer.json", "model.json")
QA_FILE = REPO / "tests" / "qa" / "sample_article.jsonl"


def sample_index(work: Path) -> tuple[Path, float]:
    """The sample corpus indexed through the command line (the first run exports the model); seconds it took."""
    root = work / "sample"
    if (root / "index" / "model.json").exists():
        return root, float("nan")
    shutil.rmtree(root, ignore_errors=True)
    (root / "corpus").mkdir(parents=True)
    shutil.copy(REPO / "corpus" / "mexico-cartel-arrests.txt", root / "corpus")
    seconds, _, _ = run([*ASKDOCS, "index"], root)
    return root, seconds


def torch_copy(root: Path, name: str = "sample-torch") -> Path:
    """The same index without the ONNX export: what every question did before (loads torch)."""
    copy = root.parent / name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root / "corpus", copy / "corpus")
    (copy / "index").mkdir()
    for path in (root / "index").iterdir():
        if path.name not in EXPORT_FILES:
            shutil.copy(path, copy / "index" / path.name)
    return copy


def cold_question(work: Path, runs: int, torch_runs: int) -> tuple[Table, dict]:
    """`askdocs ask` as a fresh process with the export (ONNX) and without (torch), next to `import
    sentence_transformers`; the two answers must be the same."""
    root, first_index = sample_index(work)
    before = torch_copy(root)
    times: dict[str, list[float]] = {"import sentence_transformers": [], "ask (ONNX export)": [], "ask (torch)": []}
    for i in range(runs):
        if i < torch_runs:
            times["import sentence_transformers"].append(run([PYTHON, "-c", "import sentence_transformers"], root)[0])
            times["ask (torch)"].append(run([*ASKDOCS, "ask", SAMPLE_QUESTION], before)[0])
        times["ask (ONNX export)"].append(run([*ASKDOCS, "ask", SAMPLE_QUESTION], root)[0])
    answers = {}
    for label, folder in (("onnx", root), ("torch", before)):
        data = json.loads(run([*ASKDOCS, "ask", "--json", SAMPLE_QUESTION], folder)[1])
        answers[label] = (data["answer"], [(c["path"], c["start"], c["end"]) for c in data["citations"]])
    same = answers["onnx"] == answers["torch"]
    st = median(times["import sentence_transformers"])
    table = Table(
        "Cold one-shot question (target 1)", ["command (fresh process)", "median wall", "runs", "÷ import ST"]
    )
    for label, values in times.items():
        table.add(label, secs(median(values)), len(values), f"{median(values) / st:.2f}")
    table.notes.append(f"question: {SAMPLE_QUESTION!r}; same answer and citations with and without the export: {same}")
    if first_index == first_index:
        table.notes.append(f"first `askdocs index` of the sample, export and check included: {secs(first_index)}")
    ratio = median(times["ask (ONNX export)"]) / st
    return table, {
        "ask_ratio": ratio,
        "same_answer": same,
        "before_after": median(times["ask (torch)"]) / median(times["ask (ONNX export)"]),
    }


TUI_RUNS = 3


def startup(work: Path, runs: int) -> tuple[Table, dict]:
    """`askdocs --help` and `askdocs status` wall time, fresh processes."""
    root, _ = sample_index(work)
    table = Table("Start-up (target 5)", ["command", "median wall", "runs", "target"])
    result = {}
    for label, args in (("askdocs --help", ["--help"]), ("askdocs status", ["status"])):
        values = [run([*ASKDOCS, *args], root)[0] for _ in range(runs)]
        result[label] = median(values)
        table.add(label, secs(median(values)), runs, "< 0.3 s")
    screens = [t for t in (_tui_first_screen(root) for _ in range(TUI_RUNS)) if t is not None]
    if screens:  # a single run swung from 0.7 to 1.2 s with the state the sections before it left
        result["tui"] = median(screens)
        table.add("TUI first screen (headless, in process)", secs(median(screens)), len(screens), "< 1 s")
    return table, result


def _tui_first_screen(root: Path) -> float | None:
    """Seconds from the interpreter's first line to the chat's first screen, headless; None without a TUI."""
    code = (
        "import time, asyncio; t = time.perf_counter()\n"
        "from askdocs.tui.app import create_app\n"
        "from askdocs.config import load_settings\n"
        "async def main():\n"
        "    app = create_app(load_settings({}))\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        print(time.perf_counter() - t, flush=True)\n"
        "asyncio.run(main())\n"
    )
    try:
        return float(run([PYTHON, "-c", code], root, check=False)[1].strip().splitlines()[0])
    except (ValueError, IndexError):
        return None


def passages_of(corpus: Path) -> list[str]:
    """The passages `askdocs index` will embed for this corpus (same reader, same chunker settings)."""
    from askdocs.config import Settings
    from askdocs.ingest.documents import discover, read_document
    from askdocs.ingest.passages import chunk_text

    s = Settings()
    out = []
    for path in discover(corpus):
        doc = read_document(corpus, path)
        _, chunks = chunk_text(
            doc.text, target_words=s.target_words, max_words=s.max_words, overlap_sentences=s.overlap_sentences
        )
        out += [c.text for c in chunks]
    return out


def encoders(work: Path, count: int, rounds: int) -> tuple[Table, dict]:
    """Passages per second of every encoder on the same passages, one process, interleaved rounds."""
    root, _ = sample_index(work)
    _ensure_int8(root)
    corpus = news_corpus(work, max(40, count))
    passages = passages_of(corpus)[:count]
    listing = work / "encoder-passages.json"
    listing.write_text(json.dumps(passages))
    names = ["st", "onnx-fp32", "onnx-fp32@1", "onnx-int8", "onnx-int8@1", "st@1"]
    script = str(REPO / "bench" / "encoders.py")
    _, out, _ = run([PYTHON, script, str(listing), str(root / "index"), str(rounds), *names], REPO)
    data = json.loads(out.strip().splitlines()[-1])
    base = data["per_second"]["st"]
    table = Table(
        "Encoders on the same passages (one process, best of interleaved rounds)",
        ["encoder", "threads", "passages/s", "× plain ST", "cosine to ST (min)"],
    )
    for name, rate in data["per_second"].items():
        kind, _, threads = name.partition("@")
        label = "SentenceTransformer.encode" if kind == "st" else kind
        table.add(label, threads or "all", f"{rate:.1f}", f"{rate / base:.2f}", f"{data['cosine'][name]['min']:.5f}")
    table.notes.append(f"{data['passages']} passages of generated news, model load {secs(data['model_load_seconds'])}")
    return table, data


def news_corpus(work: Path, articles: int) -> Path:
    """Generated news (bench/newsgen.py), about one passage per article."""
    import newsgen

    folder = work / f"news-{articles}" / "corpus"
    if not folder.exists():
        newsgen.write_corpus(folder, articles, seed=7)
    return folder


def _ensure_int8(root: Path) -> None:
    if not (root / "index" / "model.int8.onnx").exists():
        run([*ASKDOCS, "index", "--rebuild", "--quantize", "int8"], root)
        run([*ASKDOCS, "index", "--rebuild", "--quantize", "none"], root)


def indexing(work: Path, articles: int, *, every: bool = True) -> tuple[Table, dict]:
    """`askdocs index` (whole process) against plain SentenceTransformer.encode on the same passages; `every`
    adds one thread and the first run that makes the export."""
    root, _ = sample_index(work)
    _ensure_int8(root)
    corpus = news_corpus(work, articles)
    passages = passages_of(corpus)
    listing = work / "index-passages.json"
    listing.write_text(json.dumps(passages))
    script = str(REPO / "bench" / "encoders.py")
    wall, out, _ = run([PYTHON, script, str(listing), str(root / "index"), "1", "st"], REPO)
    st = json.loads(out.strip().splitlines()[-1])
    st_rate = st["per_second"]["st"]
    st_process = len(passages) / wall
    table = Table(
        f"Indexing throughput (target 2): {len(passages)} passages, {articles} files",
        ["run (fresh process, whole command)", "wall", "passages/s", "÷ ST.encode alone", "÷ ST script (load+encode)"],
    )
    table.add(
        "plain SentenceTransformer.encode (encode only)", secs(len(passages) / st_rate), f"{st_rate:.1f}", "1.00", ""
    )
    table.add("plain SentenceTransformer script (load + encode)", secs(wall), f"{st_process:.1f}", "", "1.00")
    runs = [
        ("askdocs index (default: auto)", [], True),
        ("askdocs index --quantize none", ["--quantize", "none"], True),
        ("askdocs index --quantize none --threads 1", ["--quantize", "none", "--threads", "1"], True),
        ("askdocs index --quantize int8", ["--quantize", "int8"], True),
        ("askdocs index, first run (exports the model)", [], False),
    ]
    if not every:
        runs = [r for r in runs if "threads" not in r[0] and r[2]]
    result = {"passages": len(passages), "st_rate": st_rate}
    for label, flags, with_export in runs:
        folder = corpus.parent / "run"
        shutil.rmtree(folder / "index", ignore_errors=True)
        (folder / "index").mkdir(parents=True)
        if with_export:
            for name in EXPORT_FILES:
                if (root / "index" / name).exists():
                    shutil.copy(root / "index" / name, folder / "index" / name)
        seconds, out, err = run(
            [*ASKDOCS, "index", "--corpus", str(corpus), "--index", str(folder / "index"), *flags], folder
        )
        rate = len(passages) / seconds
        encoder = out.split(" with ")[1].split(" ")[0] if " with " in out else "?"
        table.add(
            f"{label} → {encoder}", secs(seconds), f"{rate:.1f}", f"{rate / st_rate:.2f}", f"{rate / st_process:.2f}"
        )
        result[label] = rate / st_rate
    table.notes.append(
        "passages/s of a whole `askdocs index` process: start-up, reading, chunking, dates, SQLite, FAISS"
    )
    return table, result


def quality(work: Path, articles: int) -> tuple[Table, dict]:
    """`askdocs eval` with each encoder, on the sample plus `articles` generated news stories (distractors)."""
    import newsgen

    root, _ = sample_index(work)
    _ensure_int8(root)
    if run([*ASKDOCS, "eval", "--help"], root, check=False)[1] == "":
        return Table("Quality", ["encoder"], notes=["askdocs eval is not available"]), {}
    folder = work / f"quality-{articles}"
    corpus = folder / "corpus"
    if not corpus.exists():
        newsgen.write_corpus(corpus, articles, seed=7)
        shutil.copy(REPO / "corpus" / "mexico-cartel-arrests.txt", corpus)
    table = Table(
        f"Answer quality by encoder (askdocs eval {QA_FILE.relative_to(REPO)}, sample + {articles} news stories)",
        ["index vectors / question encoder", "score", "answer accuracy", "citation accuracy", "check at export"],
    )
    results = {}
    variants = [("torch / torch (before)", "torch", None), ("onnx-fp32 / onnx-fp32", "onnx", "none")]
    variants += [("onnx-int8 / onnx-int8", "onnx", "int8")]
    for label, name, quantize in variants:
        index = folder / f"index-{name}"
        location = ["--corpus", str(corpus), "--index", str(index)]
        if quantize is None:  # built by sentence-transformers, no export: questions load torch, as before
            shutil.rmtree(index, ignore_errors=True)
            code = (
                "import sys\nfrom askdocs.config import load_settings\nfrom askdocs.indexer import index_corpus\n"
                "from askdocs.encoders.sentence_transformers import SentenceTransformerEncoder\n"
                "index_corpus(load_settings({'corpus': sys.argv[1], 'index': sys.argv[2]}),"
                " embedder=SentenceTransformerEncoder())\n"
            )
            run([PYTHON, "-c", code, str(corpus), str(index)], folder)
        else:
            index.mkdir(parents=True, exist_ok=True)
            for file in EXPORT_FILES:
                if not (index / file).exists() and (root / "index" / file).exists():
                    shutil.copy(root / "index" / file, index / file)
            run([*ASKDOCS, "index", "--rebuild", "--quantize", quantize, *location], folder)
        data = json.loads(run([*ASKDOCS, "eval", str(QA_FILE), "--json", *location], folder)[1])
        check = ""
        if quantize in ("none", "int8"):
            tag = json.loads((index / "model.json").read_text())
            variant = tag["variants"]["fp32" if quantize == "none" else "int8"]
            check = f"cosine min {variant['cosine_min']:.4f}, mean {variant['cosine_mean']:.5f}"
        cells = (f"{data['score']:.3f}", f"{data['answer_accuracy']:.3f}", f"{data['citation_accuracy']:.3f}")
        table.add(label, *cells, check)
        results[label] = data["score"]
    table.notes.append(
        "float32 ONNX is checked against torch, int8 against float32 ONNX, bfloat16 against float32 (at index time)"
    )
    return table, results


if __name__ == "__main__":
    sys.exit("run: python -m bench")
