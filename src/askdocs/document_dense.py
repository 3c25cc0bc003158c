"""The dense half of document search: one score for a document from its passages' closeness to a question."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DocumentScoring:
    """How document search scores and gathers its candidates (see `dense_score`); bench/search_quality.py compares
    several side by side."""

    dense: str = "best"
    """"best": the best passage's cosine; "mean": cosine to the normalised mean of the passages' vectors; "mix": a
    mix of the two (`mix` is the mean's share); "top3": the best passage plus `next_share` of the second and third."""
    mix: float = 0.5
    next_share: float = 0.25
    candidates: int = 20
    """Documents each half brings (at least: never fewer than the documents asked for)."""
    pool: bool = False
    """Also score by meaning the documents only the keyword half found (otherwise their dense share is 0)."""

    @property
    def reads_vectors(self) -> bool:
        """Whether the candidates' stored passage vectors are read (the default needs only the FAISS search)."""
        return self.dense != "best" or self.pool


def dense_score(matrix: np.ndarray, query: np.ndarray, scoring: DocumentScoring) -> tuple[float, int]:
    """A document's dense score from its passages' vectors (rows of `matrix`, normalised), with the row of its best
    passage. A one-passage document scores its passage's cosine under every rule."""
    cosines = matrix @ query
    best = int(np.argmax(cosines))
    if scoring.dense == "best":
        return float(cosines[best]), best
    if scoring.dense == "top3":
        top = np.sort(cosines)[::-1][:3].tolist()
        top += [top[-1]] * (3 - len(top))  # fewer passages: the document is its passages throughout
        share = scoring.next_share
        return (top[0] + share * (top[1] + top[2])) / (1 + 2 * share), best
    mean = matrix.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    whole = float(mean @ query) / norm if norm > 0 else float(cosines[best])
    if scoring.dense == "mean":
        return whole, best
    if scoring.dense == "mix":
        return (1 - scoring.mix) * float(cosines[best]) + scoring.mix * whole, best
    raise ValueError(f"unknown dense document score: {scoring.dense!r}")
