"""`askdocs eval`: the user's own quality check, a file of questions with the answers they expect."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.errors import EXIT_NOT_FOUND, EXIT_OK


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total}  {100.0 * hits / total:5.1f}%" if total else "-"


def report_table(report, path: Path, minimum: float) -> str:  # noqa: ANN001 - EvalReport, imported lazily
    """The figures, then each question that went wrong."""
    counts = report.as_dict()["counts"]
    passed = report.score >= minimum
    lines = [
        f"{path}: {counts['questions']} questions "
        f"({counts['answerable']} answerable, {counts['unanswerable']} unanswerable)",
        "",
        f"  answer accuracy     {_share(counts['answered_correctly'], counts['answerable'])}",
        f"  citation accuracy   {_share(counts['cited_correctly'], counts['answerable'])}",
        f"  short answers       {_share(counts['short_correct'], counts['answerable'])}",
        f"  correct refusals    {_share(counts['refused_correctly'], counts['unanswerable'])}",
        f"  false answers       {report.false_answers}",
        f"  score               {_share(sum(r.ok for r in report.results), counts['questions'])}"
        f"   (minimum {100.0 * minimum:.1f}%: {'passed' if passed else 'FAILED'})",
        f"  mean time           {report.mean_seconds:.2f} s per question",
    ]
    failures = [r for r in report.results if r.failure]
    if failures:
        lines += ["", "Failures:"]
        for r in failures:
            mark = "" if not r.ok else " (answer right)"
            lines.append(f"  line {r.case.line}: {r.case.question}")
            lines.append(f"      {r.failure}{mark}")
            if r.found and r.short:
                lines.append(f"      short answer: {r.short}")
    return "\n".join(lines)


@click.command(name="eval")
@common_options
@click.argument("qa_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--min",
    "minimum",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Exit 1 when the score (share of questions handled right) is below this.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("-k", "--top-k", type=click.IntRange(1, 100), default=None, help="Passages to retrieve.")
def eval_command(corpus, index_dir, model, qa_file: Path, minimum: float, as_json: bool, top_k: int | None) -> None:  # noqa: ANN001
    """Ask every question of QA_FILE (JSONL or YAML) and score the answers.

    \b
    Each entry: {"question": "...", "answer_contains": ["...", ...], "source": "file.txt"}
    or {"question": "...", "unanswerable": true}. Exits 0 when the score reaches --min, 1 below it.
    """
    from askdocs.answering import answer_question
    from askdocs.cli.render import dumps
    from askdocs.evaluation import load_cases, run_eval
    from askdocs.retrieval import Retriever

    cases = load_cases(qa_file)
    settings = settings_from(corpus, index_dir, model, top_k=top_k)
    retriever = Retriever.open(settings)
    try:
        report = run_eval(lambda q: answer_question(retriever, q), cases)
    finally:
        retriever.close()
    if as_json:
        click.echo(dumps({"file": str(qa_file), "minimum": minimum, **report.as_dict()}))
    else:
        click.echo(report_table(report, qa_file, minimum))
    sys.exit(EXIT_OK if report.score >= minimum else EXIT_NOT_FOUND)
