"""The query side of the scale bench, in a fresh process so that its peak memory is the query process's own.

    python bench/scale_query.py INDEX_DIR QUESTIONS.json UNBOUNDED_COUNT [FILTER_ROUNDS]
Opens the index as `askdocs ask` does (ONNX question encoder, FAISS memory-mapped when large) and prints one
JSON object: per-question latencies of encoding, dense, lexical and hybrid search and of a full answer, the dense
top-10 ids and query vectors (for recall against exact search), the peak resident memory, then hybrid search
under a few filters (interleaved rounds, each filter on its own connection) with their recall against exact
search over the passages they admit.

    python bench/scale_query.py --serve INDEX_DIR QUESTIONS.json [SOURCE_DIR] [--filters]
Answers "round" lines on stdin with one JSON line of unfiltered search latencies each, so that two versions of the
code (SOURCE_DIR: another checkout's src/, put first on sys.path) can be timed in alternating rounds; with
--filters, "round LABEL" times one shape of FILTERS and "recall" gives each shape's dense recall@10.
"""

from __future__ import annotations

import datetime
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
FILTERS: dict[str, dict] = {
    "none": {},
    "every path (`synth/`)": {"paths": ("synth/",)},
    "path `synth/000?/`": {"paths": ("synth/000?/",)},
    "path `synth/0000/`": {"paths": ("synth/0000/",)},
    "path `synth/00?0/`": {"paths": ("synth/00?0/",)},
    "since 2024-01-01": {"since": datetime.date(2024, 1, 1)},
}
"""Filter shapes timed at scale (bench/synth.py: folders of 1,000 documents, dates spread over ten years); at a
million passages they admit everything, 10%, 1%, 10% in ten runs of rowids, and 10% scattered over all of them."""
EXACT_RECALL_MAX = 200_000
"""Recall of filtered dense search is checked against exact search only for filters admitting at most this many
passages (the stored vectors of the admitted passages are read into memory)."""
MARK = "@@ "
"""Prefix of the JSON lines of --serve (anything else a library prints is skipped)."""


def main(argv: list[str]) -> None:
    if argv[0] == "--serve":
        serve(argv[1:])
        return
    index_dir, questions, unbounded = Path(argv[0]), json.loads(Path(argv[1]).read_text()), int(argv[2])
    rounds = int(argv[3]) if len(argv) > 3 else 0
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
    out["filters"] = _filtered(retriever, questions, rounds) if rounds else {}
    print(json.dumps(out))


def _filtered(retriever, questions: list[str], rounds: int) -> dict:  # noqa: ANN001 - a Retriever
    """Hybrid, lexical and dense latencies under each of FILTERS, each on its own Retriever (own connection, own
    scope tables), in `rounds` interleaved rounds (order reversed every other round), with the question encoding
    included in each hybrid search as in the unfiltered figures; then dense recall@10 under the filter."""
    shapes = _open_shapes(retriever)
    for r in range(rounds):
        for label in list(shapes) if r % 2 == 0 else list(reversed(shapes)):
            for key, values in _time_shape(shapes[label]["retriever"], questions).items():
                shapes[label][key] += values
    for shape in shapes.values():
        scoped = shape.pop("retriever")
        shape["recall"] = _recall(scoped, questions)[0]
        scoped.close()
    return shapes


def _open_shapes(retriever) -> dict[str, dict]:  # noqa: ANN001 - a Retriever
    """One Retriever per shape of FILTERS (sharing `retriever`'s encoder), opened, timed and warmed up."""
    from askdocs.retrieval import Retriever
    from askdocs.store.filters import Filter

    shapes: dict[str, dict] = {}
    for label, args in FILTERS.items():
        t = time.perf_counter()
        scoped = Retriever.open(retriever.settings, embedder=retriever.embedder, scope=Filter(**args))
        opened = time.perf_counter() - t
        scoped.search("warm up the index")
        allowed = scoped._allowed  # noqa: SLF001 - the admitted passage ids the dense half is given
        shapes[label] = {"retriever": scoped, "open_seconds": opened, "hybrid": [], "lexical": [], "dense": []}
        shapes[label]["admitted"] = scoped.store.info().passages if allowed is None else len(allowed)
    return shapes


def _time_shape(scoped, questions: list[str]) -> dict[str, list[float]]:  # noqa: ANN001 - a Retriever
    """One round of `questions` under `scoped`'s filter: hybrid search (question encoding included), then the
    lexical and dense halves alone."""
    from askdocs.answering.query import parse_query
    from askdocs.retrieval import CANDIDATES

    out: dict[str, list[float]] = {"hybrid": [], "lexical": [], "dense": []}
    allowed = getattr(scoped, "_allowed", None)  # code before the filters has none
    within = () if allowed is None else (allowed,)
    scoped._embed.cache_clear()  # noqa: SLF001 - every round encodes its questions again
    for q in questions:
        t = time.perf_counter()
        scoped.search(q)
        out["hybrid"].append(time.perf_counter() - t)
        t = time.perf_counter()
        scoped.store.lexical(parse_query(q).fts, CANDIDATES)
        out["lexical"].append(time.perf_counter() - t)
        vector = scoped.embed_query(q)
        t = time.perf_counter()
        scoped.store.vectors().search(vector, CANDIDATES, *within)
        out["dense"].append(time.perf_counter() - t)
    return out


def _recall(scoped, questions: list[str]) -> tuple[float | None, list[list[int]]]:  # noqa: ANN001 - a Retriever
    """Dense recall@10 among the passages `scoped` admits, against exact search over them (None when it admits
    none or more than EXACT_RECALL_MAX), and the dense top-10 ids of each question (to compare code versions)."""
    import numpy as np

    allowed = scoped._allowed  # noqa: SLF001
    vectors = scoped.store.vectors()
    top = [[pid for pid, _ in vectors.search(scoped.embed_query(q), 10, allowed)] for q in questions]
    if allowed is None or not 0 < len(allowed) <= EXACT_RECALL_MAX:
        return None, top
    ids, matrix = vectors.exact(allowed.tolist())
    hits = []
    for q, found in zip(questions, top, strict=True):
        exact = set(ids[np.argsort(-(matrix @ scoped.embed_query(q)), kind="stable")[:10]].tolist())
        hits.append(len(set(found) & exact) / 10)
    return float(np.mean(hits)), top


def serve(argv: list[str]) -> None:
    """Search rounds on request: each "round" line on stdin gets one JSON line of unfiltered latencies; with
    --filters, each "round LABEL" line times the shape LABEL of FILTERS (opened at start, each on its own
    Retriever) and a "recall" line gets each shape's dense recall@10 and top-10 ids."""
    filtered = "--filters" in argv
    argv = [a for a in argv if a != "--filters"]
    index_dir, questions = Path(argv[0]), json.loads(Path(argv[1]).read_text())
    if len(argv) > 2:
        sys.path.insert(0, argv[2])
    import askdocs
    import askdocs.store.index_store as index_store
    from askdocs.config import load_settings
    from askdocs.retrieval import Retriever

    if len(argv) > 2:
        assert askdocs.__file__.startswith(argv[2]), askdocs.__file__
        # Schema 3 only added document columns (layout, author, tags) that search never reads: an older checkout
        # may search a schema-3 index read-only once its version check is told so.
        index_store.SCHEMA_VERSION = "3"
    settings = load_settings({"index": index_dir, "corpus": Path(tempfile.mkdtemp())}, environ={})
    retriever = Retriever.open(settings)
    for q in ("warm up the encoder", "and the index"):
        retriever.search(q)
    shapes = _open_shapes(retriever) if filtered else {}
    opened = {label: {k: shape[k] for k in ("open_seconds", "admitted")} for label, shape in shapes.items()}
    print(MARK + json.dumps({"source": askdocs.__file__, "shapes": opened}), flush=True)
    for line in sys.stdin:
        verb, _, label = line.strip().partition(" ")
        if verb == "round":
            print(MARK + json.dumps(_time_shape(shapes[label]["retriever"] if label else retriever, questions)))
        elif verb == "recall":
            print(MARK + json.dumps({label: _recall(shape["retriever"], questions) for label, shape in shapes.items()}))
        else:
            break
        sys.stdout.flush()
    for shape in shapes.values():
        shape["retriever"].close()
    retriever.close()


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
