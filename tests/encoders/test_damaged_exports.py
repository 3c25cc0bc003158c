"""A damaged ONNX graph that questions do not use is dropped by the next index run, so `status --check` does not
keep reporting damage that no command mends."""

from __future__ import annotations

from pathlib import Path

from askdocs.config import Settings
from askdocs.encoders.onnx import (
    EXPORT_TAG,
    TOKENIZER_FILE,
    ExportTag,
    VariantCheck,
    export_problems,
    read_tag,
    record_files,
)
from askdocs.indexer import index_corpus
from askdocs.store.files import file_sha256
from tests.support import FakeEmbedder


def _tagged(folder: Path) -> None:
    """Two checked graphs, as an index folder holds them; their bytes stand in for real ones."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TOKENIZER_FILE).write_text("{}")
    variants = {}
    for variant, name in (("fp32", "model.onnx"), ("int8", "model.int8.onnx")):
        (folder / name).write_bytes(bytes(range(256)) * 16)
        variants[variant] = VariantCheck(name, True, 4096, sha256=file_sha256(folder / name))
    tag = record_files(folder, ExportTag("fake", "source", 384, 256, variants=variants))
    (folder / EXPORT_TAG).write_text(tag.as_json())


def test_the_next_index_run_drops_a_damaged_graph_and_check_is_clean(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    settings = Settings(corpus=corpus, index=index, model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    _tagged(index)
    assert export_problems(index) == []
    with open(index / "model.onnx", "r+b") as handle:  # 4 KB garbled in place, as a bad disk block would
        handle.write(b"\xff" * 4096)
    assert len(export_problems(index)) == 1
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert export_problems(index) == []
    tag = read_tag(index)
    assert tag is not None and set(tag.variants) == {"int8"} and not (index / "model.onnx").exists()
    assert (index / "model.int8.onnx").exists()
    assert any("model.onnx was removed" in note for note in report.notes), report.notes
