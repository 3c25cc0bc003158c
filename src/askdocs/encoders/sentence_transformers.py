"""sentence-transformers on torch: the reference encoder, used when no checked ONNX export exists."""

from __future__ import annotations

import threading

import numpy as np

from askdocs.config import DEFAULT_MODEL
from askdocs.encoders.base import Encoder, finite
from askdocs.encoders.models import first_line, not_installed, offline_environment, require_local, resolve_model_path
from askdocs.errors import ModelUnavailable


class SentenceTransformerEncoder(Encoder):
    """sentence-transformers on the CPU; loads on first use and is safe to share across threads."""

    label = "torch"
    concurrent = False
    """Its tokenizer changes its settings on each call: one encode at a time."""

    def __init__(self, name: str = DEFAULT_MODEL, *, threads: int = 0) -> None:
        self.name = name
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        self._get()

    def model(self):  # noqa: ANN201 - SentenceTransformer is imported lazily
        """The loaded SentenceTransformer (the ONNX export reads its modules)."""
        return self._get()

    def _get(self):  # noqa: ANN202 - SentenceTransformer is imported lazily
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self):  # noqa: ANN202
        offline_environment()
        require_local(self.name)
        path = resolve_model_path(self.name)
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            if self.threads:
                torch.set_num_threads(self.threads)
            return SentenceTransformer(path, device="cpu")
        except ImportError as exc:
            raise ModelUnavailable(f"sentence-transformers is not installed: {exc}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            if isinstance(exc, FileNotFoundError) or "huggingface.co" in str(exc):  # files missing from the cache
                raise not_installed(self.name) from None
            raise ModelUnavailable(f"cannot load model {self.name!r} offline: {first_line(exc, 10_000)}") from None

    @property
    def dimension(self) -> int:
        model = self._get()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return self.empty()
        model = self._get()
        if self.threads:  # torch's thread count belongs to the calling thread: the indexer encodes on its own
            import torch

            torch.set_num_threads(self.threads)
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return finite(np.ascontiguousarray(vectors, dtype=np.float32), f"the model {self.name}")
