"""Answers: rank what the documents say, decide whether it answers the question, cite each sentence, and add a
short answer only when a fitted model is sure of one.

question -> query (kinds, words, dates) -> evidence (ranked sentences, fitted) -> decision (found?, fitted
threshold) -> short answer (tagged spans, fitted) -> compose -> citations checked against the index.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from askdocs.answering.citations import citation_notes, make_citations
from askdocs.answering.types import NOT_FOUND_TEXT, Answer, Citation

if TYPE_CHECKING:
    from askdocs.answering.evidence import ScoredSentence
    from askdocs.answering.followup import Turn
    from askdocs.answering.llm import LLMAnswerer
    from askdocs.retrieval import Hit, Retriever


__all__ = ["NOT_FOUND_TEXT", "Answer", "Citation", "answer_question", "load_answering"]


def related(
    retriever: Retriever, hits: Sequence[Hit], question: str, ranked: Sequence[tuple[str, int]] = ()
) -> tuple[Hit, ...]:
    """The closest passages to list under a refusal (decision.RELATED of them, so that its reason names no word
    they show), leaving out those that are only a text file's header lines, and a passage that would open where one
    listed before it does (two overlapping passages of a document, matched by the same sentence; each opens on its
    sentence best in `ranked` that shares a word of the question, see Answer.ranked) or says what one listed before
    it says (see distinct); the passage holding the best of `ranked`, the closest sentence a refusal's reason
    quotes, is among them, in its rank. Previews are read a few at a time, so a passage past the first few may
    open where one call over all of them would not have."""
    from askdocs.answering.decision import RELATED

    kept = [h for h in distinct(hits) if not retriever.in_header(h)]
    holding = [i for i, h in enumerate(kept) if ranked and _holds(h, *ranked[0])]
    if holding and holding[0] >= RELATED:  # listed in the first batch, in the place of the last
        kept.insert(RELATED - 1, kept.pop(holding[0]))
    listed: list[Hit] = []
    opened: set[tuple[int, int]] = set()
    for first in range(0, len(kept), RELATED):  # previews read their documents: as few as the list needs
        batch = kept[first : first + RELATED]
        for hit, shown in zip(batch, retriever.previews(batch, question, ranked=ranked), strict=True):
            if (place := (hit.passage.doc_id, shown.start)) not in opened:
                opened.add(place)
                listed.append(hit)
            if len(listed) == RELATED:
                return tuple(sorted(listed, key=lambda h: h.rank))
    return tuple(sorted(listed, key=lambda h: h.rank))


def _holds(hit: Hit, path: str, start: int) -> bool:
    """Whether a hit's passage holds the sentence of `path` that starts at `start`."""
    return hit.passage.path == path and hit.passage.start <= start < hit.passage.end


def ranked_places(ranked: Sequence[ScoredSentence]) -> tuple[tuple[str, int], ...]:
    """Where the ranked sentences are (document path, start offset), best first, each once, headings left out
    (they frame the text, never answer): what a passage's preview opens on (see Answer.ranked)."""
    return tuple(dict.fromkeys((s.sentence.path, s.sentence.start) for s in ranked if not s.heading))


def distinct(hits: Sequence[Hit]) -> list[Hit]:
    """`hits` without a passage whose text (white space aside) a hit before it holds: two copies of one file, both
    indexed, are shown and cited once, the first ranked."""
    seen: set[str] = set()
    out = []
    for hit in hits:
        if (text := " ".join(hit.passage.text.split())) not in seen:
            seen.add(text)
            out.append(hit)
    return out


def load_answering() -> None:
    """Import the answering steps and start loading the tagger and the reader and building the word tables: the
    chat calls this behind its first screen, so that `Answer`s can be shown before this code (about 0.2 s), the
    tagger (about 0.5 s), the reader (about 0.1 s) and the tables (about 0.2 s) are ready, and the first question
    (or suggestion) finds them ready."""
    from askdocs.answering import compose, decision, evidence, followup, readings, short_answer  # noqa: F401
    from askdocs.answering.reader import preload_reader
    from askdocs.answering.tagger import TAGGER

    short_answer.checked_models()
    TAGGER.preload()
    preload_reader(after=TAGGER.wait)
    threading.Thread(target=word_tables, name="askdocs-word-tables", daemon=True).start()


@functools.cache
def preload_word_tables() -> None:
    """Start building the lexicon's tables of opposite and related words by stem on a daemon thread, once per
    process (about 0.2 s of stemming), so that a cold question finds them built while it waited for the tagger,
    not after (one asked meanwhile waits for this build)."""
    threading.Thread(target=word_tables, name="askdocs-word-tables", daemon=True).start()


def word_tables() -> None:
    """Build the lexicon's tables of opposite and related words by stem."""
    from askdocs.answering.opposites import opposite_stems
    from askdocs.answering.word_match import related_stems

    opposite_stems()
    related_stems()


def answer_question(
    retriever: Retriever,
    question: str,
    k: int | None = None,
    *,
    context: Sequence[Turn] = (),
    llm: LLMAnswerer | None = None,
) -> Answer:
    """Resolve follow-ups, rank evidence, decide, compose an extractive (or LLM) answer, verify its citations;
    IndexEmpty when the index holds no passage (no answer could come from it, not even "not found"). The question is
    read as a terminal showed it, as documents are (a pasted "the \\e[31mIris\\e[0m dataset" asks of "the Iris
    dataset"), before it is parsed."""
    from askdocs.answering.compose import compose, join_words
    from askdocs.answering.decision import decide, filter_note
    from askdocs.answering.definition import definition, described, description_first
    from askdocs.answering.doubt import reader_doubts
    from askdocs.answering.followup import other_readings, person_meant, rewrite_question, unnamed_person
    from askdocs.answering.options import SCANNED, asked_options, command_names, option_defined
    from askdocs.answering.query import asked_name, unframed
    from askdocs.answering.reader import preload_reader
    from askdocs.answering.readings import chosen, reading
    from askdocs.answering.short_answer import (
        asks_for_span,
        candidate_signals,
        checked_models,
        read_short,
        short_answers,
    )
    from askdocs.answering.signals import stems_of
    from askdocs.answering.skipped_files import named_skips
    from askdocs.answering.tagger import TAGGER
    from askdocs.text.safe import read_as_shown
    from askdocs.text.stem import stem

    shown = read_as_shown(question).strip()  # colour codes and controls would be read as words
    question = unframed(shown)  # "Could you tell me who ..., please?": the request's frame is not asked
    retriever.require_passages()  # an empty index: say so, before any model loads
    TAGGER.preload(without_torch=retriever.embedder.label.startswith("onnx"))
    preload_reader(after=TAGGER.wait)
    preload_word_tables()
    models = checked_models()
    asked, changed = rewrite_question(question, context, TAGGER) if context else (question, False)
    # "she" after a turn naming two people: the rule's reading, unless the documents answer only the other
    others = other_readings(question, context, TAGGER) if changed else ()
    meant = person_meant(context, TAGGER) if others else None
    rule = reading(retriever, asked, models, k, TAGGER, meant, weighed=bool(others))
    read = chosen(
        rule,
        (functools.partial(reading, retriever, q, models, k, TAGGER, p, True) for q, p in others),
        models,
        [p for _, p in others],
    )
    asked, query, evidence = read.question, read.query, read.evidence
    # what a refusal lists, and what its reason may not deny: read only for a refusal (previews read documents)
    ranked = ranked_places(evidence.ranked)
    listed = functools.cache(lambda: related(retriever, evidence.hits, asked, ranked))
    finding = decide(
        evidence,
        models,
        suggest=retriever.store.sentence_search.close_word,
        shown=listed,
        tagger=TAGGER,
        weighed=read.weighed,
    )
    finding = reader_doubts(asked, query.kind, finding)
    if not finding.found and retriever.admits_nothing and retriever.scope is not None:
        # not "no passage matches": the filter left none to search
        finding = replace(finding, reasons=(retriever.scope.admits_none(),))
    common = {
        "question": shown,
        "hits": tuple(distinct(evidence.hits)[: k or retriever.settings.top_k]),
        "rewritten": asked if changed else None,
        "dates": tuple(d.iso() for d in query.dates),
        "kind": query.kind,
        "reasons": finding.reasons,
        "confidence": finding.confidence,
        "ranked": ranked,
    }
    name = asked_name(asked)  # "Who is X?" is answered with what the text calls X, when it says
    if not finding.found and name is not None and not retriever.admits_nothing:
        finding = described(finding, evidence, name, TAGGER)
    if not retriever.admits_nothing:  # "What does grep -v do?": the line defining -v, first
        finding = option_defined(
            finding,
            evidence,
            asked,
            asked_options(question),
            lambda doc: retriever.store.sentences(doc, 0, SCANNED),
            lambda path: command_names(d.title if (d := retriever.store.document(path)) else "", path),
        )
    common.update(reasons=finding.reasons)  # as a description or a definition found them
    if not finding.found:
        settings = retriever.settings  # a file the question names may be one the index skipped: say so, and why
        common.update(reasons=(*finding.reasons, *named_skips(asked, settings.corpus, settings.index)))
        return Answer(text=NOT_FOUND_TEXT, found=False, related=listed(), **common)
    shorts = definition(name, [s.sentence.text for s in finding.pool], TAGGER) if name else []
    if shorts:  # the sentence saying who NAME is, first
        finding, shorts = description_first(finding, shorts)
    if not shorts and asks_for_span(query.kind):
        spans, signals = candidate_signals(
            [(s.sentence.text, s.score) for s in finding.pool],
            query.kind,
            query.head,
            asked,
            set(stems_of(asked, stem)),
            stem,
            TAGGER,
            models,
            retriever.sentence_vectors,
        )
        shorts = short_answers(spans, signals, query.kind, models, finding.confidence)
        if not shorts:  # the reader marks the words that answer, in the cited sentences
            shorts = read_short(asked, [s.sentence.text for s in finding.sentences], stem, query.kind, query.head)
    # the cited sentences come first in the pool; a short answer found past them brings its sentence along
    needed = max((span.sentence + 1 for span, _ in shorts), default=0)
    cited = finding.sentences if needed <= len(finding.sentences) else finding.pool[:needed]
    citations = make_citations(retriever, cited)
    common["ranked"] = ranked_places((*cited, *evidence.ranked))  # an answer's passages open on what it cites
    common["cited"] = ranked_places(cited)
    marked = [(" ".join(span.text.split()), citations[span.sentence].n) for span, _ in shorts]  # a wrapped line
    text = compose(marked, [(c.n, c.quote) for c in citations])
    unsupported: tuple[str, ...] = ()
    if llm is not None:
        # Optional LLM composition: it sees the same numbered evidence and its [n] markers are checked by it
        # against these citations; its sentences that cite nothing valid come back as `unsupported`.
        text, unsupported = llm.compose(asked, citations)
        if not text:  # the model answered NOT FOUND from this evidence: say so, never show an empty answer
            common["reasons"] = (*finding.reasons, "the LLM found no answer in the cited sentences")
            return Answer(text=NOT_FOUND_TEXT, found=False, related=listed(), **common)
    notes = citation_notes(citations, retriever.settings.corpus)
    if (filtered := filter_note(evidence.terms)) is not None:
        notes += (filtered,)
    if not changed and (pronoun := unnamed_person(question)) is not None:
        advice = (
            "name who you mean (the earlier question names no one it could stand for)"
            if context  # it was a follow-up already: advising one would be wrong
            else "name who you mean, or ask it as a follow-up (in the chat, or with --context)"
        )
        notes += (
            f"the question says “{pronoun}” without naming anyone, so these sentences may be about different"
            f" people: {advice}",
        )
    return Answer(
        text=text,
        found=True,
        citations=citations,
        notes=notes,
        short=join_words([t for t, _ in marked]) if marked else None,
        unsupported=unsupported,
        **common,
    )
