"""`askdocs chat`: the Textual chat over the indexed documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from askdocs.cli.options import Command, common_options, filter_from, filter_options, settings_from
from askdocs.errors import UsageError, os_reason
from askdocs.project import mistyped_corpus, require_project


@click.command(cls=Command)
@common_options
@filter_options
@click.option(
    "--session",
    "session",
    default=None,
    metavar="NAME",
    help="Open or start the conversation saved as INDEX/chats/NAME.json.",
)
@click.option("--resume", is_flag=True, help="Reopen the most recently saved conversation.")
@click.option(
    "--export",
    "export",
    default=None,
    metavar="NAME",
    help="Print the saved conversation NAME as Markdown with its sources, without opening the chat.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --export: write the Markdown to this file instead of standard output.",
)
def chat(  # noqa: ANN001
    corpus,
    index_dir,
    model,
    since: str | None,
    until: str | None,
    path_patterns: tuple[str, ...],
    session: str | None,
    resume: bool,
    export: str | None,
    output: Path | None,
) -> None:
    """Chat with the documents: cited answers, sources, re-index, saved conversations (needs a terminal).
    --since, --until and --path limit the documents every question is answered from."""
    from askdocs import conversations

    settings = settings_from(corpus, index_dir, model)
    if not settings.corpus.is_dir() and not settings.index.is_dir():
        require_project(settings)  # no project here: one line saying where askdocs looked (exit 6)
    scope = filter_from(since, until, path_patterns, settings.corpus)
    if export is not None or output is not None:
        _export(settings.index, export, output, session is not None or resume)
        return
    if (mistyped := mistyped_corpus(settings)) is not None:  # the export above reads the index folder only
        raise mistyped
    conversation = conversations.open_or_new(settings.index, session, resume=resume)  # bad names fail here, in one line
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("askdocs chat needs a terminal; use askdocs ask for scripts and pipes")
    from askdocs.tui.app import create_app

    app = create_app(settings, conversation=conversation)
    app.backend.scope = scope  # before run(): the backend opens its retriever once the app is mounted
    app.run()


def _export(index: Path, name: str | None, output: Path | None, chat_options: bool) -> None:
    """`--export NAME [--output FILE]`: a saved conversation as Markdown, on standard output or in FILE."""
    from askdocs import conversations, transcript

    if name is None:
        raise UsageError("--output goes with --export NAME")
    if chat_options:
        raise UsageError("--export NAME reads a saved conversation; leave out --session and --resume")
    conversation = conversations.load(index, name)
    if output is None:
        click.echo(transcript.markdown(conversation), nl=False)
        return
    try:
        transcript.write(output, conversation)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {os_reason(exc)}") from None
