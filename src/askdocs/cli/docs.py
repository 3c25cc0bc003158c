"""`askdocs docs`: the library view, every indexed document with its title, date, passages and state on disk
(no model load)."""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Any

import click

from askdocs.cli.options import (
    Command,
    common_options,
    filter_from,
    filter_options,
    index_advice,
    model_refusal,
    settings_from,
)
from askdocs.library import Row, admitted, summary
from askdocs.library import rows as library_rows
from askdocs.text.normalize import shortened

if TYPE_CHECKING:
    from collections.abc import Callable


def as_dict(row: Row) -> dict[str, Any]:
    """One line of the library as --json gives it, times as ISO 8601."""
    from askdocs.cli.render import iso_time

    d = row.entry.document
    return {
        "path": d.path,
        "title": d.title,
        "published": d.published,
        "passages": row.entry.passages,
        "state": row.state,
        "size": d.size,
        "indexed": iso_time(row.entry.indexed_at),
    }


@click.command(cls=Command)
@common_options
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
def docs(  # noqa: ANN001
    corpus, index_dir, model, since: str | None, until: str | None, path_patterns: tuple[str, ...], as_json: bool
) -> None:
    """List the indexed documents, sorted by path: title, publication date, passages, and state (indexed, changed
    or missing on disk, or ignored by .askdocsignore). --since, --until and --path show what those filters of ask,
    search and chat would keep; exits 1 when they keep none, as search does (an index with no documents is listed
    as empty, exit 0, with them or without). No model is loaded: with a --model (or a configured model) other than
    the index's, the listing ends with the refusal a question would meet (exit 3, or 4 when that model is not
    installed), as status does."""
    from askdocs.cli.exits import decided
    from askdocs.cli.render import dumps, note_undated, say, warn_if_corpus_missing
    from askdocs.errors import EXIT_NOT_FOUND, EXIT_OK
    from askdocs.ingest.documents import display_path
    from askdocs.project import require_project
    from askdocs.store.checks import OPEN_CHECKED_BYTES
    from askdocs.store.index_store import IndexStore

    settings = settings_from(corpus, index_dir, model)
    scope = filter_from(since, until, path_patterns, settings.corpus)
    require_project(settings)  # outside a project folder: one line saying where askdocs looked
    with IndexStore.open(settings.index) as store:
        store.require_sound(OPEN_CHECKED_BYTES)
        entries = store.library()
        undated = store.undated(scope)
        refused = model_refusal(store, settings, chosen=model is not None)
    rows = library_rows(settings.corpus, admitted(entries, scope))
    # a filter that keeps none of the documents is "nothing found", as in search; an empty index is listed as such
    kept_none = scope is not None and not rows and bool(entries)
    decided(refused.exit_code if refused is not None else EXIT_NOT_FOUND if kept_none else EXIT_OK)
    if as_json:
        click.echo(dumps([as_dict(r) for r in rows]))
    elif kept_none:
        say(scope.admits_none())
    else:
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else None
        gone = warn_if_corpus_missing(settings, doing="listing")
        advice = None if gone else index_advice(settings)
        for line in table(rows, width, advice=advice, shown=lambda path: display_path(settings.corpus, path)):
            click.echo(line)
    note_undated(undated, settings.corpus)  # with --json too: the list stays a list
    if refused is not None:
        raise refused
    if kept_none:
        sys.exit(EXIT_NOT_FOUND)


def table(
    rows: list[Row], width: int | None, advice: str | None = "run: askdocs index", shown: Callable[[str], str] = str
) -> list[str]:
    """Aligned columns (path as `shown` gives it, date, passages, state, title), then a summary line that ends with
    `advice`, what to run, if any; on a terminal of `width` columns long paths and titles are cut, piped (no width)
    nothing is. Every document-derived string is cleaned for the terminal."""
    from askdocs.text.safe import clean, name

    if not rows:
        return [f"no documents in the index ({advice or 'run: askdocs index'})"]
    paths = [name(shown(r.entry.document.path)) for r in rows]
    path_width = max(len("path"), *map(len, paths))
    if width is not None:
        path_width = min(path_width, 60)
    head = f"{'path':<{path_width}}  {'published':<10}  {'passages':>8}  {'state':<7}  title"
    lines = [head]
    room = max(width - len(head) + len("title"), 20) if width is not None else None
    for r, path in zip(rows, paths, strict=True):
        d = r.entry.document
        shown = path if len(path) <= path_width else "…" + path[-(path_width - 1) :]
        title = " ".join(clean(d.title, lines=False).split())
        title = shortened(title, room) if room is not None else title
        lines.append(f"{shown:<{path_width}}  {d.published or '-':<10}  {r.entry.passages:>8}  {r.state:<7}  {title}")
    return [*lines, summary(rows, advice)]
