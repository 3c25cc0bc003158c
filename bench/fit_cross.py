"""Judge a change to the answer signals without the report sets: fit the sentence and answerable models on one
group of development data and test them on another, from two caches of `python -m bench.fit_answering --cache`.

Prints, for each direction (Rhine even paragraphs with the sample -> the development articles, and the articles with
the sample -> Rhine even paragraphs), the answer sentence first and in the best three, the share of answerable
questions whose citations hold the answer (a refusal is a miss), the answered share and the refused adversarial and
plain shares at the threshold that answers 93% of the fitting group, and the answerable model's AUC against
adversarial and plain questions. Run: python -m bench.fit_cross BEFORE.pkl AFTER.pkl
"""

from __future__ import annotations

import argparse
import math
import pickle
from pathlib import Path

import numpy as np
from bench.fit_answering import (
    ANSWERED_TARGET,
    Row,
    answerable_rows,
    best_first,
    cited,
    fit_stages,
    sentence_probabilities,
)

from askdocs.answering import signals
from askdocs.answering.model import fit_logistic
from bench import devdata

CITED_SHARE = 0.90
"""The shipped share of the ranker's probability that the citations hold."""


def groups(rows: list[Row]) -> dict[str, list[Row]]:
    """The fit split by source: Rhine even paragraphs with the sample (and the cross-corpus questions), then the
    development articles (collect_rows keeps that order; the articles start with the first other file)."""
    articles = {f.name for f in (devdata.NEWS_QA.parent / "articles").iterdir()}
    start = next(i for i, r in enumerate(rows) if r.q.path in articles)
    return {"rhine+sample": rows[:start], "articles": rows[start:]}


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    if not len(positive) or not len(negative):
        return float("nan")
    return float(np.mean(positive[:, None] > negative[None, :]) + 0.5 * np.mean(positive[:, None] == negative[None, :]))


def judge(train: list[Row], test: list[Row]) -> str:
    stages = fit_stages(train)
    answerable = [r for r in test if not r.q.unanswerable]

    def top(k: int) -> float:
        hits = 0
        for r in answerable:
            order, _, strength = sentence_probabilities(r, stages)
            hits += bool(len(order)) and bool(r.labels[order[best_first(r, order, strength)[:k]]].any())
        return hits / max(len(answerable), 1)

    qx, qy, _ = answerable_rows(train, stages)
    model = fit_logistic(qx, qy, signals.QUESTION)
    positives = np.sort(model.probability(qx)[qy == 1])
    threshold = float(positives[int(math.floor((1 - ANSWERED_TARGET) * len(positives)))])
    tx, ty, kept = answerable_rows(test, stages)
    p = model.probability(tx)
    adversarial = np.array([r.q.unanswerable and r.q.kind == "adversarial" for r in kept])
    plain = np.array([r.q.unanswerable and r.q.kind != "adversarial" for r in kept])
    answered = {id(r) for r, prob in zip(kept, p, strict=True) if prob >= threshold}
    holds = [id(r) in answered and cited(r, stages, CITED_SHARE)[1] for r in answerable]

    def refused(mask: np.ndarray) -> str:
        return f"{np.mean(p[mask] < threshold):.3f}" if mask.any() else "-"

    return (
        f"{top(1):.3f} / {top(3):.3f} | {np.mean(holds):.3f} | {np.mean(p[ty == 1] >= threshold):.3f} | "
        f"{refused(adversarial)} | {refused(plain)} | {auc(p[ty == 1], p[adversarial]):.3f} / "
        f"{auc(p[ty == 1], p[plain]):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caches", type=Path, nargs="+", help="caches of bench.fit_answering --cache, one per variant")
    args = parser.parse_args()
    print(
        "| variant | fitted on -> tested on | first / best three | cited holds | answered | adversarial refused "
        "| plain refused | AUC adversarial / plain |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for cache in args.caches:
        fit_rows, _ = pickle.loads(cache.read_bytes())
        g = groups(fit_rows)
        for a, b in (("rhine+sample", "articles"), ("articles", "rhine+sample")):
            print(f"| {cache.stem} | {a} -> {b} | {judge(g[a], g[b])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
