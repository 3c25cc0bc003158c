"""askdocs: ask questions of a folder of documents, offline; every answer cites the sentences it came from.

The public API. Names load on first use, so importing askdocs (and `askdocs --help`) stays light:

    from askdocs import Retriever, answer_question, index_corpus, load_settings
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "AskdocsError",
    "Citation",
    "Retriever",
    "Settings",
    "answer_question",
    "index_corpus",
    "load_settings",
]

_HOMES = {
    "Answer": "askdocs.answering.types",
    "AskdocsError": "askdocs.errors",
    "Citation": "askdocs.answering.types",
    "Retriever": "askdocs.retrieval",
    "Settings": "askdocs.config",
    "answer_question": "askdocs.answering",
    "index_corpus": "askdocs.indexer",
    "load_settings": "askdocs.config",
}

if TYPE_CHECKING:
    from askdocs.answering import answer_question
    from askdocs.answering.types import Answer, Citation
    from askdocs.config import Settings, load_settings
    from askdocs.errors import AskdocsError
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'askdocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
