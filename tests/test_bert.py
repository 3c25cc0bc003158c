"""The BERT encoder read straight from the model folder (bulk indexing in bfloat16): same vectors as
sentence-transformers, rows in order, no sentence-transformers import, and a clear refusal of other layouts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from askdocs.encoders import bert
from askdocs.encoders.sentence_transformers import native_bfloat16, resolve_model_path
from askdocs.ingest.passages import chunk_text
from conftest import SAMPLE

MODEL = Path(resolve_model_path("all-MiniLM-L6-v2"))
QUESTIONS = ["Who was arrested on July 2?", "x", "", "What is the capital of France?"]


def _texts() -> list[str]:
    passages = [c.text for c in chunk_text(SAMPLE.read_text(encoding="utf-8"))[1]]
    return passages + QUESTIONS + [SAMPLE.read_text(encoding="utf-8")]  # the whole article: truncated at 256 tokens


def test_float32_forward_gives_the_sentence_transformers_vectors(real_embedder) -> None:
    encoder = bert.load(MODEL, "float32")
    texts = _texts()
    direct = bert.encode_in_length_groups(texts, encoder.tokenizer, encoder.forward, encoder.layout.dimension)
    reference = real_embedder.encode_documents(texts)
    assert direct.shape == reference.shape
    assert np.sum(direct * reference, axis=1).min() >= 0.99999


@pytest.mark.skipif(not native_bfloat16(), reason="bfloat16 is only used on CPUs that multiply it natively")
def test_bfloat16_embedder_reads_the_default_model_directly(real_embedder) -> None:
    from askdocs.encoders.bf16 import Bfloat16Embedder

    fast = Bfloat16Embedder("all-MiniLM-L6-v2")
    texts = _texts()
    vectors = fast.encode_documents(texts)
    assert fast.loaded_how == "direct"
    assert np.sum(vectors * real_embedder.encode_documents(texts), axis=1).min() >= 0.999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_bfloat16_is_checked_against_float32_from_the_same_reader(real_embedder) -> None:
    from askdocs.encoders.bf16 import Bfloat16Embedder

    texts = _texts()
    reference = Bfloat16Embedder("all-MiniLM-L6-v2").reference(texts)
    assert reference is not None
    assert np.sum(reference * real_embedder.encode_documents(texts), axis=1).min() >= 0.99999
    routed = Bfloat16Embedder("all-MiniLM-L6-v2")
    routed._parts = routed._through_sentence_transformers()
    assert routed.reference(texts) is None  # checked against the float32 encoder instead


def test_the_sentence_transformers_route_gives_the_same_vectors() -> None:
    """Models the direct reader refuses load through sentence-transformers, batched the same way."""
    from askdocs.encoders.bf16 import Bfloat16Embedder

    texts = _texts()
    direct = Bfloat16Embedder("all-MiniLM-L6-v2")
    routed = Bfloat16Embedder("all-MiniLM-L6-v2")
    routed._parts = routed._through_sentence_transformers()
    assert np.sum(direct.encode_documents(texts) * routed.encode_documents(texts), axis=1).min() >= 0.999


def test_direct_loading_never_imports_sentence_transformers() -> None:
    code = (
        "import sys; from askdocs.encoders.bf16 import Bfloat16Embedder; e = Bfloat16Embedder('all-MiniLM-L6-v2');"
        " v = e.encode_documents(['Who was arrested on July 2?']); assert e.loaded_how == 'direct';"
        " print(sorted(m for m in ('sentence_transformers', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_rows_come_back_in_the_order_of_the_texts() -> None:
    """Texts are grouped by token count; each row must still belong to its own text."""
    encoder = bert.load(MODEL, "float32")
    texts = ["one", "two words here", "a", "two words here too and more", "one two", "b c"]
    seen: list[int] = []

    def forward(ids):  # noqa: ANN001, ANN202 - a probe: the row says how many tokens its text had
        import torch

        seen.append(int(ids.shape[1]))
        return torch.full((ids.shape[0], 2), float(ids.shape[1]))

    rows = bert.encode_in_length_groups(texts, encoder.tokenizer, forward, 2, budget=4)
    lengths = [len(encoder.tokenizer.encode(t).ids) for t in texts]
    assert rows[:, 0].tolist() == lengths
    assert seen == sorted(seen) and len(seen) >= len(set(lengths))


def test_packed_texts_give_each_text_its_own_vector() -> None:
    """Texts packed end to end (several a pass, equal lengths side by side) get the vectors they get alone."""
    encoder = bert.load(MODEL, "float32")
    texts = _texts() + ["one two", "three four", "Who was arrested on July 2?"]
    packed = encoder.encode(texts, budget=300)
    alone = np.stack([encoder.forward_packed([encoder.tokenizer.encode(t).ids])[0].numpy() for t in texts])
    assert packed.shape == alone.shape
    assert np.sum(packed * alone, axis=1).min() >= 0.99999


def test_runs_of_equal_length_are_found_in_the_token_stream() -> None:
    assert bert._equal_length_runs([3, 3, 5, 2, 2, 2]) == [(0, 2, 3), (6, 1, 5), (11, 3, 2)]
    assert bert._equal_length_runs([]) == []


def test_fused_products_give_the_plain_vectors() -> None:
    """oneDNN's products with GELU and the residual add built in match the plain torch calls."""
    import torch

    fused = bert._fused_ops(torch, torch.bfloat16)
    if fused is None:
        pytest.skip("this torch has no fused oneDNN products")
    encoder = bert.load(MODEL, "bfloat16")
    assert encoder._ops is not None and encoder._ops[1] is not bert._plain_ops(torch)[1]
    texts = _texts()
    with_fused = encoder.encode(texts)
    encoder._ops = bert._plain_ops(torch)
    assert np.sum(with_fused * encoder.encode(texts), axis=1).min() >= 0.9999


def _folder(tmp_path: Path, edit: dict[str, object]) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    (folder / "model.safetensors").write_bytes(b"")
    for name, content in edit.items():
        if content is None:
            (folder / name).unlink()
        else:
            (folder / name).write_text(json.dumps(content), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        ({"1_Pooling/config.json": {"pooling_mode_max_tokens": True}}, "pooling"),
        ({"config.json": {"model_type": "roberta", "hidden_size": 384}}, "roberta"),
        ({"tokenizer.json": None}, "tokenizer.json"),
        ({"modules.json": [{"type": "sentence_transformers.models.Transformer", "path": ""}]}, "pipeline"),
    ],
)
def test_other_layouts_are_refused_with_the_reason(tmp_path: Path, edit: dict, says: str) -> None:
    with pytest.raises(bert.Unsupported, match=says):
        bert.read_layout(_folder(tmp_path, edit))


def test_the_default_layout_is_read(tmp_path: Path) -> None:
    layout = bert.read_layout(MODEL)
    assert (layout.pooling, layout.max_seq_length, layout.dimension, layout.lowercase) == ("mean", 256, 384, False)
