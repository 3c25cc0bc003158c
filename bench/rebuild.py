"""`askdocs index` against `askdocs index --rebuild` of the same files: what the rebuild does beyond a first build.

    python -m bench.rebuild                  # 26 files of generated news, 3 rounds; the replaced FAISS file's cost
    python -m bench.rebuild --files 26 --rounds 3 --passages 100000,1000000
    python -m bench.rebuild --cli --passages 0   # also both commands as fresh processes with the real model

Each round runs a first build (into an empty folder) and a rebuild of it, in this process, with a hashing encoder
that costs nothing (tests.support.FakeEmbedder), so what is left is what differs: reading, chunking, storing, the
FAISS file, the swap. It counts the texts each run embeds (a rebuild embeds each passage once, as a first build
does) and the time of each step only a rebuild takes. The second table is what this checkout no longer does after
a rebuild's swap: hash and read the FAISS file of the index it replaced (always another index file's, so always
rebuilt), timed on a saved flat (100,000) or HNSW (1,000,000) index of random 384-d vectors.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from bench.common import ASKDOCS, PYTHON, REPO, Table, load, run


def timed_runs(corpus: Path, index: Path, rounds: int) -> Table:
    """First build and rebuild, `rounds` times, with the steps only a rebuild takes timed."""
    from tests.support import FakeEmbedder

    import askdocs.indexer as indexer
    from askdocs.config import load_settings
    from askdocs.store.index_store import IndexStore

    spent: dict[str, float] = {}

    def timing(name: str, fn):  # noqa: ANN001, ANN202
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    indexer._documents_held = timing("count held", indexer._documents_held)
    IndexStore.save_vectors = timing("FAISS file", IndexStore.save_vectors)
    settings = replace(load_settings({"corpus": corpus, "index": index}, cwd=corpus.parent, environ={}), model="fake")
    table = Table(
        f"First build and --rebuild of {len(list(corpus.iterdir()))} files, hashing encoder (load {load()})",
        ["round", "run", "wall", "CPU", "texts embedded", "passages", "counting the old index", "FAISS file"],
    )
    for n in range(1, rounds + 1):
        shutil.rmtree(index, ignore_errors=True)
        for label, rebuild in (("first", False), ("--rebuild", True)):
            spent.clear()
            embedder = FakeEmbedder()
            wall, cpu = time.perf_counter(), time.process_time()
            report = indexer.index_corpus(settings, rebuild=rebuild, embedder=embedder)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            held = f"{spent.get('count held', 0) * 1000:.1f} ms" if rebuild else ""
            table.add(n, label, f"{wall:.2f} s", f"{cpu:.2f} s", len(embedder.encoded), report.passages, held,
                      f"{spent.get('FAISS file', 0) * 1000:.0f} ms")  # fmt: skip
    return table


def cli_runs(corpus: Path, index: Path, rounds: int) -> Table:
    """`askdocs index` into an empty folder, then `askdocs index --rebuild`, as fresh processes with the real model
    (its export linked from the per-user cache after the first): wall and CPU of each, `rounds` times."""
    table = Table(
        f"`askdocs index` and `--rebuild`, real model, fresh processes (load {load()})",
        ["round", "run", "wall", "CPU (user + system)", "load after"],
    )
    for n in range(1, rounds + 1):
        shutil.rmtree(index, ignore_errors=True)
        for label, extra in (("first", []), ("--rebuild", ["--rebuild"])):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, _, _ = run([*ASKDOCS, "index", "--corpus", str(corpus), "--index", str(index), *extra], corpus.parent)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            table.add(n, label, f"{wall:.1f} s", f"{cpu:.1f} s", f"{os.getloadavg()[0]:.1f}")
    return table


def replaced_file(counts: list[int], work: Path) -> Table:
    """The time to hash and load a saved FAISS file of `counts` passages (what a rebuild no longer does)."""
    from askdocs.store.vectors import VectorIndex

    table = Table("Hashing and loading a FAISS file of 384-d vectors", ["passages", "kind", "file", "hash + load"])
    for count in counts:
        folder = work / f"faiss-{count}"
        folder.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(0)
        matrix = rng.standard_normal((count, 384)).astype(np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        built = VectorIndex.build(np.arange(1, count + 1, dtype=np.int64), matrix, 384, "other:1")
        built.save(folder)
        del built, matrix
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        started = time.perf_counter()
        loaded = VectorIndex.load(folder)
        seconds = time.perf_counter() - started
        assert loaded is not None
        table.add(f"{count:,}", loaded.kind, f"{size:.0f} MB", f"{seconds:.2f} s")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=26)
    parser.add_argument("--stories", type=int, default=12, help="generated stories per file")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passages", default="100000", help="FAISS file sizes, comma-separated (0: skip)")
    parser.add_argument("--cli", action="store_true", help="also time both commands with the real model")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="askdocs-rebuild-"))
    stories = work / "stories"
    subprocess.run(
        [PYTHON, str(REPO / "bench" / "newsgen.py"), str(stories), "--count", str(args.files * args.stories)],
        check=True,
        capture_output=True,
    )
    texts = sorted(stories.rglob("*.txt"))
    corpus = work / "corpus"
    corpus.mkdir()
    for i in range(args.files):
        part = texts[i * len(texts) // args.files : (i + 1) * len(texts) // args.files]
        (corpus / f"part-{i:02d}.txt").write_text("\n\n".join(p.read_text(encoding="utf-8") for p in part))
    sys.path.insert(0, str(REPO))
    print(timed_runs(corpus, work / "index", args.rounds).render())
    if args.cli:
        print(cli_runs(corpus, work / "cli-index", args.rounds).render())
    counts = [int(c) for c in args.passages.split(",") if int(c)]
    if counts:
        print(replaced_file(counts, work).render())
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
