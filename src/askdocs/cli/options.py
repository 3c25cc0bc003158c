"""Flags every subcommand shares, and the one place they become Settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from askdocs.config import LIMITS, Settings, load_settings, text_too_long

if TYPE_CHECKING:
    from askdocs.errors import IndexUnusable, ModelUnavailable
    from askdocs.store.filters import Filter
    from askdocs.store.index_store import IndexStore

F = TypeVar("F", bound=Callable[..., Any])


class Command(click.Command):
    """A subcommand whose error for arguments it does not take shows each as a shell would take it: an empty one
    (`askdocs status ""`, an unset variable quoted) as '', one with spaces quoted whole, not "()" or words run
    together."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            ctx.fail(extra_arguments(rest))
        return rest


def extra_arguments(args: list[str]) -> str:
    """The error for arguments a command does not take, each quoted as the shell would need it."""
    import shlex

    if args == [""]:
        return "Got an unexpected empty argument ('')"
    shown = " ".join(shlex.quote(arg) for arg in args)
    return f"Got unexpected extra argument{'s' * (len(args) > 1)} ({shown})"


def common_options(func: F) -> F:
    """--corpus, --index and --model, accepted after any subcommand name."""
    func = click.option("--model", default=None, help="Sentence-transformers model name or path.")(func)
    func = click.option(
        "--index", "index_dir", type=click.Path(path_type=Path), default=None, help="Index folder [default: index/]."
    )(func)
    func = click.option(
        "--corpus", type=click.Path(path_type=Path), default=None, help="Documents folder [default: corpus/]."
    )(func)
    return func


def json_option(help: str = "Print JSON.") -> Callable[[F], F]:
    """--json: machine-readable output instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


class WholeNumber(click.IntRange):
    """A whole number within limits; "abc" is "not a valid whole number", not click's "integer range"."""

    name = "whole number"


def top_k_option(help: str) -> Callable[[F], F]:
    """-k/--top-k: how many passages or results, within the same limits as askdocs.toml's top_k."""
    return click.option("-k", "--top-k", "top_k", type=WholeNumber(*LIMITS["top_k"]), default=None, help=help)


SETTINGS_KEY = "askdocs.settings"
"""Where `settings_from` leaves the command's Settings in click's context, for the error hints (askdocs.cli.group)."""


def settings_from(corpus: Path | None, index_dir: Path | None, model: str | None, **extra: Any) -> Settings:
    """Settings with the flags on top of askdocs.toml and ASKDOCS_* variables; kept in click's context so that an
    error's suggested command can name the same folders."""
    settings = load_settings({"corpus": corpus, "index": index_dir, "model": model, **extra})
    if (ctx := click.get_current_context(silent=True)) is not None:
        ctx.meta[SETTINGS_KEY] = settings
    return settings


def model_refusal(store: IndexStore, settings: Settings, chosen: bool) -> IndexUnusable | ModelUnavailable | None:
    """The refusal a question would meet when a model was chosen (--model, ASKDOCS_MODEL, askdocs.toml) that is
    not the index's one (or is not installed), told without loading any model (status and docs end with it); None
    otherwise."""
    from askdocs.config import DEFAULT_MODEL
    from askdocs.encoders import choose
    from askdocs.errors import IndexUnusable, ModelUnavailable

    if not chosen and settings.model == DEFAULT_MODEL:
        return None
    try:
        choose.require_index_model(store, settings.model)
    except (IndexUnusable, ModelUnavailable) as exc:
        return exc
    return None


def index_advice(settings: Settings) -> str:
    """ "run: askdocs index" as the index's folders need it, said after the index is free when a run or a watch
    holds it now (it would refuse another run, and a watch keeps what an emptied corpus folder no longer has)."""
    from askdocs.project import with_folders
    from askdocs.store.run_lock import index_running

    rerun = "run: askdocs index"
    if index_running(settings.index):
        rerun = f"an askdocs index or watch holds the index now: once it ends, {rerun}"
    return with_folders(rerun, settings)


def filter_options(func: F) -> F:
    """--since, --until and --path: which documents a question or search may draw on (applied before ranking)."""
    func = click.option(
        "--path",
        "path_patterns",
        multiple=True,
        metavar="GLOB",
        help="Only documents whose path relative to the corpus matches GLOB (gitignore-style: 'reports/',"
        " '*.md', '2024/**/minutes*'); repeat for several.",
    )(func)
    func = click.option(
        "--until",
        default=None,
        metavar="DATE",
        help="Only documents published on or before DATE (YYYY-MM-DD); documents without a publication date are"
        " left out.",
    )(func)
    func = click.option(
        "--since",
        default=None,
        metavar="DATE",
        help="Only documents published on or after DATE (YYYY-MM-DD); documents without a publication date are"
        " left out.",
    )(func)
    return func


def filter_from(
    since: str | None, until: str | None, path_patterns: tuple[str, ...], corpus: Path | None = None
) -> Filter | None:
    """The Filter of --since/--until/--path, or None when none is given; a bad date, or a --path that names nothing
    (an unset shell variable: it would search everything), is a one-line usage error. A pattern may start with the
    corpus folder as askdocs prints paths ("corpus/2024/*"): it is read without it."""
    from askdocs.errors import UsageError
    from askdocs.store.filters import Filter

    if path_patterns and not any(p.strip() for p in path_patterns):  # `--path "$DIR"` with DIR unset
        raise UsageError("--path is empty: give a folder or pattern (--path reports/, --path '*.pdf') or leave it out")
    # a pattern typed on the command line is never a comment, as "#draft" is in .gitignore (all would match)
    path_patterns = tuple("\\" + p if p.lstrip().startswith("#") else p for p in path_patterns)
    if corpus is not None:
        path_patterns = tuple(_in_corpus(p, corpus) for p in path_patterns)
    scope = Filter.parse(since, until, path_patterns)
    return scope if scope.active else None


def _in_corpus(pattern: str, corpus: Path) -> str:
    """`pattern` relative to the corpus, when it starts with the corpus folder as printed, given or absolute (after
    the `!` of a pattern that takes back)."""
    from askdocs.ingest.documents import display_path

    if pattern.startswith("!"):
        return "!" + _in_corpus(pattern[1:], corpus)
    for prefix in (display_path(corpus, ""), corpus.as_posix(), corpus.resolve().as_posix()):
        prefix = prefix.rstrip("/")
        if prefix in ("", "."):
            continue
        for start in (prefix + "/", "./" + prefix + "/"):
            if pattern.rstrip("/") + "/" == start:
                return "**"  # the corpus folder itself: every document
            if pattern.startswith(start):
                return pattern[len(start) :]
    return pattern


def checked_text(text: str, what: str) -> str:
    """`text` as a terminal showed it (its escape sequences and controls closed up, as a document's are) and
    stripped, or a one-line usage error when it is empty, has no letter or digit ("?", "..."), or is too long
    (askdocs.config.text_too_long)."""
    from askdocs.errors import UsageError
    from askdocs.text.safe import read_as_shown

    stripped = read_as_shown(text).strip()
    if not stripped:
        raise UsageError(f"{what} is empty")
    if not any(ch.isalnum() for ch in stripped):
        raise UsageError(f"{what} has no words, only marks: {stripped[:20]!r}")
    if (too_long := text_too_long(stripped, what)) is not None:
        raise UsageError(too_long)
    return stripped
