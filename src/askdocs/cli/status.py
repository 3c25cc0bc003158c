"""`askdocs status`: where the index is, what it holds, and what changed in the corpus since (no model load)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from askdocs.cli.options import common_options, settings_from
from askdocs.config import require_project
from askdocs.errors import EXIT_INDEX, IndexDamaged
from askdocs.text.counts import count

LISTED = 10
"""Paths listed per category without --verbose; the rest are counted."""
_SHORT_REASONS = {"binary file": "binary", "no text": "empty", "not a regular file": "not a regular file"}


def skip_reason(path: Path, reason: str) -> str:
    """A recorded skip message ("<path>: binary file, skipped") as a few words: binary, empty, too large (...)."""
    text = reason.removeprefix(f"{path}: ").removesuffix(", skipped").strip()
    if "max_file_mb" in text:
        return f"too large ({text})"
    return _SHORT_REASONS.get(text, text)


@click.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--check",
    is_flag=True,
    help="Also check the SQLite file (quick_check), the FAISS file (checksum) and every file's content hash.",
)
@click.option("-v", "--verbose", is_flag=True, help=f"List every path (at most {LISTED} per category otherwise).")
def status(corpus, index_dir, model, as_json: bool, check: bool, verbose: bool) -> None:  # noqa: ANN001
    """Show the index, its model and size, and the files new, changed, deleted or ignored (.askdocsignore) since
    the last index, and the files it skipped with why.

    With --check, exits 3 when the index is damaged."""
    from askdocs.cli.render import dumps, index_json, say
    from askdocs.indexer import compare
    from askdocs.ingest.documents import display_path, relative_name
    from askdocs.ingest.ignore import IGNORED, load_ignore
    from askdocs.store import skipped as skip_log
    from askdocs.store.changes import REWRITTEN, rewritten_in_place
    from askdocs.store.index_store import IndexStore
    from askdocs.text.safe import name

    settings = settings_from(corpus, index_dir, model)
    left_out: list[tuple[Path, str]] = []
    require_project(settings)  # outside a project folder: one line saying where askdocs looked
    with IndexStore.open(settings.index) as store:
        problems = store.check() if check else []
        info = store.info()
        recorded = skip_log.load(settings.index)
        changes = compare(
            settings.corpus,
            store.documents(),
            outside_links=settings.outside_links,
            skipped=recorded,
            left_out=left_out,
        )
        if check:  # same size and time as indexed but other content: only --rebuild re-reads those
            documents = store.documents()
            rewritten = rewritten_in_place(settings.corpus, documents, changes.unchanged, settings.max_file_mb)
            problems += [f"{name(relative_name(settings.corpus, p))}: {REWRITTEN}" for p in rewritten]
    root = settings.corpus
    stale = changes.as_dict(root)
    ignore = load_ignore(root)
    gone = [p for p in stale["removed"] if not (ignore and (root / p).exists() and ignore(p))]
    stale["ignored"] = [p for p in stale["removed"] if p not in gone]
    stale["removed"] = gone
    skipped = [
        (relative_name(root, p), skip_reason(p, recorded[relative_name(root, p)].reason)) for p in changes.skipped
    ]
    skipped += [(relative_name(root, p), why) for p, why in left_out if why != IGNORED]
    skipped.sort()
    ignored_files = sum(why == IGNORED for _, why in left_out)
    if as_json:
        checked = {"check": {"ok": not problems, "problems": problems}} if check else {}
        rows = [{"path": p, "reason": why} for p, why in skipped]
        facts = {"index": index_json(info), "corpus": str(root), "stale": changes.stale}
        click.echo(dumps({**facts, **stale, "skipped": rows, "ignored_by_file": ignored_files, **checked}))
        if problems:
            sys.exit(EXIT_INDEX)
        return
    for problem in problems:
        say(f"damaged:  {problem}")
    if problems:
        raise IndexDamaged(f"{len(problems)} problem{'s' * (len(problems) > 1)} found")
    if check:
        say("check:    SQLite quick_check ok, FAISS checksum ok, file contents as indexed")
    updated = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.updated))
    say(f"index:    {name(str(info.path))}")
    say(f"model:    {info.model} ({info.dimension} dimensions)")
    holds = ", ".join(count(n, noun) for n, noun in ((info.documents, "document"), (info.passages, "passage")))
    say(f"holds:    {holds}, {count(info.sentences, 'sentence')}")
    say(f"updated:  {updated}")
    if not changes.stale:
        say(f"corpus:   {name(str(root))}: up to date")
    else:
        counts = ", ".join(f"{len(v)} {k}" for k, v in stale.items() if v)
        say(f"corpus:   {name(str(root))}: stale ({counts}); run: askdocs index")
        for kind, paths in stale.items():
            if paths:
                note = "; still in the index, the next askdocs index removes them" * (kind == "ignored")
                say(f"  {kind} ({len(paths)}{note}):")
                for line in _listed([name(display_path(root, p)) for p in paths], verbose):
                    say(line)
    if skipped:
        say(f"skipped:  {len(skipped)} file{'s' * (len(skipped) != 1)} not indexed")
        shown = [(name(display_path(root, p)), why) for p, why in skipped]
        width = min(max(len(p) for p, _ in shown), 60)
        for line in _listed([f"{p:<{width}}  {why}" for p, why in shown], verbose):
            say(line)
    if ignored_files:
        say(f"ignored:  {ignored_files} path{'s' * (ignored_files != 1)} (files or folders) matched by .askdocsignore")


def _listed(lines: list[str], verbose: bool) -> list[str]:
    """At most LISTED lines (all with `verbose`), indented, then how many more there are."""
    shown = lines if verbose else lines[:LISTED]
    out = [f"    {line}" for line in shown]
    if len(lines) > len(shown):
        out.append(f"    … and {len(lines) - len(shown)} more (use --verbose)")
    return out
