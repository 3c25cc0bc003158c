"""`askdocs eval-search`: ranking quality of document search on judged queries (BEIR/TREC files), by pytrec_eval."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.errors import UsageError
from askdocs.text.counts import count

MEASURES = ("ndcg@10", "recall@10", "recall@100", "mrr@10")
DEPTH = 100
"""Documents ranked per query: enough for recall@100."""


def read_queries(path: Path) -> dict[str, str]:
    """Query id -> text, from BEIR JSONL ({"_id", "text"} a line) or TSV (id, tab, text; a header is skipped)."""
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                row = json.loads(line)
                out[str(row["_id"])] = str(row["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageError(f"{path}:{number}: not a query object with _id and text ({exc})") from None
            continue
        qid, sep, text = line.partition("\t")
        if not sep:
            raise UsageError(f"{path}:{number}: expected JSON or 'id<TAB>text'")
        if number == 1 and qid.strip().lower() in {"_id", "id", "query-id", "qid"}:
            continue
        out[qid.strip()] = text.strip()
    return out


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Query id -> {document path: grade}, from a TSV of query-id, corpus-id, score (TREC's 4 columns work too)."""
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not "".join(row).strip():
                continue
            if len(row) == 4:  # TREC: qid iter docid rel
                row = [row[0], row[2], row[3]]
            if len(row) != 3:
                raise UsageError(f"{path}:{number}: expected query-id<TAB>corpus-id<TAB>score")
            try:
                grade = int(float(row[2]))
            except ValueError:
                if number == 1:
                    continue  # header
                raise UsageError(f"{path}:{number}: the score {row[2]!r} is not a number") from None
            qrels.setdefault(row[0].strip(), {})[row[1].strip()] = grade
    return qrels


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


@click.command("eval-search")
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
    """Score document search on QUERIES (BEIR JSONL or TSV) against QRELS (query-id, document path, grade)."""
    from askdocs.retrieval import Retriever

    asked = read_queries(queries)
    judged = read_qrels(qrels)
    unknown = sorted(set(judged) - set(asked))
    if unknown:
        raise UsageError(
            f"{qrels}: {count(len(unknown), 'judged query', 'judged queries')} {'is' if len(unknown) == 1 else 'are'}"
            f" not in {queries} (first: {unknown[0]})"
        )
    asked = {q: text for q, text in asked.items() if q in judged}
    retriever = Retriever.open(settings_from(corpus, index_dir, model))
    try:
        runs, median = rank_all(asked, lambda text: retriever.rank_documents(text, DEPTH, side))
    finally:
        retriever.close()
    figures = evaluate(runs, judged)
    if as_json:
        click.echo(json.dumps({"queries": len(asked), "side": side, **figures, "median_seconds": median}, indent=2))
        return
    click.echo(f"{count(len(asked), 'query', 'queries')}, {side} search, median {1000 * median:.1f} ms a query")
    for name in MEASURES:
        click.echo(f"  {name:<11} {figures[name]:.4f}")
