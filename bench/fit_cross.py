"""Judge a change to the answer signals without the report sets: fit the sentence and answerable models on one
group of development data and test them on another, from two caches of `python -m bench.fit_answering --cache`.

Prints, for each direction (Rhine even paragraphs with the sample -> the development articles, and the articles with
the sample -> Rhine even paragraphs), the answer sentence first and in the best three, the share of answerable
questions whose citations hold the answer (a refusal is a miss), the answered share and the refused adversarial and
plain shares at the threshold that answers 93% of the fitting group, and the answerable model's AUC against
adversarial and plain questions. Run: python -m bench.fit_cross BEFORE.pkl AFTER.pkl

With --short, it judges the short answers instead: F1, share shown and precision on the other group, for the
confidence threshold read off the fitting group's own questions and off held-out folds of it, at several precision
aims; with --short --l2, for several L2 penalties of the short-answer models. With --aims, the answer figures for
several answered shares aimed at on the fitting group (how bench.fit_answering's answered aim is chosen).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from bench.fit_answering import (
    OUT,
    Row,
    aim_threshold,
    answerable_rows,
    best_first,
    cited,
    fit_answerable,
    fit_stages,
    sentence_probabilities,
)
from bench.fit_short import TAGGER, fit_short, mark_groups, short_candidates, short_choices, short_figures

CITED_SHARE = 0.90
"""The shipped share of the ranker's probability that the citations hold."""


def groups(rows: list[Row]) -> dict[str, list[Row]]:
    """The fit split by source: Rhine even paragraphs with the sample (and the cross-corpus questions), then the
    development articles (collect_rows keeps that order; the articles start with the first question of one of their
    files: their unanswerable questions name no file)."""
    mark_groups(rows)
    return {name: [r for r in rows if r.group == name] for name in ("rhine+sample", "articles")}


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    if not len(positive) or not len(negative):
        return float("nan")
    return float(np.mean(positive[:, None] > negative[None, :]) + 0.5 * np.mean(positive[:, None] == negative[None, :]))


def shipped_aim() -> float:
    """The answered aim of the shipped fit (0.95 for a fit made before the aim was recorded)."""
    return float(json.loads(OUT.read_text(encoding="utf-8")).get("provenance", {}).get("answered_aim", 0.95))


def answered_shares(train: list[Row], test: list[Row], aims: tuple[float, ...]) -> list[float]:
    """For each aim: the share of `test`'s answerable questions answered by models fitted on `train` whose threshold
    answers that share of `train`'s."""
    stages = fit_stages(train)
    qx, qy, _ = answerable_rows(train, stages)
    model = fit_answerable(qx, qy)
    positives = np.sort(model.probability(qx)[qy == 1])
    tx, ty, _ = answerable_rows(test, stages)
    p = model.probability(tx)[ty == 1]
    return [float(np.mean(p >= aim_threshold(positives, aim))) for aim in aims]


def answered_aim(rows: list[Row], aims: tuple[float, ...], floor: float) -> float:
    """The lowest of `aims` at which models fitted on either development group answer at least `floor` of the other
    group's answerable questions (the highest aim when none does)."""
    g = groups(rows)
    ways = [answered_shares(g[a], g[b], aims) for a, b in (("rhine+sample", "articles"), ("articles", "rhine+sample"))]
    for i, aim in enumerate(aims):
        print(f"aim {aim:.3f}: answered across groups {ways[0][i]:.3f} / {ways[1][i]:.3f}")
        if all(w[i] >= floor for w in ways):
            return aim
    highest = f"{aims[-1]:.3f}"
    print(f"warning: no aim answers {floor:.0%} across groups both ways; taking {highest}", file=sys.stderr)
    return aims[-1]


def judge(train: list[Row], test: list[Row], aim: float | None = None) -> str:
    """The answer figures on `test` of the models fitted on `train`, the answerable threshold the highest that
    answers `aim` (the shipped fit's aim by default) of `train`'s answerable questions."""
    aim = shipped_aim() if aim is None else aim
    stages = fit_stages(train)
    answerable = [r for r in test if not r.q.unanswerable]

    def top(k: int) -> float:
        hits = 0
        for r in answerable:
            order, _, strength = sentence_probabilities(r, stages)
            hits += bool(len(order)) and bool(r.labels[order[best_first(r, order, strength)[:k]]].any())
        return hits / max(len(answerable), 1)

    qx, qy, _ = answerable_rows(train, stages)
    model = fit_answerable(qx, qy)
    positives = np.sort(model.probability(qx)[qy == 1])
    threshold = aim_threshold(positives, aim)
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


SHORT_VARIANTS = (
    ("own questions", 0.92, None),
    ("held-out blocks", 0.85, "blocks"),
    ("held-out blocks", 0.88, "blocks"),
    ("held-out blocks", 0.90, "blocks"),
    ("held-out blocks", 0.92, "blocks"),
)
"""How the short-answer threshold is read: (off what, precision aimed at, how the fitting group is folded)."""


def _short_sets(train: list[Row], test: list[Row], encode):
    """The short-answer candidates of both groups (the sentences picked by models fitted on `train`), with those of
    the unanswerable questions that the answerable model fitted on `train` answers (the shipped fit reads each
    group's probabilities off the model fitted on the other; here `train`'s are its own)."""
    stages = fit_stages(train)
    qx, qy, kept = answerable_rows(train, stages)
    model = fit_answerable(qx, qy)
    positives = np.sort(model.probability(qx)[qy == 1])
    threshold = aim_threshold(positives, shipped_aim())
    tx, _, tkept = answerable_rows(test, stages)
    for r in [*train, *test]:
        r.answerable, r.answered = 0.0, False
    for rows, x in ((kept, qx), (tkept, tx)):
        for r, p in zip(rows, model.probability(x), strict=True):
            r.answerable, r.answered = float(p), bool(p >= threshold)
    return short_candidates(train, stages, encode, wrongly=True), short_candidates(test, stages, encode, wrongly=True)


def _figures(test_cands, model, prior, default, sure) -> str:
    """`short_figures` over the answerable questions of `test_cands`, and how many of the unanswerable ones answered
    got a short answer (every one of them wrong)."""
    answerable = [c for c in test_cands if not c[0].q.unanswerable]
    wrongly = [c for c in test_cands if c[0].q.unanswerable]
    gold = [r.q.answers for r, _, _ in answerable]
    figures = short_figures(short_choices(answerable, model, prior, default), sure, sure.threshold, gold)
    shown = sum(
        bool(c) and float(sure.probability(z)[0]) >= sure.threshold
        for c, z, _ in short_choices(wrongly, model, prior, default)
    )
    return f"{figures}; unanswerable answered {len(wrongly)}, with a short answer {shown}"


def judge_short(train: list[Row], test: list[Row], encode) -> list[str]:
    """One line per SHORT_VARIANTS: the threshold fitted on `train` and the short answers it shows on `test`."""
    fit_cands, test_cands = _short_sets(train, test, encode)
    answerable = [c for c in test_cands if not c[0].q.unanswerable]
    model, sure, prior, default = fit_short(fit_cands, held_out=None)
    picks = [
        (float(sure.probability(z)[0]), f1 >= 0.5) for c, z, f1 in short_choices(answerable, model, prior, default) if c
    ]
    right = np.array([p for p, ok in picks if ok])
    wrong = np.array([p for p, ok in picks if not ok])
    lines = [
        f"(any threshold) | - | picked span right {len(right) / max(len(answerable), 1):.3f}, "
        f"confidence AUC {auc(right, wrong):.3f}"
    ]
    for name, aim, held_out in SHORT_VARIANTS:
        model, sure, prior, default = fit_short(fit_cands, aim, held_out)
        lines.append(
            f"{name}, aim {aim:.2f} | {sure.threshold:.3f} | {_figures(test_cands, model, prior, default, sure)}"
        )
    return lines


L2_GRID = ((1.0, 1.0), (1.0, 10.0), (1.0, 30.0), (1.0, 100.0), (10.0, 1.0), (10.0, 10.0), (10.0, 30.0), (10.0, 100.0))
"""(span ranker, confidence model) L2 penalties that `--short --l2` compares."""


def judge_l2(train: list[Row], test: list[Row], encode) -> list[str]:
    """One line per L2_GRID pair: the right span first and the confidence AUC on `test`, and the short answers shown
    there at the threshold read off held-out blocks of `train` (aim 0.85; the shipped fit reads it off the two
    groups, which needs both)."""
    fit_cands, test_cands = _short_sets(train, test, encode)
    answerable = [c for c in test_cands if not c[0].q.unanswerable]
    lines = []
    for l2 in L2_GRID:
        model, sure, prior, default = fit_short(fit_cands, 0.85, "blocks", l2)
        choices = short_choices(answerable, model, prior, default)
        picks = [(float(sure.probability(z)[0]), f1 >= 0.5) for c, z, f1 in choices if c]
        right = np.array([p for p, ok in picks if ok])
        wrong = np.array([p for p, ok in picks if not ok])
        lines.append(
            f"L2 {l2[0]:g} / {l2[1]:g} | {len(right) / max(len(answerable), 1):.3f}, AUC {auc(right, wrong):.3f} | "
            f"{sure.threshold:.3f} | {_figures(test_cands, model, prior, default, sure)}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caches", type=Path, nargs="+", help="caches of bench.fit_answering --cache, one per variant")
    parser.add_argument("--short", action="store_true", help="judge the short answers' threshold instead")
    parser.add_argument("--l2", action="store_true", help="with --short: compare the short-answer models' L2 penalties")
    parser.add_argument(
        "--aims",
        type=lambda s: [float(v) for v in s.split(",")],
        help="compare answered shares aimed at on the fitting group (comma-separated, e.g. 0.93,0.96)",
    )
    args = parser.parse_args()
    if args.short:
        from askdocs.config import DEFAULT_MODEL
        from askdocs.encoders import choose

        encode = choose.for_questions(DEFAULT_MODEL).encode
        TAGGER.preload()
        if args.l2:
            header = "span ranker / confidence | right span first, confidence AUC | threshold | short answers"
            _table(args.caches, header, lambda train, test: judge_l2(train, test, encode))
            return 0
        header = "threshold read off | threshold | short answers on the other group"
        _table(args.caches, header, lambda train, test: judge_short(train, test, encode))
        return 0
    header = (
        "first / best three | cited holds | answered | adversarial refused | plain refused | AUC adversarial / plain"
    )
    if args.aims:
        header = "aim | " + header
        _table(args.caches, header, lambda train, test: [f"{aim:.3f} | {judge(train, test, aim)}" for aim in args.aims])
        return 0
    _table(args.caches, header, lambda train, test: [judge(train, test)])
    return 0


def _table(caches: list[Path], header: str, lines: Callable[[list[Row], list[Row]], list[str]]) -> None:
    """A Markdown table: for each cache and direction between the two groups, the `lines` of fitting on one and
    testing on the other."""
    print(f"| variant | fitted on -> tested on | {header} |")
    print("|---|---|" + "---|" * (header.count("|") + 1))
    for cache in caches:
        fit_rows, _ = pickle.loads(cache.read_bytes())
        g = groups(fit_rows)
        for a, b in (("rhine+sample", "articles"), ("articles", "rhine+sample")):
            for line in lines(g[a], g[b]):
                print(f"| {cache.stem} | {a} -> {b} | {line} |")


if __name__ == "__main__":
    raise SystemExit(main())
