"""A million passages (target 3) and one-document changes in a large index (target 4)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import time
from pathlib import Path

import numpy as np
from common import PYTHON, REPO, Table, load, percentile, run
from scale_compare import before_after, before_after_rows, checkout, filter_rows
from speed import EXPORT_FILES, sample_index
from synth import DIM, Generator, source_stories, surnames

MODEL = "all-MiniLM-L6-v2"
PASSAGES_PER_DOCUMENT = 10
PUT_GROUP = 500
FILTER_ROUNDS = 3
"""Interleaved rounds of every question under each filter shape (bench/scale_query.py FILTERS)."""
BEFORE = "d84f54d"
"""The last commit before filters went inside retrieval (ff0508b): its unfiltered search is timed on the same index."""
BEFORE_ROUNDS = 6
"""Alternating rounds of every question, this checkout against BEFORE, each in its own long-lived process."""


def _generator(work: Path) -> Generator:
    """Source sentences embedded once by the real model (through the sample's ONNX export), cached."""
    from askdocs.encoders.onnx import find_export

    stories = source_stories()
    cache = work / "scale-sentences.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        root, _ = sample_index(work)
        embedder = find_export(root / "index", MODEL)
        vectors = embedder.encode([s for story in stories for s in story])
        np.save(cache, vectors)
    return Generator(stories, vectors, surnames(50_000))


def _bytes_written() -> int:
    try:
        line = next(x for x in Path("/proc/self/io").read_text().splitlines() if x.startswith("write_bytes"))
        return int(line.split()[1])
    except (OSError, StopIteration):
        return -1


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def build(work: Path, passages: int) -> tuple[Path, dict]:
    """An index of `passages` synthetic passages (reused if already built): SQLite fill, then FAISS."""
    from askdocs.store.index_store import IndexStore

    folder = work / f"scale-{passages}" / "index"
    done = folder / "bench-build.json"
    if done.exists():
        return folder, json.loads(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    generator = _generator(work)
    root, _ = sample_index(work)
    folder.mkdir(parents=True)
    for name in EXPORT_FILES:  # the question path then encodes with ONNX, as after `askdocs index`
        if (root / "index" / name).exists():
            shutil.copy(root / "index" / name, folder / name)
    started = time.perf_counter()
    with IndexStore.create(folder, MODEL) as store:
        store.set_encoder("onnx-fp32")
        documents = passages // PASSAGES_PER_DOCUMENT
        for start in range(0, documents, PUT_GROUP):
            group = list(generator.documents(min(PUT_GROUP, documents - start), PASSAGES_PER_DOCUMENT, start))
            store.put_documents([d.rows() for d in group])
        fill = time.perf_counter() - started
        started = time.perf_counter()
        vectors = store.save_vectors()
        faiss_seconds = time.perf_counter() - started
        info = store.info()
    stats = {
        "passages": info.passages,
        "documents": info.documents,
        "sentences": info.sentences,
        "fill_seconds": fill,
        "faiss_seconds": faiss_seconds,
        "kind": vectors.kind,
        "sqlite_bytes": (folder / "askdocs.sqlite3").stat().st_size,
        "faiss_bytes": (folder / "vectors.faiss").stat().st_size,
    }
    done.write_text(json.dumps(stats))
    return folder, stats


def _exact_top10(folder: Path, queries: np.ndarray) -> list[list[int]]:
    """Exact inner-product top 10 over every stored vector, streamed from SQLite (the recall yardstick)."""
    from askdocs.store import vector_log

    conn = sqlite3.connect(folder / "askdocs.sqlite3")
    best_scores = np.full((len(queries), 10), -np.inf, dtype=np.float32)
    best_ids = np.full((len(queries), 10), -1, dtype=np.int64)
    for ids, matrix in vector_log.embedding_batches(conn, DIM, 100_000):
        scores = queries @ matrix.T
        k = min(10, scores.shape[1])
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        cand_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, axis=1)], axis=1)
        cand_ids = np.concatenate([best_ids, ids[top]], axis=1)
        order = np.argsort(-cand_scores, axis=1)[:, :10]
        best_scores = np.take_along_axis(cand_scores, order, axis=1)
        best_ids = np.take_along_axis(cand_ids, order, axis=1)
    conn.close()
    return best_ids.tolist()


def _flat_latency(folder: Path, queries: np.ndarray) -> float:
    """p50 of exact FAISS search over the whole collection: what every question cost before (IndexFlatIP)."""
    import faiss

    from askdocs.store import vector_log

    conn = sqlite3.connect(folder / "askdocs.sqlite3")
    index = faiss.IndexFlatIP(DIM)
    for _, matrix in vector_log.embedding_batches(conn, DIM, 100_000):
        index.add(np.ascontiguousarray(matrix))
    conn.close()
    times = []
    for q in queries[:30]:
        t = time.perf_counter()
        index.search(q.reshape(1, -1), 50)
        times.append(time.perf_counter() - t)
    return percentile(times, 50)


def scale(work: Path, passages: int, questions: int, unbounded: int) -> tuple[Table, dict]:
    folder, stats = build(work, passages)
    generator = _generator(work)
    rng = random.Random(9)
    documents = stats["documents"]
    asked = [generator.question(generator.document(rng.randrange(documents), PASSAGES_PER_DOCUMENT), rng)]
    asked += [
        generator.question(generator.document(rng.randrange(documents), PASSAGES_PER_DOCUMENT), rng)
        for _ in range(questions - 1)
    ]
    listing = work / "scale-questions.json"
    listing.write_text(json.dumps(asked))
    script = str(REPO / "bench" / "scale_query.py")
    _, out, _ = run([PYTHON, script, str(folder), str(listing), str(unbounded), str(FILTER_ROUNDS)], REPO)
    data = json.loads(out.strip().splitlines()[-1])
    queries = np.asarray(data["vectors"], dtype=np.float32)
    exact = _exact_top10(folder, queries)
    recall = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(data["dense_ids"], exact, strict=True)]))
    flat_p50 = _flat_latency(folder, queries)
    for point in data["sweep"].values():
        point["recall"] = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(point["ids"], exact, strict=True)]))
    table = Table(
        f"Scale (target 3): {stats['passages']:,} passages, {stats['documents']:,} documents, "
        f"{stats['sentences']:,} sentences",
        ["measure", "p50", "p95", "note"],
    )

    def row(label: str, key: str, note: str = "") -> None:
        table.add(
            label, f"{percentile(data[key], 50) * 1000:.1f} ms", f"{percentile(data[key], 95) * 1000:.1f} ms", note
        )

    row("hybrid search (Retriever.search, question encoding included)", "hybrid", "target p50 <= 50 ms")
    row("question encoding (ONNX)", "encode")
    row(f"dense search ({data['kind']}, efSearch {data['effort']})", "dense", f"recall@10 vs exact: {recall:.3f}")
    row("lexical search (bounded BM25)", "lexical")
    row(
        "full answer (answer_question: search, evidence, checks)",
        "answer",
        f"{data['answered']} of {len(data['answer'])} answered",
    )
    if data["lexical_unbounded"]:
        row("lexical search, unbounded (before)", "lexical_unbounded", f"{len(data['lexical_unbounded'])} questions")
    table.add("dense search, exact IndexFlatIP (before)", f"{flat_p50 * 1000:.1f} ms", "", "30 questions")
    for point in data["sweep"].values():
        note = f"recall@10 {point['recall']:.3f}"
        table.add(f"dense search, efSearch {point['effort']} (sweep)", f"{point['p50'] * 1000:.1f} ms", "", note)
    filter_rows(table, data["filters"])
    compared = before_after(work, folder, listing, BEFORE, BEFORE_ROUNDS) if BEFORE else {}
    ratio = before_after_rows(table, compared, BEFORE, BEFORE_ROUNDS)
    table.add("SQLite fill", f"{stats['fill_seconds']:.0f} s", "", f"{stats['sqlite_bytes'] / 1e9:.2f} GB on disk")
    table.add("FAISS build", f"{stats['faiss_seconds']:.0f} s", "", f"{stats['faiss_bytes'] / 1e6:.0f} MB on disk")
    table.add("query process: open + 2 warm-up questions", f"{data['open_seconds']:.2f} s", "", "")
    table.add("query process peak memory", f"{data['peak_rss_mb']:.0f} MB", "", "target <= 2048 MB")
    table.add(
        "same, after the unbounded lexical searches", f"{data['peak_rss_mb_all']:.0f} MB", "", "(before: FTS5 doclists)"
    )
    table.notes.append(
        f"{len(asked)} questions about random documents; question encoder {data['encoder']},"
        f" torch loaded: {data['torch_loaded']}; code {checkout()}; load average {load()}"
    )
    result = {
        "hybrid_p50": percentile(data["hybrid"], 50),
        "recall": recall,
        "peak_mb": data["peak_rss_mb"],
        "lexical_p50": percentile(data["lexical"], 50),
        "lexical_before_p50": percentile(data["lexical_unbounded"], 50) if data["lexical_unbounded"] else None,
        "dense_p50": percentile(data["dense"], 50),
        "answer_p50": percentile(data["answer"], 50),
        "flat_p50": flat_p50,
        "filters": {k: percentile(v["hybrid"], 50) for k, v in data["filters"].items()},
        "before_after": ratio,
        **stats,
    }
    return table, result


class HashEmbedder:
    """Hashed bag of words in 384 dimensions: instant, so that the incremental bench measures everything else."""

    name = MODEL
    dimension = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.blake2b(word.encode(), digest_size=4).hexdigest(), 16) % DIM] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


def incremental(work: Path, passages: int) -> tuple[Table, dict]:
    """Add, change and remove one file of a `passages`-passage index through `index_corpus`, against a rebuild."""
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    generator = _generator(work)
    root = work / f"incremental-{passages}"
    shutil.rmtree(root, ignore_errors=True)
    corpus = root / "corpus"
    documents = passages // 6  # the chunker makes about 6 passages of these 62-sentence documents
    for doc in generator.documents(documents, PASSAGES_PER_DOCUMENT):
        path = corpus / doc.doc.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc.doc.text, encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": root / "index"}, cwd=root, environ={})
    embedder = HashEmbedder()
    t = time.perf_counter()
    full = index_corpus(settings, embedder=embedder)
    full_seconds = time.perf_counter() - t
    database = root / "index" / "askdocs.sqlite3"
    extra = generator.document(documents + 1, PASSAGES_PER_DOCUMENT).doc.text
    target = corpus / "synth" / "added.txt"
    steps = [
        ("add one document", lambda: target.write_text(extra, encoding="utf-8")),
        ("change one document", lambda: target.write_text(extra.replace("said", "stated"), encoding="utf-8")),
        ("remove one document", lambda: target.unlink()),
    ]
    table = Table(
        f"Incremental cost (target 4): {full.total_passages:,} passages, {full.total_documents:,} files",
        ["operation", "wall", "÷ full rebuild", "bytes written", "÷ SQLite file", "then: open + first search"],
    )
    table.add("full build (same embedder)", f"{full_seconds:.1f} s", "1", "", "", "")
    result = {"full_seconds": full_seconds}
    for label, change in steps:
        change()
        os.sync()
        before = _bytes_written()
        t = time.perf_counter()
        report = index_corpus(settings, embedder=embedder)
        seconds = time.perf_counter() - t
        written = _bytes_written() - before
        t = time.perf_counter()
        retriever = Retriever.open(settings, embedder=embedder)
        retriever.search("What did the minister say about the harbour?")
        first = time.perf_counter() - t
        retriever.close()
        size = database.stat().st_size
        table.add(
            f"{label} ({report.passages} passages embedded)",
            f"{seconds * 1000:.0f} ms",
            f"{seconds / full_seconds:.4f}",
            f"{written / 1e6:.1f} MB",
            f"{written / size:.4f}",
            f"{first * 1000:.0f} ms",
        )
        result[label] = seconds / full_seconds
        result[label + " bytes"] = written / size
    table.notes.append(
        "the embedder is a hashed bag of words, so the ratios show everything but the model; with the model, one"
        " document adds its own embedding time (about 10 passages / the passages per second above) to both sides"
    )
    table.notes.append(
        "the FAISS file is not rewritten for small changes: the passages changed since it was saved are logged"
        " in SQLite and applied in memory when the index is opened (rewritten past 2% of the passages)"
    )
    return table, result
