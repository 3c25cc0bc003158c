"""Messages the chat's widgets and workers send; workers post them from their threads (post_message is safe)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual.message import Message

from askdocs.answering import Answer
from askdocs.index_progress import PassageCount
from askdocs.indexer import IndexReport
from askdocs.store.records import IndexInfo
from askdocs.text.excerpt import Preview
from askdocs.tui.backend import IndexStatus
from askdocs.tui.sources import SourceRef


@dataclass
class OpenSource(Message):
    """Show a cited sentence or a retrieved passage in its document."""

    ref: SourceRef


@dataclass
class BackendReady(Message):
    """The index is open and the model loaded: questions are answered from now on."""

    info: IndexInfo


@dataclass
class BackendFailed(Message):
    """The index or the model could not be opened at start."""

    message: str
    index_missing: bool = False
    index_unusable: bool = False


@dataclass
class StatusChecked(Message):
    """Fresh counts for the status line and whether the corpus changed since the last index."""

    status: IndexStatus


@dataclass
class SuggestionsFound(Message):
    """The questions the answerer answered among those made from the titles; `key` names the index state."""

    key: object
    questions: tuple[str, ...]
    done: bool = True
    """False while more candidates are still being tried: the questions so far are shown meanwhile."""


@dataclass
class AnswerReady(Message):
    """The core answered question `number` of the conversation."""

    number: int
    answer: Answer
    seconds: float
    previews: Mapping[int, Preview] = field(default_factory=dict)
    """By passage id: where each retrieved passage's preview opens (see Retriever.previews)."""
    warning: str | None = None
    """A warning the answering gave, shown once beside it (the FAISS file rebuilt for it could not be saved)."""


@dataclass
class AnswerFailed(Message):
    """Question `number` could not be answered; `message` says why in one line."""

    number: int
    message: str


@dataclass
class IndexProgress(Message):
    """One more file indexed."""

    done: int
    total: int
    path: str


@dataclass
class IndexPassages(Message):
    """One more batch embedded: it moves inside one big file too, while the file count stays put."""

    count: PassageCount


@dataclass
class IndexFinished(Message):
    """The re-index finished and the retriever now reads the new index."""

    report: IndexReport


@dataclass
class IndexFailed(Message):
    """The re-index stopped; what was committed before stays usable. `rebuild`: only a rebuild mends the index
    (a plain re-index found it damaged), so the chat offers one, as it does on opening such an index."""

    message: str
    rebuild: bool = False
