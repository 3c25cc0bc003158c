"""Answers: find what the documents say, cite each sentence, check every citation, and say plainly when nothing does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from askdocs.answering.citations import citation_notes, make_citations
from askdocs.answering.types import NOT_FOUND_TEXT, Answer, Citation

if TYPE_CHECKING:
    from askdocs.answering.followup import Turn
    from askdocs.answering.llm import LLMAnswerer
    from askdocs.retrieval import Retriever

__all__ = ["NOT_FOUND_TEXT", "Answer", "Citation", "answer_question", "load_answering"]

RELATED = 3


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
