"""A BERT sentence encoder in plain torch, read straight from a sentence-transformers model folder.

Bulk indexing uses it in bfloat16: it never imports sentence-transformers or transformers (about 3 s here).
Texts are packed end to end, so every matrix product runs over a few thousand tokens at once with no padding,
and attention runs text by text with no mask on torch's fast kernel (with a mask, attention took a third of
the time). The GELU and the residual adds are done by oneDNN as each product is written, where this torch has
it. Only the plain layout is read: a BERT encoder (absolute positions, exact gelu) with mean or CLS pooling;
anything else raises `Unsupported` and the caller loads the model through sentence-transformers instead.
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
"""Tokens per forward pass of equal-length batches (models run through sentence-transformers)."""


PACKED_TOKENS = 4096
"""Tokens per pass when texts are packed end to end (`BertEncoder.encode`). On one core, in bfloat16, news
passages took 24.9 ms each at 4096, 26.4 ms at 2048, and 27.7 ms in batches of equal length."""


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
    """The encoder's weights in `dtype` and a forward pass over texts packed end to end; load with `load`."""

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
        self._ops = _fused_ops(torch, self._dtype) or _plain_ops(torch)
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
        return self.forward_packed(ids.tolist())

    def encode(self, texts: list[str], *, budget: int = PACKED_TOKENS) -> np.ndarray:
        """Normalised float32 vectors, one row per text in order: texts run shortest first, packed end to end
        up to `budget` tokens a pass."""
        out = np.zeros((len(texts), self.layout.dimension), dtype=np.float32)
        if not texts:
            return out
        lowered = [t.lower() for t in texts] if self.layout.lowercase else list(texts)
        rows = [encoding.ids for encoding in self.tokenizer.encode_batch(lowered)]
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
        with self._torch.inference_mode():
            start = 0
            while start < len(order):
                end, tokens = start + 1, len(rows[order[start]])
                while end < len(order) and tokens + len(rows[order[end]]) <= budget:
                    tokens += len(rows[order[end]])
                    end += 1
                part = order[start:end]
                out[part] = self.forward_packed([rows[i] for i in part]).numpy()
                start = end
        return out

    def forward_packed(self, rows: list[list[int]]) -> Any:
        """Normalised float32 vectors for texts given as token ids, run as one stream of tokens.

        Every product runs over all the tokens at once (a few texts of a few hundred tokens each were too few
        rows to keep the multiplier busy); attention runs text by text, texts of equal length together, so it
        needs no padding and no mask."""
        torch, fn = self._torch, self._torch.nn.functional
        cfg = self.layout.config
        hidden, heads, eps = int(cfg["hidden_size"]), int(cfg["num_attention_heads"]), float(cfg["layer_norm_eps"])
        lengths = [len(r) for r in rows]
        spans = _equal_length_runs(lengths)
        ids = torch.tensor([token for row in rows for token in row], dtype=torch.long)
        at = torch.cat([torch.arange(n) for n in lengths])
        words, positions, token_type, ln_w, ln_b = self._embeddings
        x = fn.layer_norm(words[ids] + positions[at] + token_type, (hidden,), ln_w, ln_b, eps).to(self._dtype)
        linear, linear_gelu, linear_add = self._ops
        for p in self._layers:
            qkv = linear(x, p["qkv_w"], p["qkv_b"])
            attended = [
                _attend(fn, qkv[first : first + count * length].view(count, length, 3, heads, hidden // heads))
                for first, count, length in spans
            ]
            both = attended[0] if len(attended) == 1 else torch.cat(attended)
            x = fn.layer_norm(linear_add(both, x, p["out_w"], p["out_b"]), (hidden,), *p["ln1"], eps)
            up = linear_gelu(x, p["up_w"], p["up_b"])
            x = fn.layer_norm(linear_add(up, x, p["down_w"], p["down_b"]), (hidden,), *p["ln2"], eps)
        if self.layout.pooling == "cls":
            pooled = x[torch.from_numpy(np.concatenate([[0], np.cumsum(lengths)[:-1]]))].float()
        else:
            pooled = torch.segment_reduce(x.float(), "mean", lengths=torch.tensor(lengths))
        return fn.normalize(pooled, p=2, dim=-1)


def _attend(fn: Any, qkv: Any) -> Any:
    """Attention for (texts, tokens, 3, heads, head size) of equal-length texts, as (texts * tokens, hidden)."""
    texts, tokens, _, heads, size = qkv.shape
    q, k, v = qkv.permute(2, 0, 3, 1, 4)
    return fn.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(texts * tokens, heads * size)


def _equal_length_runs(lengths: list[int]) -> list[tuple[int, int, int]]:
    """(first token, texts, length) for each run of consecutive texts of the same length."""
    runs: list[tuple[int, int, int]] = []
    first = 0
    for n in lengths:
        if runs and runs[-1][2] == n:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1, n)
        else:
            runs.append((first, 1, n))
        first += n
    return runs


def _plain_ops(torch: Any) -> tuple[Callable, Callable, Callable]:
    """Linear; linear then GELU; linear then a residual add: one torch call each."""
    fn = torch.nn.functional

    def linear_gelu(x: Any, w: Any, b: Any) -> Any:
        return fn.gelu(fn.linear(x, w, b))

    def linear_add(x: Any, other: Any, w: Any, b: Any) -> Any:
        return fn.linear(x, w, b) + other

    return fn.linear, linear_gelu, linear_add


def _fused_ops(torch: Any, dtype: Any) -> tuple[Callable, Callable, Callable] | None:
    """The same three from oneDNN with the GELU and the add done as the product is written, or None when this
    torch lacks them. In bfloat16 on one core GELU alone took 70% of the time of its product (3 GB/s)."""
    fn = torch.nn.functional
    try:
        ops = torch.ops.mkldnn._linear_pointwise
        x, other = torch.randn(3, 8).to(dtype), torch.randn(3, 16).to(dtype)
        w, b = torch.randn(16, 8).to(dtype), torch.randn(16).to(dtype)
        with torch.inference_mode():
            pairs = [
                (ops(x, w, b, "none", [], ""), fn.linear(x, w, b)),
                (ops(x, w, b, "gelu", [], "none"), fn.gelu(fn.linear(x, w, b))),
                (ops.binary(x, other, w, b, "add"), fn.linear(x, w, b) + other),
            ]
        if not all(torch.allclose(a.float(), b.float(), rtol=0.02, atol=0.05) for a, b in pairs):
            return None
    except (AttributeError, RuntimeError, TypeError):
        return None

    def linear(x: Any, w: Any, b: Any) -> Any:
        return ops(x, w, b, "none", [], "")

    def linear_gelu(x: Any, w: Any, b: Any) -> Any:
        return ops(x, w, b, "gelu", [], "none")

    def linear_add(x: Any, other: Any, w: Any, b: Any) -> Any:
        return ops.binary(x, other, w, b, "add")

    return linear, linear_gelu, linear_add


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
