"""Citations: number the evidence sentences, check each quote against the index and each file against its hash."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from askdocs.answering.compose import join_words
from askdocs.answering.types import Citation
from askdocs.errors import IndexUnusable
from askdocs.ingest.columns import markdown_column, read_checked
from askdocs.ingest.documents import display_path
from askdocs.ingest.layout import Layout
from askdocs.text.gaps import closed

if TYPE_CHECKING:
    from askdocs.answering.evidence import ScoredSentence
    from askdocs.retrieval import Retriever


def file_status(corpus: Path, relative: str, sha256: str) -> str:
    """'ok' if the file on disk is what was indexed, else 'changed' or 'missing'."""
    return read_checked(corpus / relative, sha256)[0]


def indexed_status(corpus: Path, relative: str, size: int, mtime: float, sha256: str) -> str:
    """file_status, trusting a size and time unchanged since indexing (as askdocs index does) before hashing the
    file: what lists of many files (the library, search results) can afford."""
    try:
        stat = (corpus / relative).stat()
    except FileNotFoundError:
        return "missing"
    except OSError:
        stat = None
    if stat is not None and stat.st_size == size and stat.st_mtime == mtime:
        return "ok"
    return file_status(corpus, relative, sha256)


def make_citations(retriever: Retriever, evidence: Sequence[ScoredSentence]) -> tuple[Citation, ...]:
    """Number the evidence and check each quote against the indexed text and each file against its indexed hash."""
    corpus = retriever.settings.corpus
    statuses: dict[str, str] = {}
    files: dict[str, bytes] = {}
    layouts: dict[int, Layout] = {}
    out = []
    for n, item in enumerate(evidence, start=1):
        s = item.sentence
        doc = retriever.store.document(s.path)
        text = retriever.store.document_text(s.doc_id)
        if doc is None or text[s.start : s.end] != s.text:
            raise IndexUnusable(f"the index disagrees with itself about {s.path}; run: askdocs index --rebuild")
        if s.path not in statuses:
            statuses[s.path], files[s.path] = read_checked(corpus / s.path, doc.sha256)
        if s.doc_id not in layouts:
            layouts[s.doc_id] = retriever.store.layout(s.doc_id)
        place = layouts[s.doc_id].place(s.start, s.end, s.line)
        shown = display_path(corpus, s.path)
        fields = {"where": place.where, "page": place.page, "section": place.section, "offsets_in": place.offsets_in}
        fields["column"] = layouts[s.doc_id].column(text, s.start)
        if place.offsets_in == "text without markup" and statuses[s.path] == "ok":
            fields["column"] = markdown_column(files[s.path], s.line, s.text)
        line = None if place.offsets_in == "extracted text" else s.line  # a line of extracted text is no file line
        quote = closed(s.text, layouts[s.doc_id].blanked, s.start)  # an escape sequence's spaces: one
        out.append(Citation(n, shown, s.start, s.end, line, quote, item.score, statuses[s.path], **fields))
    return tuple(out)


def citation_notes(citations: Sequence[Citation], corpus: Path | None = None) -> tuple[str, ...]:
    """One line per cited file that changed or vanished since it was indexed, naming its citations; one line in
    all when the whole `corpus` folder is missing (a mistyped --corpus, a moved folder), not one per file."""
    stale = [c for c in citations if c.status != "ok"]
    if not stale:
        return ()
    if corpus is not None and not corpus.is_dir():
        return (f"the cited files could not be checked: the corpus folder {corpus} is missing",)
    by_path: dict[str, list[Citation]] = {}
    for c in stale:
        by_path.setdefault(c.path, []).append(c)
    notes = []
    for path, cited in by_path.items():
        what = "changed" if cited[0].status == "changed" else "been removed"
        notes.append(f"{join_words([f'[{c.n}]' for c in cited])} {path} has {what} since it was indexed")
    return tuple(notes)
