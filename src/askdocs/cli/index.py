"""`askdocs index`: bring the index in line with the corpus folder."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.cli.render import say
from askdocs.text.safe import clean, name


def _progress_printer() -> tuple[Callable[[int, int, str], None], Callable[[], None]]:
    """A progress bar on a terminal, plain lines when stderr is piped."""
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        task = bar.add_task("", total=None)
        bar.start()

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=escape(name(path)))

        return update, bar.stop

    def line(done: int, total: int, path: str) -> None:
        click.echo(f"indexed {done}/{total} {name(path)}", err=True)

    return line, lambda: None


@click.command()
@common_options
@click.option("--rebuild", is_flag=True, help="Start from an empty index (built aside, swapped in when done).")
@click.option("--threads", type=click.IntRange(0, 256), default=None, help="CPU threads for the model [0: all].")
@click.option(
    "--quantize",
    type=click.Choice(["auto", "none", "int8"]),
    default=None,
    help="Encoder arithmetic: none (float32), int8 (fastest, vectors differ slightly; needs --rebuild to switch)."
    " auto: as the index was built; int8 for a new one.",
)
def index(corpus, index_dir, model, rebuild: bool, threads: int | None, quantize: str | None) -> None:  # noqa: ANN001
    """Index the corpus: add new files, re-index changed ones, remove deleted ones.

    The first run also exports the model to ONNX next to the index and checks it against torch, so that
    questions start without loading torch.
    """
    from askdocs.indexer import index_corpus

    settings = settings_from(corpus, index_dir, model, threads=threads, quantize=quantize)
    update, stop = _progress_printer()
    try:
        report = index_corpus(settings, rebuild=rebuild, progress=update)
    finally:
        stop()
    for warning in report.warnings:
        say(f"askdocs: warning: {clean(warning, lines=False)}", err=True)
    for note in report.notes:
        say(f"askdocs: {clean(note, lines=False)}", err=True)
    say(report.summary())
