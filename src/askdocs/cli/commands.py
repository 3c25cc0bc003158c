"""Where the subcommands are gathered; each lives in its own module."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach every subcommand to the top-level group."""
    from askdocs.cli.ask import ask
    from askdocs.cli.chat import chat
    from askdocs.cli.docs import docs
    from askdocs.cli.eval import eval_command
    from askdocs.cli.eval_search import eval_search
    from askdocs.cli.index import index
    from askdocs.cli.search import search
    from askdocs.cli.status import status

    for command in (index, ask, search, status, docs, chat, eval_command, eval_search):
        group.add_command(command)
