"""The `askdocs` command line: a thin layer that parses flags, calls the core and prints text or JSON."""

from __future__ import annotations

import sys

import click

from askdocs import __version__
from askdocs.cli.commands import register
from askdocs.errors import EXIT_INTERRUPTED, AskdocsError
from askdocs.text.safe import clean


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="askdocs")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Ask questions of a folder of documents, offline; every answer cites the sentences it came from.

    \b
    Exit codes: 0 answered, 1 no answer in the documents, 2 bad usage or input,
    3 index missing or unusable, 4 model unavailable, 5 LLM endpoint failed, 130 interrupted.
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():  # plain `askdocs` on a terminal opens the chat
            from askdocs.cli.chat import chat

            ctx.invoke(chat)
        else:
            click.echo(ctx.get_help())


register(cli)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning askdocs errors and Ctrl-C into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="askdocs", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("askdocs: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except AskdocsError as exc:
        click.echo(f"askdocs: error: {clean(str(exc), lines=False)}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("askdocs: interrupted; what was committed stays usable, run the command again to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(0)
