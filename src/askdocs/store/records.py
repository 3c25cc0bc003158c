"""What the store hands out: documents, passages and sentences as located rows, and what status reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from askdocs.ingest.documents import Document
from askdocs.ingest.passages import Chunk
from askdocs.text.sentences import Sentence

DocumentRows = tuple[Document, Sequence[Sentence], Sequence[Chunk], np.ndarray, Sequence[str | None] | None]
"""What `put_documents` stores per document: the document, its sentences, passages, vectors, sentence dates."""


@dataclass(frozen=True)
class StoredDocument:
    """A document as the index knows it, without its text."""

    id: int
    path: str
    sha256: str
    size: int
    mtime: float
    title: str
    published: str | None


@dataclass(frozen=True)
class Located:
    """A stretch of a stored document: row id, document, order in it, and where it sits (1-based `line`)."""

    id: int
    doc_id: int
    path: str
    ord: int
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Passage(Located):
    """A chunk of a document, the unit of retrieval; `text == document.text[start:end]`."""

    first_sentence: int
    last_sentence: int
    text: str
    where: str = ""
    """Where a person finds it in the original: "line 12", "p.3", "§ Budget ¶2" (see askdocs.ingest.layout)."""


@dataclass(frozen=True)
class StoredSentence(Located):
    """A sentence of a document, the unit of citation; `text == document.text[start:end]`."""

    text: str
    dates: str | None = None
    """JSON of the dates the sentence is about (see askdocs.ingest.timeline)."""


@dataclass(frozen=True)
class IndexInfo:
    """What `askdocs status` and `--json` report about an index."""

    path: str
    model: str
    dimension: int
    documents: int
    passages: int
    sentences: int
    chunker: str
    schema: str
    created: float
    updated: float

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)
