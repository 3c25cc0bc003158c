"""One long line: reading, splitting and dating a file with no line break, at this checkout and an earlier commit.

    python -m bench.long_lines                           # beside main; 0.1, 0.3 and 1 MB of each kind
    python -m bench.long_lines --before def7493 --sizes 0.3,1,3.4 --timeout 300

Each file is real prose (the repository's articles, sample and docs) joined into one line in one of several ways:
words set apart by single spaces, the same without sentence punctuation, by tabs, by runs of four spaces, with no
space at all (a minified dump), and as two such lines of tabs. Each version runs in a fresh process per file and
does what `askdocs index` does on its main thread before embedding (`read_document`, `chunk_text`, the sentences'
dates); the table gives both times and whether both versions gave the same sentences and passages, offsets
included. Embedding is left out: a passage of 256 word pieces costs the same however its file was laid out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bench.common import PYTHON, REPO, Table, environment, load

KINDS = ("spaces", "no punctuation", "tabs", "four spaces", "no spaces", "two lines of tabs")

PREPARE = """
import datetime, hashlib, json, sys, time
from pathlib import Path
from askdocs.ingest import timeline
from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
path = Path(sys.argv[1])
started = time.perf_counter()
doc = read_document(path.parent, path)
sentences, chunks = chunk_text(doc.text, doc.layout.soft_breaks, target_words=180, max_words=250,
                               overlap_sentences=2)
dates = timeline.sentence_dates([s.text for s in sentences], None)
seconds = time.perf_counter() - started
spans = [[s.start, s.end] for s in sentences] + [[c.start, c.end, c.text] for c in chunks]
digest = hashlib.sha256(json.dumps(spans).encode()).hexdigest()[:12]
print(json.dumps({"seconds": seconds, "sentences": len(sentences), "passages": len(chunks), "digest": digest}))
"""


def prose() -> str:
    """The repository's own prose, whitespace collapsed: articles, the sample and the docs."""
    files = sorted((REPO / "tests" / "qa" / "articles").glob("*.txt")) + [REPO / "corpus" / "mexico-cartel-arrests.txt"]
    files += sorted((REPO / "docs").glob("*.md"))
    return " ".join(" ".join(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)


def one_line(text: str, kind: str, size: int) -> str:
    """`size` characters of `text` laid out as `kind` (see KINDS)."""
    text = (text + " ") * (size // max(len(text), 1) + 2)
    if kind == "no punctuation":
        text = re.sub(r"[.!?;:]", "", text)
    elif kind in ("tabs", "two lines of tabs"):
        text = text.replace(" ", "\t")
    elif kind == "four spaces":
        text = text.replace(" ", "    ")
    elif kind == "no spaces":
        text = text.replace(" ", "")
    if kind == "two lines of tabs":
        return text[: size // 2] + "\n" + text[: size - size // 2 - 1]
    return text[:size]


def source_at(rev: str, into: Path) -> Path:
    """`src/` as commit `rev` has it, unpacked under `into`."""
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def measure(src: Path, path: Path, timeout: float) -> dict | None:
    """One fresh process of `src` preparing `path`: seconds, sentences, passages and a digest; None past timeout."""
    env = environment() | {"PYTHONPATH": str(src)}
    try:
        done = subprocess.run(
            [PYTHON, "-c", PREPARE, str(path)], env=env, capture_output=True, text=True, timeout=timeout, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--sizes", default="0.1,0.3,1", help="file sizes in MB, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS), help="which layouts, comma-separated")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a version may take on one file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="askdocs-long-lines-"))
    before = source_at(args.before, work / "before")
    text = prose()
    table = Table(
        f"One line, read + split + dated: {args.before} beside this checkout (load {load()})",
        ["layout", "size", "before", "now", "before ÷ now", "sentences", "passages", "same output"],
    )
    for kind in args.kinds.split(","):
        for mb in (float(s) for s in args.sizes.split(",")):
            path = work / "files" / f"{kind.replace(' ', '-')}-{mb}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(one_line(text, kind, int(mb * 1_000_000)), encoding="utf-8")
            was = measure(before, path, args.timeout)
            now = measure(REPO / "src", path, args.timeout)
            assert now is not None, f"this checkout took over {args.timeout} s on {path}"
            was_s = f"{was['seconds']:.2f} s" if was else f"> {args.timeout:.0f} s"
            ratio = f"{was['seconds'] / now['seconds']:.1f}" if was else f"> {args.timeout / now['seconds']:.0f}"
            same = "n/a" if was is None else "yes" if was["digest"] == now["digest"] else "NO"
            table.add(
                kind, f"{mb} MB", was_s, f"{now['seconds']:.2f} s", ratio, now["sentences"], now["passages"], same
            )
            print(f"{kind} {mb} MB: {was_s} / {now['seconds']:.2f} s", file=sys.stderr, flush=True)
    print(table.render())
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    print(f"prose: {len(text):,} characters (sha256 {digest}), repeated to each size; files under {work}")


if __name__ == "__main__":
    main()
