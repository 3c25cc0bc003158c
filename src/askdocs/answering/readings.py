"""Readings: a follow-up whose "he" or "she" may stand for more than one person ("Who introduced Ada Lovelace to
Babbage?", answered "Mary Somerville", then "Where was she buried?") is searched each way, and the reading whose
evidence the answerable model is surest of is answered, and shown as the question searched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from askdocs.answering.decision import answerable_probability
from askdocs.answering.evidence import Evidence, gather_evidence
from askdocs.answering.model import Fitted
from askdocs.answering.query import Query, parse_query

if TYPE_CHECKING:
    from askdocs.answering.tagger import Tagger
    from askdocs.retrieval import Retriever


@dataclass(frozen=True)
class Reading:
    """One way to read a question: its words, its query, the evidence found for it and, when it was weighed
    against another reading, the answerable model's probability that the evidence answers it."""

    question: str
    query: Query
    evidence: Evidence
    probability: float = 0.0


def reading(
    retriever: Retriever,
    question: str,
    fitted: Fitted,
    k: int | None = None,
    tagger: Tagger | None = None,
    weighed: bool = False,
) -> Reading:
    """The evidence for one reading of a question, with the model's probability when `weighed` (a question read
    one way only is not weighed: it costs the model's signals once more)."""
    query = parse_query(question)
    evidence = gather_evidence(retriever, query, fitted, k)
    return Reading(question, query, evidence, answerable_probability(evidence, fitted, tagger) if weighed else 0.0)


def surest(readings: Sequence[Reading]) -> Reading:
    """The reading whose evidence the model is surest of; on a tie the first, which the follow-up rules give."""
    return max(readings, key=lambda r: r.probability)
