"""`askdocs eval`: the user's own quality check, a file of questions with the answers they expect."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from askdocs.cli.exits import decided
from askdocs.cli.options import Command, common_options, settings_from, top_k_option
from askdocs.errors import EXIT_NOT_FOUND, EXIT_OK


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total}  {100.0 * hits / total:5.1f}%" if total else "-"


def _percent(share: float | None) -> str:
    return f"{100.0 * share:.1f}%" if share is not None else "-"


def _minimum(score: float, minimum: float) -> str:
    """What --min decided, when it was given."""
    if not minimum:
        return ""
    return f"   (--min {100.0 * minimum:.1f}%: {'passed' if score >= minimum else 'FAILED'})"


def _kinds(report) -> str:  # noqa: ANN001 - EvalReport
    """The refusals of each kind of unanswerable question the file names ("adversarial 3/5, plain 3/3")."""
    kinds = report.refusals_by_kind()
    return "   (" + ", ".join(f"{k} {n}/{m}" for k, (n, m) in kinds.items()) + ")" if kinds else ""


def report_table(report, path: Path, minimum: float) -> str:  # noqa: ANN001 - EvalReport, imported lazily
    """The figures, then each question that went wrong."""
    counts = report.as_dict()["counts"]
    cited = report.sentences_cited
    lines = [
        f"{path}: {counts['questions']} questions "
        f"({counts['answerable']} answerable, {counts['unanswerable']} unanswerable)",
        "",
        f"  answered            {_share(counts['answered'], counts['answerable'])}   (given an answer, right or not)",
        f"  answer accuracy     {_share(counts['answered_correctly'], counts['answerable'])}",
        f"  citation accuracy   {_share(counts['cited_correctly'], counts['answerable'])}"
        + (f"   (sentences cited per answer: {cited:.2f})" if cited is not None else ""),
        f"  short answers       {_share(counts['short_correct'], counts['answerable'])}"
        f"   (shown {_percent(report.short_shown)}, right when shown {_percent(report.short_precision)})",
        f"  correct refusals    {_share(counts['refused_correctly'], counts['unanswerable'])}" + _kinds(report),
        f"  false answers       {report.false_answers}   (answers given that are wrong or answer nothing asked)",
        f"  score               {_share(sum(r.ok for r in report.results), counts['questions'])}"
        f"   (questions answered right or rightly refused){_minimum(report.score, minimum)}",
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


def squad_table(figures: dict, path: Path, minimum: float, score: float) -> str:  # noqa: ANN001
    """SQuAD-style figures of a reading-comprehension file."""

    def share(key: str) -> str:
        value = figures[key]
        return "-" if value is None else f"{100 * value:5.1f}%"

    return "\n".join(
        [
            f"{path}: {figures['questions']} questions ({figures['answerable']} answerable, "
            f"{figures['unanswerable']} unanswerable), SQuAD 2.0 format",
            "",
            f"  short answers       F1 {figures['f1'] or 0:5.1f}   exact match {figures['exact_match'] or 0:5.1f}"
            "   (over answerable questions; 0 when none is shown)",
            f"  short answers shown {share('short_shown')}   right when shown (F1 >= 0.5) {share('short_precision')}",
            f"  cited holds answer  {share('cited_contains_answer')}   "
            f"(sentences cited per answer: {figures['sentences_cited'] or 0:.2f})",
            f"  answered            {share('answered')} of answerable",
            f"  refused             {share('refused')} of unanswerable",
            f"  false answers       {figures['false_answers']} of {figures['unanswerable']} unanswerable questions",
            f"  score               {100 * score:5.1f}%   (answered with the answer cited, or rightly refused)"
            f"{_minimum(score, minimum)}",
            f"  mean time           {figures['mean_seconds'] or 0:.2f} s per question",
        ]
    )


def _squad(qa_file: Path):  # noqa: ANN202 - the parsed JSON, or None for the JSONL/YAML formats
    """SQuAD 2.0 JSON, detected by content rather than by name."""
    if qa_file.suffix.lower() != ".json":
        return None
    from askdocs.squad import read_squad

    return read_squad(qa_file)


def _run_squad(raw: dict, settings, qa_file: Path, minimum: float, as_json: bool) -> None:  # noqa: ANN001
    import tempfile

    from askdocs.cli.render import dumps, say
    from askdocs.squad import run_squad, score

    with tempfile.TemporaryDirectory(prefix="askdocs-eval-") as tmp:
        click.echo(f"indexing the articles of {qa_file} in a temporary folder ...", err=True)
        report = run_squad(raw, Path(tmp), settings)
    figures = report.as_dict()
    right = score(report)
    decided(EXIT_OK if right >= minimum else EXIT_NOT_FOUND)
    if as_json:
        questions = [
            {
                "id": r.question.id,
                "question": r.question.question,
                "unanswerable": r.question.unanswerable,
                "found": r.found,
                "short": r.short,
                "f1": round(r.f1, 4),
                "cited_holds_answer": r.cited,
                "seconds": round(r.seconds, 4),
                "reasons": list(r.reasons),
                "citations": list(r.citations),
            }
            for r in report.results
        ]
        click.echo(
            dumps(
                {
                    "file": str(qa_file),
                    "format": "squad2",
                    "minimum": minimum,
                    "score": right,
                    **figures,
                    "results": questions,
                }
            )
        )
    else:
        say(squad_table(figures, qa_file, minimum, right))
    sys.exit(EXIT_OK if right >= minimum else EXIT_NOT_FOUND)


@click.command(name="eval", cls=Command)
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
@top_k_option("Passages to retrieve.")
def eval_command(corpus, index_dir, model, qa_file: Path, minimum: float, as_json: bool, top_k: int | None) -> None:  # noqa: ANN001
    """Ask every question of QA_FILE (JSONL, YAML or SQuAD 2.0 JSON) and score the answers.

    \b
    JSONL/YAML, against the index, one question each:
      {"question": "...", "answer_contains": ["...", ...]}   the answer holds every one ("answer": the same)
      {"question": "...", "answers": ["...", ...]}           the answer holds any one (SQuAD's answer objects too)
      {"question": "...", "unanswerable": true}              no answer is right ("answers": [] the same)
    with "source": "file.txt" when the answer must cite that file (or a copy of its sentence).
    SQuAD 2.0 JSON: its articles are indexed in a temporary folder (one file each) and the short answers are
    scored with SQuAD's exact match and F1. Exits 0 when the score reaches --min, 1 below it.
    """
    from askdocs.answering import answer_question
    from askdocs.cli.render import dumps, index_json, say
    from askdocs.evaluation import load_cases, run_eval
    from askdocs.retrieval import Retriever

    settings = settings_from(corpus, index_dir, model, top_k=top_k)
    raw = _squad(qa_file)
    if raw is not None:
        _run_squad(raw, settings, qa_file, minimum, as_json)
        return
    cases = load_cases(qa_file)
    retriever = Retriever.open(settings)
    try:
        info = retriever.store.info()
        report = run_eval(lambda q: answer_question(retriever, q), cases, source_text=_source_text(retriever))
    finally:
        retriever.close()
    decided(EXIT_OK if report.score >= minimum else EXIT_NOT_FOUND)
    if as_json:
        click.echo(dumps({"file": str(qa_file), "minimum": minimum, **report.as_dict(), "index": index_json(info)}))
    else:
        say(report_table(report, qa_file, minimum))
    sys.exit(EXIT_OK if report.score >= minimum else EXIT_NOT_FOUND)


def _source_text(retriever):  # noqa: ANN001, ANN202 - a Retriever; (source) -> its indexed text or None
    """The indexed text of a case's source, named as `source` names it (the end of its path), read once each."""
    import functools

    from askdocs.evaluation import names

    @functools.cache
    def text(source: str) -> str | None:
        for path, document in retriever.store.documents().items():
            if names(path, source):
                return retriever.store.document_text(document.id)
        return None

    return text
