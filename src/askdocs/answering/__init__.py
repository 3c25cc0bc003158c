"""Answers: find what the documents say, cite each sentence, check every citation, and say plainly when nothing does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from askdocs.errors import IndexUnusable
from askdocs.ingest.documents import display_path, hash_bytes
from askdocs.retrieval import Hit, Retriever

if TYPE_CHECKING:
    from askdocs.answering.evidence import ScoredSentence
    from askdocs.answering.followup import Turn
    from askdocs.answering.llm import LLMAnswerer

NOT_FOUND_TEXT = "I could not find an answer to that in the documents."
RELATED = 3


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
    short: str | None = None
    """The bare answer, e.g. "Francisco Torres (“El Duranguillo”) and Luis Edgar Herrera (“El Tolín”)"."""
    rewritten: str | None = None
    """The question after follow-up resolution, when earlier turns changed it."""
    dates: tuple[str, ...] = ()
    """ISO dates or ranges the question was read as being about."""
    related: tuple[Hit, ...] = ()
    """For a question the documents do not answer: the closest passages, to be shown as related only."""
    unsupported: tuple[str, ...] = ()
    """Sentences of an LLM-written answer that cite no valid evidence."""
    kind: str = "other"
    """The question's kind: who, where, when, how_many, how_much, how_old, which, what, why, how, ..."""
    reasons: tuple[str, ...] = ()
    """Why the answer was given or refused, in words."""
    confidence: float = 0.0


def file_status(corpus: Path, relative: str, sha256: str) -> str:
    """'ok' if the file on disk is what was indexed, else 'changed' or 'missing'."""
    path = corpus / relative
    try:
        return "ok" if hash_bytes(path.read_bytes()) == sha256 else "changed"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "changed"


def make_citations(retriever: Retriever, evidence: Sequence[ScoredSentence]) -> tuple[Citation, ...]:
    """Number the evidence and check each quote against the indexed text and each file against its indexed hash."""
    corpus = retriever.settings.corpus
    statuses: dict[str, str] = {}
    out = []
    for n, item in enumerate(evidence, start=1):
        s = item.sentence
        doc = retriever.store.document(s.path)
        text = retriever.store.document_text(s.doc_id)
        if doc is None or text[s.start : s.end] != s.text:
            raise IndexUnusable(f"the index disagrees with itself about {s.path}; run: askdocs index --rebuild")
        if s.path not in statuses:
            statuses[s.path] = file_status(corpus, s.path, doc.sha256)
        out.append(
            Citation(n, display_path(corpus, s.path), s.start, s.end, s.line, s.text, item.score, statuses[s.path])
        )
    return tuple(out)


def citation_notes(citations: Sequence[Citation]) -> tuple[str, ...]:
    """One line per citation whose file changed or vanished since it was indexed."""
    return tuple(
        f"[{c.n}] {c.path} has {'changed' if c.status == 'changed' else 'been removed'} since it was indexed"
        for c in citations
        if c.status != "ok"
    )


def load_answering() -> tuple[Callable[..., Any], ...]:
    """The answering steps, imported on first use rather than with this module: the chat shows `Answer`s from
    its first screen, and this code took 0.2 s of that screen's 0.7 s (the chat loads it with the model)."""
    from askdocs.answering.compose import compose, short_answer
    from askdocs.answering.evidence import gather_evidence
    from askdocs.answering.followup import rewrite_question
    from askdocs.answering.paraphrase import paraphrases
    from askdocs.answering.query import parse_query
    from askdocs.answering.verdict import decide

    return rewrite_question, parse_query, gather_evidence, decide, paraphrases, compose, short_answer


def answer_question(
    retriever: Retriever,
    question: str,
    k: int | None = None,
    *,
    context: Sequence[Turn] = (),
    llm: LLMAnswerer | None = None,
) -> Answer:
    """Resolve follow-ups, gather evidence, decide, compose an extractive (or LLM) answer, verify its citations."""
    rewrite_question, parse_query, gather_evidence, decide, paraphrases, compose, short_answer = load_answering()
    asked, changed = rewrite_question(question, context) if context else (question, False)
    query = parse_query(asked)
    evidence = gather_evidence(retriever, query, k)
    finding = decide(evidence, paraphrases(retriever.embedder))
    shown_hits = evidence.hits[: k or retriever.settings.top_k]
    common = {
        "question": question,
        "hits": shown_hits,
        "rewritten": asked if changed else None,
        "dates": tuple(d.iso() for d in query.dates),
        "kind": query.kind,
        "reasons": finding.reasons,
        "confidence": finding.confidence,
    }
    if not finding.found:
        return Answer(text=NOT_FOUND_TEXT, found=False, related=evidence.hits[:RELATED], **common)
    citations = make_citations(retriever, finding.sentences)
    quotes = [(s.sentence.id, c.n, c.quote) for s, c in zip(finding.sentences, citations, strict=True)]
    text = compose(query, finding.answers, quotes)
    unsupported: tuple[str, ...] = ()
    if llm is not None:
        # Optional LLM composition: it sees the same numbered evidence and its [n] markers are checked by it
        # against these citations; its sentences that cite nothing valid come back as `unsupported`.
        text, unsupported = llm.compose(asked, citations)
        if not text:  # the model answered NOT FOUND from this evidence: say so, never show an empty answer
            common["reasons"] = (*finding.reasons, "the LLM found no answer in the cited sentences")
            return Answer(text=NOT_FOUND_TEXT, found=False, related=evidence.hits[:RELATED], **common)
    return Answer(
        text=text,
        found=True,
        citations=citations,
        notes=citation_notes(citations),
        short=short_answer(finding.answers, query),
        unsupported=unsupported,
        **common,
    )
