"""A BERT sentence encoder in plain torch, read straight from a sentence-transformers model folder.

Bulk indexing uses it in bfloat16: it never imports sentence-transformers or transformers (about 3 s here), and
it runs texts in batches of equal token length, so attention needs no padding mask and takes torch's fast
kernel (with a mask, attention took a third of the time). Only the plain layout is read: a BERT encoder
(absolute positions, exact gelu) with mean or CLS pooling; anything else raises `Unsupported` and the caller
loads the model through sentence-transformers instead.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

TOKEN_BUDGET = 2048
"""Tokens per forward pass: small equal-length batches were fastest in bfloat16 on 2 cores."""


class Unsupported(Exception):
    """The model is not a layout this module (or the bfloat16 path) reproduces exactly."""


@dataclass(frozen=True)
class Layout:
    """What a sentence-transformers folder says about its BERT encoder and pooling."""

    folder: Path
    config: dict[str, Any]
    max_seq_length: int
    pooling: str
    lowercase: bool

    @property
    def dimension(self) -> int:
        return int(self.config["hidden_size"])


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Unsupported(f"cannot read {path.name}: {exc}") from None


def read_layout(folder: Path) -> Layout:
    """Check that `folder` holds Transformer (BERT) + Pooling (mean or CLS) (+ Normalize) with safetensors weights."""
    modules = _json(folder / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if len(kinds) < 2 or kinds[0] != "Transformer" or kinds[1] != "Pooling" or set(kinds[2:]) - {"Normalize"}:
        raise Unsupported(f"model pipeline {' + '.join(kinds)} is not Transformer + Pooling (+ Normalize)")
    if modules[0].get("path", "") not in ("", "."):
        raise Unsupported("the transformer is not at the top of the model folder")
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        if not (folder / name).is_file():
            raise Unsupported(f"the model folder has no {name}")
    config = _json(folder / "config.json")
    if config.get("model_type") != "bert" or config.get("hidden_act", "gelu") != "gelu":
        raise Unsupported(f"model type {config.get('model_type')!r} is not a plain BERT")
    if config.get("position_embedding_type", "absolute") != "absolute" or config.get("is_decoder"):
        raise Unsupported("only absolute-position BERT encoders are read directly")
    st_config = _json(folder / "sentence_bert_config.json") if (folder / "sentence_bert_config.json").is_file() else {}
    pooling_config = _json(folder / modules[1].get("path", "1_Pooling") / "config.json")
    modes = [k for k, v in pooling_config.items() if k.startswith("pooling_mode") and v is True]
    pooling = pooling_config.get("pooling_mode") or {
        ("pooling_mode_mean_tokens",): "mean",
        ("pooling_mode_cls_token",): "cls",
    }.get(tuple(modes), "")
    if pooling not in ("mean", "cls") or pooling_config.get("include_prompt") is False:
        raise Unsupported(f"pooling {modes or pooling!r} is not mean or cls")
    limit = int(st_config.get("max_seq_length") or config.get("max_position_embeddings", 512))
    limit = min(limit, int(config.get("max_position_embeddings", limit)))
    return Layout(folder, config, limit, pooling, bool(st_config.get("do_lower_case", False)))


class BertEncoder:
    """The encoder's weights in `dtype` and a forward pass over equal-length batches; load with `load`."""

    def __init__(self, layout: Layout, dtype: str = "bfloat16") -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.layout = layout
        self._torch = torch
        self._dtype = getattr(torch, dtype)
        weights = load_file(str(layout.folder / "model.safetensors"))
        prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
        try:
            self._embeddings, self._layers = self._arrange(weights, prefix)
        except KeyError as exc:
            raise Unsupported(f"missing weight {exc}") from None
        self.tokenizer = Tokenizer.from_file(str(layout.folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=layout.max_seq_length)
        self.tokenizer.no_padding()

    def _arrange(self, weights: dict, prefix: str) -> tuple[tuple, list[dict]]:
        dtype = self._dtype
        cfg = self.layout.config

        def get(key: str, cast: bool = True):  # noqa: ANN202
            tensor = weights[prefix + key]
            return tensor.to(dtype) if cast else tensor.float()

        embeddings = (
            get("embeddings.word_embeddings.weight", False),
            get("embeddings.position_embeddings.weight", False),
            get("embeddings.token_type_embeddings.weight", False)[0],
            get("embeddings.LayerNorm.weight", False),
            get("embeddings.LayerNorm.bias", False),
        )
        layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            at = f"encoder.layer.{i}."
            parts = ("query", "key", "value")
            layers.append(
                {
                    "qkv_w": self._torch.cat([get(f"{at}attention.self.{p}.weight") for p in parts]),
                    "qkv_b": self._torch.cat([get(f"{at}attention.self.{p}.bias") for p in parts]),
                    "out_w": get(f"{at}attention.output.dense.weight"),
                    "out_b": get(f"{at}attention.output.dense.bias"),
                    "ln1": (get(f"{at}attention.output.LayerNorm.weight"), get(f"{at}attention.output.LayerNorm.bias")),
                    "up_w": get(f"{at}intermediate.dense.weight"),
                    "up_b": get(f"{at}intermediate.dense.bias"),
                    "down_w": get(f"{at}output.dense.weight"),
                    "down_b": get(f"{at}output.dense.bias"),
                    "ln2": (get(f"{at}output.LayerNorm.weight"), get(f"{at}output.LayerNorm.bias")),
                }
            )
        return embeddings, layers

    def forward(self, ids: Any) -> Any:
        """Normalised float32 sentence vectors for a (batch, tokens) tensor of unpadded token ids."""
        torch, fn = self._torch, self._torch.nn.functional
        cfg = self.layout.config
        hidden, heads, eps = int(cfg["hidden_size"]), int(cfg["num_attention_heads"]), float(cfg["layer_norm_eps"])
        batch, length = ids.shape
        words, positions, token_type, ln_w, ln_b = self._embeddings
        x = fn.layer_norm(words[ids] + positions[:length] + token_type, (hidden,), ln_w, ln_b, eps).to(self._dtype)
        for p in self._layers:
            qkv = fn.linear(x, p["qkv_w"], p["qkv_b"]).view(batch, length, 3, heads, hidden // heads)
            q, k, v = qkv.permute(2, 0, 3, 1, 4)
            attended = fn.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(batch, length, hidden)
            x = fn.layer_norm(fn.linear(attended, p["out_w"], p["out_b"]) + x, (hidden,), *p["ln1"], eps)
            up = fn.gelu(fn.linear(x, p["up_w"], p["up_b"]))
            x = fn.layer_norm(fn.linear(up, p["down_w"], p["down_b"]) + x, (hidden,), *p["ln2"], eps)
        pooled = x[:, 0].float() if self.layout.pooling == "cls" else x.float().mean(1)
        return torch.nn.functional.normalize(pooled, p=2, dim=-1)


def encode_in_length_groups(
    texts: list[str],
    tokenizer: Any,
    forward: Callable[[Any], Any],
    dimension: int,
    *,
    lowercase: bool = False,
    budget: int = TOKEN_BUDGET,
) -> np.ndarray:
    """Tokenise, group texts of equal token count, run `forward` on each group without padding; rows in order."""
    import torch

    out = np.zeros((len(texts), dimension), dtype=np.float32)
    if not texts:
        return out
    encodings = tokenizer.encode_batch([t.lower() for t in texts] if lowercase else list(texts))
    groups: dict[int, list[int]] = defaultdict(list)
    for i, encoding in enumerate(encodings):
        groups[len(encoding.ids)].append(i)
    with torch.inference_mode():
        for length, rows in sorted(groups.items()):
            step = max(1, budget // max(length, 1))
            for start in range(0, len(rows), step):
                part = rows[start : start + step]
                ids = torch.tensor([encodings[i].ids for i in part], dtype=torch.long)
                out[part] = forward(ids).numpy()
    return out


def load(folder: Path, dtype: str = "bfloat16") -> BertEncoder:
    """The encoder of the sentence-transformers model in `folder`; `Unsupported` when it is not plain BERT."""
    return BertEncoder(read_layout(folder), dtype)
