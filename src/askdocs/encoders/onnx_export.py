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
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from askdocs.encoders.bf16 import Bfloat16Embedder, Unsupported, pipeline
from askdocs.encoders.onnx import (
    EXPORT_TAG,
    TOKENIZER_FILE,
    VARIANT_FILES,
    ExportTag,
    OnnxEmbedder,
    VariantCheck,
    read_tag,
    usable,
)
from askdocs.encoders.sentence_transformers import Embedder, SentenceTransformerEmbedder, resolve_model_path
from askdocs.errors import ModelUnavailable
from askdocs.store.vectors import atomic_write_bytes

FP32_MIN_COSINE = 0.999
INT8_MIN_COSINE = 0.95
"""int8 is opt-in and measured (~0.99 mean, ~0.97 on the shortest texts): the bound only catches a broken graph
(per-tensor weights gave 0.93)."""
OPSET = 17
RECIPE = "1"
"""Changes whenever the export recipe does, so that older exports are redone."""
BF16_CHECK_STRIDE = 4
"""bfloat16 is checked on every 4th sample text: the same arithmetic on every text, so a few catch a broken load."""
PROBES = ("Who was arrested on July 2?", "What happened?", "x")
"""Short, question-like texts checked along with the indexed ones: questions take this path too."""


@dataclass(frozen=True)
class Preparation:
    """The embedder an index run should use, how its vectors are labelled, and what happened on the way."""

    embedder: Embedder
    encoder: str
    notes: tuple[str, ...] = ()


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


def prepare(
    folder: Path,
    name: str,
    variant: str,
    sample: list[str],
    *,
    threads: int = 0,
    retry: bool = False,
    bf16: bool = False,
) -> Preparation:
    """The embedder to index `folder` with: a checked export if there is one, else export now, else torch.

    A check that failed for these model files is not retried (torch is used) unless `retry`. With `bf16`
    (many passages to embed, a CPU with native bfloat16), torch in bfloat16 is used instead of float32 when
    it matches the float32 vectors on the sample as closely as an export must (cosine >= 0.999).
    """
    chosen = _prepare_onnx(folder, name, variant, sample, threads=threads, retry=retry)
    return _with_bf16(chosen, name, sample, threads) if bf16 and variant == "fp32" else chosen


def _with_bf16(chosen: Preparation, name: str, sample: list[str], threads: int) -> Preparation:
    started = time.perf_counter()
    texts = list(sample[::BF16_CHECK_STRIDE]) + list(PROBES)
    try:
        fast = Bfloat16Embedder(name, threads=threads)
        reference = fast.reference(texts)  # read directly: float32 of the same reader, no ONNX session to open
        if reference is None:
            reference = chosen.embedder.encode_documents(texts)
        cos = _cosines(fast.encode_documents(texts), reference)
    except (Unsupported, ModelUnavailable, RuntimeError, ValueError, TypeError) as exc:
        return replace(chosen, notes=(*chosen.notes, f"bfloat16 not used: {type(exc).__name__}: {exc}"[:240]))
    seconds = time.perf_counter() - started
    if cos.min() < FP32_MIN_COSINE:
        note = f"bfloat16 not used: cosine {cos.min():.4f} to float32 is below {FP32_MIN_COSINE}"
        return replace(chosen, notes=(*chosen.notes, note))
    note = f"bfloat16: cosine min {cos.min():.5f} to float32 on {len(texts)} texts ({seconds:.1f}s)"
    return Preparation(fast, "torch-bf16", (*chosen.notes, note))


def _prepare_onnx(
    folder: Path, name: str, variant: str, sample: list[str], *, threads: int, retry: bool
) -> Preparation:
    fingerprint = source_fingerprint(name)
    tag = read_tag(folder)
    if tag is not None and (tag.model != name or tag.source != fingerprint):
        tag = None
    if tag is not None and usable(folder, tag, name, variant):
        return Preparation(OnnxEmbedder(folder, tag, variant, threads=threads), f"onnx-{variant}")
    fp32_ok = tag is not None and usable(folder, tag, name, "fp32")
    failed = tag is not None and "fp32" in tag.variants and not tag.variants["fp32"].ok  # damaged files: redo
    if failed and not retry:
        reason = tag.variants["fp32"].reason
        return Preparation(SentenceTransformerEmbedder(name, threads=threads), "torch", (f"using torch: {reason}",))
    folder.mkdir(parents=True, exist_ok=True)
    if not fp32_ok:
        tag, torch_model = _export_fp32(folder, name, fingerprint, sample, threads)
        if not usable(folder, tag, name, "fp32"):
            reason = tag.variants["fp32"].reason
            return Preparation(torch_model, "torch", (f"ONNX export not used: {reason}",))
    notes = (f"exported the model to ONNX: {_describe(tag.variants['fp32'])}",) if not fp32_ok else ()
    if variant == "int8":
        if "int8" not in tag.variants or (retry and not tag.variants["int8"].ok):
            tag = _quantize_int8(folder, tag, sample, threads)
        check = tag.variants["int8"]
        if check.ok:
            notes += (f"int8 weights: {_describe(check)} against float32",)
            return Preparation(OnnxEmbedder(folder, tag, "int8", threads=threads), "onnx-int8", notes)
        notes += (f"int8 not used, float32 kept: {check.reason}",)
    return Preparation(OnnxEmbedder(folder, tag, "fp32", threads=threads), "onnx-fp32", notes)


def _describe(check: VariantCheck) -> str:
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
    vectors = OnnxEmbedder(folder, provisional, variant, strict=True).encode_documents(texts)
    cos = _cosines(vectors, reference)
    ok = bool(cos.min() >= bound)
    reason = "" if ok else f"cosine {cos.min():.4f} to the reference is below {bound}"
    return VariantCheck(
        file, ok, size, float(cos.min()), float(cos.mean()), len(texts), time.perf_counter() - started, reason
    )


def _export_fp32(
    folder: Path, name: str, fingerprint: str, sample: list[str], threads: int
) -> tuple[ExportTag, SentenceTransformerEmbedder]:
    """Export with torch, check against sentence-transformers, record the outcome in the tag; the loaded
    sentence-transformers model comes back too (it indexes if the export fails)."""
    started = time.perf_counter()
    reference_model = SentenceTransformerEmbedder(name, threads=threads)
    model = reference_model._get()
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
        reference = reference_model.encode_documents(texts)
        _export_graph(transformer, mode, temporary)
        os.replace(temporary, final)
        atomic_write_bytes(folder / TOKENIZER_FILE, tokenizer.backend_tokenizer.to_str().encode("utf-8"))
        check = _check(folder, tag, "fp32", texts, reference, FP32_MIN_COSINE, started)
    except Exception as exc:  # noqa: BLE001 - any failure here means: keep torch, say why, never stop indexing
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        check = VariantCheck(VARIANT_FILES["fp32"], False, reason=f"{type(exc).__name__}: {first}")
    finally:
        temporary.unlink(missing_ok=True)
    tag = replace(tag, variants={"fp32": check})
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


def _quantize_int8(folder: Path, tag: ExportTag, sample: list[str], threads: int) -> ExportTag:
    """Dynamic int8 quantisation of the float32 graph (per-channel weights: cosine ~0.99 where per-tensor gives
    ~0.95), checked against the float32 graph on the sample; no torch needed."""
    started = time.perf_counter()
    texts = list(sample) + list(PROBES)
    final = folder / VARIANT_FILES["int8"]
    temporary = folder / f"{final.name}.{os.getpid()}.tmp"
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        reference = OnnxEmbedder(folder, tag, "fp32", threads=threads, strict=True).encode_documents(texts)
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
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        check = VariantCheck(VARIANT_FILES["int8"], False, reason=f"{type(exc).__name__}: {first}")
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
