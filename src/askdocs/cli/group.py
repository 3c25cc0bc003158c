"""The `askdocs` command group and the run that turns askdocs errors and Ctrl-C into one line and an exit code."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys

import click

from askdocs import __version__
from askdocs.cli.commands import register
from askdocs.cli.exits import DECIDED_EXIT
from askdocs.cli.options import SETTINGS_KEY
from askdocs.cli.stopping import discard, exit_code, finished
from askdocs.errors import AskdocsError, UsageError, database_error, os_reason
from askdocs.project import error_with_folders
from askdocs.text.safe import clean, writes_unicode


class _Group(click.Group):
    """The askdocs group: the commands an error suggests ("run: askdocs index --rebuild") name the --corpus and
    --index the failing command was given, wherever in askdocs the error was raised; and a reader that goes away
    (`askdocs search ... | head -1`) ends the command quietly with the exit code it had settled on (`decided`), else
    0 (click would exit 1, which askdocs uses for "not answered")."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as exc:  # a store read outside IndexStore's own methods
            raise _with_folders(database_error(exc, "the index folder"), ctx) from None
        except AskdocsError as exc:
            _with_folders(exc, ctx)
            raise
        except BrokenPipeError as exc:
            discard(sys.stdout)
            # a Ctrl-C that also ended the reader (`askdocs index | tee log`: one signal for the whole pipeline) is
            # still an interruption, whatever line the command was writing when the pipe broke
            if _interrupted(exc):
                finished()
                with contextlib.suppress(OSError):  # standard error may be the pipe that broke, or still be read
                    click.echo(INTERRUPTED, err=True)
                    sys.stderr.flush()
                discard(sys.stderr)
                sys.exit(exit_code())
            discard(sys.stderr)
            # SystemExit, not click's Exit: with standalone_mode off, click returns an Exit's code instead of exiting
            sys.exit(ctx.find_root().meta.get(DECIDED_EXIT, 0))


INTERRUPTED = "askdocs: interrupted; what was committed stays usable, run the command again to resume"
"""The last line of a command Ctrl-C stopped."""


def _interrupted(exc: BaseException) -> bool:
    """Whether `exc` was raised while a Ctrl-C (KeyboardInterrupt) was being handled."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__context__
    return False


def _with_folders(exc: AskdocsError, ctx: click.Context) -> AskdocsError:
    """`exc`, its message's suggested commands completed with the folders of the command's Settings, if it has any."""
    settings = ctx.meta.get(SETTINGS_KEY)
    return exc if settings is None else error_with_folders(exc, settings)


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="askdocs")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Ask questions of a folder of documents, offline; every answer cites the sentences it came from.

    \b
    Exit codes: 0 answered, 1 no answer (search: nothing found), 2 bad usage
    or input, 3 index missing, empty or unusable, 4 model unavailable, 5 LLM
    endpoint failed, 6 no project here (no corpus folder and no index), 130
    interrupted (143: index stopped by SIGTERM).
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():  # plain `askdocs` on a terminal opens the chat
            from askdocs.cli.chat import chat

            ctx.invoke(chat)
        else:
            click.echo(ctx.get_help())


register(cli)


def run(argv: list[str] | None = None) -> None:
    """Run the command, turning askdocs errors and Ctrl-C into one line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    _usable_streams()
    try:
        _check_arguments(args)
        cli.main(args=args, prog_name="askdocs", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # one line, like every other error, and where to read more
        path = exc.ctx.command_path if exc.ctx is not None else "askdocs"
        message = clean(exc.format_message(), lines=False)
        if isinstance(exc, click.NoSuchOption) and exc.ctx is not None and exc.ctx.command.name in ("ask", "search"):
            # "askdocs ask '-v'": a question about an option reads as one; after -- it is the question
            asked = clean(exc.option_name, lines=False)
            message += f' A question that starts with a dash goes after --: {path} -- "{asked} ..."'
        elif isinstance(exc, click.NoSuchOption) and (command := _taking(args, exc.option_name)):
            message += f" Options go after the command: askdocs {command} {exc.option_name} ..."  # "askdocs --index"
        click.echo(f"askdocs: error: {message} (see: {path} --help)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:  # a Ctrl-C the command did not handle (click wrote an empty line after the ^C)
        finished()
        click.echo("askdocs: interrupted", err=True)
        sys.exit(exit_code())  # 143 when SIGTERM stopped an index run outside its own handling
    except AskdocsError as exc:
        _fail(exc)
    except sqlite3.DatabaseError as exc:  # a store read outside IndexStore's own methods
        _fail(database_error(exc, "the index folder"))
    except OSError as exc:
        _fail(UsageError(f"{os_reason(exc)}: {exc.filename}" if exc.filename else os_reason(exc)))
    except KeyboardInterrupt:
        finished()
        with contextlib.suppress(OSError):  # the reader of standard error may be gone with the same Ctrl-C
            click.echo(INTERRUPTED, err=True)
        sys.exit(exit_code())


def _taking(args: list[str], option: str) -> str | None:
    """The command named in `args` that takes `option`, when the option was given before it ("askdocs --index X
    ask ..."); None otherwise."""
    name = next((a for a in args if a in cli.commands), None)
    command = cli.commands.get(name) if name else None
    if command is None or args.index(option if option in args else name) > args.index(name):
        return None
    return name if any(option in p.opts for p in command.params) else None


def _usable_streams() -> None:
    """A standard stream the shell closed (`askdocs ask ... >&-`, `<&-`) reads and writes nothing instead of
    failing; on an output whose encoding is not Unicode (a Latin-1 or code-page terminal), a character it lacks
    prints as "?" instead of failing (JSON stays exact: askdocs.cli.render.dumps escapes it)."""
    for stream, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115 - kept for the whole run
    for out in (sys.stdout, sys.stderr):
        if not writes_unicode(out) and getattr(out, "errors", None) != "replace" and hasattr(out, "reconfigure"):
            out.reconfigure(errors="replace")


def _check_arguments(args: list[str]) -> None:
    """Refuse arguments that are not valid UTF-8 (Python hands them over as lone surrogates)."""
    for i, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"argument {i} is not valid UTF-8") from None


def _fail(exc: AskdocsError) -> None:
    """Print one line for `exc` and exit with its code."""
    click.echo(f"askdocs: error: {clean(str(exc), lines=False)}", err=True)
    sys.exit(exc.exit_code)
