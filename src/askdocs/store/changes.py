"""How a corpus folder differs from the index: new, changed, removed, unchanged, and skipped files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from askdocs.errors import UnreadableDocument
from askdocs.ingest.documents import (
    MAX_FILE_MB,
    discover,
    foreseen_skip,
    hash_bytes,
    over_cap,
    read_bytes,
    relative_name,
    skipped_for_size,
)
from askdocs.ingest.ignore import IgnoreReader
from askdocs.store.records import StoredDocument
from askdocs.store.skipped import Skipped

REWRITTEN = "content differs from the index with the same size and time as indexed; run: askdocs index --rebuild"


@dataclass(frozen=True)
class CorpusChanges:
    """How the corpus folder differs from the index, by file."""

    new: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[Path, ...] = ()
    touched: tuple[Path, ...] = ()
    """Unchanged content but a new modification time."""
    skipped: tuple[Path, ...] = ()
    """Not indexed, as they were when a run skipped them (binary, empty, too large): not new."""

    @property
    def stale(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    @property
    def found(self) -> bool:
        """Whether the scan found any file to index (new, changed, unchanged or still skipped)."""
        return bool(self.new or self.changed or self.unchanged or self.skipped)

    def as_dict(self, corpus: Path) -> dict[str, list[str]]:
        def rel(paths: tuple[Path, ...]) -> list[str]:
            return [relative_name(corpus, p) for p in paths]

        return {"new": rel(self.new), "changed": rel(self.changed), "removed": list(self.removed)}


def compare(
    corpus: Path,
    indexed: dict[str, StoredDocument],
    warnings: list[str] | None = None,
    *,
    outside_links: bool = False,
    max_mb: int = MAX_FILE_MB,
    skipped: Mapping[str, Skipped] | None = None,
    left_out: list[tuple[Path, str]] | None = None,
    ignore: IgnoreReader | None = None,
) -> CorpusChanges:
    """Classify files without reading unchanged ones: size and mtime first, the content hash when they differ
    (a rewrite that keeps both is found by `rewritten_in_place`, i.e. `status --check`, and `index --rebuild`).
    Links out of the corpus and special files are left out, with a line each in `warnings`; files recorded in
    `skipped` and not modified since count as skipped, not new; files the scan leaves out (.askdocsignore,
    unsupported type) go to `left_out` with why; `ignore`: see `discover`."""
    new, changed, unchanged, touched, passed = [], [], [], [], []
    seen = set()
    for path in discover(corpus, warnings, outside_links=outside_links, left_out=left_out, ignore=ignore):
        name = relative_name(corpus, path)
        seen.add(name)
        known = indexed.get(name)
        if known is None:
            (passed if _still_skipped(path, (skipped or {}).get(name), max_mb) else new).append(path)
            continue
        try:
            stat = path.stat()
        except OSError:
            changed.append(path)
            continue
        if stat.st_size == known.size and stat.st_mtime == known.mtime:
            unchanged.append(path)
            continue
        try:
            same = hash_bytes(read_bytes(path, max_mb)) == known.sha256
        except UnreadableDocument:
            same = False
        (touched if same else changed).append(path)
        if same:
            unchanged.append(path)
    removed = tuple(sorted(set(indexed) - seen))
    return CorpusChanges(tuple(new), tuple(changed), removed, tuple(unchanged), tuple(touched), tuple(passed))


def rewritten_in_place(
    corpus: Path, indexed: dict[str, StoredDocument], paths: tuple[Path, ...], max_mb: int = MAX_FILE_MB
) -> list[Path]:
    """Of `paths` (files `compare` called unchanged), those whose content no longer has the indexed hash: rewritten
    with the same size and modification time (set back, or within one clock tick of the read). Reads every file;
    `askdocs index` trusts size and time like make and rsync, so only `index --rebuild` re-reads these."""
    found = []
    for path in paths:
        known = indexed.get(relative_name(corpus, path))
        try:
            same = known is not None and hash_bytes(read_bytes(path, max_mb)) == known.sha256
        except UnreadableDocument:
            same = False
        if not same:
            found.append(path)
    return found


def _still_skipped(path: Path, record: Skipped | None, max_mb: int) -> bool:
    """True when `path` has the size and time it had when a run skipped it, and, if it was skipped for its size,
    is still over the cap (a raised max_file_mb lets it in)."""
    if record is None:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    if skipped_for_size(record.reason) and not over_cap(stat.st_size, max_mb):
        return False
    return stat.st_size == record.size and stat.st_mtime == record.mtime


def set_aside_skips(changes: CorpusChanges, max_mb: int = MAX_FILE_MB) -> tuple[CorpusChanges, dict[Path, str]]:
    """`changes` without the new files the next index run would skip (binary, empty or too large, told from their
    size and first bytes; PDFs scanned, encrypted or damaged, told from their pages), and why each is skipped: they
    are not waiting to be indexed, so they never make an index look stale."""
    foreseen = {p: foreseen_skip(p, max_mb) for p in changes.new}
    kept = tuple(p for p in changes.new if foreseen[p] is None)
    return replace(changes, new=kept), {p: why for p, why in foreseen.items() if why}
