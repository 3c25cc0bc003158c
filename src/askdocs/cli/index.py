"""`askdocs index`: bring the index in line with the corpus folder, once or (--watch) as it changes."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any, NoReturn

import click

from askdocs.cli.options import Command, WholeNumber, common_options, settings_from
from askdocs.cli.render import say, warn_if_corpus_missing
from askdocs.cli.stopping import discard, exit_code
from askdocs.config import LIMITS, shown_folder
from askdocs.text.safe import clean, name

if TYPE_CHECKING:
    from askdocs.config import Settings
    from askdocs.index_progress import PassageCount, Phase
    from askdocs.index_report import IndexInterrupted
    from askdocs.indexer import IndexReport


class _Bar:
    """On a terminal: one bar whose label always says what the run is doing, from the first moment. While
    passages embed, the bar measures passages (it moves inside a big file) and the count beside it, files."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[file]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("starting", total=None, count="", file="")
        self._done = 0
        self._by_passages = False
        self._bar.start()

    def phase(self, phase: Phase) -> None:
        from rich.markup import escape

        total = phase.total or None  # nothing counted yet: the bar pulses, with the label beside it
        count = f"{self._done}/{total} files" if total else ""
        self._by_passages = False
        self._bar.update(
            self._task, description=escape(phase.label), completed=self._done, total=total, count=count, file=""
        )

    def passages(self, embedded: PassageCount) -> None:
        self._by_passages = True
        self._bar.update(self._task, description=embedded.label, completed=embedded.done, total=embedded.expected)

    def progress(self, done: int, total: int, path: str) -> None:
        from rich.markup import escape

        self._done = done
        bar = {} if self._by_passages else {"completed": done, "total": total}
        self._bar.update(self._task, count=f"{done}/{total} files", file=escape(name(path)), **bar)

    def skipped(self, done: int, total: int, path: str, reason: str) -> None:
        self.progress(done, total, path)

    def stop(self) -> None:
        self._bar.stop()


class _Lines:
    """Not a terminal (a log, a pipe, CI): one plain line per phase and per file committed or skipped, and the
    passage count at most every LOG_EVERY seconds while passages embed (a big file takes minutes). A reader of
    these lines that goes away (`askdocs index 2>&1 | head -3`) stops them, not the run."""

    LOG_EVERY = 10.0

    def __init__(self) -> None:
        self._last = time.monotonic()
        self._gone = False

    def _say(self, line: str) -> None:
        if self._gone:
            return
        try:
            click.echo(line, err=True)
        except BrokenPipeError:
            self._gone = True  # and what is still buffered, or a warning at the end, goes nowhere, without failing
            discard(sys.stderr)

    def phase(self, phase: Phase) -> None:
        self._last = time.monotonic()
        self._say(phase.label)

    def passages(self, embedded: PassageCount) -> None:
        now = time.monotonic()
        if now - self._last >= self.LOG_EVERY:
            self._last = now
            self._say(embedded.label)

    def progress(self, done: int, total: int, path: str) -> None:
        self._say(f"indexed {done}/{total} {name(path)}")

    def skipped(self, done: int, total: int, path: str, reason: str) -> None:
        self._say(f"skipped {done}/{total} {name(path)}: {clean(reason, lines=False)}")

    def stop(self) -> None:
        pass


def _warn(report: IndexReport, settings: Settings) -> None:
    """A run's warnings on standard error, a corpus file named as ask and search name it (corpus/x.txt), and last,
    when the index holds no documents, why; the commands they suggest completed by the folders used."""
    from askdocs.ingest.documents import display_path
    from askdocs.project import with_folders

    corpus = settings.corpus
    full, shown = str(corpus) + os.sep, display_path(corpus, "").rstrip("/") + "/"
    warnings = [*report.warnings, *([report.no_documents] if report.no_documents else [])]
    for warning in warnings:
        said = with_folders(warning.replace(full, shown), settings)
        say(f"askdocs: warning: {clean(said, lines=False)}", err=True)


def _report(report: IndexReport, settings: Settings) -> None:
    """The warnings and notes of a run on standard error, its summary on standard output."""
    _warn(report, settings)
    for note in report.notes:
        say(f"askdocs: {clean(note, lines=False)}", err=True)
    say(report.summary())


@click.command(cls=Command)
@common_options
@click.option("--rebuild", is_flag=True, help="Start from an empty index (built aside, swapped in when done).")
@click.option(
    "--threads", type=WholeNumber(*LIMITS["threads"]), default=None, help="CPU threads for the model [0: all]."
)
@click.option(
    "--quantize",
    type=click.Choice(["auto", "none", "int8"]),
    default=None,
    help="Encoder arithmetic: none (float32), int8 (fastest, vectors differ slightly; needs --rebuild to switch)."
    " auto: as the index was built; int8 for a new one.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="After indexing, keep watching the corpus folder and re-index what changes (one line per batch);"
    " Ctrl-C stops.",
)
def index(corpus, index_dir, model, rebuild: bool, threads: int | None, quantize: str | None, watch: bool) -> None:  # noqa: ANN001
    """Index the corpus: add new files, re-index changed ones, remove deleted ones.

    The first run also exports the model to ONNX next to the index and checks it against torch, so that
    questions start without loading torch. With --watch, the index then follows the folder until Ctrl-C
    (exit 130) or SIGTERM (exit 143); another askdocs index meanwhile is refused.
    """
    from askdocs.cli.stopping import stops_on_signals
    from askdocs.project import require_project

    settings = settings_from(corpus, index_dir, model, threads=threads, quantize=quantize)
    require_project(settings, indexing=True)
    warn_if_corpus_missing(settings)  # the folder the index records is gone and ./corpus stands in for it
    with stops_on_signals():
        _run(settings, rebuild, watch)


def _run(settings: Settings, rebuild: bool, watch: bool) -> None:
    """Index once (or watch) with the progress shown, then say how it went. A Ctrl-C or SIGTERM at any moment,
    while the summary is written too, ends with the run's closing line and its own exit code (130 or 143)."""
    from askdocs.cli.stopping import check
    from askdocs.index_report import IndexInterrupted

    report: IndexReport | None = None
    try:
        shown = _Bar() if sys.stderr.isatty() else _Lines()
        try:
            if watch:
                _watch(settings, shown, rebuild)
                return
            from askdocs.indexer import index_corpus

            report = index_corpus(settings, rebuild=rebuild, **_listeners(shown))
            check()  # a stop whose KeyboardInterrupt was lost while the index was written
        finally:
            shown.stop()
        _report(report, settings)
    except IndexInterrupted as exc:
        _interrupted(exc, settings)
    except KeyboardInterrupt:  # between the run's own checks (writing the index), or once it is done
        _interrupted(None, settings, done=report is not None)


INTERRUPTED_WRITING = "interrupted; the index keeps what was committed so far; run: askdocs index to go on"
INTERRUPTED_DONE = "interrupted after the run had finished; the index holds all it indexed (run: askdocs status)"


def _interrupted(exc: IndexInterrupted | None, settings: Settings, *, done: bool = False) -> NoReturn:
    """End an interrupted run with one line saying what the index holds and what to run next (exit 130 after
    Ctrl-C, 143 after SIGTERM); `exc` None when the interrupt came between the run's own checks, or (`done`) once
    the run had finished, while its summary was written."""
    from askdocs.cli.stopping import finished
    from askdocs.project import with_folders

    finished()
    message = exc.message() if exc is not None else INTERRUPTED_DONE if done else INTERRUPTED_WRITING
    say(f"askdocs: {clean(with_folders(message, settings), lines=False)}", err=True)
    sys.exit(exit_code())


def _listeners(shown: _Bar | _Lines) -> dict[str, Any]:
    """The callbacks through which an index run (or a watch) reports to this face; each is a step at which a
    stopped run stops (askdocs.cli.stopping.checked)."""
    from askdocs.cli.stopping import checked

    listeners = dict(progress=shown.progress, phases=shown.phase, skipped=shown.skipped, passages=shown.passages)
    return {key: checked(listener) for key, listener in listeners.items()}


def _watch(settings: Settings, shown: _Bar | _Lines, rebuild: bool) -> None:
    """Index once with the progress shown, then one line per batch of changes until Ctrl-C (exit 130) or SIGTERM
    (exit 143)."""
    from askdocs.cli.stopping import check, finished, stop_requested
    from askdocs.index_report import IndexInterrupted
    from askdocs.project import with_folders
    from askdocs.text.counts import count
    from askdocs.watch import watch_corpus

    folder = name(shown_folder(settings, "corpus"))  # as every other command names it

    def first(report: IndexReport) -> None:
        shown.stop()
        _report(report, settings)
        say(f"watching {folder} for changes (Ctrl-C to stop)", err=True)

    def batch(report: IndexReport) -> None:
        _warn(report, settings)
        stamp = time.strftime("%H:%M:%S")
        say(f"{stamp} {report.added} added, {report.changed} changed, {report.removed} removed")

    def gone(missing: bool) -> None:
        stamp = time.strftime("%H:%M:%S")
        if missing:
            say(f"{stamp} the corpus folder {folder} is gone; waiting for it to come back (Ctrl-C to stop)", err=True)
        else:
            say(f"{stamp} the corpus folder {folder} is back", err=True)

    def empty(kept: int | None) -> None:
        stamp = time.strftime("%H:%M:%S")
        if kept is None:
            say(f"{stamp} the corpus folder {folder} has files to index again", err=True)
            return
        them = "it" if kept == 1 else "them"
        said = with_folders(
            f"the corpus folder {folder} is empty (no file to index); the index keeps its {count(kept, 'document')}"
            f" until files come back (to remove {them}: stop the watch, then run: askdocs index)",
            settings,
        )
        say(f"{stamp} {clean(said, lines=False)}", err=True)

    def bad_ignore(message: str) -> None:
        said = clean(message, lines=False)
        stamp = time.strftime("%H:%M:%S")
        say(f"{stamp} askdocs: warning: {said}; the watch keeps the rules it had until the line is fixed", err=True)

    try:
        watch_corpus(
            settings,
            batch,
            rebuild=rebuild,
            on_first=first,
            on_gone=gone,
            on_bad_ignore=bad_ignore,
            on_empty=empty,
            stop=stop_requested(),  # ends a watch whose stopping KeyboardInterrupt was lost
            **_listeners(shown),
        )
        check()
    except KeyboardInterrupt as exc:
        shown.stop()
        if isinstance(exc, IndexInterrupted) and exc.rebuild_dropped:  # the first run, a rebuild, was dropped
            _interrupted(exc, settings)
        finished()
        click.echo(f"askdocs: stopped watching {folder}; the index holds every change committed so far", err=True)
        sys.exit(exit_code())
