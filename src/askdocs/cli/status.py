"""`askdocs status`: where the index is, what it holds, and what changed in the corpus since (no model load)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from askdocs.cli.exits import decided
from askdocs.cli.options import Command, common_options, index_advice, model_refusal, settings_from
from askdocs.errors import EXIT_INDEX, IndexDamaged
from askdocs.project import index_folder_read_only, require_project, with_folders
from askdocs.text.counts import count

if TYPE_CHECKING:
    from askdocs.config import Settings
    from askdocs.store.index_store import IndexStore
    from askdocs.store.records import StoredDocument

LISTED = 10
"""Paths listed per category without --verbose; the rest are counted."""
NOTES = {
    "ignored": "; still in the index, the next askdocs index removes them",
    "reread": "; unchanged, but their type's reader changed since: the next askdocs index reads them again",
}
"""What a category of stale files means, where its name alone does not say."""


@click.command(cls=Command)
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--check",
    is_flag=True,
    help="Also check the SQLite file (quick_check), the FAISS file and every file of the ONNX export (checksums;"
    " those questions load are checked always) and every file's content hash.",
)
@click.option("-v", "--verbose", is_flag=True, help=f"List every path (at most {LISTED} per category otherwise).")
def status(corpus, index_dir, model, as_json: bool, check: bool, verbose: bool) -> None:  # noqa: ANN001
    """Show the index, its model and size, and the files new, changed, deleted or ignored (.askdocsignore) since
    the last index, the files it skipped (or, before the first index, will skip) with why, and apart, those of a
    type it does not read.

    Exits 3 before the first index and when the index is damaged. Every run checks an index file of up to 512 MB
    page by page, and the model files that questions load, as a question does; --check also reads a bigger index
    file. Exits 3 too, after the report, when --model (or the configured model) is not the one the index was
    built with, since a question would be refused (4 when that model is not installed). A FAISS file that will
    not load is only a warning, exit 0: the next question rebuilds it."""
    from askdocs.cli.render import dumps, export_notes, index_json, say, warn_all, warn_if_corpus_missing
    from askdocs.encoders.choose import question_export
    from askdocs.encoders.onnx import REPAIR, export_problems
    from askdocs.errors import IndexMissing
    from askdocs.indexer import other_corpus, other_corpus_advice
    from askdocs.ingest.documents import relative_name
    from askdocs.store.changes import REWRITTEN, rewritten_in_place
    from askdocs.store.index_store import IndexStore
    from askdocs.store.vector_log import REBUILT, REBUILT_IN_MEMORY
    from askdocs.text.safe import name

    settings = settings_from(corpus, index_dir, model)
    require_project(settings)  # outside a project folder: one line saying where askdocs looked
    if settings.lost_corpus is not None:  # a missing ./corpus alone is said by the corpus line
        warn_if_corpus_missing(settings, doing="reporting on")
    rerun = index_advice(settings)
    try:
        store = IndexStore.open(settings.index)
    except IndexMissing as missing:  # what the first index will take in and leave out, then the usual error
        decided(missing.exit_code)
        report = _Report.of(settings, {})
        if as_json:
            facts = {"index": None, "corpus": str(report.root), "stale": report.stale}
            click.echo(dumps({**facts, **report.json(), "warnings": []}))
        else:
            say(f"index:    none yet at {name(str(settings.index))}")
            report.show(verbose, first=True, rerun=rerun)
        raise missing from None
    with store:
        info = store.info()
        refused = model_refusal(store, settings, chosen=model is not None)
        exported = export_problems(settings.index, store.encoder, hashed=check)
        noted = export_notes(settings, store.encoder)
        runtime = question_export(settings.index, store.model, store.encoder) if check else None
        database = store.check_database() if check else store.check_if_small()
        rebuilt = store.check_vectors() if check and not database else None  # mended by the next use: no damage
        mend = REBUILT_IN_MEMORY if index_folder_read_only(settings.index) else REBUILT  # a question saves it there
        warnings = [with_folders(f"{rebuilt}; {mend}", settings)] * (rebuilt is not None) + noted
        problems = database + exported
        documents = store.documents()
        recorded = other_corpus(store, settings.corpus)  # an index run would refuse this folder
        # none of its files is indexed when the index is another folder's
        report = _Report.of(settings, documents if recorded is None else {}, store)
        if recorded is not None:
            rerun = with_folders(other_corpus_advice(recorded, settings.corpus.resolve()), settings)
            report = replace(report, other=recorded)
        if check and recorded is None:  # same size and time as indexed but other content: only --rebuild re-reads those
            rewritten = rewritten_in_place(settings.corpus, documents, report.unchanged, settings.max_file_mb)
            problems += [f"{name(relative_name(settings.corpus, p))}: {REWRITTEN}" for p in rewritten]
        problems = [with_folders(problem, settings) for problem in problems]
    if problems or refused is not None:
        decided(refused.exit_code if refused is not None and not problems else EXIT_INDEX)
    if as_json:
        checked = {"check": {"ok": not problems, "problems": problems}} if check or problems else {}
        facts = {"index": index_json(info), "corpus": str(report.root), "stale": report.stale}
        click.echo(dumps({**facts, **report.json(), **checked, "warnings": warnings}))
        warn_all(warnings)
        if problems:
            sys.exit(EXIT_INDEX)
        if refused is not None:
            raise refused
        return
    for problem in problems:
        say(f"damaged:  {problem}")
    if problems:  # an export alone is mended by a plain index run, without embedding again
        fix = REPAIR if len(exported) == len(problems) else "run: askdocs index --rebuild"
        raise IndexDamaged(f"{len(problems)} problem{'s' * (len(problems) > 1)} found", with_folders(fix, settings))
    if check:
        onnx = "ONNX export not in use (see the warning)" if noted else "ONNX export ok"
        if not noted and runtime is None:
            onnx = "no ONNX export (questions use the PyTorch model)"
        faiss = "FAISS file to be rebuilt (see the warning)" if rebuilt else "FAISS checksum ok"
        say(f"check:    SQLite quick_check ok, {faiss}, {onnx}, file contents as indexed")
    updated = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.updated))
    say(f"index:    {name(str(info.path))}")
    say(f"model:    {info.model} ({f'{info.dimension} dimensions' if info.dimension else 'nothing embedded yet'})")
    holds = ", ".join(count(n, noun) for n, noun in ((info.documents, "document"), (info.passages, "passage")))
    say(f"holds:    {holds}, {count(info.sentences, 'sentence')}")
    say(f"updated:  {updated}")
    report.show(verbose, rerun=rerun)
    warn_all(warnings)
    if refused is not None:
        raise refused


@dataclass(frozen=True)
class _Report:
    """How the corpus stands against the index: stale files by kind, files skipped with why, ignored paths."""

    root: Path
    stale_files: dict[str, list[str]]
    """new, changed, reread (unchanged, of a type whose reader changed since they were read), removed and ignored
    (indexed, now matched by .askdocsignore): corpus-relative names."""
    skipped: list[tuple[str, str]]
    """(name, short reason): recorded by an index run, left out by the scan, or foreseen for a file no run tried;
    not the files of a type askdocs does not read, which are `unsupported`."""
    unsupported: list[str]
    """Names of the files of a type askdocs does not read: left out, but for no fault of theirs."""
    ignored_files: int
    unchanged: tuple[Path, ...]
    missing: bool = False
    """The corpus folder is not there: its documents are not removed, the folder is."""
    other: Path | None = None
    """The other folder the index's documents come from, when it is not this one: its files are not removed."""
    pages: list[str] = field(default_factory=list)
    """Folders of a saved web page's files (`NAME_files/` beside `NAME.html`), not entered."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(link, file): symbolic or hard links to a file the corpus holds under another name, indexed once, under that
    name."""

    @classmethod
    def of(cls, settings: Settings, documents: dict[str, StoredDocument], store: IndexStore | None = None) -> _Report:
        """Compare the corpus with the indexed `documents`; a new file the index run would skip (binary, empty or too
        large, told from its size and first bytes; a PDF scanned, encrypted or damaged, told from its pages) goes
        with the skipped files, as it will after that run; an unchanged file of a type whose reader version differs
        from the one `store` recorded is read again (not one a re-read cut short read already), as the next run does."""
        from askdocs.index_rereads import reread
        from askdocs.indexer import compare
        from askdocs.ingest.documents import relative_name
        from askdocs.ingest.ignore import IGNORED, SAVED_PAGE_FILES, UNSUPPORTED, load_ignore
        from askdocs.ingest.links import link_target, same_file
        from askdocs.store import skipped as skip_log
        from askdocs.store.changes import set_aside_skips
        from askdocs.store.skipped import short_reason

        root = settings.corpus
        recorded = skip_log.load(settings.index)
        left_out: list[tuple[Path, str]] = []
        changes = compare(root, documents, outside_links=settings.outside_links, skipped=recorded, left_out=left_out)
        changes, foreseen = set_aside_skips(changes, settings.max_file_mb)
        stale = changes.as_dict(root)
        again = reread(changes, store, root) if documents and store else changes
        stale["reread"] = [relative_name(root, p) for p in again.changed[len(changes.changed) :]]
        ignore = load_ignore(root)
        gone = [p for p in stale["removed"] if not (ignore and (root / p).exists() and ignore(p))]
        stale["ignored"] = [p for p in stale["removed"] if p not in gone]
        stale["removed"] = gone
        skipped = [
            (relative_name(root, p), short_reason(p, recorded[relative_name(root, p)].reason)) for p in changes.skipped
        ]
        skipped += [(relative_name(root, p), short_reason(p, why)) for p, why in foreseen.items()]
        skipped += [
            (relative_name(root, p), why)
            for p, why in left_out
            if why not in (IGNORED, UNSUPPORTED, SAVED_PAGE_FILES) and not same_file(why)
        ]
        links = sorted((relative_name(root, p), link_target(why)) for p, why in left_out if same_file(why))
        unsupported = sorted(relative_name(root, p) for p, why in left_out if why == UNSUPPORTED)
        ignored = sum(why == IGNORED for _, why in left_out)
        pages = sorted(relative_name(root, p) + "/" for p, why in left_out if why == SAVED_PAGE_FILES)
        if not root.is_dir():  # nothing on disk to compare with: the folder is missing, its documents are not gone
            return cls(root, {kind: [] for kind in stale}, [], [], 0, (), missing=True)
        return cls(root, stale, sorted(skipped), unsupported, ignored, again.unchanged, links=links, pages=pages)

    @property
    def stale(self) -> bool:
        return any(self.stale_files.values())

    def json(self) -> dict[str, Any]:
        rows = [{"path": p, "reason": why} for p, why in self.skipped]
        return {
            **self.stale_files,
            "skipped": rows,
            "unsupported": self.unsupported,
            "ignored_by_file": self.ignored_files,
            "links": [{"path": p, "target": t} for p, t in self.links],
            "saved_page_folders": self.pages,
            "corpus_missing": self.missing,
            "indexed_corpus": None if self.other is None else str(self.other),
        }

    def show(self, verbose: bool, first: bool = False, rerun: str = "run: askdocs index") -> None:
        """The corpus lines of the text output, ending with `rerun` when the index is behind; `first`: no index yet,
        so every readable file is to index."""
        from askdocs.cli.render import say
        from askdocs.index_report import file_type, tally
        from askdocs.ingest.documents import display_path
        from askdocs.store.skipped import reason_kind
        from askdocs.text.safe import name

        root = self.root
        if self.missing:
            say(
                f"corpus:   {name(str(root))}: the folder is missing; the index still answers from what it holds,"
                " and askdocs index needs the folder back (or --corpus DIR)"
            )
            return
        if self.other is not None:
            files = count(len(self.stale_files["new"]), "file")
            say(f"corpus:   {name(str(root))}: {files}, not indexed; the index {rerun}")
            return
        if first:
            new = self.stale_files["new"]
            say(f"corpus:   {name(str(root))}: {count(len(new), 'file')} to index; {rerun}")
        elif not self.stale:
            say(f"corpus:   {name(str(root))}: up to date")
        else:
            counts = ", ".join(f"{len(v)} {k}" for k, v in self.stale_files.items() if v)
            say(f"corpus:   {name(str(root))}: stale ({counts}); {rerun}")
        for kind, paths in self.stale_files.items():
            if paths and (self.stale or first):
                note = NOTES.get(kind, "")
                say(f"  {kind} ({len(paths)}{note}):")
                for line in _listed([name(display_path(root, p)) for p in paths], verbose):
                    say(line)
        if self.skipped:
            verb = "will not be indexed" if first else "not indexed"
            kinds = Counter(reason_kind(why) for _, why in self.skipped)
            say(f"skipped:  {count(len(self.skipped), 'file')} {verb} ({tally(kinds)})")
            # the rarest reasons first, so that a lone "no text layer" is not hidden behind many "empty"
            rarest_first = sorted(
                self.skipped, key=lambda item: (kinds[reason_kind(item[1])], reason_kind(item[1]), item[0])
            )
            shown = [(name(display_path(root, p)), why) for p, why in rarest_first]
            width = min(max(len(p) for p, _ in shown), 60)
            for line in _listed([f"{p:<{width}}  {why}" for p, why in shown], verbose):
                say(line)
        if self.unsupported:
            types = tally(Counter(file_type(p) for p in self.unsupported))
            say(f"not read: {count(len(self.unsupported), 'file')} not supported ({types})")
            for line in _listed([name(display_path(root, p)) for p in self.unsupported], verbose):
                say(line)
        if self.pages:
            folders = count(len(self.pages), "folder")
            say(f"passed over: {folders} of a saved web page's files (scripts, styles, pictures)")
            for line in _listed([name(display_path(root, p)) for p in self.pages], verbose):
                say(line)
        if self.links:
            files = count(len(self.links), "link")
            say(f"links:    {files} to a file indexed under another name (not indexed twice)")
            shown = [f"{name(display_path(root, p))} -> {name(display_path(root, t))}" for p, t in self.links]
            for line in _listed(shown, verbose):
                say(line)
        if self.ignored_files:
            paths = f"{self.ignored_files} path{'s' * (self.ignored_files != 1)}"
            say(f"ignored:  {paths} (files or folders) matched by .askdocsignore")


def _listed(lines: list[str], verbose: bool) -> list[str]:
    """At most LISTED lines (all with `verbose`), indented, then how many more there are."""
    shown = lines if verbose else lines[:LISTED]
    out = [f"    {line}" for line in shown]
    if len(lines) > len(shown):
        out.append(f"    … and {len(lines) - len(shown)} more (use --verbose)")
    return out
