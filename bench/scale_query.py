"""The query side of the scale bench, in a fresh process so that its peak memory is the query process's own.

    python bench/scale_query.py INDEX_DIR QUESTIONS.json UNBOUNDED_COUNT
Opens the index as `askdocs ask` does (ONNX question encoder, FAISS memory-mapped when large) and prints one
JSON object: per-question latencies of encoding, dense, lexical and hybrid search and of a full answer, the dense
top-10 ids and query vectors (for recall against exact search), and the peak resident memory.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ANSWERED = 20
UNBOUNDED = "SELECT rowid, bm25(passages_fts) AS s FROM passages_fts WHERE passages_fts MATCH ? ORDER BY s LIMIT ?"
"""Questions also answered in full (evidence sentences re-encoded, checked, composed), not only searched."""


def main(argv: list[str]) -> None:
    index_dir, questions, unbounded = Path(argv[0]), json.loads(Path(argv[1]).read_text()), int(argv[2])
    from askdocs.answering.query import parse_query
    from askdocs.config import load_settings
    from askdocs.retrieval import CANDIDATES, Retriever

    started = time.perf_counter()
    corpus = Path(tempfile.mkdtemp())
    retriever = Retriever.open(load_settings({"index": index_dir, "corpus": corpus}, environ={}))
    for q in ("warm up the encoder", "and the index"):
        retriever.search(q)
    open_seconds = time.perf_counter() - started
    store = retriever.store
    out: dict[str, list] = {"hybrid": [], "encode": [], "dense": [], "lexical": [], "lexical_unbounded": []}
    out["dense_ids"], out["vectors"] = [], []
    for q in questions:
        t = time.perf_counter()
        retriever.search(q)  # a new question: encoding included
        out["hybrid"].append(time.perf_counter() - t)
        t = time.perf_counter()
        vector = retriever.embedder.encode_query(q + " ")
        out["encode"].append(time.perf_counter() - t)
        vector = retriever.embed_query(q)
        t = time.perf_counter()
        dense = store.vectors().search(vector, CANDIDATES)
        out["dense"].append(time.perf_counter() - t)
        fts = parse_query(q).fts
        t = time.perf_counter()
        store.lexical(fts, CANDIDATES)
        out["lexical"].append(time.perf_counter() - t)
        out["dense_ids"].append([pid for pid, _ in dense[:10]])
        out["vectors"].append([round(float(x), 6) for x in vector])
    from askdocs.answering import answer_question

    out["answer"], out["answered"] = [], 0
    for q in questions[:ANSWERED]:
        t = time.perf_counter()
        answer = answer_question(retriever, q)  # evidence sentences, checks and composition included
        out["answer"].append(time.perf_counter() - t)
        out["answered"] += bool(answer.found)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the measurements of the old ways
    plain = sqlite3.connect(store.db_path)  # BM25 over every match, as lexical search was before its bound
    for q in questions[:unbounded]:
        fts = parse_query(q).fts
        t = time.perf_counter()
        plain.execute(UNBOUNDED, (fts, CANDIDATES)).fetchall()
        out["lexical_unbounded"].append(time.perf_counter() - t)
    vectors = store.vectors()
    out["sweep"] = _sweep(vectors, out["vectors"]) if vectors.kind != "flat" else {}
    out.update(
        open_seconds=open_seconds,
        kind=vectors.kind,
        effort=vectors.effort,
        encoder=type(retriever.embedder).__name__,
        peak_rss_mb=peak,
        peak_rss_mb_all=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        torch_loaded="torch" in sys.modules,
    )
    print(json.dumps(out))


def _sweep(vectors, queries: list[list[float]]) -> dict:  # noqa: ANN001 - a VectorIndex
    """Top-10 ids and median latency at other search efforts (HNSW efSearch), to show the trade-off."""
    import numpy as np

    import askdocs.store.vectors as vectors_mod

    sweep, default = {}, vectors_mod.HNSW_EF_SEARCH
    for effort in (128, 256, 512, 1024):
        vectors_mod.HNSW_EF_SEARCH = effort
        vectors._params = vectors._search_params()  # the bench's own knob: rebuild the search parameters
        ids, times = [], []
        for q in queries:
            t = time.perf_counter()
            ids.append([pid for pid, _ in vectors.search(np.asarray(q, dtype=np.float32), 10)])
            times.append(time.perf_counter() - t)
        sweep[str(effort)] = {"effort": effort, "ids": ids, "p50": sorted(times)[len(times) // 2]}
    vectors_mod.HNSW_EF_SEARCH = default
    vectors._params = vectors._search_params()
    return sweep


if __name__ == "__main__":
    main(sys.argv[1:])
