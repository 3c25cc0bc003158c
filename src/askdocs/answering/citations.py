"""Citations: number the evidence sentences, check each quote against the index and each file against its hash."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from askdocs.answering.types import Citation
from askdocs.errors import IndexUnusable
from askdocs.ingest.documents import display_path, hash_bytes
from askdocs.ingest.layout import Layout

if TYPE_CHECKING:
    from askdocs.answering.evidence import ScoredSentence
    from askdocs.retrieval import Retriever


def file_status(corpus: Path, relative: str, sha256: str) -> str:
    """'ok' if the file on disk is what was indexed, else 'changed' or 'missing'."""
    path = corpus / relative
    try:
        return "ok" if hash_bytes(path.read_bytes()) == sha256 else "changed"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "changed"


def make_citations(retriever: Retriever, evidence: Sequence[ScoredSentence]) -> tuple[Citation, ...]:
    """Number the evidence and check each quote against the indexed text and each file against its indexed hash."""
    corpus = retriever.settings.corpus
    statuses: dict[str, str] = {}
    layouts: dict[int, Layout] = {}
    out = []
    for n, item in enumerate(evidence, start=1):
        s = item.sentence
        doc = retriever.store.document(s.path)
        text = retriever.store.document_text(s.doc_id)
        if doc is None or text[s.start : s.end] != s.text:
            raise IndexUnusable(f"the index disagrees with itself about {s.path}; run: askdocs index --rebuild")
        if s.path not in statuses:
            statuses[s.path] = file_status(corpus, s.path, doc.sha256)
        if s.doc_id not in layouts:
            layouts[s.doc_id] = retriever.store.layout(s.doc_id)
        place = layouts[s.doc_id].place(s.start, s.end, s.line)
        shown = display_path(corpus, s.path)
        fields = {"where": place.where, "page": place.page, "section": place.section, "offsets_in": place.offsets_in}
        out.append(Citation(n, shown, s.start, s.end, s.line, s.text, item.score, statuses[s.path], **fields))
    return tuple(out)


def citation_notes(citations: Sequence[Citation]) -> tuple[str, ...]:
    """One line per citation whose file changed or vanished since it was indexed."""
    return tuple(
        f"[{c.n}] {c.path} has {'changed' if c.status == 'changed' else 'been removed'} since it was indexed"
        for c in citations
        if c.status != "ok"
    )
