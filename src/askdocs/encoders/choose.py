"""Which encoder runs: the one place that decides, for questions and for indexing.

Questions (`for_questions`) use what the index was built with, read from its label and export tag:

| index label | export next to the index                 | encoder                               |
| ----------- | ---------------------------------------- | ------------------------------------- |
| onnx-int8   | int8 graph checked and whole             | ONNX Runtime, int8 graph              |
| onnx-int8   | only the float32 graph checked and whole | ONNX Runtime, float32 graph           |
| any other   | float32 graph checked and whole          | ONNX Runtime, float32 graph           |
| any         | a file no longer matching its hash (graph, tokenizer) | error naming it: run askdocs index |
| any         | none usable (or no index folder)         | sentence-transformers on torch        |

Indexing (`variant_for_index`, then `for_indexing`) picks the ONNX variant from `--quantize` and the index:

| --quantize | index                          | variant                                                 |
| ---------- | ------------------------------ | ------------------------------------------------------- |
| auto       | new, or rebuilt                | DEFAULT_VARIANT                                         |
| auto       | existing                       | the one its vectors were made with (label onnx-int8: int8) |
| int8/none  | new, rebuilt, empty or the same | int8 / fp32                                            |
| int8/none  | existing, other vectors        | refused: vectors of two kinds never mix (rebuild)       |

and then the encoder for that variant:

| export next to the index                          | encoder                                     | label      |
| ------------------------------------------------- | ------------------------------------------- | ---------- |
| variant checked and whole                         | ONNX Runtime                                | onnx-*     |
| float32 check failed before for these model files | sentence-transformers (unless --rebuild)    | torch      |
| none: exported now and checked on the first texts | ONNX Runtime if the check passes, else torch | onnx-* / torch |
| a file no longer as checked (graph, tokenizer)    | fetched or exported (quantised) again, as above | onnx-* / torch |
| int8 quantised now, check failed                  | ONNX Runtime float32                        | onnx-fp32  |

"Exported" (or quantised) first looks in the per-user cache (askdocs.encoders.export_cache): a checked export of
model files with the same contents (in any folder, e.g. another virtual environment), recipe and library versions
made for another project is linked in instead, after its hash is checked; a new checked export is added to the
cache. "As checked": the size and SHA-256 recorded for every file a variant needs match (a tokenizer of an export
made before its hash was recorded must load, and then its hash is recorded).

Nothing else chooses an encoder: an ONNX file that fails to open is an error that says to rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from askdocs.config import DEFAULT_MODEL
from askdocs.encoders import export_cache, onnx_export
from askdocs.encoders.base import Encoder
from askdocs.encoders.models import require_local
from askdocs.encoders.onnx import (
    EXPORT_TAG,
    OnnxEncoder,
    damaged_files,
    find_export,
    question_variants,
    read_tag,
    record_files,
    usable,
)
from askdocs.encoders.sentence_transformers import SentenceTransformerEncoder
from askdocs.errors import IndexUnusable, ModelUnavailable
from askdocs.store.files import atomic_write_bytes

if TYPE_CHECKING:
    from askdocs.store.index_store import IndexStore

DEFAULT_VARIANT = "int8"
"""The ONNX variant of a new index when --quantize is auto: int8 indexes about twice as fast as float32 here
(bench/README.md) and scores the same on `askdocs eval tests/qa/sample_article.jsonl`; its vectors are within
cosine ~0.99 of float32."""
_NAMES = {"int8": "int8", "fp32": "float32"}


@dataclass(frozen=True)
class Choice:
    """The encoder an index run uses, how its vectors are labelled, and what happened on the way."""

    encoder: Encoder
    label: str
    notes: tuple[str, ...] = ()


def for_questions(
    name: str = DEFAULT_MODEL, *, threads: int = 0, index_dir: Path | None = None, label: str = ""
) -> Encoder:
    """The encoder for questions against the index in `index_dir` labelled `label` (see the first table).
    Nothing heavy is imported until it encodes."""
    for variant in question_variants(label):
        found = find_export(index_dir, name, variant, threads=threads)
        if found is not None:
            return found
    return SentenceTransformerEncoder(name, threads=threads)


def question_export(folder: Path, name: str, label: str) -> str | None:
    """The ONNX variant questions on the index in `folder` labelled `label` load ("int8", "fp32"), or None when they
    take the PyTorch model: no export was made, or none passed its check. Damage is left to `export_problems`."""
    tag = read_tag(folder)
    return next((v for v in question_variants(label) if usable(folder, tag, name, v)), None)


def export_intact(folder: Path, name: str, label: str) -> bool:
    """False when the export that questions on an index labelled `label` would use is damaged or replaced (a
    tokenizer recorded without a hash is loaded to tell)."""
    try:
        found = for_questions(name, index_dir=folder, label=label)
    except ModelUnavailable:
        return False
    return not isinstance(found, OnnxEncoder) or not damaged_files(folder, found.tag, found.variant, thorough=True)


def require_model(folder: Path, name: str, built_with: str = "") -> None:
    """ModelUnavailable, in plain words, when indexing `folder` with model `name` could not load it; cheap, so a run
    says so before it reads any file. An export next to the index made from that model needs no model files. The
    error says to use the model `built_with` instead when one is given and is not the default (see use_instead)."""
    tag = read_tag(folder)
    if tag is not None and tag.model == name and tag.source == onnx_export.source_fingerprint(name):
        return
    require_local(name, built_with)


def require_chosen(folder: Path, built_with: str, name: str) -> None:
    """ModelUnavailable when `name` is not `built_with`, the model of the index in `folder`, and could not be
    loaded: said instead of the refusal to mix two models, whose advice to rebuild with `name` could not work,
    and naming the index's model as the one to use."""
    if name != built_with:
        require_model(folder, name, built_with)


def require_index_model(store: IndexStore, name: str, *, encoder_given: bool = False) -> None:
    """Refuse model `name` for the index `store` when it is not the index's model: ModelUnavailable when it is not
    installed either (unless `encoder_given`: no model is loaded then), else IndexUnusable (IndexStore.check_model)."""
    if not encoder_given:
        require_chosen(store.folder, store.model, name)
    store.check_model(name, DEFAULT_MODEL)


def variant_for_index(quantize: str, label: str | None, has_passages: bool) -> str:
    """The ONNX variant to index with (see the second table); `label` is None for a new or rebuilt index."""
    if quantize == "auto":
        if label is None:
            return DEFAULT_VARIANT
        return "int8" if label == "onnx-int8" else "fp32"
    wanted = "int8" if quantize == "int8" else "fp32"
    built = "int8" if label == "onnx-int8" else "fp32"
    if label is not None and wanted != built and has_passages:
        raise IndexUnusable(
            f"the index holds {_NAMES[built]} vectors, not {_NAMES[wanted]};"
            f" run: askdocs index --rebuild --quantize {quantize}"
        )
    return wanted


def for_indexing(
    folder: Path, name: str, variant: str, sample: list[str], *, threads: int = 0, retry: bool = False
) -> Choice:
    """The encoder to index `folder` with: a checked export if there is one, else export now (checked on
    `sample`), else sentence-transformers. A check that failed for these model files is not retried unless
    `retry`."""
    fingerprint = onnx_export.source_fingerprint(name)
    tag = read_tag(folder)
    if tag is not None and (tag.model != name or tag.source != fingerprint):
        tag = None
    if tag is not None and usable(folder, tag, name, variant, thorough=True):
        if not tag.files:  # made before the tokenizer's hash was recorded, and it loads: record it now
            tag = record_files(folder, tag)
            atomic_write_bytes(folder / EXPORT_TAG, tag.as_json().encode("utf-8"))
        return Choice(OnnxEncoder(folder, tag, variant, threads=threads), f"onnx-{variant}")
    fp32_ok = tag is not None and usable(folder, tag, name, "fp32", thorough=True)
    failed = tag is not None and "fp32" in tag.variants and not tag.variants["fp32"].ok  # damaged files: redo
    if failed and not retry:
        reason = tag.variants["fp32"].reason
        return Choice(SentenceTransformerEncoder(name, threads=threads), "torch", (f"using torch: {reason}",))
    folder.mkdir(parents=True, exist_ok=True)
    notes: tuple[str, ...] = ()
    reused = f"reused from the cache {export_cache.cache_root()}"
    if not fp32_ok:
        cached = export_cache.fetch(folder, name, fingerprint, "fp32")
        if cached is not None:
            tag, notes = cached, (f"ONNX export {reused}",)
        else:
            tag, torch_model = onnx_export.export_fp32(folder, name, fingerprint, sample, threads)
            if not usable(folder, tag, name, "fp32"):
                reason = tag.variants["fp32"].reason
                return Choice(torch_model, "torch", (f"ONNX export not used: {reason}",))
            notes = (f"exported the model to ONNX: {onnx_export.describe(tag.variants['fp32'])}",)
            notes += export_cache.keep(folder, tag, "fp32")
    if variant == "int8":
        damaged = tag.variants.get("int8") is not None and tag.variants["int8"].ok
        damaged = damaged and not usable(folder, tag, name, "int8", thorough=True)
        if "int8" not in tag.variants or (retry and not tag.variants["int8"].ok) or damaged:
            cached = export_cache.fetch(folder, name, fingerprint, "int8", tag)
            if cached is None:
                tag = onnx_export.quantize_int8(folder, tag, sample, threads)
                notes += export_cache.keep(folder, tag, "int8")
                if tag.variants["int8"].ok:
                    notes += (f"int8 weights: {onnx_export.describe(tag.variants['int8'])} against float32",)
            else:
                tag = cached
                notes = notes if f"ONNX export {reused}" in notes else (*notes, f"int8 weights {reused}")
        check = tag.variants["int8"]
        if check.ok:
            return Choice(OnnxEncoder(folder, tag, "int8", threads=threads), "onnx-int8", notes)
        notes += (f"int8 not used, float32 kept: {check.reason}",)
    return Choice(OnnxEncoder(folder, tag, "fp32", threads=threads), "onnx-fp32", notes)
