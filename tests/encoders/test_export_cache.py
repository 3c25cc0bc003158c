"""The per-user export cache on export-shaped files (a real export goes through it in test_onnx.py): where it
lives, what it links, what it refuses, and that an unwritable or busy cache never stops an index."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from askdocs.config import CACHE_VARIABLE, load_settings
from askdocs.encoders import export_cache
from askdocs.encoders.models import resolve_model_path
from askdocs.encoders.onnx import EXPORT_TAG, TOKENIZER_FILE, ExportTag, VariantCheck, read_tag, record_files, usable
from askdocs.encoders.onnx_export import source_fingerprint
from askdocs.store.files import file_sha256


@pytest.fixture
def model(tmp_path: Path) -> str:
    """A local model folder: its path is the model's name."""
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 8}')
    return str(folder)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def checked_export(folder: Path, model: str, variant: str = "fp32", tag: ExportTag | None = None) -> ExportTag:
    """Files and a tag as a passed export leaves them in an index folder (the graph bytes are not a real graph)."""
    folder.mkdir(parents=True, exist_ok=True)
    file = {"fp32": "model.onnx", "int8": "model.int8.onnx"}[variant]
    (folder / file).write_bytes(bytes(range(256)) * (64 if variant == "fp32" else 16))
    check = VariantCheck(
        file, True, (folder / file).stat().st_size, 0.9999, 0.99999, 9, sha256=file_sha256(folder / file)
    )
    if tag is None:
        (folder / TOKENIZER_FILE).write_text('{"model": "wordpiece"}')
        tag = record_files(folder, ExportTag(model, source_fingerprint(model), 8, 16))
    tag = ExportTag(**{**tag.__dict__, "variants": {**tag.variants, variant: check}})
    (folder / EXPORT_TAG).write_text(tag.as_json())
    return tag


def test_the_cache_folder_is_askdocs_cache_else_xdg_else_home() -> None:
    assert export_cache.cache_root({CACHE_VARIABLE: "/c", "XDG_CACHE_HOME": "/x"}) == Path("/c")
    assert export_cache.cache_root({"XDG_CACHE_HOME": "/x"}) == Path("/x/askdocs")
    assert export_cache.cache_root({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache/askdocs"
    assert export_cache.cache_root({}) == Path.home() / ".cache/askdocs"


def test_the_cache_variable_is_not_a_setting(tmp_path: Path) -> None:
    assert load_settings({}, cwd=tmp_path, environ={CACHE_VARIABLE: str(tmp_path)}).model == "all-MiniLM-L6-v2"


def test_the_key_follows_what_changes_the_export_bytes(model: str, tmp_path: Path) -> None:
    key = export_cache.entry_key(model, "fp32")
    assert key is not None and key == export_cache.entry_key(model, "fp32")
    assert key != export_cache.entry_key(model, "int8", "ab")
    assert export_cache.entry_key(model, "int8", "ab") != export_cache.entry_key(model, "int8", "cd")
    (Path(model) / "config.json").write_text('{"hidden_size": 16}')  # other model files: another export
    assert export_cache.entry_key(model, "fp32") != key
    (Path(model) / "config.json").write_text('{"hidden_size": 8}')
    assert export_cache.entry_key(model, "fp32") == key  # the same bytes again: the same export
    (Path(model) / "extra.json").write_text("{}")  # one more file
    assert export_cache.entry_key(model, "fp32") != key
    assert export_cache.entry_key("no-such-model-anywhere", "fp32") is None  # nothing local to tell apart


def test_the_key_follows_contents_not_folder_or_times(model: str, tmp_path: Path) -> None:
    key = export_cache.entry_key(model, "fp32")
    other = tmp_path / "elsewhere" / "model"
    shutil.copytree(model, other, copy_function=shutil.copyfile)  # new times too
    os.utime(other / "config.json", ns=(10**18, 10**18))
    assert (
        source_fingerprint(str(other)) != source_fingerprint(model)
        and export_cache.entry_key(str(other), "fp32") == key
    )
    (other / "config.json").write_text('{"hidden_size": 9}')  # one byte changed, same size and times
    os.utime(other / "config.json", ns=(10**18, 10**18))
    assert export_cache.entry_key(str(other), "fp32") != key


def test_one_changed_byte_of_the_real_weights_is_another_key(tmp_path: Path) -> None:
    installed = Path(resolve_model_path("all-MiniLM-L6-v2"))
    copy = tmp_path / "model"
    shutil.copytree(installed, copy)  # other folder, same bytes and times
    key = export_cache.entry_key("all-MiniLM-L6-v2", "fp32")
    assert key is not None and export_cache.entry_key(str(copy), "fp32") == key
    weights = copy / "model.safetensors"
    before = weights.stat()
    with open(weights, "r+b") as handle:  # one byte of the weights, in place: same size, same inode
        handle.seek(before.st_size // 2)
        byte = handle.read(1)
        handle.seek(before.st_size // 2)
        handle.write(bytes([byte[0] ^ 1]))
    os.utime(weights, ns=(before.st_atime_ns, before.st_mtime_ns))  # and its time put back
    after = weights.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert export_cache.entry_key(str(copy), "fp32") != key


def test_a_kept_export_is_hard_linked_into_another_index(model: str, cache: Path, tmp_path: Path) -> None:
    tag = checked_export(tmp_path / "a", model)
    assert export_cache.keep(tmp_path / "a", tag, "fp32") == ()
    (entry,) = (cache / "onnx").iterdir()
    assert sorted(p.name for p in entry.iterdir()) == ["entry.json", "model.json", "model.onnx", "tokenizer.json"]
    (tmp_path / "b").mkdir()
    got = export_cache.fetch(tmp_path / "b", model, tag.source, "fp32")
    assert got == tag and read_tag(tmp_path / "b") == tag and usable(tmp_path / "b", tag, model, "fp32")
    assert (tmp_path / "b" / "model.onnx").stat().st_ino == (tmp_path / "a" / "model.onnx").stat().st_ino
    assert (tmp_path / "b" / TOKENIZER_FILE).read_text() == (tmp_path / "a" / TOKENIZER_FILE).read_text()
    assert [p.name for p in (tmp_path / "b").iterdir() if p.name.endswith(".tmp")] == []


def test_the_tokenizer_is_copied_so_damage_in_place_stays_in_its_folder(
    model: str, cache: Path, tmp_path: Path
) -> None:
    """A hard-linked tokenizer.json truncated in one index was truncated in the cache and every other project."""
    tag = checked_export(tmp_path / "a", model)
    export_cache.keep(tmp_path / "a", tag, "fp32")
    (entry,) = (cache / "onnx").iterdir()
    for name in ("b", "c"):
        (tmp_path / name).mkdir()
        assert export_cache.fetch(tmp_path / name, model, tag.source, "fp32") == tag
    inodes = {(tmp_path / n / TOKENIZER_FILE).stat().st_ino for n in "abc"} | {(entry / TOKENIZER_FILE).stat().st_ino}
    assert len(inodes) == 4  # four copies; the graph stays one file linked four times
    assert (tmp_path / "b" / "model.onnx").stat().st_ino == (entry / "model.onnx").stat().st_ino
    with open(tmp_path / "b" / TOKENIZER_FILE, "r+b") as handle:
        handle.truncate(5)  # in place, as `truncate -s` or an editor saving in place does
    assert not usable(tmp_path / "b", tag, model, "fp32")
    assert usable(tmp_path / "c", tag, model, "fp32") and usable(tmp_path / "a", tag, model, "fp32")
    assert export_cache.fetch(tmp_path / "b", model, tag.source, "fp32") == tag  # repaired from the cache's copy
    assert usable(tmp_path / "b", tag, model, "fp32") and entry.is_dir()


def test_a_copy_of_the_model_elsewhere_links_the_same_entry(model: str, cache: Path, tmp_path: Path) -> None:
    tag = checked_export(tmp_path / "a", model)
    export_cache.keep(tmp_path / "a", tag, "fp32")
    other = tmp_path / "venv2" / "model"
    shutil.copytree(model, other, copy_function=shutil.copyfile)
    (tmp_path / "b").mkdir()
    got = export_cache.fetch(tmp_path / "b", str(other), source_fingerprint(str(other)), "fp32")
    assert got == replace(tag, model=str(other), source=source_fingerprint(str(other))) and got.source != tag.source
    assert read_tag(tmp_path / "b") == got and usable(tmp_path / "b", got, str(other), "fp32")
    assert (tmp_path / "b" / "model.onnx").stat().st_ino == (tmp_path / "a" / "model.onnx").stat().st_ino
    (other / "config.json").write_text('{"hidden_size": 9}')  # same size, other bytes: never the stale export
    (tmp_path / "c").mkdir()
    assert export_cache.fetch(tmp_path / "c", str(other), source_fingerprint(str(other)), "fp32") is None
    assert list((tmp_path / "c").iterdir()) == [] and len(list((cache / "onnx").iterdir())) == 1


def test_an_int8_entry_joins_the_float32_tag_it_was_quantised_from(model: str, cache: Path, tmp_path: Path) -> None:
    fp32 = checked_export(tmp_path / "a", model)
    both = checked_export(tmp_path / "a", model, "int8", fp32)
    assert (
        export_cache.keep(tmp_path / "a", both, "fp32") == () and export_cache.keep(tmp_path / "a", both, "int8") == ()
    )
    (tmp_path / "b").mkdir()
    fp32_b = export_cache.fetch(tmp_path / "b", model, fp32.source, "fp32")
    assert fp32_b is not None and set(fp32_b.variants) == {"fp32"}  # the float32 entry holds float32 only
    assert export_cache.fetch(tmp_path / "b", model, fp32.source, "int8", fp32_b) == both
    assert read_tag(tmp_path / "b") == both and usable(tmp_path / "b", both, model, "int8")
    other = ExportTag(**{**fp32.__dict__, "variants": {"fp32": VariantCheck("model.onnx", True, 1, sha256="0" * 64)}})
    assert export_cache.fetch(tmp_path / "c", model, fp32.source, "int8", other) is None  # another float32 graph


@pytest.mark.parametrize("damage", ["graph", "tokenizer", "tag", "entry"])
def test_a_damaged_entry_is_never_used_and_is_made_again(model: str, cache: Path, tmp_path: Path, damage: str) -> None:
    tag = checked_export(tmp_path / "a", model)
    export_cache.keep(tmp_path / "a", tag, "fp32")
    (entry,) = (cache / "onnx").iterdir()
    file = {"graph": "model.onnx", "tokenizer": TOKENIZER_FILE, "tag": EXPORT_TAG, "entry": "entry.json"}[damage]
    data = bytearray((entry / file).read_bytes())
    data[10:20] = b"0123456789"  # garbled in place, same size
    (entry / file).unlink()  # a new inode, so that the first index keeps its own bytes
    (entry / file).write_bytes(bytes(data))
    (tmp_path / "b").mkdir()
    assert export_cache.fetch(tmp_path / "b", model, tag.source, "fp32") is None
    assert not entry.exists() and sorted(p.name for p in (tmp_path / "b").iterdir()) == []
    assert export_cache.keep(tmp_path / "a", tag, "fp32") == ()  # the next export takes its place
    assert export_cache.fetch(tmp_path / "b", model, tag.source, "fp32") == tag


def test_an_unwritable_cache_is_one_note_and_a_miss(model: str, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "file" / "cache"))
    tag = checked_export(tmp_path / "a", model)
    (note,) = export_cache.keep(tmp_path / "a", tag, "fp32")
    assert "not cached" in note and str(tmp_path / "file") in note
    (tmp_path / "b").mkdir()
    assert export_cache.fetch(tmp_path / "b", model, tag.source, "fp32") is None
    assert read_tag(tmp_path / "a") == tag  # the export in the index is untouched


def test_runs_keeping_the_same_export_at_once_leave_one_whole_entry(model: str, cache: Path, tmp_path: Path) -> None:
    tag = checked_export(tmp_path / "a", model)
    notes: list[tuple[str, ...]] = []
    threads = [
        threading.Thread(target=lambda: notes.append(export_cache.keep(tmp_path / "a", tag, "fp32"))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert notes == [()] * 4
    assert [p.name for p in (cache / "onnx").iterdir()] == [export_cache.entry_key(model, "fp32")]
    (tmp_path / "b").mkdir()
    assert export_cache.fetch(tmp_path / "b", model, tag.source, "fp32") == tag


def test_leftovers_of_killed_runs_are_removed(model: str, cache: Path, tmp_path: Path) -> None:
    (cache / "onnx" / ".abc.x1.tmp").mkdir(parents=True)
    (cache / "onnx" / ".abc.x1.tmp" / "model.onnx").write_bytes(b"half")
    (cache / "onnx" / ".abc.x2.tmp").mkdir()
    old = os.stat(cache).st_mtime - 2 * export_cache.STALE_SECONDS
    os.utime(cache / "onnx" / ".abc.x1.tmp", (old, old))
    export_cache.keep(tmp_path / "a", checked_export(tmp_path / "a", model), "fp32")
    names = {p.name for p in (cache / "onnx").iterdir()}
    assert ".abc.x1.tmp" not in names and ".abc.x2.tmp" in names  # a recent one may be a live run's
