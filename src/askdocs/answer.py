"""Answers: pick the sentences that answer a question, cite each one, and say plainly when nothing does."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from askdocs import timeline
from askdocs.dates import find_dates
from askdocs.documents import hash_bytes
from askdocs.query import Query, fts_quote, parse_query, words
from askdocs.retrieval import Hit, Retriever
from askdocs.store import StoredSentence

NOT_FOUND_TEXT = "I could not find an answer to that in the documents."
MAX_EVIDENCE = 3
EVIDENCE_PASSAGES = 8
MIN_SCORE = 0.42
MIN_COVERAGE = 0.34


@dataclass(frozen=True)
class Citation:
    """One cited sentence: `quote == document_text[start:end]`, `line` is 1-based."""

    n: int
    path: str
    start: int
    end: int
    line: int
    quote: str
    score: float
    status: str = "ok"
    """'ok', or 'changed' / 'missing' when the file on disk differs from what was indexed."""

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "quote": self.quote,
            "score": round(self.score, 4),
            "status": self.status,
        }


@dataclass(frozen=True)
class Answer:
    """What the user reads: the text with [n] markers, its citations, and the passages behind it."""

    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Scored:
    sentence: StoredSentence
    score: float
    dense: float
    coverage: float


def _term_weights(retriever: Retriever, query: Query) -> dict[str, float]:
    """IDF of each question term over all sentences; a term the corpus never uses gets the largest weight."""
    total = max(retriever.store.sentence_count(), 1)
    weights = {}
    for term in query.terms:
        q = fts_quote(term)
        if not q:
            continue
        df = retriever.store.term_document_frequency(q)
        weights[term] = math.log((total + 1) / (df + 0.5))
    return weights


def _candidates(retriever: Retriever, hits: list[Hit]) -> list[StoredSentence]:
    seen: dict[int, StoredSentence] = {}
    for hit in hits[:EVIDENCE_PASSAGES]:
        p = hit.passage
        for s in retriever.store.sentences(p.doc_id, p.first_sentence, p.last_sentence):
            if p.start <= s.start and s.end <= p.end or p.first_sentence == p.last_sentence:
                seen.setdefault(s.id, s)
    return list(seen.values())


def score_sentences(retriever: Retriever, query: Query, hits: list[Hit]) -> list[_Scored]:
    """Rank candidate sentences by meaning (dense cosine) and by how much of the question they contain."""
    sentences = _candidates(retriever, hits)
    if not sentences:
        return []
    qvec = retriever.embed_query(query.text)
    svecs = retriever.embedder.encode_documents([s.text for s in sentences])
    dense = svecs @ np.asarray(qvec, dtype=np.float32)
    weights = _term_weights(retriever, query)
    total = sum(weights.values()) or 1.0
    mentions = [m for m in find_dates(query.text) if m.range is not None]
    wanted = [m.range for m in mentions]
    date_words = set(words(" ".join(m.text for m in mentions)))
    date_weight = sum(w for t, w in weights.items() if t in date_words)
    ids = [s.id for s in sentences]
    covered = dict.fromkeys(ids, 0.0)
    for term, weight in weights.items():
        if term in date_words:
            continue
        for sid in retriever.store.sentence_matches(fts_quote(term), ids):
            covered[sid] += weight / total
    bonus = dict.fromkeys(ids, 0.0)
    for phrase in query.phrases:
        if set(words(phrase)) <= date_words:
            continue
        for sid in retriever.store.sentence_matches(fts_quote(phrase), ids):
            bonus[sid] += 0.1
    if wanted:
        for s in sentences:
            match = timeline.date_match(timeline.decode(s.dates), wanted)
            covered[s.id] += match * date_weight / total
            bonus[s.id] += 0.1 * match
    scored = [
        _Scored(s, 0.55 * float(d) + 0.45 * covered[s.id] + bonus[s.id], float(d), covered[s.id])
        for s, d in zip(sentences, dense, strict=True)
    ]
    return sorted(scored, key=lambda x: -x.score)


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.8


def select_evidence(scored: list[_Scored]) -> list[_Scored]:
    """The best sentence, plus others nearly as good that say something new."""
    if not scored:
        return []
    best = scored[0]
    chosen = [best]
    for item in scored[1:]:
        if len(chosen) >= MAX_EVIDENCE or item.score < best.score * 0.75:
            break
        if not any(_near_duplicate(item.sentence.text, c.sentence.text) for c in chosen):
            chosen.append(item)
    return chosen


def is_answered(best: _Scored | None) -> bool:
    """Found only when the best sentence is close in meaning and carries enough of the question's words."""
    return best is not None and best.score >= MIN_SCORE and best.coverage >= MIN_COVERAGE


def display_path(corpus: Path, relative: str) -> str:
    """The cited file as the user would type it: relative to the working directory when possible."""
    full = corpus / relative
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()


def file_status(corpus: Path, relative: str, sha256: str) -> str:
    """'ok' if the file on disk is what was indexed, else 'changed' or 'missing'."""
    path = corpus / relative
    try:
        return "ok" if hash_bytes(path.read_bytes()) == sha256 else "changed"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "changed"


def make_citations(retriever: Retriever, evidence: list[_Scored]) -> tuple[Citation, ...]:
    """Number the evidence and check each quote against the indexed text and the file on disk."""
    corpus = retriever.settings.corpus
    statuses: dict[str, str] = {}
    out = []
    for n, item in enumerate(evidence, start=1):
        s = item.sentence
        doc = retriever.store.document(s.path)
        text = retriever.store.document_text(s.doc_id)
        if doc is None or text[s.start : s.end] != s.text:
            raise AssertionError(f"index inconsistency: sentence {s.id} does not slice back to its text")
        if s.path not in statuses:
            statuses[s.path] = file_status(corpus, s.path, doc.sha256)
        out.append(
            Citation(n, display_path(corpus, s.path), s.start, s.end, s.line, s.text, item.score, statuses[s.path])
        )
    return tuple(out)


def answer_question(retriever: Retriever, question: str, k: int | None = None) -> Answer:
    """Retrieve, score sentences, decide found / not found, compose an extractive answer with [n] markers."""
    query = parse_query(question)
    hits = retriever.search(query, max(k or retriever.settings.top_k, EVIDENCE_PASSAGES))
    scored = score_sentences(retriever, query, hits)
    shown_hits = tuple(hits[: k or retriever.settings.top_k])
    if not is_answered(scored[0] if scored else None):
        return Answer(question=question, text=NOT_FOUND_TEXT, found=False, hits=shown_hits)
    evidence = select_evidence(scored)
    citations = make_citations(retriever, evidence)
    text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
    notes = tuple(
        f"[{c.n}] {c.path} has {'changed' if c.status == 'changed' else 'been removed'} since it was indexed"
        for c in citations
        if c.status != "ok"
    )
    return Answer(question=question, text=text, found=True, citations=citations, hits=shown_hits, notes=notes)
