"""Decision: whether the documents answer the question, from the fitted answerable model over the ranked evidence,
and which sentences to cite. The one hard rule is general: when no retrieved sentence (or its neighbours) carries
any of the question's content words, nothing answers it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from askdocs.answering import signals
from askdocs.answering.evidence import Evidence, ScoredSentence
from askdocs.answering.model import Fitted
from askdocs.text.normalize import words

MAX_CITED = 3
"""Sentences cited: the best 3 hold the answer for about 90% of the development questions against about 78% for
the best one alone, and a reader checks three sentences at a glance."""
_NEAR_DUPLICATE = 0.8


@dataclass(frozen=True)
class Finding:
    """The decision and what it rests on: the sentences to cite, the reasons in words, the calibrated confidence."""

    found: bool
    sentences: tuple[ScoredSentence, ...] = ()
    reasons: tuple[str, ...] = ()
    confidence: float = 0.0


def near_duplicate(a: str, b: str) -> bool:
    """The same fact said twice, or the same sentence in two syndicated files."""
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > _NEAR_DUPLICATE


def select(ranked: tuple[ScoredSentence, ...], dated: bool = False) -> tuple[ScoredSentence, ...]:
    """The best sentences that each say something new (for a question about a date whose best sentence meets it,
    only others that meet it too)."""
    chosen = [ranked[0]]
    same_day = dated and ranked[0].date >= signals.MEETS_DATE
    for item in ranked[1:]:
        if same_day and item.date < signals.MEETS_DATE:
            continue
        if len(chosen) >= MAX_CITED:
            break
        if not any(near_duplicate(item.sentence.text, c.sentence.text) for c in chosen):
            chosen.append(item)
    return tuple(chosen)


def answerable_signals(evidence: Evidence) -> list[float]:
    """The QUESTION signals of the evidence (see signals.question_signals)."""
    best = evidence.ranked[0]
    return signals.question_signals(
        [s.score for s in evidence.ranked],
        evidence.contexts[best.sentence.id],
        evidence.terms,
        np.array([s.signals for s in evidence.ranked[: signals.TOP]]),
    )


def decide(evidence: Evidence, fitted: Fitted) -> Finding:
    """Answer or not, with the evidence, the reasons and the answerable model's probability."""
    ranked = tuple(s for s in evidence.ranked if not s.heading)
    if not ranked:
        return Finding(False, reasons=("no passage of the documents matches the question",))
    if not evidence.any_word and evidence.terms.weights:
        return Finding(False, reasons=("none of the question's words appear in the passages that match it best",))
    probability = float(fitted.answerable.probability(answerable_signals(evidence))[0])
    if probability < fitted.answerable.threshold:
        missing = evidence.terms.unknown[:3]
        reason = (
            f"no sentence of the documents uses {', '.join(f'“{w}”' for w in missing)}"
            if missing
            else "the closest sentences do not say what the question asks"
        )
        return Finding(False, reasons=(reason,), confidence=round(probability, 3))
    return Finding(
        True,
        select(ranked, bool(evidence.terms.dated)),
        ("the best sentences carry what the question asks",),
        round(probability, 3),
    )
