"""`askdocs search`: the best passages for a text, with scores and citations, no answer."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from askdocs.cli.exits import decided
from askdocs.cli.options import (
    Command,
    checked_text,
    common_options,
    filter_from,
    filter_options,
    json_option,
    settings_from,
    top_k_option,
)
from askdocs.errors import EXIT_NOT_FOUND, EXIT_OK
from askdocs.project import require_project

if TYPE_CHECKING:
    from askdocs.retrieval import DocumentHit, Hit, Retriever


@click.command(cls=Command)
@common_options
@filter_options
@click.argument("text")
@top_k_option("How many results [default: 5].")
@click.option("--documents", is_flag=True, help="Rank whole documents (title and text) instead of passages.")
@json_option()
def search(  # noqa: ANN001
    corpus,
    index_dir,
    model,
    since: str | None,
    until: str | None,
    path_patterns: tuple[str, ...],
    text: str,
    top_k: int | None,
    documents: bool,
    as_json: bool,
) -> None:
    """List the passages (or --documents) that best match TEXT (hybrid: words and meaning); --since, --until and
    --path limit the documents searched (before ranking). Exits 1 when nothing is found, as ask does when the
    documents do not answer."""
    from askdocs.cli.render import (
        dumps,
        filter_json,
        hit_line,
        index_json,
        match_json,
        note_undated,
        say,
        warn_export,
        warn_if_corpus_missing,
        warn_unsaved,
    )
    from askdocs.ingest.documents import display_path
    from askdocs.retrieval import Retriever

    text = checked_text(text, "the search text")
    settings = settings_from(corpus, index_dir, model, top_k=top_k)
    scope = filter_from(since, until, path_patterns, settings.corpus)
    require_project(settings)  # outside a project folder: one line saying where askdocs looked
    warn_if_corpus_missing(settings, elsewhere=True)
    retriever = Retriever.open(settings, scope=scope)
    warn_export(settings, retriever.store.encoder)
    try:
        undated = retriever.undated
        facts = {"filter": filter_json(scope, undated), "index": index_json(retriever.store.info())}
        if documents:
            found = retriever.search_documents(text.strip(), settings.top_k)
            decided(EXIT_OK if found else EXIT_NOT_FOUND)
            states = file_states(retriever, [h.document.path for h in found])
            matched = keyword_match(found, text, retriever)
            offered = () if matched else spellings(retriever, text)
            _print_documents(text, found, settings.corpus, as_json, facts, states, matched, offered)
            if not as_json:
                note_undated(undated, settings.corpus)
            _exit_if_none(found)
            return
        hits = retriever.search(text.strip(), settings.top_k)
        decided(EXIT_OK if hits else EXIT_NOT_FOUND)
        shown = retriever.previews(hits, text)
        states = file_states(retriever, [h.passage.path for h in hits])
        nothing_admitted = retriever.admits_nothing
        matched = keyword_match(hits, text, retriever)
        offered = () if matched else spellings(retriever, text)
    finally:
        warn_unsaved(settings, retriever.store)
        retriever.close()
    if as_json:
        rows = []
        for h, preview in zip(hits, shown, strict=True):
            row = h.as_dict()
            row["path"] = display_path(settings.corpus, h.passage.path)
            row["status"] = states.get(h.passage.path, "ok")
            row["match"] = match_json(preview, h.passage.where)
            row["line"] = row["line"] if preview.file_line else None  # a line of extracted text is no file line
            rows.append(row)
        click.echo(dumps({"query": text, "passages": rows, "keyword_match": matched, "did_you_mean": offered, **facts}))
        _exit_if_none(hits)
        return
    if not hits and scope is not None and nothing_admitted:
        say(scope.admits_none())
    elif not hits:
        click.echo("no passages match")
    for h, preview in zip(hits, shown, strict=True):
        click.echo(hit_line(h, settings.corpus, preview, flagged(states, settings.corpus).get(h.passage.path, "ok")))
    _note_meaning_only(hits, matched, "passage", offered)
    note_undated(undated, settings.corpus)
    _exit_if_none(hits)


MATCHED_PASSAGES = 3
"""Passages of a document found by keywords that are read for whether it uses the query's words, besides its title
(never its whole text, which may be megabytes)."""


def keyword_match(found: Sequence[Hit] | Sequence[DocumentHit], text: str, retriever: Retriever) -> bool:
    """Whether any result uses one of the query's words (askdocs.text.keywords: in any of its forms, but not a
    misspelling the keyword index's stemmer reads as the word, which ranks it all the same): when none does, the
    results are only the closest in meaning (the dense half always finds something, even for words the documents
    never use). A document is read only when the keyword half found it: its title and the few passages of it the
    keyword index matches. A query of small words only ("The Who") has no word to compare: the keyword half
    finding a result is the match."""
    from askdocs.answering.query import parse_query
    from askdocs.retrieval import Hit, keyword_query
    from askdocs.text.keywords import uses_words

    query = parse_query(text)
    if not query.terms:
        return any(h.lexical_rank for h in found)
    for h in found:
        if not h.lexical_rank:
            continue
        if isinstance(h, Hit):
            said = h.passage.text
        else:
            passages = retriever.store.matching_passages(h.document.id, keyword_query(query), MATCHED_PASSAGES)
            said = "\n".join([h.document.title, *passages])
        if uses_words(said, query.terms):
            return True
    return False


def _note_meaning_only(
    found: Sequence[Hit] | Sequence[DocumentHit], matched: bool, what: str, offered: Sequence[str] = ()
) -> None:
    """A note on stderr when results were found but none uses the query's words, with the spellings the corpus
    uses of the words no sentence does ("did you mean “pumpkin”?")."""
    from askdocs.cli.render import say

    if found and not matched:
        also = f" (did you mean {', '.join(f'“{w}”' for w in offered)}?)" if offered else ""
        say(f"note: no {what} uses the query's words; these are only the closest in meaning{also}", err=True)


def spellings(retriever: Retriever, text: str) -> tuple[str, ...]:
    """The corpus's closest spellings of the query's words that no sentence uses ("pumpkin" for "pumpkn"), each
    once: read only when no result uses the query's words."""
    from askdocs.answering.query import parse_query
    from askdocs.text.normalize import fts_quote

    sentences = retriever.store.sentence_search
    offers = []
    for term in parse_query(text).terms:
        quoted = fts_quote(term)
        if quoted and sentences.document_frequency(quoted) == 0 and (close := sentences.close_word(term)):
            offers.append(close)
    return tuple(dict.fromkeys(offers))


def _exit_if_none(found: Sequence[object]) -> None:
    """Exit 1 when nothing was found (a filter that admits no document, say), as `ask` does when not answered."""
    if not found:
        sys.exit(EXIT_NOT_FOUND)


def file_states(retriever: Retriever, paths: list[str]) -> dict[str, str]:
    """'ok', 'changed' or 'missing' for each file, as a citation says it (size and time first, as the library)."""
    from askdocs.answering.citations import indexed_status

    corpus = retriever.settings.corpus
    states = {}
    for path in dict.fromkeys(paths):
        d = retriever.store.document(path)
        states[path] = indexed_status(corpus, path, d.size, d.mtime, d.sha256) if d is not None else "ok"
    return states


def flagged(states: dict[str, str], corpus: Path) -> dict[str, str]:
    """The states the text output marks one by one: none when the whole corpus folder is missing (said once)."""
    return states if corpus.is_dir() else {}


def _print_documents(
    text: str,
    found: list[DocumentHit],
    corpus: Path,
    as_json: bool,
    facts: dict,
    states: dict[str, str],
    matched: bool,
    offered: Sequence[str] = (),
) -> None:
    """Documents as JSON, or one line each: rank, path, title and score (and whether the file changed since)."""
    from askdocs.cli.render import dumps, stale
    from askdocs.ingest.documents import display_path
    from askdocs.text.safe import clean, name

    if as_json:
        rows = [
            {**h.as_dict(), "path": display_path(corpus, h.document.path), "status": states.get(h.document.path, "ok")}
            for h in found
        ]
        click.echo(
            dumps({"query": text, "documents": rows, "keyword_match": matched, "did_you_mean": offered, **facts})
        )
        return
    if not found:
        click.echo("no documents match")
    for h in found:
        where = name(display_path(corpus, h.document.path))
        flag = stale(flagged(states, corpus).get(h.document.path, "ok"))
        click.echo(f"{h.rank}. {where} ({document_evidence(h)}){flag}\n   {clean(h.document.title, lines=False)}")
    _note_meaning_only(found, matched, "document", offered)


def document_evidence(hit: DocumentHit) -> str:
    """Why a document ranks where it does, in words: its rank by keywords, its best passage's cosine, and the mixed
    score. The mixed score is relative to the candidates (the last of a small corpus scores 0), so it is not shown
    alone."""
    from askdocs.cli.render import cosine

    parts = [f"keyword #{hit.lexical_rank}" if hit.lexical_rank else "no keyword match"]
    if hit.dense_score is not None:
        parts.append(f"cos={cosine(hit.dense_score)}")
    return ", ".join(parts) + f"; mixed score {hit.score:.2f}"
