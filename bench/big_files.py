"""Many big files: what committing everything before a file of BIG_FILE_BYTES or more, before reading it, costs.

    python -m bench.big_files                     # 12 files of 1.0-1.5 MB, 2 rounds of both ways: ~35 min here
    python -m bench.big_files --files 16 --rounds 3

Each run is a fresh process that indexes the same corpus of generated news (one text file is many articles' bodies)
into a new index holding only the model export, through `Indexer` with the default `big_bytes` (every file waits
for the commit of everything before it, then is read) or with `big_bytes` above every file (the next file is read
while the last batches of the one before it embed; it still waits for their commit before it embeds). The rounds
alternate the order (AB, BA, ...), and the table gives each round's ratio, since other work on the machine moves
the walls between rounds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, Table, load, machine, run  # noqa: E402
from faults import with_export  # noqa: E402

RUN = """
import json, sys, time
from askdocs.config import load_settings
from askdocs.index_pipeline import Pipeline
from askdocs.indexer import Indexer
reading = []
prepare = Pipeline._prepare
def timed(self, path):
    t = time.perf_counter()
    try:
        return prepare(self, path)
    finally:
        reading.append(time.perf_counter() - t)
Pipeline._prepare = timed
settings = load_settings()
started = time.perf_counter()
indexer = Indexer(settings, big_bytes=int(sys.argv[1]))
report = indexer.run()
print(json.dumps({"seconds": time.perf_counter() - started, "passages": report.passages,
                  "files": report.added, "reading": sum(reading), "side_by_side": indexer.side_by_side}))
"""
NEVER_BIG = 1 << 40


def make_corpus(folder: Path, files: int) -> list[int]:
    """`files` text files of 1.0 to 1.5 MB (sizes cycle through six steps), each the bodies of its own generated
    articles, cut at a line end; their sizes in bytes."""
    import newsgen

    folder.mkdir(parents=True, exist_ok=True)
    sizes = []
    for i in range(files):
        data = newsgen.body_text(int((1.0 + 0.1 * (i % 6)) * 1024 * 1024), seed=1000 * (i + 1))
        (folder / f"big-{i:02d}.txt").write_bytes(data)
        sizes.append(len(data))
    return sizes


def index_once(work: Path, root: Path, big_bytes: int) -> dict:
    """One fresh `Indexer.run` on a new index (export copied in): its wall time inside and outside the process."""
    shutil.rmtree(root / "index", ignore_errors=True)
    with_export(work, root)
    wall, out, _ = run([PYTHON, "-c", RUN, str(big_bytes)], root)
    result = json.loads(out.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/askdocs-bench-big-files"))
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    from askdocs.index_pipeline import BIG_FILE_BYTES

    args.work.mkdir(parents=True, exist_ok=True)
    root = args.work / "project"
    shutil.rmtree(root, ignore_errors=True)
    sizes = make_corpus(root / "corpus", args.files)
    print(json.dumps(machine()), flush=True)
    print(f"corpus: {len(sizes)} files, {sum(sizes) / 2**20:.1f} MB", flush=True)
    ways = {"default": BIG_FILE_BYTES, "never big": NEVER_BIG}
    table = Table("`Indexer.run` on many big files", ["round", "way", "passages", "in process", "whole process"])
    table.columns += ["reading, chunking, dating", "default ÷ never big", "load"]
    for number in range(args.rounds):
        order = list(ways) if number % 2 == 0 else list(reversed(ways))
        seconds = {}
        for way in order:
            result = index_once(args.work, root, ways[way])
            seconds[way] = result["seconds"]
            ratio = f"{seconds['default'] / seconds['never big']:.3f}" if len(seconds) == 2 else ""
            row = [number + 1, way, result["passages"], f"{result['seconds']:.1f} s", f"{result['wall']:.1f} s"]
            table.add(*row, f"{result['reading']:.1f} s", ratio, load())
            print(json.dumps({"round": number + 1, "way": way, **result}), flush=True)
    print(table.render(), flush=True)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
