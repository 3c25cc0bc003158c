"""Retriever: hybrid search, BM25 over FTS5 and dense over FAISS; passages (for answering) fused by reciprocal rank,
documents (for search --documents) by a weighted mix of normalised scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

import numpy as np

from askdocs.answering.query import Query, parse_query
from askdocs.config import Settings
from askdocs.encoders import choose
from askdocs.encoders.base import Encoder
from askdocs.encoders.memo import VectorMemo
from askdocs.errors import AskdocsError, IndexEmpty
from askdocs.ingest.columns import markdown_column, read_checked
from askdocs.ingest.layout import FILE_KINDS, Layout
from askdocs.store.checks import OPEN_CHECKED_BYTES
from askdocs.store.filters import Filter
from askdocs.store.index_store import IndexStore, Passage, StoredDocument
from askdocs.text.excerpt import Preview, Shown, past_header, previews, query_words
from askdocs.text.keywords import idf
from askdocs.text.normalize import fts_quote

RRF_K = 60
CANDIDATES = 50
DOCUMENT_CANDIDATES = 100
"""Documents each half of document search ranks (at least) before they are mixed. At the 5 to 10 results a search
shows, 100 scored up to 0.016 more nDCG@10 than 20 on bench/search_quality.py (lead) and never less, for 0.4-2 ms
more a search: bench/README.md, run of 2026-12-06."""
TITLE_WEIGHT = 2.0
"""bm25() weight of a document's title against its text (1): lead -> story nDCG@10 0.765 at 1, 0.772 at 2."""
LEAD_READ = 200
"""Characters read before a passage that starts inside a line, for how long that line is (see excerpt.Shown.lead)."""
MIN_WEIGHT = 0.01
"""The least a query word weighs in a preview's choice, however common: sharing it still beats sharing nothing."""
KEYWORD_SHARE = 0.5
"""Weight of the keyword half in document search, the dense half has the rest: 0.6 scored up to 0.007 more on the
generated news, whose templated text favours words; 0.5 keeps the dense half's weight for real news."""


def _rank_evidence(hit: Hit | DocumentHit) -> dict[str, object]:
    """The JSON fields that say why a passage or a document ranks where it does."""
    return {
        "score": round(hit.score, 6),
        "lexical_rank": hit.lexical_rank,
        "dense_rank": hit.dense_rank,
        "dense_score": None if hit.dense_score is None else round(hit.dense_score, 4),
    }


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
        """The passage as JSON: its `text` is the stored slice of its document's text, `start` to `end`."""
        p = self.passage
        return {
            "rank": self.rank,
            "path": p.path,
            "start": p.start,
            "end": p.end,
            "line": p.line,
            "where": p.where,
            **_rank_evidence(self),
            "text": p.text,
        }


@dataclass(frozen=True)
class DocumentHit:
    """A retrieved document with the evidence for its rank."""

    document: StoredDocument
    score: float
    """Mixed score in [0, 1] (see `convex_fusion`)."""
    rank: int
    lexical_rank: int | None = None
    lexical_score: float | None = None
    dense_rank: int | None = None
    dense_score: float | None = None
    passage_id: int | None = None
    """The document's passage closest in meaning, when the dense half found it."""

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "path": self.document.path,
            "title": self.document.title,
            **_rank_evidence(self),
        }


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse ranked id lists: score(id) = sum 1/(k + rank); ties keep first-seen order."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


class Answered(Protocol):
    """What answer_previews reads of an answer (askdocs.answering.Answer), without importing answering here."""

    @property
    def question(self) -> str: ...
    @property
    def rewritten(self) -> str | None: ...
    @property
    def hits(self) -> tuple[Hit, ...]: ...
    @property
    def related(self) -> tuple[Hit, ...]: ...
    @property
    def ranked(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def cited(self) -> tuple[tuple[str, int], ...]: ...


class Retriever:
    """Keeps the store and the model open so that many questions pay the load cost once; with a `scope`, every
    search (words, meaning, sentences, documents) looks only at the documents it admits, before ranking."""

    def __init__(self, store: IndexStore, embedder: Encoder, settings: Settings, scope: Filter | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._embed = lru_cache(maxsize=256)(self.embedder.encode_query)
        self._memo = VectorMemo(embedder)
        self._weights = lru_cache(maxsize=64)(self._word_weights)
        self._sentences: int | None = None
        """The index's sentences, counted once a search for the previews' word weights."""
        self.scope = scope
        self._allowed = store.restrict(scope)
        """Passage ids the scope admits, or None when it leaves nothing out."""
        self.undated = store.undated(scope)
        """The documents the scope's dates leave out only for want of a publication date, to be told of."""
        self._read: dict[int, tuple[Shown, Layout]] = {}
        """What previews read of each passage since the last search, by passage id (see `_reads`)."""
        self._files: dict[int, bytes] = {}
        """The Markdown files previews read since the last search, by document id (see `column`), until the
        answer's previews are made (`answer_previews`)."""

    @property
    def admits_nothing(self) -> bool:
        """True when the scope leaves no passage to search: say so instead of "not found"."""
        return self._allowed is not None and len(self._allowed) == 0

    @classmethod
    def open(cls, settings: Settings, embedder: Encoder | None = None, scope: Filter | None = None) -> Retriever:
        """Open the index at settings.index, refusing one built with another model; `scope` filters documents."""
        store = IndexStore.open(settings.index)
        try:  # another model that is not installed: said so, not "rebuild with it"
            store.require_sound(OPEN_CHECKED_BYTES)  # damage a search would not read stops it too (a small index)
            choose.require_index_model(store, settings.model, encoder_given=embedder is not None)
        except Exception:
            store.close()
            raise
        if embedder is None:
            embedder = choose.for_questions(
                settings.model, threads=settings.threads, index_dir=settings.index, label=store.encoder
            )
        try:
            return cls(store, embedder, settings, scope)
        except Exception:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()

    def require_passages(self) -> None:
        """IndexEmpty, naming the corpus folder, when the index holds no passage: a search could only come back
        empty, and "not found" would suggest that documents were searched."""
        if not self.store.has_passages():
            from askdocs.ingest.documents import discover, display_path, relative_name
            from askdocs.store import skipped

            tried = skipped.load(self.settings.index)  # files a run skipped: another run would skip them too
            corpus = self.settings.corpus
            try:
                found = discover(corpus, outside_links=self.settings.outside_links)
                waiting = any(relative_name(corpus, p) not in tried for p in found)
            except AskdocsError:  # a bad .askdocsignore: `askdocs index` names it, so that is the advice
                waiting = True
            raise IndexEmpty(display_path(corpus, "").rstrip("/") + "/", waiting)

    def embed_query(self, text: str) -> np.ndarray:
        """The question's vector, cached: answer building asks for it again."""
        return self._embed(text)

    def sentence_vectors(self, texts: list[str]) -> np.ndarray:
        """The vectors of candidate sentences (and their contexts), each embedded once while the index is open."""
        return self._memo.encode(texts)

    def previews(
        self,
        hits: Sequence[Hit],
        query: str,
        ranked: Sequence[tuple[str, int]] = (),
        cited: Sequence[tuple[str, int]] = (),
    ) -> list[Preview]:
        """One-line previews of `hits`, each opening on its best sentence in `ranked` (document path, start; an
        answerer's ranking, best first) that is `cited` or shares a word of `query`, else on its sentence whose
        words shared with `query` weigh most (rare words more: `_word_weights`), with that sentence's line in the
        file (as its citation would give it), never on a text file's header lines; overlapping hits do not open on
        one sentence twice (see excerpt.previews)."""
        read = self._reads(hits)
        found = previews([read[h.passage.id][0] for h in hits], query, self._weights(query), ranked, frozenset(cited))
        return [
            replace(
                v,
                column=self.column(h.passage.doc_id, read[h.passage.id][1], v, self._files),
                where=_place(read[h.passage.id][1], v),
                file_line=read[h.passage.id][1].kind in FILE_KINDS,
            )
            for h, v in zip(hits, found, strict=True)
        ]

    def _word_weights(self, query: str) -> dict[str, float]:
        """Each content word of `query` by stem, weighed by its rarity among the index's sentences (IDF, from exact
        counts: see SentenceSearch.sentence_frequency): a preview opens on the sentence with the query's rare words,
        not on one that only repeats "said" or "year"."""
        search = self.store.sentence_search
        if self._sentences is None:  # counted once a search: previews then weigh each question's words on it
            self._sentences = search.count()
        total = max(self._sentences, 1)
        out = {}
        for key, word in query_words(query).items():
            if fts_quote(word):
                df = search.sentence_frequency(word)
                out[key] = max(idf(df, total), MIN_WEIGHT)
        return out

    def _reads(self, hits: Sequence[Hit]) -> dict[int, tuple[Shown, Layout]]:
        """What a preview reads of each hit's passage (its sentences, the start of its line, its document's
        layout), kept until the next search: a refusal previews its related passages to tell them apart, then
        again to show them, and reads them once."""
        new = [h.passage for h in hits if h.passage.id not in self._read]
        laid = self.store.layouts([p.doc_id for p in new])  # each document's layout parsed once
        for p in new:
            sentences = self.store.sentences(p.doc_id, p.first_sentence, p.last_sentence)
            layout = laid[p.doc_id]
            lead = self.store.document_text(p.doc_id, max(0, p.start - LEAD_READ), p.start) if p.start else ""
            line_start = lead.rsplit("\n", 1)[-1]
            passage = Shown(p.path, p.text, p.start, p.line, sentences, layout.soft_breaks, line_start, layout.blanked)
            self._read[p.id] = past_header(passage, layout.header_end), layout
        return {h.passage.id: self._read[h.passage.id] for h in hits}

    def in_header(self, hit: Hit) -> bool:
        """Whether a hit's passage lies wholly in its document's header (the "Title: ..." lines a text file opens
        with): a search may find it by those words, but it holds nothing to read as related text."""
        p = hit.passage
        return p.start + len(p.text.rstrip()) <= self.store.layout(p.doc_id).header_end

    def column(
        self, doc_id: int, layout: Layout, shown: Preview, files: dict[int, bytes], reach: int = 4000
    ) -> int | None:
        """The column where a preview starts on its line: in a text file, from the indexed text just before it (so a
        big document is not read whole; None past `reach` characters into a line); in a Markdown file that has not
        changed since it was indexed (`files` keeps it by document), where its opening stands in the file's line;
        None for other formats. `layout` is the document's."""
        if layout.kind == "markdown":
            if doc_id not in files:
                doc = self.store.documents_by_id([doc_id]).get(doc_id)
                checked = read_checked(self.settings.corpus / doc.path, doc.sha256) if doc else ("missing", b"")
                files[doc_id] = checked[1]  # empty unless unchanged
            return markdown_column(files[doc_id], shown.line, shown.text) if files[doc_id] else None
        before = self.store.document_text(doc_id, max(0, shown.start - reach), shown.start)
        found = layout.column(before, len(before))
        return found if found is not None and (found <= len(before) or shown.start <= reach) else None

    def answer_previews(self, answer: Answered) -> dict[int, Preview]:
        """By passage id: where each of an answer's passages and related passages opens for its question, on the
        sentence of it the answer ranked best when it ranked one."""
        listed = list({h.passage.id: h for h in (*answer.hits, *answer.related)}.values())
        shown = self.previews(listed, answer.rewritten or answer.question, answer.ranked, answer.cited)
        self._files = {}  # whole Markdown files: not kept by a long-lived retriever (the chat's) past their use
        return {h.passage.id: preview for h, preview in zip(listed, shown, strict=True)}

    def search(self, question: str | Query, k: int | None = None) -> list[Hit]:
        """The k best passages for a question, best first."""
        self.require_passages()
        self._read, self._files = {}, {}  # another question: its passages' previews are read anew
        self._weights.cache_clear()  # and its words weighed against the index as it is now
        self._sentences = None
        query = parse_query(question) if isinstance(question, str) else question
        k = k or self.settings.top_k
        lexical = self.store.lexical(query.fts, CANDIDATES)
        dense = self.store.vectors().search(self.embed_query(query.text), CANDIDATES, self._allowed)
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

    def search_documents(self, question: str | Query, k: int = 10, side: str = "hybrid") -> list[DocumentHit]:
        """The k best documents, best first: BM25 over whole documents (title weighted) and each document's best
        passage by meaning, normalised and mixed (`convex_fusion`, `KEYWORD_SHARE`); side="keyword" or "dense" ranks
        by one half alone. (A bonus for the question's names matched as phrases was measured and left out:
        bench/README.md.)"""
        self.require_passages()
        query = parse_query(question) if isinstance(question, str) else question
        n = max(k, DOCUMENT_CANDIDATES)
        lexical: list[tuple[int, float]] = []
        if side != "dense":
            lexical = self.store.lexical_documents(keyword_query(query), n, (TITLE_WEIGHT, 1.0))
        dense: dict[int, tuple[float, int]] = {}
        if side != "keyword":
            found = self.store.vectors().search(self.embed_query(query.text), 2 * n, self._allowed)
            passages = self.store.passages([pid for pid, _ in found])
            for pid, score in found:
                if pid in passages and passages[pid].doc_id not in dense and len(dense) < n:
                    dense[passages[pid].doc_id] = (score, pid)
        share = {"keyword": 1.0, "dense": 0.0}.get(side, KEYWORD_SHARE)
        complete = len(lexical) < n  # every document the keywords match: the others score 0 by BM25
        fused = convex_fusion(lexical, [(d, s) for d, (s, _) in dense.items()], share, complete)[:k]
        documents = self.store.documents_by_id([d for d, _ in fused])
        lex = {d: (rank, score) for rank, (d, score) in enumerate(lexical, start=1)}
        den = {d: (rank, score, pid) for rank, (d, (score, pid)) in enumerate(dense.items(), start=1)}
        hits = []
        for d, score in fused:
            if d in documents:
                lr, ls = lex.get(d, (None, None))
                dr, ds, pid = den.get(d, (None, None, None))
                hits.append(DocumentHit(documents[d], score, len(hits) + 1, lr, ls, dr, ds, pid))
        return hits

    def rank_documents(self, question: str | Query, depth: int = 100, side: str = "hybrid") -> list[str]:
        """Document paths best first, by the hybrid search or one half of it ("keyword", "dense")."""
        return [h.document.path for h in self.search_documents(question, depth, side)]


def keyword_query(query: Query) -> str:
    """The FTS5 query of document search: an OR of the content words. Names and phrases are not added as OR parts
    of their own: their words are already there, and extra parts dilute every other word's weight. A query of small
    words only ("The Who") has no content word: its phrases are the query, as in passage search, so the keyword half
    finds the documents that say it."""
    return " OR ".join(dict.fromkeys(q for q in map(fts_quote, query.terms or query.phrases) if q))


def _min_max(scores: list[tuple[int, float]], low: float | None = None) -> dict[int, float]:
    """Scores scaled to [0, 1]: the best is 1, the list's worst is 0, or `low` when that is lower."""
    if not scores:
        return {}
    high, worst = max(s for _, s in scores), min(s for _, s in scores)
    low = worst if low is None else min(low, worst)
    return {i: (s - low) / (high - low) if high > low else 1.0 for i, s in scores}


def convex_fusion(
    lexical: list[tuple[int, float]],
    dense: list[tuple[int, float]],
    share: float,
    lexical_complete: bool = False,
) -> list[tuple[int, float]]:
    """score = share * keyword + (1 - share) * dense, each min-max normalised over its own list (absent = 0).
    With `lexical_complete` (the keyword list holds every document the words match), the keyword scale starts at
    BM25's 0, the score of the documents left out: the worst match keeps its share, not the 0 of a document without
    the words ("scaffolding" in 2 documents of 10 put the second, 1.60 against 1.71, level with those)."""
    lex, den = _min_max(lexical, 0.0 if lexical_complete else None), _min_max(dense)
    scores = {i: share * lex.get(i, 0.0) + (1.0 - share) * den.get(i, 0.0) for i in {**lex, **den}}
    return sorted(scores.items(), key=lambda kv: -kv[1])


def _place(layout: Layout, shown: Preview) -> str:
    """Where a preview's sentence is ("p.3", "§ Grants ¶2"), not where its passage starts: a passage of a Word file
    or PDF can begin a section or page before the sentence that matched."""
    return layout.place(shown.start, shown.end, shown.line).where
