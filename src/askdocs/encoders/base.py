"""Encoder: what the indexer, the retriever and answering need from a model that turns text into vectors."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


def finite(vectors: np.ndarray, source: object) -> np.ndarray:
    """`vectors` when every value is a finite number; else ModelUnavailable naming `source` (a damaged model)."""
    if not np.isfinite(vectors).all():
        from askdocs.errors import ModelUnavailable

        raise ModelUnavailable(f"{source} gave vectors that are not finite numbers (NaN or infinity)")
    return vectors


class Encoder(ABC):
    """Texts to normalised float32 vectors. Subclasses load lazily (nothing heavy until the first encode) and
    implement `dimension` and `encode`; `encode_query` is one text through `encode`."""

    name: str = ""
    """The model's name as the settings give it."""
    label: str = ""
    """How vectors from this encoder are labelled in the index ("onnx-fp32", "onnx-int8", "torch")."""
    concurrent: bool = False
    """Whether `encode` may run on several threads at once (the indexer then runs one batch per core)."""
    threads: int = 0
    """Threads one encode may use (0: one per core)."""

    @property
    @abstractmethod
    def dimension(self) -> int: ...

    def load(self) -> None:
        """Load the model now rather than on the first encode (the chat does this in the background)."""
        self.encode_query("")

    @abstractmethod
    def encode(self, texts: list[str]) -> np.ndarray:
        """One normalised float32 row per text."""

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def encode_each(self, texts: list[str]) -> np.ndarray:
        """`encode`, each row what the text gives alone, whatever texts are beside it in the call: what a memo of
        vectors by text needs (see askdocs.encoders.memo). Batching changes no vector here; an encoder whose
        batch-mates move its vectors runs each text alone."""
        return self.encode(texts)

    def empty(self) -> np.ndarray:
        """No vectors: the (0, dimension) array `encode` gives for no texts."""
        return np.zeros((0, self.dimension), dtype=np.float32)
