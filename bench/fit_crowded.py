"""Whether fitting the answerable model on crowded corpora too keeps refusals up as a corpus grows.

    python -m bench.fit_crowded collect CROWDED.pkl             # the development questions over crowded corpora
    python -m bench.fit_crowded judge SMALL.pkl CROWDED.pkl     # fit one group, judge the other, both ways

The development questions are fitted over their own small corpora (`bench.fit_answering`), where a plainly
unanswerable question finds little that shares its words; a user's corpus of a few thousand news stories holds
sentences sharing some of any question's words, so the same model refuses fewer such questions there (the report
sets with 1,000 generated stories added refuse fewer: docs/quality.md). `collect` asks the development groups'
unanswerable questions and every third answerable one again, each group's documents with 1,000 generated news
stories added (another seed than the report's), and keeps their signals. `judge` fits the sentence models on the
small corpora as shipped, then the answerable model on one development group's small rows alone, or with its
crowded rows too, its threshold at the shipped answered aim; and reports the other group's answered, adversarial
and plain refused shares, small and crowded. Nothing here touches the report sets.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np
from bench.fit_answering import Row, aim_threshold, answerable_rows, fit_answerable, fit_stages, index, rows_for
from bench.fit_cross import groups, shipped_aim

from bench import devdata, newsgen

CROWD = 1000
"""Generated news stories added to each development corpus."""
SEED = 23
"""The generator's seed: not the report sets' (11)."""
EVERY = 3
"""Every this many answerable questions is asked of the crowded corpora (all unanswerable ones are)."""


def thinned(questions: list[devdata.DevQuestion]) -> list[devdata.DevQuestion]:
    """All unanswerable questions and every `EVERY`-th answerable one, in order."""
    answerable = [q for q in questions if not q.unanswerable]
    keep = set(map(id, answerable[::EVERY]))
    return [q for q in questions if q.unanswerable or id(q) in keep]


def collect(out: Path) -> None:
    """The crowded rows, grouped as `groups` reads them: Rhine with the sample first, then the articles."""
    with tempfile.TemporaryDirectory(prefix="askdocs-crowd-") as tmp:
        root = Path(tmp)
        rhine_q = devdata.rhine(root / "rhine")
        sample_q = devdata.sample(root / "sample")
        fit_q = [q for q in rhine_q if q.split == "fit"]
        cross_rhine = [devdata.DevQuestion(q.question, (), True, "fit", "plain") for q in sample_q]
        answered = [q for q in fit_q if not q.unanswerable][:60]
        cross_sample = [devdata.DevQuestion(q.question, (), True, "fit", "plain") for q in answered]
        news_q = devdata.news(root / "news")
        rows: list[Row] = []
        for name, questions in (
            ("rhine", fit_q + cross_rhine),
            ("sample", sample_q + cross_sample),
            ("news", news_q),
        ):
            newsgen.write_corpus(root / name, CROWD, seed=SEED)
            retriever = index(root / name, root / f"{name}-index")
            asked = thinned(questions)
            print(f"{name}: {len(asked)} questions ...", file=sys.stderr, flush=True)
            rows += rows_for(retriever, asked)
            retriever.close()
    out.write_bytes(pickle.dumps(rows))


def figures(model, stages, rows: list[Row]) -> str:  # noqa: ANN001
    """Answered (answerable), refused adversarial and refused plain shares of `rows` under `model`."""
    x, y, kept = answerable_rows(rows, stages)
    p = model.probability(x) >= model.threshold
    adversarial = np.array([r.q.kind == "adversarial" for r in kept]) & (y == 0)
    plain = (y == 0) & ~adversarial
    dropped = len(rows) - len(kept)  # no candidate sentence: refused by the rule
    return (
        f"{p[y == 1].mean():.3f} | {1 - p[adversarial].mean():.3f} ({adversarial.sum()}) |"
        f" {1 - p[plain].mean():.3f} ({plain.sum()}, {dropped} without sentences)"
    )


def judge(small: Path, crowded: Path) -> None:
    fit_rows, _ = pickle.loads(small.read_bytes())
    crowd_rows: list[Row] = pickle.loads(crowded.read_bytes())
    stages = fit_stages(fit_rows)
    small_groups = groups(fit_rows)
    crowd_groups = groups(crowd_rows)
    aim = shipped_aim()
    print(f"answered aim {aim:.3f}")
    print("| fitted on | tested on | answered | adversarial refused | plain refused |\n|---|---|---|---|---|")
    for fit_name, test_name in (("rhine+sample", "articles"), ("articles", "rhine+sample")):
        for label, train in (
            ("small", small_groups[fit_name]),
            ("small + crowded", small_groups[fit_name] + crowd_groups[fit_name]),
        ):
            qx, qy, _ = answerable_rows(train, stages)
            model = fit_answerable(qx, qy)
            threshold = aim_threshold(np.sort(model.probability(qx)[qy == 1]), aim)
            model = dataclasses.replace(model, threshold=threshold)
            for where, rows in (("small", small_groups[test_name]), ("crowded", crowd_groups[test_name])):
                print(f"| {fit_name}, {label} | {test_name}, {where} | {figures(model, stages, rows)} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("collect").add_argument("out", type=Path)
    j = sub.add_parser("judge")
    j.add_argument("small", type=Path)
    j.add_argument("crowded", type=Path)
    args = parser.parse_args()
    if args.command == "collect":
        collect(args.out)
    else:
        judge(args.small, args.crowded)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
