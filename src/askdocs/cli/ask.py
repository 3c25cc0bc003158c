"""`askdocs ask`: answer a question from the documents, with citations."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

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
from askdocs.errors import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, UsageError
from askdocs.project import require_project


@click.command(cls=Command)
@common_options
@filter_options
@click.argument("question")
@json_option("Print one JSON object (JSONL when QUESTION is -).")
@top_k_option("Passages to retrieve.")
@click.option(
    "--context",
    "context_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Earlier turns (JSON or JSONL of {question, answer}, or a saved conversation) for follow-up questions.",
)
@click.option("--llm", "llm_url", default=None, metavar="URL", help="Compose with an OpenAI-compatible chat endpoint.")
@click.option("--llm-model", default=None, metavar="NAME", help="Model name to ask the --llm endpoint for.")
def ask(  # noqa: ANN001
    corpus,
    index_dir,
    model,
    since: str | None,
    until: str | None,
    path_patterns: tuple[str, ...],
    question: str,
    as_json: bool,
    top_k: int | None,
    context_file: Path | None,
    llm_url: str | None,
    llm_model: str | None,
) -> None:
    """Answer QUESTION (or, with -, one question per line from standard input, each answered as it arrives).

    With --context, "he", "it", "that day" and "And on July 3?" are read against the last earlier turn; the
    rewritten question is shown. --since, --until and --path limit the documents searched (before ranking).
    Exits 0 when answered, 1 when the documents do not answer it, 3 when the index is missing or holds no
    documents yet.
    """
    from askdocs.answering import answer_question
    from askdocs.answering.context_file import load_turns
    from askdocs.cli.exits import decided
    from askdocs.cli.render import (
        answer_json,
        answer_text,
        dumps,
        note_undated,
        say,
        warn_export,
        warn_if_corpus_missing,
        warn_unsaved,
    )
    from askdocs.retrieval import Retriever

    settings = settings_from(corpus, index_dir, model, top_k=top_k)
    scope = filter_from(since, until, path_patterns, settings.corpus)
    questions = _questions(question)
    turns = load_turns(context_file) if context_file is not None else []
    llm = None
    if llm_url:
        _check_url(llm_url)
        from askdocs.answering.llm import LLMAnswerer

        llm = LLMAnswerer(llm_url, model=llm_model)
    require_project(settings)  # outside a project folder: one line saying where askdocs looked
    warn_if_corpus_missing(settings, elsewhere=True)
    retriever = Retriever.open(settings, scope=scope)
    warn_export(settings, retriever.store.encoder)
    all_found, asked, bad = True, 0, 0
    try:
        info, undated = retriever.store.info(), retriever.undated
        for q in questions:
            if isinstance(q, _BadLine):  # one bad line of a batch is reported, and the next ones still asked
                bad += 1
                decided(EXIT_USAGE)
                click.echo(f"askdocs: error: {q.error}", err=True)
                if as_json:
                    click.echo(dumps({"error": q.error, "line": q.line}))
                continue
            answer = answer_question(retriever, q, context=turns, llm=llm)
            warn_unsaved(settings, retriever.store)
            all_found = all_found and answer.found
            decided(EXIT_USAGE if bad else EXIT_OK if all_found else EXIT_NOT_FOUND)
            if as_json:
                previews = retriever.answer_previews(answer)
                click.echo(dumps(answer_json(answer, settings.corpus, info, scope, previews, undated)))
            else:
                if asked:
                    click.echo("")
                if question == "-":
                    say(f"Q: {q}")
                previews = {} if answer.found else retriever.answer_previews(answer)
                say(answer_text(answer, settings.corpus, previews))
                if scope is not None and not answer.found and not retriever.admits_nothing:
                    say(f"({scope.searched(undated)})")  # else the answer's reason says why
                if not asked:
                    note_undated(undated, settings.corpus)  # once, under the first answer
            asked += 1
            sys.stdout.flush()  # a client holding the pipe open gets each answer before it sends the next line
    finally:
        retriever.close()
    if not asked and not bad:
        raise UsageError("no questions on standard input")
    sys.exit(EXIT_USAGE if bad else EXIT_OK if all_found else EXIT_NOT_FOUND)


@dataclass(frozen=True)
class _BadLine:
    """A line of standard input that cannot be a question, its number and why."""

    line: int
    error: str


def _questions(question: str) -> Iterator[str | _BadLine]:
    """The question, or with -, the non-empty lines of standard input (UTF-8), each as soon as it is read; a line
    that cannot be a question comes as the error that says why."""
    if question != "-":
        return iter([checked_text(question, "the question")])
    return _stdin_lines()


def _stdin_lines() -> Iterator[str | _BadLine]:
    """The non-empty lines of standard input, each as soon as it arrives, or the error of one that is not UTF-8 or
    is too long."""
    stream = getattr(sys.stdin, "buffer", None) or (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
    for n, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            yield _BadLine(n, f"line {n} of standard input is not valid UTF-8")
            continue
        if line and (read := _json_question(line)) is not None:
            if not read:
                yield _BadLine(n, f'line {n} of standard input is a JSON object without a "question" string')
                continue
            line = read
        if line:
            try:
                yield checked_text(line, f"line {n} of standard input")
            except UsageError as exc:
                yield _BadLine(n, str(exc))


def _json_question(line: str) -> str | None:
    """The "question" of a line that is a JSON object (a line of an eval file or of `ask --json` output: piped in
    whole, it would be asked as its own words), "" when it has none; None when the line is no JSON object."""
    if not line.startswith("{"):
        return None
    try:
        read = json.loads(line)
    except ValueError:
        return None
    if not isinstance(read, dict):
        return None
    question = read.get("question")
    return question.strip() if isinstance(question, str) else ""


def _check_url(url: str) -> None:
    """Refuse an --llm value that is not an http(s) URL with a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise UsageError(f"--llm {url!r} is not an http:// or https:// URL")
