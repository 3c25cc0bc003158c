"""The chat's source view: the document a citation or passage points into, its cited span, and what has become of
its file since it was indexed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from askdocs.errors import AskdocsError
from askdocs.ingest.columns import markdown_span, read_checked
from askdocs.ingest.documents import display_path
from askdocs.ingest.encoding import decode
from askdocs.ingest.layout import OFFSETS_IN
from askdocs.store.index_store import IndexStore
from askdocs.store.records import StoredDocument
from askdocs.text.gaps import closed_span
from askdocs.text.safe import without_invisible

_SINCE_INDEXED = {
    "changed": "the file has changed since it was indexed",
    "missing": "the file is missing: deleted or moved since it was indexed",
}
"""What a source's title says of its file when it is no longer as indexed."""


@dataclass(frozen=True)
class SourceRef:
    """A place in a document to show: a citation's sentence or a retrieved passage."""

    path: str
    """As the answer shows it: the display path of a citation, or the corpus-relative path of a passage."""
    start: int
    end: int
    line: int | None
    """The file's line; None for the extracted formats (their place is `where`)."""
    label: str
    status: str = "ok"
    where: str = ""
    """Where a person finds it in the original ("p.3", "§ Budget ¶2"); empty or "line N" for text files."""
    column: int | None = None
    """The column of `start` on its file line, for text and Markdown files (None when unknown or another format)."""


@dataclass(frozen=True)
class SourceText:
    """A document's indexed text with the span to highlight (`text[start:end]` is the cited part)."""

    path: str
    text: str
    start: int
    end: int
    line: int | None
    note: str | None = None
    where: str = ""
    column: int | None = None
    first_line: int | None = 1
    """The file line `text` starts on: the view numbers lines from it; None when the text's lines are not the
    file's one for one (Markdown without markup, when the file cannot be shown), and the view shows no numbers
    rather than wrong ones."""
    offsets_in: str = "file"
    """What `start`/`end` index: "file", or the indexed text ("text without markup", "extracted text")."""


def source_text(store: IndexStore | None, corpus: Path, ref: SourceRef) -> SourceText:
    """The indexed text of the document a citation or passage points into (from disk when the index lacks it)."""
    if store is not None:
        for doc in store.documents().values():
            if ref.path in (doc.path, display_path(corpus, doc.path)):
                text = store.document_text(doc.id)
                # the file as it is now, not as it was when the answer was shown: it may have gone since
                status, data = read_checked(corpus / doc.path, doc.sha256)
                note = _SINCE_INDEXED.get(status)
                shown = display_path(corpus, doc.path)  # as citations name it, passages too
                layout = store.layout(doc.id)
                # an escape sequence's spaces closed up as in quotes: the stored offsets stay the index's
                text, start, end = closed_span(text, layout.blanked, ref.start, ref.end)
                found = SourceText(shown, text, start, end, ref.line, note, ref.where, ref.column)
                if layout.kind not in OFFSETS_IN:  # extracted text: its lines are not the file's
                    return replace(found, first_line=None, offsets_in="extracted text")
                if layout.kind == "text":
                    return found
                plain = replace(found, first_line=layout.first_line(), offsets_in=OFFSETS_IN[layout.kind])
                if layout.kind != "markdown":  # a CSV file's rows as indexed, unnumbered
                    return plain
                in_file = _in_markdown_file(doc, plain, data) if status == "ok" else None
                return in_file or plain
    return _from_disk(corpus, ref)


def _in_markdown_file(doc: StoredDocument, shown: SourceText, data: bytes) -> SourceText | None:
    """A Markdown source shown as its file is (`data`, as it was indexed), the quote found in it (see
    `markdown_span`): the view then numbers the file's own lines."""
    text = without_invisible(decode(data, Path(doc.path))[0])  # as indexed: places on a line as in the index
    quote = shown.text[shown.start : shown.end]
    span = markdown_span(text, shown.line, shown.column, quote)
    return replace(shown, text=text, start=span[0], end=span[1], first_line=1, offsets_in="file") if span else None


def _from_disk(corpus: Path, ref: SourceRef) -> SourceText:
    """A file the index does not hold, shown as it is on disk, saying so."""
    for path in (Path(ref.path), corpus / ref.path):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            return SourceText(ref.path, text, ref.start, ref.end, ref.line, "not in the index; shown from disk")
    raise AskdocsError(f"{ref.path} is neither in the index nor on disk")
