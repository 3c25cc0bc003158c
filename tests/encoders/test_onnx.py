"""The ONNX export made at index time: same vectors and rankings as torch, questions without torch, checked
variants (int8 opt-in, bfloat16 for big runs), and a torch fallback whenever the export is missing or bad."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import CACHE_VARIABLE, load_settings
from askdocs.encoders import choose, export_cache
from askdocs.encoders.onnx import (
    EXPORT_TAG,
    REPAIR,
    TOKENIZE_CHUNK,
    TOKENIZER_FILE,
    OnnxEncoder,
    export_problems,
    export_warnings,
    find_export,
    read_tag,
)
from askdocs.encoders.sentence_transformers import SentenceTransformerEncoder
from askdocs.errors import IndexUnusable, ModelUnavailable
from askdocs.index_pipeline import CACHED_MODEL as FROM_CACHE
from askdocs.index_progress import Phase
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from askdocs.store.files import file_sha256
from askdocs.store.index_store import IndexStore
from tests.support import SAMPLE, sample_folder

pytestmark = pytest.mark.slow  # exports the real model to ONNX

QUESTIONS = [
    "Who was arrested on July 2?",
    "How many soldiers were wounded in the gunfight?",
    "What happened in Culiacán in 2019?",
    "Where is Altar?",
    "What is the capital of France?",
]


@pytest.fixture(scope="module")
def export_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The per-user export cache of this module: empty until `exported` runs, then holding its export."""
    return tmp_path_factory.mktemp("export-cache")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, export_cache_dir: Path) -> Path:
    """The sample indexed in float32 with no embedder given: the model is exported to ONNX and checked against
    torch (into an empty cache of its own, so that an export really runs), and added to the cache."""
    root = tmp_path_factory.mktemp("exported")
    sample_folder(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_VARIABLE, str(export_cache_dir))
        report = index_corpus(load_settings({"quantize": "none"}, cwd=root, environ={}))
    assert report.encoder == "onnx-fp32" and any("exported the model to ONNX" in n for n in report.notes)
    return root


def _copy(exported: Path, tmp_path: Path) -> Path:
    shutil.copytree(exported, tmp_path / "copy")
    return tmp_path / "copy"


def test_export_is_checked_recorded_and_chosen_for_questions(exported: Path) -> None:
    tag = read_tag(exported / "index")
    assert tag is not None and tag.model == "all-MiniLM-L6-v2" and tag.dimension == 384 and tag.max_seq_length == 256
    check = tag.variants["fp32"]
    assert check.ok and check.cosine_min >= 0.999 and check.checked >= 6
    with IndexStore.open(exported / "index") as store:
        assert store.encoder == "onnx-fp32"
    retriever = Retriever.open(load_settings({}, cwd=exported, environ={}))
    assert isinstance(retriever.embedder, OnnxEncoder)
    retriever.close()


def test_onnx_and_torch_give_the_same_vectors_rankings_and_answers(exported: Path, real_embedder) -> None:
    from askdocs.answering import answer_question

    settings = load_settings({}, cwd=exported, environ={})
    onnx = Retriever.open(settings)
    torch = Retriever.open(settings, embedder=real_embedder)
    ids, stored = onnx.store.embeddings()
    texts = [p.text for p in onnx.store.passages(ids.tolist()).values()]
    cos = np.sum(onnx.embedder.encode(texts) * real_embedder.encode(texts), axis=1)
    assert cos.min() >= 0.9999
    for question in QUESTIONS:
        a, b = onnx.search(question, 6), torch.search(question, 6)
        assert [h.passage.id for h in a] == [h.passage.id for h in b], question
        assert [h.dense_rank for h in a] == [h.dense_rank for h in b], question
        assert float(onnx.embed_query(question) @ torch.embed_query(question)) >= 0.9999
        answer_onnx, answer_torch = answer_question(onnx, question), answer_question(torch, question)
        assert answer_onnx.found == answer_torch.found, question
        assert answer_onnx.text == answer_torch.text, question
    onnx.close()
    torch.close()


def test_the_question_path_never_imports_torch(exported: Path) -> None:
    probe = (
        "import sys\nfrom askdocs.cli import main\n"
        "try:\n    main(['ask', '--json', 'Who was arrested on July 2?'])\nexcept SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('torch', 'sentence_transformers', 'transformers'))\n"
        "print('MODULES', code, ' '.join(heavy) or '-', 'onnxruntime' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=exported, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout.splitlines()[0])
    assert answer["found"] and "Torres" in answer["answer"] and "Herrera" in answer["answer"]
    marker = out.stdout.splitlines()[-1].split()
    assert marker == ["MODULES", "0", "-", "True"], out.stdout[-500:]


def test_a_missing_export_means_torch_and_a_damaged_one_says_to_rebuild(exported: Path, tmp_path: Path) -> None:
    root = _copy(exported, tmp_path)
    index = root / "index"
    assert isinstance(choose.for_questions(index_dir=index), OnnxEncoder)
    data = (index / "model.onnx").read_bytes()
    (index / "model.onnx").write_bytes(data[: len(data) // 2])  # truncated: no silent fallback to torch
    with pytest.raises(ModelUnavailable, match=r"askdocs index \(it makes the export again"):
        choose.for_questions(index_dir=index)
    garbled = bytearray(data)
    garbled[len(data) // 2 : len(data) // 2 + 4096] = bytes(4096)  # 4 KB garbled, same size: found by its hash
    (index / "model.onnx").write_bytes(bytes(garbled))
    with pytest.raises(ModelUnavailable, match="not the file that was checked"):
        choose.for_questions(index_dir=index)
    report = index_corpus(replace(load_settings({"corpus": root / "corpus", "index": index}), threads=1), rebuild=True)
    assert report.encoder.startswith("onnx") and isinstance(choose.for_questions(index_dir=index), OnnxEncoder)
    (index / EXPORT_TAG).unlink()
    assert isinstance(choose.for_questions(index_dir=index), SentenceTransformerEncoder)
    assert find_export(index, "some-other-model") is None


def test_a_damaged_tokenizer_is_named_and_a_damaged_record_is_found_by_check(exported: Path, tmp_path: Path) -> None:
    """A garbled tokenizer.json was blamed on the graph, then not found by `status --check`; a garbled model.json
    made questions take the slower torch model while `status --check` said nothing."""
    root = _copy(exported, tmp_path)
    index = root / "index"
    (index / TOKENIZER_FILE).write_text("{bad")
    with pytest.raises(ModelUnavailable, match=f"{TOKENIZER_FILE} is not the file that was checked"):
        choose.for_questions(index_dir=index)
    [problem] = export_problems(index)
    assert problem.startswith(f"{TOKENIZER_FILE}: ") and problem.endswith(REPAIR)
    (index / EXPORT_TAG).write_text("{bad")
    [problem] = export_problems(index)
    assert problem == f"{EXPORT_TAG}: the record of the ONNX export is damaged; {REPAIR}"  # questions stop, below
    with pytest.raises(ModelUnavailable, match=f"record .*{EXPORT_TAG} cannot be read"):  # not a silent 4x slower
        choose.for_questions(index_dir=index)
    (index / EXPORT_TAG).write_text("{}")  # JSON, but no record of any version
    assert export_problems(index) == [problem]
    with pytest.raises(ModelUnavailable, match=f"record .*{EXPORT_TAG} cannot be read"):
        choose.for_questions(index_dir=index)
    assert export_warnings(index) == []  # damage, not a warning: questions stop
    (index / EXPORT_TAG).write_text('{"format": 1}')  # another version's record: the slower model, said so
    assert export_problems(index) == []  # questions still answer: a warning, not damage
    [other] = export_warnings(index)
    assert "another version" in other and "PyTorch" in other
    (index / EXPORT_TAG).unlink()  # gone from an index built with ONNX: a warning too, naming the file
    assert export_problems(index, "onnx-int8") == [] and export_warnings(index, "torch") == []
    [gone] = export_warnings(index, "onnx-int8")
    assert gone.startswith(f"{EXPORT_TAG}: missing") and gone.endswith(REPAIR)


def test_a_failed_check_keeps_torch_and_is_not_retried_until_rebuild(tmp_path: Path, monkeypatch) -> None:
    import askdocs.encoders.onnx_export as export

    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpus" / SAMPLE.name)
    settings = load_settings({}, cwd=tmp_path, environ={})
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))  # no checked export of another test to reuse
    monkeypatch.setattr(export, "FP32_MIN_COSINE", 1.5)  # no export can pass this
    report = index_corpus(settings)
    assert report.encoder == "torch" and any("not used" in n for n in report.notes)
    assert not read_tag(settings.index).variants["fp32"].ok
    assert isinstance(choose.for_questions(index_dir=settings.index), SentenceTransformerEncoder)
    monkeypatch.setattr(export, "export_fp32", lambda *a, **k: pytest.fail("export retried"))
    (settings.corpus / "more.txt").write_text("The harbour master resigned on Monday.", encoding="utf-8")
    report = index_corpus(settings)
    assert report.encoder == "torch" and report.added == 1


def test_int8_is_checked_and_kept_until_a_rebuild(exported: Path, tmp_path: Path) -> None:
    root = _copy(exported, tmp_path)
    settings = load_settings({"quantize": "int8"}, cwd=root, environ={})
    with pytest.raises(IndexUnusable, match="--rebuild"):
        index_corpus(settings)
    report = index_corpus(settings, rebuild=True)
    assert report.encoder == "onnx-int8"
    check = read_tag(settings.index).variants["int8"]
    assert check.ok and check.cosine_mean >= 0.98 and (settings.index / check.file).stat().st_size > 0
    retriever = Retriever.open(replace(settings, quantize="auto"))
    assert isinstance(retriever.embedder, OnnxEncoder) and retriever.embedder.variant == "int8"
    assert retriever.search("Who was arrested on July 2?", 3)
    _each_vector_is_its_own(retriever)
    retriever.close()
    (settings.corpus / "more.txt").write_text("The harbour master resigned on Monday.", encoding="utf-8")
    assert index_corpus(replace(settings, quantize="auto")).encoder == "onnx-int8"


def _each_vector_is_its_own(retriever: Retriever) -> None:
    """The int8 graph scales activations by the whole batch's range, so a batched sentence's vector moves with its
    batch-mates; `encode_each`, and the retriever's memo of candidate sentences, give each text the vector it has
    alone, so an answer depends neither on the other candidates nor on the questions asked before."""
    encoder = retriever.embedder
    short, long = "Who was arrested on July 2?", SAMPLE.read_text(encoding="utf-8")[:1500]
    alone = encoder.encode_each([short])[0]
    assert not np.allclose(encoder.encode([short, long])[0], alone, atol=1e-5)  # why encode_each is needed
    assert np.allclose(encoder.encode_each([long, short, "Altar"])[1], alone, atol=1e-6)
    assert np.allclose(retriever.sentence_vectors([long, short])[1], alone, atol=1e-6)
    assert np.allclose(retriever.sentence_vectors([short, "Altar"])[0], alone, atol=1e-6)  # kept, the same


def test_a_new_index_is_int8_by_default_and_stays_as_built(exported: Path, tmp_path: Path) -> None:
    root = _copy(exported, tmp_path)
    (root / "index" / "askdocs.sqlite3").unlink(missing_ok=True)
    settings = load_settings({}, cwd=root, environ={})
    assert settings.quantize == "auto"
    assert index_corpus(settings).encoder == "onnx-int8"
    with IndexStore.open(settings.index) as store:
        assert store.encoder == "onnx-int8"
    (settings.corpus / "more.txt").write_text("The harbour master resigned on Monday.", encoding="utf-8")
    assert index_corpus(settings).encoder == "onnx-int8"


def test_thread_count_does_not_change_the_vectors(exported: Path) -> None:
    one = find_export(exported / "index", "all-MiniLM-L6-v2", threads=1)
    two = find_export(exported / "index", "all-MiniLM-L6-v2", threads=2)
    texts = ["Who was arrested on July 2?", SAMPLE.read_text(encoding="utf-8")[:2000]]
    assert np.allclose(one.encode(texts), two.encode(texts), atol=1e-5)


def test_more_texts_than_one_tokenizing_chunk_keep_each_its_own_vector(exported: Path) -> None:
    """Texts are tokenized a chunk at a time (memory); every vector still belongs to its own text."""
    encoder = find_export(exported / "index", "all-MiniLM-L6-v2")
    words = SAMPLE.read_text(encoding="utf-8").split()
    texts = [" ".join(words[i % 50 : i % 50 + 3 + i % 40]) for i in range(TOKENIZE_CHUNK + 37)]
    together = encoder.encode(texts)
    assert together.shape == (len(texts), encoder.dimension)
    for i in (0, TOKENIZE_CHUNK - 1, TOKENIZE_CHUNK, len(texts) - 1):
        assert np.allclose(together[i], encoder.encode([texts[i]])[0], atol=1e-4), i


def test_status_check_finds_a_damaged_export_and_index_repairs_it(exported: Path, tmp_path: Path) -> None:
    root = _copy(exported, tmp_path)
    graph = root / "index" / "model.onnx"
    data = bytearray(graph.read_bytes())
    data[len(data) // 3 : len(data) // 3 + 4096] = bytes(4096)
    graph.write_bytes(bytes(data))
    with pytest.raises(ModelUnavailable):
        choose.for_questions(index_dir=root / "index", label="onnx-fp32")
    check = [sys.executable, "-m", "askdocs", "status", "--check"]
    found = subprocess.run(check, cwd=root, capture_output=True, text=True, timeout=120)
    assert found.returncode == 3, found
    assert "model.onnx: the ONNX export is not the file that was checked" in found.stdout + found.stderr
    report = index_corpus(load_settings({}, cwd=root, environ={}))
    assert report.unchanged == 1 and report.passages == 0
    assert any("damaged" in note for note in report.notes), report.notes
    assert isinstance(choose.for_questions(index_dir=root / "index", label="onnx-fp32"), OnnxEncoder)
    sound = subprocess.run(check, cwd=root, capture_output=True, text=True, timeout=120)
    assert sound.returncode == 0 and "ONNX export ok" in sound.stdout, sound


def _no_export(monkeypatch: pytest.MonkeyPatch) -> None:
    import askdocs.encoders.onnx_export as export

    monkeypatch.setattr(export, "export_fp32", lambda *a, **k: pytest.fail("exported again"))
    monkeypatch.setattr(export, "quantize_int8", lambda *a, **k: pytest.fail("quantised again"))


def test_a_second_project_links_the_cached_export_instead_of_exporting(
    exported: Path, export_cache_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(export_cache_dir))
    _no_export(monkeypatch)
    root = sample_folder(tmp_path / "second")
    phases: list[Phase] = []
    report = index_corpus(load_settings({"quantize": "none"}, cwd=root, environ={}), phases=phases.append)
    assert report.encoder == "onnx-fp32" and FROM_CACHE in [p.label for p in phases]
    assert not any("cache" in n for n in report.notes), report.notes  # the phase line said it: said once
    first, second = exported / "index" / "model.onnx", root / "index" / "model.onnx"
    assert second.stat().st_ino == first.stat().st_ino and second.stat().st_nlink >= 3  # first, cache, second
    assert read_tag(root / "index") == read_tag(exported / "index")
    retriever = Retriever.open(load_settings({}, cwd=root, environ={}))
    assert isinstance(retriever.embedder, OnnxEncoder)
    assert any("Torres" in h.passage.text for h in retriever.search("Who was arrested on July 2?", 3))
    retriever.close()


def test_copies_of_the_model_in_other_folders_with_other_times_reuse_the_export(
    exported: Path, export_cache_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    """Two virtual environments that installed the same model package: other folders, other file times."""
    from askdocs.encoders.models import resolve_model_path
    from askdocs.encoders.onnx_export import source_fingerprint

    monkeypatch.setenv(CACHE_VARIABLE, str(export_cache_dir))
    _no_export(monkeypatch)
    entries = sorted(p.name for p in (export_cache_dir / "onnx").iterdir())
    graphs = []
    for n, venv in enumerate(("venv-a", "venv-b"), 1):
        model = tmp_path / venv / "model"
        shutil.copytree(resolve_model_path("all-MiniLM-L6-v2"), model, copy_function=shutil.copyfile)
        for path in model.rglob("*"):
            os.utime(path, ns=(n * 10**18, n * 10**18))
        root = sample_folder(tmp_path / f"project-{n}")
        phases: list[Phase] = []
        settings = load_settings({"model": str(model), "quantize": "none"}, cwd=root, environ={})
        report = index_corpus(settings, phases=phases.append)
        assert report.encoder == "onnx-fp32", report.notes
        assert FROM_CACHE in [p.label for p in phases]
        tag = read_tag(root / "index")
        assert tag is not None and tag.model == str(model) and tag.source == source_fingerprint(str(model))
        graphs.append(root / "index" / "model.onnx")
        retriever = Retriever.open(load_settings({"model": str(model)}, cwd=root, environ={}))
        assert isinstance(retriever.embedder, OnnxEncoder)
        assert any("Torres" in h.passage.text for h in retriever.search("Who was arrested on July 2?", 3))
        retriever.close()
    assert read_tag(graphs[0].parent).source != read_tag(graphs[1].parent).source  # the times differ
    first = exported / "index" / "model.onnx"
    assert graphs[0].stat().st_ino == graphs[1].stat().st_ino == first.stat().st_ino  # one export, linked
    assert sorted(p.name for p in (export_cache_dir / "onnx").iterdir()) == entries  # and no new entry


def test_int8_weights_are_cached_too(exported: Path, export_cache_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(export_cache_dir))
    root = sample_folder(tmp_path / "third")
    assert index_corpus(load_settings({}, cwd=root, environ={})).encoder == "onnx-int8"  # float32 reused, quantised
    _no_export(monkeypatch)
    again = sample_folder(tmp_path / "fourth")
    phases: list[Phase] = []
    report = index_corpus(load_settings({}, cwd=again, environ={}), phases=phases.append)
    assert report.encoder == "onnx-int8" and read_tag(again / "index") == read_tag(root / "index")
    assert FROM_CACHE in [p.label for p in phases]
    assert [n for n in report.notes if "ONNX" in n or "int8" in n] == []  # said once, by the phase line
    graph = again / "index" / "model.int8.onnx"
    assert graph.stat().st_ino == (root / "index" / "model.int8.onnx").stat().st_ino


def test_a_garbled_cache_entry_is_exported_again(
    exported: Path, export_cache_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    import askdocs.encoders.onnx_export as export

    shutil.copytree(export_cache_dir, tmp_path / "cache")  # new files: the other projects keep theirs
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    key = export_cache.entry_key("all-MiniLM-L6-v2", "fp32")
    graph = tmp_path / "cache" / "onnx" / key / "model.onnx"
    data = bytearray(graph.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = bytes(4096)  # 4 KB garbled, same size
    graph.write_bytes(bytes(data))
    exports = []
    real = export.export_fp32
    monkeypatch.setattr(export, "export_fp32", lambda *a, **k: exports.append(1) or real(*a, **k))
    root = sample_folder(tmp_path / "fifth")
    report = index_corpus(load_settings({"quantize": "none"}, cwd=root, environ={}))
    assert exports == [1] and report.encoder == "onnx-fp32"
    tag = read_tag(root / "index")
    assert file_sha256(graph) == tag.variants["fp32"].sha256 == read_tag(graph.parent).variants["fp32"].sha256
    assert graph.stat().st_ino == (root / "index" / "model.onnx").stat().st_ino
