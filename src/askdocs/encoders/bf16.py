"""The model in bfloat16 on torch, for big indexing runs on CPUs that multiply bfloat16 natively.

Vectors stay within cosine 0.9999 of float32 (the indexer checks that on the indexed text before using it)
at about twice the speed. A plain BERT model is read straight from its folder (askdocs.encoders.bert: no
sentence-transformers import; texts packed end to end); other models load through sentence-transformers
(texts in batches of equal token length). Either way there is no padding and no attention mask.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from askdocs.encoders.bert import Unsupported, encode_in_length_groups
from askdocs.encoders.sentence_transformers import SentenceTransformerEmbedder, offline_environment, resolve_model_path
from askdocs.errors import ModelUnavailable

__all__ = ["Bfloat16Embedder", "Unsupported", "pipeline"]


def pipeline(model: object) -> tuple[object, str]:
    """The Transformer module and the pooling mode ("mean" or "cls") of a sentence-transformers model."""
    modules = list(model)  # type: ignore[call-overload]
    kinds = [type(m).__name__ for m in modules]
    if len(modules) < 2 or kinds[0] != "Transformer" or kinds[1] != "Pooling" or set(kinds[2:]) - {"Normalize"}:
        raise Unsupported(f"model pipeline {' + '.join(kinds)} is not Transformer + Pooling (+ Normalize)")
    pooling = modules[1]
    mode = getattr(pooling, "pooling_mode", None)
    if not isinstance(mode, str):
        mode = "mean" if getattr(pooling, "pooling_mode_mean_tokens", False) else ""
        mode = "cls" if not mode and getattr(pooling, "pooling_mode_cls_token", False) else mode
    if mode not in ("mean", "cls"):
        raise Unsupported(f"pooling {mode!r} is not mean or cls")
    if not hasattr(modules[0].tokenizer, "backend_tokenizer"):
        raise Unsupported("the tokenizer has no tokenizer.json form")
    return modules[0], mode


@dataclass(frozen=True)
class _Parts:
    """A loaded model: texts to normalised float32 vectors, the vector size, how it was loaded, and (read
    directly) the same model in float32 to check against."""

    encode: Callable[[list[str]], np.ndarray]
    dimension: int
    how: str
    float32: Callable[[list[str]], np.ndarray] | None = None


class Bfloat16Embedder:
    """The `Embedder` protocol over the model in bfloat16; loads on first use."""

    encoder = "torch-bf16"
    concurrent = True
    """encode_documents may run on several threads at once (the indexer runs batches side by side)."""

    def __init__(self, name: str, *, threads: int = 0) -> None:
        self.name = name
        self.threads = threads
        self._lock = threading.Lock()
        self._parts: _Parts | None = None

    @property
    def dimension(self) -> int:
        return self._get().dimension

    @property
    def loaded_how(self) -> str:
        """ "direct" (BERT read from its folder) or "sentence-transformers"."""
        return self._get().how

    def load(self) -> None:
        self._get()

    def _get(self) -> _Parts:
        with self._lock:
            if self._parts is None:
                offline_environment()
                self._parts = self._direct() or self._through_sentence_transformers()
            return self._parts

    def _direct(self) -> _Parts | None:
        from askdocs.encoders import bert

        folder = Path(resolve_model_path(self.name))
        if not folder.is_dir():
            return None
        try:
            layout = bert.read_layout(folder)
            import torch

            if self.threads:
                torch.set_num_threads(self.threads)
            encoder = bert.BertEncoder(layout, "bfloat16")
        except Unsupported:
            return None
        except ImportError as exc:
            raise ModelUnavailable(f"torch is not installed: {exc}") from None

        def float32(texts: list[str]) -> np.ndarray:
            return bert.BertEncoder(layout, "float32").encode(texts)

        return _Parts(encoder.encode, layout.dimension, "direct", float32)

    def _through_sentence_transformers(self) -> _Parts:
        import torch
        from tokenizers import Tokenizer

        base = SentenceTransformerEmbedder(self.name, threads=self.threads)
        model = base._get()
        transformer, mode = pipeline(model)
        tokenizer = Tokenizer.from_str(transformer.tokenizer.backend_tokenizer.to_str())
        tokenizer.enable_truncation(max_length=int(model.max_seq_length))
        tokenizer.no_padding()
        types = "token_type_ids" in transformer.tokenizer.model_input_names
        hf = transformer.auto_model.to(torch.bfloat16).eval()

        def forward(ids: torch.Tensor) -> torch.Tensor:
            feed = {"input_ids": ids} | ({"token_type_ids": torch.zeros_like(ids)} if types else {})
            tokens = hf(**feed)[0].float()
            pooled = tokens[:, 0] if mode == "cls" else tokens.mean(1)
            return torch.nn.functional.normalize(pooled, p=2, dim=-1)

        lowercase = bool(getattr(transformer, "do_lower_case", False))
        dimension = base.dimension

        def encode(texts: list[str]) -> np.ndarray:
            return encode_in_length_groups(texts, tokenizer, forward, dimension, lowercase=lowercase)

        return _Parts(encode, dimension, "sentence-transformers")

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        parts = self._get()
        if self.threads:  # torch's thread count belongs to the calling thread: the indexer encodes on its own
            import torch

            torch.set_num_threads(self.threads)
        return parts.encode(list(texts))

    def reference(self, texts: list[str]) -> np.ndarray | None:
        """The same texts through the same reader in float32, to check bfloat16 against; None when the model
        loaded through sentence-transformers (the caller then checks against its float32 encoder)."""
        float32 = self._get().float32
        return None if float32 is None else float32(list(texts))

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_documents([text])[0]
