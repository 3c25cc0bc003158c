"""`askdocs search`: the best passages for a text, with scores and citations, no answer."""

from __future__ import annotations

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.errors import UsageError


@click.command()
@common_options
@click.argument("text")
@click.option("-k", "top_k", type=click.IntRange(1, 100), default=None, help="How many passages [default: 5].")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search(corpus, index_dir, model, text: str, top_k: int | None, as_json: bool) -> None:  # noqa: ANN001
    """List the passages that best match TEXT (hybrid: words and meaning)."""
    from askdocs.cli.render import dumps, hit_line
    from askdocs.ingest.documents import display_path
    from askdocs.retrieval import Retriever

    if not text.strip():
        raise UsageError("the search text is empty")
    settings = settings_from(corpus, index_dir, model, top_k=top_k)
    retriever = Retriever.open(settings)
    try:
        hits = retriever.search(text.strip(), settings.top_k)
    finally:
        retriever.close()
    if as_json:
        rows = []
        for h in hits:
            row = h.as_dict()
            row["path"] = display_path(settings.corpus, h.passage.path)
            rows.append(row)
        click.echo(dumps({"query": text, "passages": rows}))
        return
    if not hits:
        click.echo("no passages match")
    for h in hits:
        click.echo(hit_line(h, settings.corpus))
