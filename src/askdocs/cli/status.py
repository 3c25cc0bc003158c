"""`askdocs status`: where the index is, what it holds, and what changed in the corpus since (no model load)."""

from __future__ import annotations

import time

import click

from askdocs.cli.options import common_options, settings_from


@click.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(corpus, index_dir, model, as_json: bool) -> None:  # noqa: ANN001
    """Show the index, its model and size, and files new, changed or deleted since the last index."""
    from askdocs.cli.render import dumps
    from askdocs.indexer import compare
    from askdocs.ingest.documents import display_path
    from askdocs.store.index_store import IndexStore

    settings = settings_from(corpus, index_dir, model)
    with IndexStore.open(settings.index) as store:
        info = store.info()
        changes = compare(settings.corpus, store.documents())
    stale = changes.as_dict(settings.corpus)
    if as_json:
        click.echo(dumps({"index": info.as_dict(), "corpus": str(settings.corpus), "stale": changes.stale, **stale}))
        return
    updated = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.updated))
    click.echo(f"index:    {info.path}")
    click.echo(f"model:    {info.model} ({info.dimension} dimensions)")
    click.echo(f"holds:    {info.documents} documents, {info.passages} passages, {info.sentences} sentences")
    click.echo(f"updated:  {updated}")
    if not changes.stale:
        click.echo(f"corpus:   {settings.corpus}: up to date")
        return
    counts = ", ".join(f"{len(v)} {k}" for k, v in stale.items())
    click.echo(f"corpus:   {settings.corpus}: stale ({counts}); run: askdocs index")
    for kind, names in stale.items():
        for name in names:
            click.echo(f"  {kind}: {display_path(settings.corpus, name)}")
