"""The model in bfloat16 on torch, for big indexing runs on CPUs that multiply bfloat16 natively.

Vectors stay within cosine 0.9999 of float32 (the indexer checks that on the indexed text before using it)
at about twice the speed. Batches come from `tokenizers`, sorted by length, and go straight to the
transformer: sentence-transformers' own `encode` recompiles its bfloat16 kernels for every new batch shape.
"""

from __future__ import annotations

import threading

import numpy as np

from askdocs.embedding import SentenceTransformerEmbedder

TOKEN_BUDGET = 16 * 256
"""Padded tokens per forward pass: small batches are fastest in bfloat16."""


class Unsupported(Exception):
    """The model is not a Transformer + mean/CLS pooling (+ Normalize) pipeline that can be reproduced exactly."""


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


class Bfloat16Embedder:
    """The `Embedder` protocol over the model in bfloat16; loads on first use (torch: several seconds)."""

    encoder = "torch-bf16"

    def __init__(self, name: str, *, threads: int = 0) -> None:
        self.name = name
        self._base = SentenceTransformerEmbedder(name, threads=threads)
        self._lock = threading.Lock()
        self._parts: tuple | None = None

    @property
    def dimension(self) -> int:
        return self._base.dimension

    def load(self) -> None:
        self._get()

    def _get(self) -> tuple:
        with self._lock:
            if self._parts is None:
                import torch
                from tokenizers import Tokenizer

                model = self._base._get()
                transformer, mode = pipeline(model)
                tokenizer = Tokenizer.from_str(transformer.tokenizer.backend_tokenizer.to_str())
                tokenizer.enable_truncation(max_length=int(model.max_seq_length))
                tokenizer.no_padding()
                names = [n for n in transformer.tokenizer.model_input_names if n in ("token_type_ids",)]
                self._parts = (torch, transformer.auto_model.to(torch.bfloat16).eval(), tokenizer, mode, bool(names))
            return self._parts

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        torch, model, tokenizer, mode, types = self._get()
        encodings = tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        start = 0
        with torch.inference_mode():
            while start < len(order):
                end = start + 1
                while end < len(order) and len(encodings[order[end]].ids) * (end - start + 1) <= TOKEN_BUDGET:
                    end += 1
                batch = order[start:end]
                width = len(encodings[order[end - 1]].ids)
                ids = torch.zeros((len(batch), width), dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, i in enumerate(batch):
                    n = len(encodings[i].ids)
                    ids[row, :n] = torch.tensor(encodings[i].ids)
                    mask[row, :n] = 1
                feed = {"input_ids": ids, "attention_mask": mask}
                if types:
                    feed["token_type_ids"] = torch.zeros_like(ids)
                tokens = model(**feed)[0].float()
                if mode == "cls":
                    pooled = tokens[:, 0]
                else:
                    weights = mask.unsqueeze(-1).float()
                    pooled = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                out[batch] = torch.nn.functional.normalize(pooled, p=2, dim=-1).numpy()
                start = end
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_documents([text])[0]
