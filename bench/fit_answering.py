"""Fit the answer models on development data and write src/askdocs/answering/fitted.json.

    python -m bench.fit_answering            # fit, print the trade-off tables, write fitted.json
    python -m bench.fit_answering --dry-run  # fit and print only

Fitting data: the even paragraphs of the Rhine SQuAD article, the sample article's questions, the development set
of 59 real articles (tests/qa/dev/), and plain unanswerable questions made by asking each corpus the other's
questions. The odd Rhine paragraphs and the 24 real articles of tests/qa/articles/ are never fitted on:
bench/quality.py reports on them.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import functools
import json
import math
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from bench.common import REPO

from askdocs.answering import short_answer, signals
from askdocs.answering.decision import select
from askdocs.answering.evidence import EVIDENCE_PASSAGES, SHORTLIST, collect, question_terms
from askdocs.answering.model import Fitted, LinearModel, fit_choice, fit_logistic, softmax
from askdocs.answering.query import parse_query
from askdocs.answering.tagger import TAGGER
from askdocs.config import DEFAULT_MODEL, load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from askdocs.squad import best_f1, exact_match
from askdocs.text.stem import stem
from bench import devdata

OUT = REPO / "src" / "askdocs" / "answering" / "fitted.json"
ANSWERED_TARGET = 0.93
"""The answerable threshold is the highest that still answers this share of the fit split's answerable questions
(the target is 0.90 on unseen sets; the margin is for the difference between sets)."""
SHORT_PRECISION = 0.85
"""The short-answer threshold is the lowest whose shown answers are right this often (the target on unseen text)
on each development group as scored by models fitted on the other (SHORT_HELD_OUT): read off the questions the
models were fitted on, a threshold aimed at 0.92 showed answers right 0.837 and 0.765 of the time on the other
group (python -m bench.fit_cross --short)."""
SHORT_HELD_OUT = "groups"
"""How the fit split is folded for the held-out short-answer threshold (see `_folds`)."""
RANKER_L2 = 10.0
"""L2 penalty of the sentence ranker: of 0.3, 1, 3, 10 and 30 it ranks the answer's sentence first most often on the
fit split."""
CITED_BUDGET = 3.0
"""The cited share of the ranker's probability is the highest whose sentences number at most this many on average
over the fit split's answerable questions (a reader checks three sentences at a glance)."""
MASSES = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))
PRIOR_STRENGTH = 10.0
BLOCK = 25
"""Questions of one document kept together in a block of the held-out short-answer threshold."""
"""Pseudo-counts that pull a (question kind, span label) prior towards its label's rate."""


@dataclass
class Row:
    """One question as the models see it: candidate signals, labels, and what the sentences say."""

    q: devdata.DevQuestion
    kind: str
    head: str | None
    cheap: np.ndarray
    dense: np.ndarray
    labels: np.ndarray
    texts: list[str]
    contexts: list[signals.Context]
    terms: signals.QuestionTerms


def index(folder: Path, where: Path) -> Retriever:
    settings = load_settings({"corpus": folder, "index": where}, environ={})
    index_corpus(settings)
    return Retriever.open(settings)


def rows_for(retriever: Retriever, questions: list[devdata.DevQuestion]) -> list[Row]:
    out = []
    for q in questions:
        query = parse_query(q.question)
        hits = retriever.search(query, EVIDENCE_PASSAGES)
        terms = question_terms(retriever, query)
        found = collect(retriever, query, hits, terms)
        keep = [i for i, h in enumerate(found.headings) if not h]
        sentences = [found.sentences[i] for i in keep]
        contexts = [found.contexts[i] for i in keep]
        cheap = np.array([signals.cheap_signals(c, terms, query.kind) for c in contexts]).reshape(
            -1, len(signals.CHEAP)
        )
        texts = [s.text for s in sentences]
        qvec = retriever.embed_query(query.text)
        dense = retriever.embedder.encode(texts) @ qvec if texts else np.zeros(0)
        labels = np.array([devdata.holds_answer(q, s.path, s.start, s.end, s.text) for s in sentences], dtype=float)
        out.append(Row(q, query.kind, query.head, cheap, dense, labels, texts, contexts, terms))
    return out


def shortlisted(row: Row, shortlist: LinearModel) -> np.ndarray:
    if not len(row.cheap):
        return np.zeros(0, dtype=int)
    dates = [c.date for c in row.contexts]
    return np.array(signals.date_order(dates, shortlist.logits(row.cheap), bool(row.terms.dated))[:SHORTLIST])


@dataclass(frozen=True)
class Stages:
    """The sentence models fitted so far: shortlist, calibrated probability, and the ranker that orders them."""

    shortlist: LinearModel
    sentence: LinearModel
    ranker: LinearModel


def best_first(row: Row, order: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """Positions into `order`, best first, as answering ranks them (dates first for dated questions)."""
    return np.array(signals.date_order([row.contexts[int(i)].date for i in order], strength, bool(row.terms.dated)))


def stacked(rows: list[Row], pick) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for r in rows:
        x, y = pick(r)
        if len(y):
            xs.append(x)
            ys.append(y)
    return np.vstack(xs), np.concatenate(ys)


def sentence_probabilities(row: Row, stages: Stages) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shortlisted positions, their probabilities of holding the answer, and their ranking strengths."""
    order = shortlisted(row, stages.shortlist)
    if len(order) == 0:
        return order, np.zeros(0), np.zeros(0)
    x = signals.sentence_signals(row.cheap[order], row.dense[order])
    return order, stages.sentence.probability(x), stages.ranker.logits(x)


def cited(row: Row, stages: Stages, mass: float) -> tuple[int, bool]:
    """How many sentences answering would cite at this share of the ranker's probability, and whether they hold
    the answer (as decision.select chooses them)."""
    order, _, strength = sentence_probabilities(row, stages)
    if len(order) == 0:
        return 0, False
    share = softmax(strength)
    ranked = [
        SimpleNamespace(
            sentence=SimpleNamespace(text=row.texts[int(order[j])]),
            date=row.contexts[int(order[j])].date,
            share=float(share[j]),
            label=bool(row.labels[int(order[j])]),
        )
        for j in best_first(row, order, strength)
    ]
    chosen = select(tuple(ranked), bool(row.terms.dated), mass)  # type: ignore[arg-type]
    return len(chosen), any(c.label for c in chosen)


def cited_table(rows: list[Row], stages: Stages) -> dict[float, tuple[float, float]]:
    """For each share in MASSES: (mean sentences cited, share of answerable questions whose citations hold it)."""
    answerable = [r for r in rows if not r.q.unanswerable]
    out = {}
    for mass in MASSES:
        counts, holds = zip(*(cited(r, stages, mass) for r in answerable), strict=True)
        out[mass] = (float(np.mean(counts)), float(np.mean(holds)))
    return out


def question_row(row: Row, order: np.ndarray, p: np.ndarray, strength: np.ndarray) -> list[float]:
    ranked = best_first(row, order, strength)
    top = order[ranked[: signals.TOP]]
    full = signals.sentence_signals(row.cheap[order], row.dense[order])[ranked[: signals.TOP]]
    return signals.question_signals(list(p[ranked]), row.contexts[int(top[0])], row.terms, full)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--cache", type=Path, default=None, help="keep the collected signals here and reuse them")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        fit_rows, report_rows = pickle.loads(args.cache.read_bytes())
    else:
        fit_rows, report_rows = collect_rows()
        if args.cache:
            args.cache.write_bytes(pickle.dumps((fit_rows, report_rows)))
    return fit(fit_rows, report_rows, dry_run=args.dry_run)


def collect_rows() -> tuple[list[Row], list[Row]]:
    with tempfile.TemporaryDirectory(prefix="askdocs-fit-") as tmp:
        root = Path(tmp)
        rhine_q = devdata.rhine(root / "rhine")
        sample_q = devdata.sample(root / "sample")
        rhine_r = index(root / "rhine", root / "rhine-index")
        sample_r = index(root / "sample", root / "sample-index")
        fit_q = [q for q in rhine_q if q.split == "fit"]
        report_q = [q for q in rhine_q if q.split == "report"]
        cross_rhine = [devdata.DevQuestion(q.question, (), True, "fit", "plain") for q in sample_q]
        cross_sample = [devdata.DevQuestion(q.question, (), True, "fit", "plain") for q in fit_q if not q.unanswerable][
            :60
        ]
        print("collecting signals ...", file=sys.stderr)
        news_q = devdata.news(root / "news")
        news_r = index(root / "news", root / "news-index")
        fit_rows = (
            rows_for(rhine_r, fit_q + cross_rhine)
            + rows_for(sample_r, sample_q + cross_sample)
            + rows_for(news_r, news_q)
        )
        report_rows = rows_for(rhine_r, report_q)
    return fit_rows, report_rows


def answerable_rows(rows: list[Row], stages: Stages) -> tuple[np.ndarray, np.ndarray, list[Row]]:
    """Question signals and labels (1: answerable) for every question that has candidate sentences."""
    qx, qy, kept = [], [], []
    for r in rows:
        order, p, strength = sentence_probabilities(r, stages)
        if len(order):
            qx.append(question_row(r, order, p, strength))
            qy.append(0.0 if r.q.unanswerable else 1.0)
            kept.append(r)
    return np.array(qx), np.array(qy), kept


def tradeoff(name: str, p: np.ndarray, rows: list[Row], thresholds: list[float]) -> None:
    """Markdown rows: answered share of answerable questions against refused share of unanswerable ones."""
    answerable = np.array([not r.q.unanswerable for r in rows])
    adversarial = np.array([r.q.unanswerable and r.q.kind == "adversarial" for r in rows])
    plain = np.array([r.q.unanswerable and r.q.kind != "adversarial" for r in rows])

    def share(mask: np.ndarray, refused: bool, t: float) -> str:
        if not mask.any():
            return "-"
        return f"{((p[mask] < t) if refused else (p[mask] >= t)).mean():.3f}"

    print(f"\n{name}: {answerable.sum()} answerable, {adversarial.sum()} adversarial, {plain.sum()} plain")
    print("| threshold | answered (answerable) | refused (adversarial) | refused (plain) |\n|---|---|---|---|")
    for t in thresholds:
        print(f"| {t:.3f} | {share(answerable, False, t)} | {share(adversarial, True, t)} | {share(plain, True, t)} |")


def short_candidates(rows: list[Row], stages: Stages, encode) -> list[tuple[Row, list[short_answer.Span], np.ndarray]]:
    """Tagged candidates of the top sentences of each answerable question with gold short answers."""
    s = stages
    provisional = Fitted(s.shortlist, s.sentence, s.ranker, s.sentence, s.sentence, s.sentence, {}, 0.0, {})
    out = []
    for r in rows:
        if r.q.unanswerable or not r.q.answers or r.q.contains:
            continue
        order, p, strength = sentence_probabilities(r, stages)
        ranked = best_first(r, order, strength)[: short_answer.TOP_SENTENCES]
        top = [(r.texts[int(order[j])], float(p[j])) for j in ranked]
        qstems = set(signals.stems_of(r.q.question, stem))
        spans, x = short_answer.candidate_signals(
            top, r.kind, r.head, r.q.question, qstems, stem, TAGGER, provisional, encode
        )
        out.append((r, spans, x))
    return out


def with_prior(cands, prior: dict[str, float], default: float):
    for r, spans, x in cands:
        x = x.copy()
        if len(spans):
            x[:, 0] = [prior.get(f"{r.kind}|{s.label}", default) for s in spans]
        yield r, spans, x


def short_choices(cands, model: LinearModel, prior: dict[str, float], default: float):
    """Per question: the spans the ranker picks, their CONFIDENCE signals, and their F1 to the gold answers."""
    out = []
    for r, spans, x in with_prior(cands, prior, default):
        if not spans:
            out.append(([], np.zeros(len(short_answer.CONFIDENCE)), 0.0))
            continue
        p = softmax(model.logits(x))
        chosen = short_answer.choose(spans, p, r.kind in short_answer.LIST_KINDS)
        text = " and ".join(s.text for s, _ in chosen)
        out.append((chosen, short_answer.confidence_signals(chosen, x, p, r.kind), best_f1(text, r.q.answers)))
    return out


def fit_short(
    cands, precision: float = SHORT_PRECISION, held_out: str | None = SHORT_HELD_OUT
) -> tuple[LinearModel, LinearModel, dict[str, float], float]:
    """The short-answer models fitted on `short_candidates`: the span ranker, the confidence model (its threshold the
    lowest whose shown answers are right `precision` of the time), and the (kind, label) priors with their default.
    With `held_out` ("blocks" or "groups", see `_folds`), the threshold is read off each fold's questions as scored
    by models fitted on the other folds, not off the questions the models were fitted on."""
    counts: collections.Counter[str] = collections.Counter()
    goods: collections.Counter[str] = collections.Counter()
    for r, spans, _ in cands:
        for s in spans:
            counts[f"{r.kind}|{s.label}"] += 1
            goods[f"{r.kind}|{s.label}"] += best_f1(s.text, r.q.answers) >= 0.5
    base = sum(goods.values()) / max(sum(counts.values()), 1)
    label_counts: collections.Counter[str] = collections.Counter()
    label_goods: collections.Counter[str] = collections.Counter()
    for k in counts:
        label_counts[k.split("|")[1]] += counts[k]
        label_goods[k.split("|")[1]] += goods[k]
    # smoothed twice: a (kind, label) pair towards its label's rate, a label towards the overall rate, so that a
    # pair seen a handful of times does not decide alone
    label_rate = {
        lab: (label_goods[lab] + PRIOR_STRENGTH * base) / (n + PRIOR_STRENGTH) for lab, n in label_counts.items()
    }
    prior = {
        k: math.log((goods[k] + PRIOR_STRENGTH * label_rate[k.split("|")[1]]) / (counts[k] + PRIOR_STRENGTH))
        for k in counts
    }
    default = math.log(base)
    groups = [
        (x, np.array([float(best_f1(s.text, r.q.answers) >= 0.5) for s in spans]))
        for r, spans, x in with_prior(cands, prior, default)
        if spans
    ]
    short_model = fit_choice(groups, short_answer.SHORT)
    # the second model: given what the ranker picked, is it right? fitted on the same questions, its threshold the
    # lowest whose shown answers are right `precision` of the time
    choices = short_choices(cands, short_model, prior, default)
    picked = [(z, f1) for chosen, z, f1 in choices if chosen]
    sure = fit_logistic(
        np.array([z for z, _ in picked]), np.array([float(f1 >= 0.5) for _, f1 in picked]), short_answer.CONFIDENCE
    )
    ranked = sorted(((float(sure.probability(z)[0]), f1) for z, f1 in picked), reverse=True)
    if held_out:
        ranked = sorted(_held_out_confidence(cands, _folds(cands, held_out)), reverse=True)
    short_threshold, right = 1.0, 0
    for n, (p, f1) in enumerate(ranked, start=1):
        right += f1 >= 0.5
        if right / n >= precision and n >= 10:
            short_threshold = p
    return short_model, dataclasses.replace(sure, threshold=short_threshold), prior, default


def _folds(cands, held_out: str) -> list[object]:
    """Each question's fold. "groups": its development group (the Rhine paragraphs with the sample, or the articles),
    so each group is scored by models fitted on the other, as an unseen set would be; "blocks": five folds of blocks
    of questions in document order (a long document asked in paragraph order is several blocks), so a fold never
    holds a paragraph's questions apart from each other."""
    if held_out == "groups":
        return [source_group(r) for r, _, _ in cands]
    seen: collections.Counter[str] = collections.Counter()
    blocks = []
    for r, _, _ in cands:
        blocks.append((r.q.path or "", seen[r.q.path or ""] // BLOCK))
        seen[r.q.path or ""] += 1
    fold_of = {b: i % 5 for i, b in enumerate(dict.fromkeys(blocks))}
    return [fold_of[b] for b in blocks]


def source_group(row: Row) -> str:
    """The development group a question comes from: "articles" (tests/qa/dev/) or "rhine+sample" (the rest)."""
    return "articles" if row.q.path in _dev_articles() else "rhine+sample"


@functools.cache
def _dev_articles() -> frozenset[str]:
    return frozenset(f.name for f in (devdata.NEWS_QA.parent / "articles").iterdir())


def _held_out_confidence(cands, folds: list[object]) -> list[tuple[float, float]]:
    """(confidence, F1) of each question's picked spans, from short-answer models fitted without its fold."""
    out: list[tuple[float, float]] = []
    for k in dict.fromkeys(folds):
        train = [c for c, f in zip(cands, folds, strict=True) if f != k]
        test = [c for c, f in zip(cands, folds, strict=True) if f == k]
        if not train or not test:
            continue
        model, sure, prior, default = fit_short(train, held_out=None)
        out += [
            (float(sure.probability(z)[0]), f1)
            for chosen, z, f1 in short_choices(test, model, prior, default)
            if chosen
        ]
    return out


def short_figures(choices, sure: LinearModel, t: float, answers) -> str:
    """F1 / EM over the questions (0 when nothing is shown), share shown, precision of what is shown."""
    f1s, ems, shown = [], [], []
    for (chosen, z, f1), gold in zip(choices, answers, strict=True):
        show = bool(chosen) and float(sure.probability(z)[0]) >= t
        text = " and ".join(s.text for s, _ in chosen)
        f1s.append(f1 if show else 0.0)
        ems.append(exact_match(text, gold) if show else 0.0)
        if show:
            shown.append(f1 >= 0.5)
    n = max(len(f1s), 1)
    precision = f"{np.mean(shown):.3f}" if shown else "-"
    return (
        f"F1 {100 * sum(f1s) / n:.1f}, EM {100 * sum(ems) / n:.1f}, shown {len(shown) / n:.3f}, precision {precision}"
    )


def fit_stages(rows: list[Row]) -> Stages:
    """The sentence models fitted on the answerable questions of `rows`: shortlist, probability, ranker."""
    answerable = [r for r in rows if not r.q.unanswerable]
    shortlist = fit_logistic(*stacked(answerable, lambda r: (r.cheap, r.labels)), signals.CHEAP)

    def shortlist_rows(r: Row) -> tuple[np.ndarray, np.ndarray]:
        order = shortlisted(r, shortlist)
        if len(order) == 0:
            return np.zeros((0, len(signals.SENTENCE))), np.zeros(0)
        return signals.sentence_signals(r.cheap[order], r.dense[order]), r.labels[order]

    sentence = fit_logistic(*stacked(answerable, shortlist_rows), signals.SENTENCE)
    ranker = fit_choice([shortlist_rows(r) for r in answerable], signals.SENTENCE, l2=RANKER_L2)
    return Stages(shortlist, sentence, ranker)


def fit(fit_rows: list[Row], report_rows: list[Row], *, dry_run: bool) -> int:
    answerable = [r for r in fit_rows if not r.q.unanswerable]
    stages = fit_stages(fit_rows)
    shortlist, sentence, ranker = stages.shortlist, stages.sentence, stages.ranker

    def top_k_share(rows: list[Row], k: int) -> float:
        good = total = 0
        for r in rows:
            if r.q.unanswerable:
                continue
            total += 1
            order, _, strength = sentence_probabilities(r, stages)
            good += bool(len(order)) and bool(r.labels[order[best_first(r, order, strength)[:k]]].any())
        return good / max(total, 1)

    for name, rows in (("fit", fit_rows), ("report (Rhine odd paragraphs)", report_rows)):
        print(f"{name}: answer sentence in top 1 / 3: {top_k_share(rows, 1):.3f} / {top_k_share(rows, 3):.3f}")
    tables = {name: cited_table(rows, stages) for name, rows in (("fit", fit_rows), ("report", report_rows))}
    mass = max((m for m in MASSES if tables["fit"][m][0] <= CITED_BUDGET), default=MASSES[0])
    ranker = dataclasses.replace(ranker, threshold=mass)
    stages = Stages(shortlist, sentence, ranker)
    print(f"\ncited share of the ranker's probability: {mass:.2f}")
    print("| share | fit: sentences cited | fit: they hold the answer | report: sentences cited | report: hold it |")
    print("|---|---|---|---|---|")
    for m in MASSES:
        (fc, fh), (rc, rh) = tables["fit"][m], tables["report"][m]
        print(f"| {m:.2f} | {fc:.2f} | {fh:.3f} | {rc:.2f} | {rh:.3f} |")

    qx, qy, kept = answerable_rows(fit_rows, stages)
    answer_model = fit_logistic(qx, qy, signals.QUESTION)
    positives = np.sort(answer_model.probability(qx)[qy == 1])
    threshold = float(positives[int(math.floor((1 - ANSWERED_TARGET) * len(positives)))])
    answer_model = dataclasses.replace(answer_model, threshold=threshold)
    print(f"answerable threshold {threshold:.3f}")
    grid = sorted({round(x, 2) for x in np.linspace(0.1, 0.7, 7)} | {round(threshold, 3)})
    tradeoff("fit split", answer_model.probability(qx), kept, grid)
    rx, _, rkept = answerable_rows(report_rows, stages)
    tradeoff("report split (Rhine odd paragraphs)", answer_model.probability(rx), rkept, grid)

    from askdocs.encoders import choose

    encode = choose.for_questions(DEFAULT_MODEL).encode
    TAGGER.preload()
    cands = short_candidates(fit_rows, stages, encode)
    short_model, sure, prior, default = fit_short(cands)
    choices = short_choices(cands, short_model, prior, default)
    short_threshold = sure.threshold
    report_cands = short_candidates(report_rows, stages, encode)
    report_choices = short_choices(report_cands, short_model, prior, default)
    print(f"\nshort-answer confidence threshold {short_threshold:.3f}")
    print("| split | threshold | short answers |\n|---|---|---|")
    for t in (0.0, 0.3, 0.5, short_threshold):
        for name, c, k in (("fit", choices, cands), ("report", report_choices, report_cands)):
            print(f"| {name} | {t:.3f} | {short_figures(c, sure, t, [r.q.answers for r, _, _ in k])} |")

    fitted = Fitted(
        shortlist,
        sentence,
        ranker,
        answer_model,
        short_model,
        sure,
        prior,
        default,
        {
            "fitted_on": (
                "Rhine SQuAD 2.0 even paragraphs, tests/qa/sample_article.jsonl, tests/qa/dev/questions.jsonl,"
                " cross-corpus questions"
            ),
            "questions": len(fit_rows),
            "answerable": len(answerable),
            "made_by": "python -m bench.fit_answering",
            "date": datetime.date.today().isoformat(),
        },
    )
    if not dry_run:
        OUT.write_text(json.dumps(fitted.as_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
