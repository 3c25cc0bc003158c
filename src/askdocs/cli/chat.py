"""`askdocs chat`: the Textual chat over the indexed documents."""

from __future__ import annotations

import sys

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.errors import UsageError


@click.command()
@common_options
@click.option(
    "--session",
    "session",
    default=None,
    metavar="NAME",
    help="Open or start the conversation saved as INDEX/chats/NAME.json.",
)
@click.option("--resume", is_flag=True, help="Reopen the most recently saved conversation.")
def chat(corpus, index_dir, model, session: str | None, resume: bool) -> None:  # noqa: ANN001
    """Chat with the documents: cited answers, sources, re-index, saved conversations (needs a terminal)."""
    from askdocs import conversations

    settings = settings_from(corpus, index_dir, model)
    conversation = conversations.open_or_new(settings.index, session, resume=resume)  # bad names fail here, in one line
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("askdocs chat needs a terminal; use askdocs ask for scripts and pipes")
    from askdocs.tui.app import create_app

    create_app(settings, conversation=conversation).run()
