"""Passages per second of each way askdocs can encode, on the same passages, in one process, interleaved.

Run by bench/speed.py in a fresh process:
    python bench/encoders.py PASSAGES.json INDEX_DIR ROUNDS CANDIDATE...
Candidates: st (plain SentenceTransformer.encode, its default batch of 32), onnx-fp32, onnx-int8,
each optionally suffixed with @N for N threads. Prints one JSON object: passages/s (best round) and the
cosine of each candidate's vectors to plain sentence-transformers.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np


def main(argv: list[str]) -> None:
    passages = json.loads(Path(argv[0]).read_text())
    index_dir, rounds, names = Path(argv[1]), int(argv[2]), argv[3:]
    from askdocs.encoders.models import offline_environment, resolve_model_path
    from askdocs.encoders.onnx import find_export

    offline_environment()
    started = time.perf_counter()
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(resolve_model_path("all-MiniLM-L6-v2"), device="cpu")
    load_seconds = time.perf_counter() - started
    encoders = {}
    for name in names:
        kind, _, threads = name.partition("@")
        n = int(threads or 0)
        if kind == "st":
            encoders[name] = lambda texts, n=n: _with_threads(torch, n, lambda: model.encode(texts))
        else:
            found = find_export(index_dir, "all-MiniLM-L6-v2", kind.removeprefix("onnx-"), threads=n)
            if found is not None:
                encoders[name] = found.encode
    reference = np.asarray(model.encode(passages[:64], normalize_embeddings=True), dtype=np.float32)
    for encode in encoders.values():  # warm up: first calls load and allocate
        encode(passages[:8])
    best = dict.fromkeys(encoders, float("inf"))
    cosine = {}
    for _ in range(rounds):
        for name, encode in encoders.items():
            t = time.perf_counter()
            vectors = np.asarray(encode(passages), dtype=np.float32)
            best[name] = min(best[name], time.perf_counter() - t)
            v = vectors[:64] / np.linalg.norm(vectors[:64], axis=1, keepdims=True)
            cos = np.sum(v * reference, axis=1)
            cosine[name] = {"min": float(cos.min()), "mean": float(cos.mean())}
    result = {
        "passages": len(passages),
        "model_load_seconds": load_seconds,
        "per_second": {k: len(passages) / v for k, v in best.items()},
        "seconds": best,
        "cosine": cosine,
    }
    print(json.dumps(result))


def _with_threads(torch, threads: int, call):  # noqa: ANN001, ANN202
    if threads:
        previous = torch.get_num_threads()
        torch.set_num_threads(threads)
        try:
            return call()
        finally:
            torch.set_num_threads(previous)
    return call()


if __name__ == "__main__":
    main(sys.argv[1:])
