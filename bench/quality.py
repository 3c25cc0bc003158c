"""Answer quality on text the answer models were not fitted on, side by side with plain baselines, in one run.

    python -m bench.quality                   # report sets alone and with 1,000 distractor articles
    python -m bench.quality --distractors 0   # without the distractor corpora (faster)
    python -m bench.quality --before 199550b  # also the askdocs of an earlier commit

Sets: the Rhine SQuAD article's odd paragraphs (never fitted on; the even ones are the fit split), the real
articles of tests/qa/ (report only), the Lee background set (real news of 2001, 300 stories, report only) and the
sample article's own questions. Systems:
- askdocs: answer_question as the CLI runs it;
- top-1 / top-3 fusion: the 1 or 3 best sentences of the 8 best passages by reciprocal-rank fusion of their
  BM25 and cosine ranks, always "answering" (the plain baselines a reader would build first);
- askdocs@REV with --before: the code of that commit, on an index it builds itself from the same corpus.
Figures: answered share of answerable questions, how often the cited sentences hold a gold answer and how many are
cited per answer, refused share
of unanswerable ones (SQuAD's adversarial ones and plainly off-topic ones apart), false answers, short-answer F1
and EM (SQuAD's normalisation, 0 when no short answer is shown) and the precision of the short answers shown,
and seconds per question.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bench.common import REPO

from askdocs.config import load_settings
from askdocs.evaluation import holds, normalise
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever, reciprocal_rank_fusion
from askdocs.squad import best_f1, exact_match
from bench import devdata

PASSAGES = 8


@dataclass(frozen=True)
class Outcome:
    """What one system did with one question."""

    found: bool
    cited: list[tuple[str, int, int, str]]
    short: str | None
    seconds: float


def cited_ok(q: devdata.DevQuestion, cited: list[tuple[str, int, int, str]]) -> bool:
    if q.contains:
        return all(any(holds(normalise(quote), normalise(c)) for _, _, _, quote in cited) for c in q.contains)
    return any(devdata.holds_answer(q, path, start, end, quote) for path, start, end, quote in cited)


def askdocs_outcomes(retriever: Retriever, questions: list[devdata.DevQuestion]) -> list[Outcome]:
    from askdocs.answering import answer_question

    out = []
    for q in questions:
        started = time.perf_counter()
        a = answer_question(retriever, q.question)
        cited = [(c.path, c.start, c.end, c.quote) for c in a.citations]
        out.append(Outcome(a.found, cited, a.short if a.found else None, time.perf_counter() - started))
    return out


def fusion_outcomes(retriever: Retriever, questions: list[devdata.DevQuestion], k: int) -> list[Outcome]:
    """The k best sentences of the best passages by RRF of sentence BM25 and cosine."""
    from askdocs.answering.query import parse_query

    store = retriever.store
    out = []
    for q in questions:
        started = time.perf_counter()
        query = parse_query(q.question)
        sentences = {}
        for hit in retriever.search(query, PASSAGES):
            p = hit.passage
            for s in store.sentences(p.doc_id, p.first_sentence, p.last_sentence):
                sentences.setdefault(s.id, s)
        ids = list(sentences)
        if not ids:
            out.append(Outcome(False, [], None, time.perf_counter() - started))
            continue
        bm25 = store.sentence_search.matches(query.fts, ids)
        lexical = sorted(bm25, key=lambda i: -bm25[i])
        cosine = retriever.embedder.encode([sentences[i].text for i in ids]) @ retriever.embed_query(query.text)
        dense = [ids[int(j)] for j in np.argsort(-cosine)]
        best = [sid for sid, _ in reciprocal_rank_fusion([lexical, dense])[:k]]
        cited = [(sentences[i].path, sentences[i].start, sentences[i].end, sentences[i].text) for i in best]
        out.append(Outcome(True, cited, None, time.perf_counter() - started))
    return out


_DRIVER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from askdocs.config import load_settings
from askdocs.retrieval import Retriever
try:
    from askdocs.answering import answer_question
except ImportError:  # commits before the answering/ package
    from askdocs.answer import answer_question
from askdocs.indexer import index_corpus
settings = load_settings({"corpus": sys.argv[2], "index": sys.argv[3]}, environ={})
index_corpus(settings)
r = Retriever.open(settings)
for q in json.load(sys.stdin):
    t = time.perf_counter()
    a = answer_question(r, q)
    print(json.dumps({"found": a.found, "short": a.short, "seconds": time.perf_counter() - t,
                      "cited": [[c.path, c.start, c.end, c.quote] for c in a.citations]}))
"""


def before_outcomes(src: Path, corpus: Path, index: Path, questions: list[devdata.DevQuestion]) -> list[Outcome]:
    """The same questions through an earlier commit's code (its src/ folder), in a child process, on an index that
    code builds itself (the index format may have changed since)."""
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, str(src), str(corpus), str(index)],
        input=json.dumps([q.question for q in questions]),
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [Outcome(r["found"], [tuple(c) for c in r["cited"]], r["short"], r["seconds"]) for r in rows]


def summary(questions: list[devdata.DevQuestion], outcomes: list[Outcome]) -> dict[str, Any]:
    answerable = [(q, o) for q, o in zip(questions, outcomes, strict=True) if not q.unanswerable]
    adversarial = [o for q, o in zip(questions, outcomes, strict=True) if q.unanswerable and q.kind == "adversarial"]
    plain = [o for q, o in zip(questions, outcomes, strict=True) if q.unanswerable and q.kind != "adversarial"]
    graded = [(q, o) for q, o in answerable if q.answers and not q.contains]
    answered = [(q, o) for q, o in answerable if o.found]
    shown = [(q, o) for q, o in graded if o.short]

    def share(n: float, d: int) -> str:
        return f"{n / d:.3f}" if d else "-"

    return {
        "answerable": len(answerable),
        "answered": share(sum(o.found for _, o in answerable), len(answerable)),
        "cited holds answer": share(sum(o.found and cited_ok(q, o.cited) for q, o in answerable), len(answerable)),
        "sentences cited": f"{np.mean([len(o.cited) for _, o in answered]):.2f}" if answered else "-",
        "refused adversarial": share(sum(not o.found for o in adversarial), len(adversarial)),
        "refused plain": share(sum(not o.found for o in plain), len(plain)),
        "false answers": sum(o.found for o in adversarial + plain),
        "F1": f"{100 * sum(best_f1(o.short, q.answers) for q, o in shown) / len(graded):.1f}" if graded else "-",
        "EM": f"{100 * sum(exact_match(o.short, q.answers) for q, o in shown) / len(graded):.1f}" if graded else "-",
        "short shown": share(len(shown), len(graded)),
        "short precision": share(sum(best_f1(o.short, q.answers) >= 0.5 for q, o in shown), len(shown)),
        "s/question": f"{np.mean([o.seconds for o in outcomes]):.3f}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=1000, help="generated articles added (0: none)")
    parser.add_argument("--before", default="", help="also run the askdocs of this commit")
    parser.add_argument(
        "--sets",
        default="rhine,real,lee,sample",
        help="of rhine, real, lee, sample; news is development data (fitted on)",
    )
    args = parser.parse_args()
    from bench import newsgen

    columns: list[str] = []
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="askdocs-answers-") as tmp:
        root = Path(tmp)
        old_src = None
        if args.before:
            archive = subprocess.run(["git", "archive", args.before, "src"], cwd=REPO, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
            old_src = root / "src"
        loaders = {
            "rhine": devdata.rhine,
            "real": devdata.real,
            "lee": devdata.lee,
            "sample": devdata.sample,
            "news": devdata.news,
        }
        for name in args.sets.split(","):
            for extra in sorted({0, args.distractors}):
                corpus = root / f"{name}-{extra}"
                questions = loaders[name](corpus)
                if name == "rhine":
                    questions = [q for q in questions if q.split == "report"]
                if extra:
                    newsgen.write_corpus(corpus, extra, seed=11)
                index = root / f"{name}-{extra}-index"
                settings = load_settings({"corpus": corpus, "index": index}, environ={})
                index_corpus(settings)
                retriever = Retriever.open(settings)
                systems = {
                    "askdocs": askdocs_outcomes(retriever, questions),
                    "top-1 fusion": fusion_outcomes(retriever, questions, 1),
                    "top-3 fusion": fusion_outcomes(retriever, questions, 3),
                }
                retriever.close()
                if old_src is not None:
                    old_index = root / f"{name}-{extra}-index-before"
                    systems[f"askdocs@{args.before}"] = before_outcomes(old_src, corpus, old_index, questions)
                for system, outcomes in systems.items():
                    row = summary(questions, outcomes)
                    if not columns:
                        columns = ["set", "system", *row]
                        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
                        print("\n".join(lines), file=sys.stderr, flush=True)
                    label = f"{name}" + (f" + {extra} news" if extra else "")
                    lines.append("| " + " | ".join([label, system, *map(str, row.values())]) + " |")
                    print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
