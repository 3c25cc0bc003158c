"""Verdict: whether the documents answer a question, decided from signals a person can check, not one cut-off.

A question is answered when (1) every word it relies on is in the documents or paraphrased by the evidence,
(2) for who / where / when / how many / how much questions, a person, place, date or number stands in a sentence
whose context has the question's names, dates and action, and (3) otherwise, a sentence is both close in meaning
and carries enough of the question's words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from askdocs.answering.candidates import Candidate, choose_answers, find_candidates, requirement
from askdocs.answering.evidence import Evidence, ScoredSentence
from askdocs.answering.paraphrase import STRICT_PARAPHRASE, Paraphrases, content_words
from askdocs.text.normalize import words

MIN_SCORE = 0.42
"""Open questions: least combined score of the best sentence."""
MIN_COVERAGE = 0.34
"""Open questions: least share of the question's words the best sentence carries."""
MIN_TYPED_SCORE = 0.55
"""Typed questions: least score of the answer (its sentence's score plus how well its context fits)."""
MISSING_SHARE = 0.3
"""Open questions: share of the question's word weight that missing words may not reach."""
MAX_EVIDENCE = 3
MAX_CITED = 5
_NEAR_DUPLICATE = 0.8
_KIND_NAMES = {
    "person": "person",
    "org": "organisation",
    "group": "group of people",
    "place": "place",
    "date": "date",
    "count": "number",
    "money": "amount",
    "percent": "percentage",
    "age": "age",
    "name": "name",
    "nickname": "nickname",
    "thing": "thing of that kind",
}


@dataclass(frozen=True)
class Finding:
    """The decision and what it rests on: the answers, the sentences to cite, and the reasons in words."""

    found: bool
    answers: tuple[Candidate, ...] = ()
    sentences: tuple[ScoredSentence, ...] = ()
    reasons: tuple[str, ...] = ()
    confidence: float = 0.0


def _confidence(score: float, threshold: float) -> float:
    return round(1.0 / (1.0 + math.exp(-12.0 * (score - threshold))), 3)


def near_duplicate(a: str, b: str) -> bool:
    """The same fact said twice, or the same sentence in two syndicated files."""
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > _NEAR_DUPLICATE


def unexplained_terms(evidence: Evidence, paraphrases: Paraphrases) -> list[str]:
    """Question words the corpus never uses and the best evidence does not paraphrase ("born", "France")."""
    query = evidence.query
    absent = [t for t in evidence.absent if t not in query.date_words and not t.isdigit() and t != query.head]
    if not absent:
        return []
    top = [s for s in evidence.ranked if not s.heading][:3]
    vocabulary = sorted({w for s in top for n in evidence.window(s.sentence) for w, _, _ in content_words(n.text)})
    return [t for t in absent if paraphrases.match(t, vocabulary, STRICT_PARAPHRASE) is None]


def _vetoed(evidence: Evidence, missing: list[str], open_question: bool) -> bool:
    """Missing words sink a question when they name something (France) or, in an open question, carry much of it.

    In who / when / how many questions a missing word simply goes unmatched in the answer's context, where it
    weighs the most of all words (it is the rarest), so a missing key word ("born") fails that check instead.
    """
    if not missing:
        return False
    names = {w.replace(".", "") for e in evidence.query.entities for w in words(e)}
    if any(t.replace(".", "") in names for t in missing):
        return True
    total = sum(evidence.weights.values()) or 1.0
    return open_question and sum(evidence.weights.get(t, 0.0) for t in missing) / total >= MISSING_SHARE


def select_evidence(ranked: list[ScoredSentence]) -> list[ScoredSentence]:
    """The best sentence, plus others nearly as good that say something new."""
    best = ranked[0]
    chosen = [best]
    for item in ranked[1:]:
        if len(chosen) >= MAX_EVIDENCE or item.score < best.score * 0.85:
            break
        if item.coverage < MIN_COVERAGE:
            continue
        if not any(near_duplicate(item.sentence.text, c.sentence.text) for c in chosen):
            chosen.append(item)
    return chosen


def _cited(answers: list[Candidate], evidence: Evidence) -> tuple[list[Candidate], list[ScoredSentence]]:
    """The sentences behind the answers, each once; answers resting on a duplicate sentence share its citation."""
    scored = {s.sentence.id: s for s in evidence.ranked}
    out: list[ScoredSentence] = []
    kept: list[Candidate] = []
    for c in answers:
        if any(
            near_duplicate(c.sentence.sentence.text, o.sentence.text) and o.sentence.id != c.sentence.sentence.id
            for o in out
        ):
            continue
        kept.append(c)
        if c.sentence not in out:
            out.append(c.sentence)
    for c in kept:
        for s in c.support:
            item = scored.get(s.id) or ScoredSentence(s, 0.0, 0.0, 0.0, 0.0)
            if len(out) < MAX_CITED and all(o.sentence.id != s.id for o in out):
                out.append(item)
    return kept, out


def decide(evidence: Evidence, paraphrases: Paraphrases) -> Finding:
    """Answer or not, with the evidence and the reasons."""
    ranked = [s for s in evidence.ranked if not s.heading]
    if not ranked:
        return Finding(False, reasons=("no passage of the documents matches the question",))
    missing = unexplained_terms(evidence, paraphrases)
    req = requirement(evidence.query)
    if _vetoed(evidence, missing, req is None):
        said = ", ".join(f"“{t}”" for t in missing)
        return Finding(False, reasons=(f"the documents never mention {said}",), confidence=0.0)
    if req is not None:
        candidates = [c for c in find_candidates(evidence, req, paraphrases) if c.score >= MIN_TYPED_SCORE]
        if not candidates:
            wanted = " or ".join(_KIND_NAMES[k] for k in req.tiers[0])
            return Finding(False, reasons=(f"no {wanted} in the matching passages fits what the question asks",))
        answers, sentences = _cited(choose_answers(candidates, req), evidence)
        kinds = sorted({_KIND_NAMES[c.span.kind] for c in answers})
        reason = f"found {' and '.join(kinds)} in sentences that match the question's names, dates and words"
        return Finding(
            True, tuple(answers), tuple(sentences), (reason,), _confidence(answers[0].score, MIN_TYPED_SCORE)
        )
    best = ranked[0]
    if best.score < MIN_SCORE or best.coverage < MIN_COVERAGE:
        return Finding(
            False,
            reasons=("the closest sentences do not carry enough of the question",),
            confidence=_confidence(min(best.score, best.coverage + MIN_SCORE - MIN_COVERAGE), MIN_SCORE),
        )
    chosen = select_evidence(ranked)
    return Finding(
        True,
        (),
        tuple(chosen),
        ("a sentence close in meaning carries the question's words",),
        _confidence(best.score, MIN_SCORE),
    )
