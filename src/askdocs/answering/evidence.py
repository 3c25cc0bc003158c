"""Evidence: the sentences of the retrieved passages, scored by meaning, by the question's words and by its dates."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from askdocs.answering.query import Query
from askdocs.ingest import timeline
from askdocs.lang.en import EN
from askdocs.retrieval import Hit, Retriever
from askdocs.store.records import StoredSentence
from askdocs.text.normalize import fts_quote, is_heading, words

EVIDENCE_PASSAGES = 8
"""Passages whose sentences are read for every question."""
LEXICAL_SENTENCES = 12
"""Extra sentences found anywhere in the corpus by the question's words."""
DENSE_WEIGHT, WORD_WEIGHT, PHRASE_BONUS, DATE_BONUS = 0.55, 0.45, 0.1, 0.1


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate sentence and why it ranks where it does."""

    sentence: StoredSentence
    score: float
    dense: float
    """Cosine between the sentence and the question."""
    coverage: float
    """IDF-weighted share of the question's words (and dates) the sentence contains."""
    date: float
    """How well the sentence's dates meet the question's: timeline.OWN, INHERITED, REFERENCE or 0."""
    heading: bool = False


@dataclass(frozen=True)
class Evidence:
    """Everything answering needs to know about one question, gathered before any answer is composed."""

    query: Query
    hits: tuple[Hit, ...]
    ranked: tuple[ScoredSentence, ...]
    """Candidate sentences, best first."""
    weights: Mapping[str, float] = field(default_factory=dict)
    """IDF of each content term over all sentences."""
    frequency: Mapping[str, int] = field(default_factory=dict)
    """How many sentences of the corpus contain each content term (0: the corpus never says it)."""
    documents: Mapping[int, tuple[StoredSentence, ...]] = field(default_factory=dict)
    """All sentences of each document the candidates come from, for context and names."""

    @property
    def absent(self) -> tuple[str, ...]:
        """Content terms that no sentence of the corpus contains."""
        return tuple(t for t, n in self.frequency.items() if n == 0)

    def window(self, sentence: StoredSentence, size: int = 1) -> list[StoredSentence]:
        """The sentence with its neighbours in the same document, in order."""
        doc = self.documents.get(sentence.doc_id, ())
        lo, hi = max(0, sentence.ord - size), sentence.ord + size
        return [s for s in doc if lo <= s.ord <= hi]


def _term_stats(retriever: Retriever, query: Query) -> tuple[dict[str, float], dict[str, int]]:
    """IDF and sentence frequency of each content term; a term the corpus never uses gets the largest weight."""
    total = max(retriever.store.sentence_search.count(), 1)
    weights, frequency = {}, {}
    for term in query.terms:
        q = fts_quote(term)
        if not q:
            continue
        df = retriever.store.sentence_search.document_frequency(q)
        frequency[term] = df
        weights[term] = math.log((total + 1) / (df + 0.5))
    return weights, frequency


def _candidates(retriever: Retriever, query: Query, hits: list[Hit]) -> list[StoredSentence]:
    """Sentences of the best passages, plus the sentences anywhere that share the most words with the question."""
    seen: dict[int, StoredSentence] = {}
    for hit in hits[:EVIDENCE_PASSAGES]:
        p = hit.passage
        for s in retriever.store.sentences(p.doc_id, p.first_sentence, p.last_sentence):
            if p.start <= s.start and s.end <= p.end or p.first_sentence == p.last_sentence:
                seen.setdefault(s.id, s)
    for s in retriever.store.sentence_search.lexical(query.fts, LEXICAL_SENTENCES):
        seen.setdefault(s.id, s)
    return list(seen.values())


_METADATA = re.compile(r"^\s*(?:" + "|".join(sorted(EN.metadata_keys)) + r")\s*:", re.IGNORECASE)


def _is_heading(sentence: StoredSentence, doc: tuple[StoredSentence, ...]) -> bool:
    """Titles and metadata lines ("title: ...") frame the text; they are context, never an answer."""
    if _METADATA.match(sentence.text):
        return True
    alone = all(s.line != sentence.line for s in doc if s.id != sentence.id)
    return alone and is_heading(sentence.text)


def score_sentences(
    retriever: Retriever, query: Query, sentences: list[StoredSentence], weights: Mapping[str, float]
) -> list[tuple[StoredSentence, float, float, float, float]]:
    """(sentence, score, dense, coverage, date) for each sentence, by meaning, words, phrases and dates."""
    if not sentences:
        return []
    qvec = np.asarray(retriever.embed_query(query.text), dtype=np.float32)
    dense = retriever.embedder.encode([s.text for s in sentences]) @ qvec
    total = sum(weights.values()) or 1.0
    date_words = set(query.date_words)
    date_weight = sum(w for t, w in weights.items() if t in date_words)
    ids = [s.id for s in sentences]
    covered = dict.fromkeys(ids, 0.0)
    for term, weight in weights.items():
        if term in date_words:
            continue
        for sid in retriever.store.sentence_search.matches(fts_quote(term), ids):
            covered[sid] += weight / total
    bonus = dict.fromkeys(ids, 0.0)
    for phrase in query.phrases:
        if set(words(phrase)) <= date_words:
            continue
        for sid in retriever.store.sentence_search.matches(fts_quote(phrase), ids):
            bonus[sid] += PHRASE_BONUS
    dated = dict.fromkeys(ids, 0.0)
    if query.dates:
        for s in sentences:
            dated[s.id] = timeline.date_match(timeline.decode(s.dates), list(query.dates))
            covered[s.id] += dated[s.id] * date_weight / total
            bonus[s.id] += DATE_BONUS * dated[s.id]
    return [
        (s, DENSE_WEIGHT * float(d) + WORD_WEIGHT * covered[s.id] + bonus[s.id], float(d), covered[s.id], dated[s.id])
        for s, d in zip(sentences, dense, strict=True)
    ]


def gather_evidence(retriever: Retriever, query: Query, k: int | None = None) -> Evidence:
    """Retrieve passages for a parsed question and rank the sentences inside them."""
    hits = retriever.search(query, max(k or retriever.settings.top_k, EVIDENCE_PASSAGES))
    weights, frequency = _term_stats(retriever, query)
    sentences = _candidates(retriever, query, hits)
    documents = {
        doc_id: tuple(retriever.store.sentences(doc_id, 0, 2**31))
        for doc_id in dict.fromkeys(s.doc_id for s in sentences)
    }
    ranked = [
        ScoredSentence(s, score, dense, cov, date, _is_heading(s, documents[s.doc_id]))
        for s, score, dense, cov, date in score_sentences(retriever, query, sentences, weights)
    ]
    ranked.sort(key=lambda x: (x.heading, -x.score))
    return Evidence(query, tuple(hits), tuple(ranked), weights, frequency, documents)
