"""The short-answer models of `python -m bench.fit_answering`: candidates from the best three sentences, the span
ranker with its (question kind, span label) priors, and the confidence model whose threshold decides what is shown,
read off questions the models were not fitted on."""

from __future__ import annotations

import collections
import dataclasses
import functools
import math
import sys

import numpy as np
from bench.fit_answering import Row, Stages, best_first, sentence_probabilities

from askdocs.answering import short_answer, signals
from askdocs.answering.model import Fitted, LinearModel, fit_choice, fit_logistic, softmax
from askdocs.answering.tagger import TAGGER
from askdocs.squad import best_f1, exact_match
from askdocs.text.stem import stem
from bench import devdata

SHORT_PRECISION = 0.88
"""The short-answer threshold is the lowest whose shown answers are right this often on each development group as
scored by short-answer models fitted on the other (SHORT_HELD_OUT; the sentence models that pick the three sentences
are fitted on both groups). The target on unseen text is 0.85; aimed at exactly that, the report sets' shown answers
came in at 0.833-0.864, so the aim keeps three points of margin (0.85 until the fifth batch of development
articles). Read off the questions the models were fitted on, a threshold aimed at 0.92 showed answers right 0.837
and 0.765 of the time on the other group (bench.fit_cross --short)."""
SHORT_HELD_OUT = "groups"
"""How the fit split is folded for the held-out short-answer threshold (see `_folds`)."""
PRIOR_STRENGTH = 10.0
"""Pseudo-counts that pull a (question kind, span label) prior towards its label's rate."""
BLOCK = 25
"""Questions of one document kept together in a block of the held-out short-answer threshold."""
SHORT_L2 = 10.0
CONFIDENCE_L2 = 30.0
"""L2 penalties of the span ranker and the confidence model, read off `python -m bench.fit_cross --short --l2`
(fitted on one development group, judged on the other): from 1 and 1, the confidence model's AUC between right and
wrong picks on the other group rose from 0.783 / 0.734 to 0.788 / 0.798, and the threshold read off held-out blocks
of the fitting group showed answers right 0.854 / 0.931 of the time instead of 0.926 / 0.744 (docs/quality.md)."""


def short_candidates(
    rows: list[Row], stages: Stages, encode, wrongly: bool = False
) -> list[tuple[Row, list[short_answer.Span], np.ndarray]]:
    """Tagged candidates of the top sentences of each answerable question with gold short answers, and with
    `wrongly`, of each unanswerable question the answerable model answers (`Row.answered`): any short answer shown
    for one of those is wrong, and the confidence model learns from them too."""
    s = stages
    provisional = Fitted(s.shortlist, s.sentence, s.ranker, s.sentence, s.sentence, s.sentence, {}, 0.0, {})
    out = []
    for r in rows:
        if r.q.unanswerable:
            if not wrongly or not r.answered:
                continue
        elif not r.q.answers or r.q.contains:
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
        z = short_answer.confidence_signals(chosen, x, p, r.kind, r.answerable)
        out.append((chosen, z, 0.0 if r.q.unanswerable else best_f1(text, r.q.answers)))
    return out


def fit_short(
    cands,
    precision: float = SHORT_PRECISION,
    held_out: str | None = SHORT_HELD_OUT,
    l2: tuple[float, float] = (SHORT_L2, CONFIDENCE_L2),
    *,
    warn: bool = True,
) -> tuple[LinearModel, LinearModel, dict[str, float], float]:
    """The short-answer models fitted on `short_candidates`: the span ranker, the confidence model (its threshold the
    lowest whose shown answers are right `precision` of the time), and the (kind, label) priors with their default.
    With `held_out` ("blocks" or "groups", see `_folds`), the threshold is read off each fold's questions as scored
    by models fitted on the other folds, not off the questions the models were fitted on. `warn`: say so on stderr
    when no threshold is precise enough (a fold's own models, whose thresholds are not used, do not)."""
    counts: collections.Counter[str] = collections.Counter()
    goods: collections.Counter[str] = collections.Counter()
    for r, spans, _ in cands:
        if r.q.unanswerable:
            continue  # no span of theirs is right: they teach the confidence model, not the ranker or the priors
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
        if spans and not r.q.unanswerable
    ]
    short_model = fit_choice(groups, short_answer.SHORT, l2=l2[0])
    # the second model: given what the ranker picked, is it right? Its threshold is the lowest whose shown answers
    # are right `precision` of the time, read off held-out folds when `held_out` is given, else off these questions
    choices = short_choices(cands, short_model, prior, default)
    picked = [(z, f1) for chosen, z, f1 in choices if chosen]
    sure = fit_logistic(
        np.array([z for z, _ in picked]),
        np.array([float(f1 >= 0.5) for _, f1 in picked]),
        short_answer.CONFIDENCE,
        l2=l2[1],
    )
    if held_out:
        ranked = sorted(_held_out_confidence(cands, _folds(cands, held_out), l2), key=lambda pf: (-pf[0], pf[1]))
    else:
        ranked = sorted(((float(sure.probability(z)[0]), f1) for z, f1 in picked), key=lambda pf: (-pf[0], pf[1]))
    short_threshold, right = 1.0, 0
    for n, (p, f1) in enumerate(ranked, start=1):
        right += f1 >= 0.5
        tied = n < len(ranked) and ranked[n][0] == p  # every pick tied at p is shown with it: judge them together
        if right / n >= precision and n >= 10 and not tied:
            short_threshold = p
    if short_threshold >= 1.0 and warn:
        print(
            f"warning: no threshold shows answers right {precision:.0%} of the time: none will be shown",
            file=sys.stderr,
        )
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
    """The development group a question comes from: "articles" (tests/qa/dev/) or "rhine+sample" (the rest), as
    `mark_groups` marked it, else (an answerable question) by the file it names."""
    return row.group or ("articles" if row.q.path in _dev_articles() else "rhine+sample")


def mark_groups(rows: list[Row]) -> None:
    """Mark each fit-split row with its development group: the Rhine paragraphs with the sample and the
    cross-corpus questions come first, then the development articles (collect_rows keeps that order; the articles
    start with the first question of one of their files: unanswerable questions name no file)."""
    start = next((i for i, r in enumerate(rows) if r.q.path in _dev_articles()), len(rows))
    for i, r in enumerate(rows):
        r.group = "articles" if i >= start else "rhine+sample"


@functools.cache
def _dev_articles() -> frozenset[str]:
    return frozenset(f.name for f in (devdata.NEWS_QA.parent / "articles").iterdir())


def _held_out_confidence(cands, folds: list[object], l2: tuple[float, float]) -> list[tuple[float, float]]:
    """(confidence, F1) of each question's picked spans, from short-answer models fitted without its fold."""
    out: list[tuple[float, float]] = []
    for k in dict.fromkeys(folds):
        train = [c for c, f in zip(cands, folds, strict=True) if f != k]
        test = [c for c, f in zip(cands, folds, strict=True) if f == k]
        if not train or not test:
            continue
        model, sure, prior, default = fit_short(train, held_out=None, l2=l2, warn=False)
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
