"""Retriever: hybrid search, BM25 over FTS5 and dense over FAISS, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from askdocs.answering.query import Query, parse_query
from askdocs.config import Settings
from askdocs.encoders import choose
from askdocs.encoders.base import Encoder
from askdocs.store.index_store import IndexStore, Passage

RRF_K = 60
CANDIDATES = 50


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with the evidence for its rank."""

    passage: Passage
    score: float
    """Fused score (reciprocal rank fusion); only the order is meaningful."""
    rank: int
    lexical_rank: int | None = None
    lexical_score: float | None = None
    dense_rank: int | None = None
    dense_score: float | None = None

    def as_dict(self) -> dict[str, object]:
        p = self.passage
        return {
            "rank": self.rank,
            "path": p.path,
            "start": p.start,
            "end": p.end,
            "line": p.line,
            "score": round(self.score, 6),
            "lexical_rank": self.lexical_rank,
            "dense_rank": self.dense_rank,
            "dense_score": None if self.dense_score is None else round(self.dense_score, 4),
            "text": p.text,
        }


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse ranked id lists: score(id) = sum 1/(k + rank); ties keep first-seen order."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


class Retriever:
    """Keeps the store and the model open so that many questions pay the load cost once."""

    def __init__(self, store: IndexStore, embedder: Encoder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._embed = lru_cache(maxsize=256)(self.embedder.encode_query)

    @classmethod
    def open(cls, settings: Settings, embedder: Encoder | None = None) -> Retriever:
        """Open the index at settings.index, refusing one built with another model."""
        store = IndexStore.open(settings.index)
        try:
            store.check_model(settings.model)
        except Exception:
            store.close()
            raise
        if embedder is None:
            embedder = choose.for_questions(
                settings.model, threads=settings.threads, index_dir=settings.index, label=store.encoder
            )
        return cls(store, embedder, settings)

    def close(self) -> None:
        self.store.close()

    def embed_query(self, text: str) -> np.ndarray:
        """The question's vector, cached: answer building asks for it again."""
        return self._embed(text)

    def search(self, question: str | Query, k: int | None = None) -> list[Hit]:
        """The k best passages for a question, best first."""
        query = parse_query(question) if isinstance(question, str) else question
        k = k or self.settings.top_k
        lexical = self.store.lexical(query.fts, CANDIDATES)
        dense = self.store.vectors().search(self.embed_query(query.text), CANDIDATES)
        fused = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]])[:k]
        passages = self.store.passages([i for i, _ in fused])
        lex = {pid: (rank, score) for rank, (pid, score) in enumerate(lexical, start=1)}
        den = {pid: (rank, score) for rank, (pid, score) in enumerate(dense, start=1)}
        hits = []
        for rank, (pid, score) in enumerate(fused, start=1):
            if pid not in passages:
                continue
            lr, ls = lex.get(pid, (None, None))
            dr, ds = den.get(pid, (None, None))
            hits.append(Hit(passages[pid], score, rank, lr, ls, dr, ds))
        return hits

    def rank_documents(self, question: str | Query, depth: int = 100, side: str = "hybrid") -> list[str]:
        """Document paths best first, by the hybrid search or one half of it ("keyword", "dense")."""
        query = parse_query(question) if isinstance(question, str) else question
        lexical = self.store.lexical(query.fts, CANDIDATES) if side != "dense" else []
        dense = self.store.vectors().search(self.embed_query(query.text), CANDIDATES) if side != "keyword" else []
        fused = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]])
        passages = self.store.passages([i for i, _ in fused])
        paths = dict.fromkeys(passages[i].path for i, _ in fused if i in passages)
        return list(paths)[:depth]
