"""What one `askdocs index` run did: counts, warnings, the encoder used, and its one-line summary."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from askdocs.text.counts import count

EXAMPLES = 2
"""Skipped files a warning about an empty index names; `askdocs status` lists them all."""
SUMMARY_KINDS = 3
"""Reasons (or file types) the summary line names for its skipped (or not supported) files; `askdocs status` names
them all."""


@dataclass
class IndexReport:
    """What one `askdocs index` run did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Files of the corpus folder left out of the index after this run for a fault of their own (binary, empty, too
    large, damaged, a link out of the corpus...), whichever run met them first: the files `askdocs status` lists as
    skipped, so that both count the same (not files of a type askdocs does not read: see `unsupported`; nor those
    .askdocsignore leaves out)."""
    skip_reasons: dict[str, int] = field(default_factory=dict)
    """`skipped` by short reason ("damaged Word file", "empty"), as `askdocs status` counts them."""
    skipped_before: int = 0
    """Of `skipped`, the files an earlier run read and skipped, unchanged since: not read again, so not named again
    in this run's warnings (the summary says how many)."""
    unsupported: dict[str, int] = field(default_factory=dict)
    """Files of a type askdocs does not read (an image, an Excel workbook), by type (".png"): left out, but no fault
    of theirs, so not counted as skipped; `askdocs status` counts them the same."""
    page_folders: int = 0
    """Folders of a saved web page's files (`NAME_files` beside `NAME.html`) not entered: counted, never named."""
    passages: int = 0
    """Passages embedded in this run."""
    total_documents: int = 0
    total_passages: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    encoder: str = ""
    """How this run's vectors were computed ("onnx-fp32", "onnx-int8", "torch"); empty if nothing was embedded."""
    notes: list[str] = field(default_factory=list)
    """What the run decided about the encoder (an export made, a check failed)."""
    no_documents: str = ""
    """When the run leaves the index with no documents: why (see `nothing_indexed`), for a warning."""
    kept_while_empty: int = 0
    """Documents a watch's sync kept, removing nothing, because the corpus folder held no file to index (an
    unmounted drive's empty mount point, a folder made anew, the last file deleted): see Indexer's keep_if_empty."""
    held: int = 0
    """Documents whose files are missing that a watch's sync did not remove, as other files came back since its last
    sync: a copy back into the corpus folder may still be on its way (see Indexer's copy_back)."""

    def summary(self) -> str:
        """The run in one line: files added, changed, removed, unchanged, skipped for a fault (with why) and of a
        type askdocs does not read (with their types), then passages embedded and what the index holds."""
        encoder = f" with {self.encoder}" if self.encoder else ""
        left_out = ""
        if self.skipped:
            why = [tally(self.skip_reasons, SUMMARY_KINDS)] if self.skip_reasons else []
            if self.skipped_before:
                them = "it" if self.skipped_before == 1 else "them"
                why.append(f"{self.skipped_before} unchanged since an earlier run skipped {them}")
            left_out += f", {self.skipped} skipped" + (f" ({'; '.join(why)})" if why else "")
        if self.unsupported:
            left_out += f", {sum(self.unsupported.values())} not supported ({tally(self.unsupported, SUMMARY_KINDS)})"
        if self.page_folders:
            left_out += f", {count(self.page_folders, 'saved web page folder')} passed over"
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged{left_out};"
            f" {count(self.passages, 'passage')} embedded{encoder} ({count(self.total_documents, 'document')}, "
            f"{count(self.total_passages, 'passage')} in the index) in {self.seconds:.1f}s"
        )


def tally(counts: Mapping[str, int], most: int | None = None) -> str:
    """Counts by kind in one phrase, the commonest first ("3 .png, 1 .jpg"), at most `most` kinds then how many files
    of other kinds ("2 other"); one kind more is said rather than summed: the summary line and `askdocs status` say
    their skipped and unsupported files alike."""
    from askdocs.store.skipped import counted_kind

    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if most is None or len(ordered) <= most + 1:
        return ", ".join(counted_kind(n, kind) for kind, n in ordered)
    rest = sum(n for _, n in ordered[most:])
    return ", ".join([*(counted_kind(n, kind) for kind, n in ordered[:most]), f"{rest} other"])


def file_type(path: Path | str) -> str:
    """How the summary and `askdocs status` name the type of a file askdocs does not read: its suffix (".png"), or
    "no extension" when its name has none or ends in one without a letter, which is no file type ("CC0-1.0",
    "notes.2024")."""
    suffix = Path(path).suffix.lower()
    return suffix if any(c.isalpha() for c in suffix) else "no extension"


class IndexInterrupted(KeyboardInterrupt):
    """Ctrl-C ended an index run: what state it left the index in, for the run's closing line."""

    def __init__(self, documents: int | None, committed: int, *, rebuild_dropped: bool) -> None:
        super().__init__()
        self.documents = documents
        """Documents the index holds now (None: it could not be read)."""
        self.committed = committed
        """Files this run committed: kept in the index, or dropped with the rebuild."""
        self.rebuild_dropped = rebuild_dropped
        """A rebuild aside was thrown away: the index is as it was before the run."""

    def message(self) -> str:
        """The closing line: the state of the index and what to run next."""
        if self.rebuild_dropped:
            holds = "" if self.documents is None else f" ({count(self.documents, 'document')})"
            return (
                f"interrupted; the rebuild was dropped and the index is unchanged{holds};"
                " run: askdocs index --rebuild to start the rebuild again"
            )
        if self.documents == 0:
            return "interrupted before any file was committed; the index holds no documents yet; run: askdocs index"
        kept = "the documents" if self.documents is None else f"the {count(self.documents, 'document')}"
        return (
            f"interrupted; the index keeps {kept} committed so far ({self.committed} by this run);"
            " run: askdocs index to go on"
        )


def nothing_indexed(corpus: Path, skipped: Sequence[tuple[Path, str]]) -> str:
    """Why the index holds no documents after a run over `corpus`, in one line: the files left out counted by
    short reason (`skipped`: path and reason as status gives it) with an example or two, and the file types
    askdocs reads, from the readers' own list, so that a first run on the wrong folder or format says so."""
    from askdocs.ingest.documents import SUFFIXES, shown_name
    from askdocs.store.skipped import counted_kind, reason_kind

    *others, last = sorted(SUFFIXES)
    reads = f"{', '.join(others)} and {last}"
    said = f"the index holds no documents: {corpus}{os.sep} has no file askdocs could read"
    if not skipped:
        return f"{said}; put {reads} files in it and run: askdocs index"
    if len(skipped) == 1:
        path, why = skipped[0]
        return f"{said}; 1 file left out ({shown_name(str(path))}: {why}); askdocs reads {reads} files"
    kinds = Counter(reason_kind(why) for _, why in skipped)
    ordered = sorted(kinds, key=lambda kind: (-kinds[kind], kind))
    firsts = [min(p for p, why in skipped if reason_kind(why) == kind) for kind in ordered]
    examples = list(dict.fromkeys([*firsts, *sorted(p for p, _ in skipped)]))[:EXAMPLES]  # one of each reason first
    why = ", ".join(counted_kind(kinds[kind], kind) for kind in ordered)
    named = ", ".join(shown_name(str(p)) for p in examples)
    more = "; run: askdocs status to list them all" if len(skipped) > EXAMPLES else ""
    return f"{said}; {count(len(skipped), 'file')} left out ({why}; e.g. {named}); askdocs reads {reads} files{more}"


def unsupported_note(paths: Sequence[Path]) -> str:
    """One line naming the files of a type askdocs does not read, or "" when there are none: a file dropped into
    the corpus that no reader takes should not go unmentioned until `askdocs status` is run."""
    from askdocs.ingest.documents import shown_name

    if not paths:
        return ""
    ordered = sorted(paths)
    named = ", ".join(shown_name(str(p)) for p in ordered[:EXAMPLES])
    more = ", ..." if len(ordered) > EXAMPLES else ""
    files = count(len(ordered), "file")
    return f"{files} not indexed, of a type askdocs does not read: {named}{more} (run: askdocs status)"
