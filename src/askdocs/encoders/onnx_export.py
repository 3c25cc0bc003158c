"""Export the model to ONNX next to the index at index time, and keep it only if it gives the torch vectors.

Runs when `askdocs index` finds no usable export: torch is loaded then anyway. The graph includes the
sentence-transformers mean pooling and L2 normalisation; it is checked on a sample of the passages and
sentences being indexed (cosine >= 0.999 to torch for float32). The int8 variant (`--quantize int8`) is
quantised from the float32 graph and checked against it with a looser bound, its measured cost recorded.
Every file is written aside and renamed into place, the tag last, so a crash never leaves a half export.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

from askdocs.encoders.models import first_line, resolve_model_path
from askdocs.encoders.onnx import (
    EXPORT_TAG,
    TOKENIZER_FILE,
    VARIANT_FILES,
    ExportTag,
    OnnxEncoder,
    VariantCheck,
    record_files,
)
from askdocs.encoders.sentence_transformers import SentenceTransformerEncoder
from askdocs.errors import ModelUnavailable
from askdocs.store.files import atomic_write_bytes, file_sha256

FP32_MIN_COSINE = 0.999
INT8_MIN_COSINE = 0.95
"""int8 is opt-in and measured (~0.99 mean, ~0.97 on the shortest texts): the bound only catches a broken graph
(per-tensor weights gave 0.93)."""
OPSET = 17
RECIPE = "1"
"""Changes whenever the export recipe does, so that older exports are redone."""
PROBES = ("Who was arrested on July 2?", "What happened?", "x")
"""Short, question-like texts checked along with the indexed ones: questions take this path too."""


class Unsupported(ValueError):
    """A model this export recipe cannot handle (the indexer then uses sentence-transformers)."""


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


def source_fingerprint(name: str) -> str:
    """Names, sizes and times of the model's files, plus the export recipe: a new model means a new export."""
    parts = [RECIPE, name]
    with contextlib.suppress(ModelUnavailable, OSError):
        root = Path(resolve_model_path(name))
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                parts.append(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def describe(check: VariantCheck) -> str:
    return (
        f"cosine min {check.cosine_min:.4f}, mean {check.cosine_mean:.5f} on {check.checked} texts"
        f" ({check.seconds:.1f}s)"
    )


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)


def _check(
    folder: Path, tag: ExportTag, variant: str, texts: list[str], reference: np.ndarray, bound: float, started: float
) -> VariantCheck:
    """Encode `texts` with the new graph and compare to `reference`; ok when every cosine reaches `bound`."""
    file = VARIANT_FILES[variant]
    size = (folder / file).stat().st_size
    provisional = replace(tag, variants={**tag.variants, variant: VariantCheck(file, True, size)})
    vectors = OnnxEncoder(folder, provisional, variant).encode(texts)
    cos = _cosines(vectors, reference)
    ok = bool(cos.min() >= bound)
    reason = "" if ok else f"cosine {cos.min():.4f} to the reference is below {bound}"
    return VariantCheck(
        file,
        ok,
        size,
        float(cos.min()),
        float(cos.mean()),
        len(texts),
        time.perf_counter() - started,
        reason,
        file_sha256(folder / file),
    )


def export_fp32(
    folder: Path, name: str, fingerprint: str, sample: list[str], threads: int
) -> tuple[ExportTag, SentenceTransformerEncoder]:
    """Export with torch, check against sentence-transformers, record the outcome in the tag; the loaded
    sentence-transformers model comes back too (it indexes if the export fails)."""
    started = time.perf_counter()
    reference_model = SentenceTransformerEncoder(name, threads=threads)
    model = reference_model.model()
    texts = list(sample) + list(PROBES)
    tag = ExportTag(name, fingerprint, 0, 0, variants={"fp32": VariantCheck(VARIANT_FILES["fp32"], False)})
    final = folder / VARIANT_FILES["fp32"]
    temporary = folder / f"{final.name}.{os.getpid()}.tmp"
    (folder / EXPORT_TAG).unlink(missing_ok=True)
    try:
        transformer, mode = pipeline(model)
        tokenizer = transformer.tokenizer
        tag = replace(
            tag,
            dimension=int(reference_model.dimension),
            max_seq_length=int(model.max_seq_length),
            pad_id=int(tokenizer.pad_token_id or 0),
            pad_token=str(tokenizer.pad_token or "[PAD]"),
        )
        reference = reference_model.encode(texts)
        _export_graph(transformer, mode, temporary)
        os.replace(temporary, final)
        atomic_write_bytes(folder / TOKENIZER_FILE, tokenizer.backend_tokenizer.to_str().encode("utf-8"))
        check = _check(folder, tag, "fp32", texts, reference, FP32_MIN_COSINE, started)
    except Exception as exc:  # noqa: BLE001 - any failure here means: keep torch, say why, never stop indexing
        check = VariantCheck(VARIANT_FILES["fp32"], False, reason=f"{type(exc).__name__}: {first_line(exc)}")
    finally:
        temporary.unlink(missing_ok=True)
    tag = replace(tag, variants={"fp32": check})
    if check.ok:  # the tokenizer the check ran with: any later change to it is damage
        tag = record_files(folder, tag)
    atomic_write_bytes(folder / EXPORT_TAG, tag.as_json().encode("utf-8"))
    return tag, reference_model


def _export_graph(transformer: object, mode: str, path: Path) -> None:
    """torch.onnx.export (TorchScript exporter: the dynamo one needs onnxscript) of encoder + pooling + L2 norm."""
    import torch

    hf = transformer.auto_model
    sample = transformer.tokenizer(["a b c", "a longer text to trace"], padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.hf = hf

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            feed = dict(zip(names, inputs, strict=True))
            tokens = self.hf(**feed)[0]
            if mode == "cls":
                pooled = tokens[:, 0]
            else:
                mask = feed["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=-1)

    previous = getattr(hf.config, "_attn_implementation", None)
    setter = getattr(hf, "set_attn_implementation", None)
    if callable(setter) and previous not in (None, "eager"):
        setter("eager")  # plain attention ops trace to a graph ONNX Runtime fuses; sdpa traces poorly
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"embedding": {0: "batch"}}
    try:
        with torch.no_grad(), warnings.catch_warnings(), _quiet_logging():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Pooled().eval(),
                tuple(sample[n] for n in names),
                str(path),
                dynamo=False,
                input_names=names,
                output_names=["embedding"],
                dynamic_axes=axes,
                opset_version=OPSET,
                do_constant_folding=True,
            )
    finally:
        if callable(setter) and previous not in (None, "eager"):
            setter(previous)


def quantize_int8(folder: Path, tag: ExportTag, sample: list[str], threads: int) -> ExportTag:
    """Dynamic int8 quantisation of the float32 graph (per-channel weights: cosine ~0.99 where per-tensor gives
    ~0.95), checked against the float32 graph on the sample; no torch needed."""
    started = time.perf_counter()
    texts = list(sample) + list(PROBES)
    final = folder / VARIANT_FILES["int8"]
    temporary = folder / f"{final.name}.{os.getpid()}.tmp"
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        reference = OnnxEncoder(folder, tag, "fp32", threads=threads).encode(texts)
        with warnings.catch_warnings(), _quiet_logging():
            warnings.simplefilter("ignore")
            quantize_dynamic(
                folder / VARIANT_FILES["fp32"],
                temporary,
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
            )
        os.replace(temporary, final)
        check = _check(folder, tag, "int8", texts, reference, INT8_MIN_COSINE, started)
    except Exception as exc:  # noqa: BLE001 - keep float32, say why
        check = VariantCheck(VARIANT_FILES["int8"], False, reason=f"{type(exc).__name__}: {first_line(exc)}")
    finally:
        temporary.unlink(missing_ok=True)
    tag = replace(tag, variants={**tag.variants, "int8": check})
    atomic_write_bytes(folder / EXPORT_TAG, tag.as_json().encode("utf-8"))
    return tag


@contextlib.contextmanager
def _quiet_logging():  # noqa: ANN202
    """Exporters and quantisers log progress at INFO/WARNING; the command line shows only askdocs' own lines."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)
