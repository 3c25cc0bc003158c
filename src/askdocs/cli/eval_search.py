"""`askdocs eval-search`: ranking quality of document search on judged queries (BEIR/TREC files), by pytrec_eval."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import click

from askdocs.cli.options import Command, common_options, settings_from
from askdocs.errors import UsageError
from askdocs.judgements import DocumentNames, Matched, match_documents, read_qrels, read_queries
from askdocs.text.counts import count

MEASURES = ("ndcg@10", "recall@10", "recall@100", "mrr@10")
DEPTH = 100
"""Documents ranked per query: enough for recall@100."""


def evaluate(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """Mean nDCG@10, recall@10/100 and MRR@10 of ranked document lists over the judged queries (pytrec_eval)."""
    import pytrec_eval

    judged = {q: dict(rel) for q, rel in qrels.items() if any(g > 0 for g in rel.values())}
    if not judged:
        return dict.fromkeys(MEASURES, 0.0)

    def scored(depth: int) -> dict[str, dict[str, float]]:
        # trec_eval orders by score: give strictly falling scores so askdocs' order is kept exactly
        return {q: {doc: float(depth - i) for i, doc in enumerate(runs.get(q, ())[:depth])} or {} for q in judged}

    full = pytrec_eval.RelevanceEvaluator(judged, {"ndcg_cut.10", "recall.10,100"}).evaluate(scored(DEPTH))
    top = pytrec_eval.RelevanceEvaluator(judged, {"recip_rank"}).evaluate(scored(10))

    def mean(table: dict[str, dict[str, float]], key: str) -> float:
        return sum(table.get(q, {}).get(key, 0.0) for q in judged) / len(judged)

    return {
        "ndcg@10": mean(full, "ndcg_cut_10"),
        "recall@10": mean(full, "recall_10"),
        "recall@100": mean(full, "recall_100"),
        "mrr@10": mean(top, "recip_rank"),
    }


def rank_all(queries: Mapping[str, str], rank: Callable[[str], list[str]]) -> tuple[dict[str, list[str]], float]:
    """Every query's ranked document paths, and the median seconds a query took."""
    runs: dict[str, list[str]] = {}
    times = []
    for qid, text in queries.items():
        started = time.perf_counter()
        runs[qid] = rank(text)
        times.append(time.perf_counter() - started)
    times.sort()
    return runs, times[len(times) // 2] if times else 0.0


ID_FORMS = (
    "a document id is its path relative to the corpus folder, a path to the file (as `askdocs docs` prints it),"
    " or a file name no other indexed document shares"
)
SHOWN = 3
"""Unmatched document ids named in the warning."""


def matched_judgements(judged: dict[str, dict[str, int]], names: DocumentNames, qrels: Path) -> Matched:
    """The judgements keyed by indexed paths; a warning for ids naming no indexed document, and a usage error
    when no document graded relevant is indexed (every figure would be a silent 0)."""
    from askdocs.cli.render import say

    if not any(grade > 0 for grades in judged.values() for grade in grades.values()):
        raise UsageError(f"{qrels}: no document is graded above 0, so there is nothing to find")
    matched = match_documents(judged, names, qrels)
    missing = matched.unmatched
    examples = ", ".join(repr(m) for m in missing[:SHOWN]) + (
        f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
    )
    if not matched.relevant_found:
        raise UsageError(f"{qrels}: no document it grades relevant is in the index (ids like {examples}); {ID_FORMS}")
    if missing:
        total = len({doc for grades in judged.values() for doc in grades})
        say(
            f"askdocs: warning: {qrels}: {len(missing)} of {count(total, 'document id')} name no indexed document"
            f" and count as never found: {examples}",
            err=True,
        )
    return matched


@click.command("eval-search", cls=Command)
@common_options
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("qrels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--side",
    type=click.Choice(["hybrid", "keyword", "dense"]),
    default="hybrid",
    show_default=True,
    help="Rank with the whole search or one half of it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def eval_search(corpus, index_dir, model, queries: Path, qrels: Path, side: str, as_json: bool) -> None:  # noqa: ANN001
    """Score document search on QUERIES (BEIR JSONL, or id and text a line) against QRELS (BEIR: query-id,
    document, grade; or TREC's four columns; tabs or spaces between them).

    A document is named by its path relative to the corpus folder, a path to the file (absolute, or from the
    working folder), or its file name when no other indexed document has that name.
    """
    from askdocs.retrieval import Retriever

    asked = read_queries(queries)
    judged = read_qrels(qrels)
    if not judged:
        raise UsageError(f"{qrels}: no judgements in it")
    unknown = sorted(set(judged) - set(asked))
    if unknown:
        raise UsageError(
            f"{qrels}: {count(len(unknown), 'judged query', 'judged queries')} {'is' if len(unknown) == 1 else 'are'}"
            f" not in {queries} (first: {unknown[0]})"
        )
    asked = {q: text for q, text in asked.items() if q in judged}
    retriever = Retriever.open(settings_from(corpus, index_dir, model))
    try:
        names = DocumentNames(retriever.store.documents(), retriever.settings.corpus, Path.cwd())
        matched = matched_judgements(judged, names, qrels)
        runs, median = rank_all(asked, lambda text: retriever.rank_documents(text, DEPTH, side))
    finally:
        retriever.close()
    figures = evaluate(runs, matched.qrels)
    if as_json:
        summary = {"queries": len(asked), "side": side, **figures, "median_seconds": median}
        click.echo(json.dumps({**summary, "unmatched_ids": len(matched.unmatched)}, indent=2))
        return
    click.echo(f"{count(len(asked), 'query', 'queries')}, {side} search, median {1000 * median:.1f} ms a query")
    for name in MEASURES:
        click.echo(f"  {name:<11} {figures[name]:.4f}")
