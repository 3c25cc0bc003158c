"""`askdocs status`: where the index is, what it holds, and what changed in the corpus since (no model load)."""

from __future__ import annotations

import sys
import time

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.errors import EXIT_INDEX, IndexDamaged


@click.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--check", is_flag=True, help="Also check the SQLite file (quick_check) and the FAISS file (checksum).")
def status(corpus, index_dir, model, as_json: bool, check: bool) -> None:  # noqa: ANN001
    """Show the index, its model and size, and files new, changed or deleted since the last index.

    With --check, exits 3 when the index is damaged."""
    from askdocs.cli.render import dumps, say
    from askdocs.indexer import compare
    from askdocs.ingest.documents import display_path
    from askdocs.store import skipped as skip_log
    from askdocs.store.index_store import IndexStore
    from askdocs.text.safe import name

    settings = settings_from(corpus, index_dir, model)
    with IndexStore.open(settings.index) as store:
        problems = store.check() if check else []
        info = store.info()
        skipped = skip_log.load(settings.index)
        changes = compare(settings.corpus, store.documents(), outside_links=settings.outside_links, skipped=skipped)
    stale = changes.as_dict(settings.corpus)
    if as_json:
        checked = {"check": {"ok": not problems, "problems": problems}} if check else {}
        click.echo(
            dumps({"index": info.as_dict(), "corpus": str(settings.corpus), "stale": changes.stale, **stale, **checked})
        )
        if problems:
            sys.exit(EXIT_INDEX)
        return
    for problem in problems:
        say(f"damaged:  {problem}")
    if problems:
        raise IndexDamaged(f"{len(problems)} problem{'s' * (len(problems) > 1)} found")
    if check:
        say("check:    SQLite quick_check ok, FAISS checksum ok")
    updated = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.updated))
    say(f"index:    {name(str(info.path))}")
    say(f"model:    {info.model} ({info.dimension} dimensions)")
    say(f"holds:    {info.documents} documents, {info.passages} passages, {info.sentences} sentences")
    say(f"updated:  {updated}")
    if not changes.stale:
        say(f"corpus:   {name(str(settings.corpus))}: up to date")
        return
    counts = ", ".join(f"{len(v)} {k}" for k, v in stale.items())
    say(f"corpus:   {name(str(settings.corpus))}: stale ({counts}); run: askdocs index")
    for kind, names in stale.items():
        for path in names:
            say(f"  {kind}: {name(display_path(settings.corpus, path))}")
