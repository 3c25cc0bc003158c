"""A damaged export file other than the graph, through the command line: `status --check` finds it, the error of
`ask` names it, and the command that error gives (a plain `askdocs index`) repairs it; so does `index --rebuild`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from askdocs.config import CACHE_VARIABLE
from askdocs.encoders.onnx import EXPORT_TAG, REPAIR, TOKENIZER_FILE, read_tag
from askdocs.indexer import REPAIRING_MODEL
from tests.support import sample_folder

pytestmark = pytest.mark.slow  # exports the real model to ONNX and runs askdocs in subprocesses

QUESTION = "Who was arrested on July 2?"


def _askdocs(root: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """askdocs run in the user's folder `root` with the export cache `cache`."""
    env = {**os.environ, CACHE_VARIABLE: str(cache), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "askdocs", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("export-cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    """The sample indexed as a new user does (int8 by default), its export made and added to `cache`."""
    root = sample_folder(tmp_path_factory.mktemp("built"))
    done = _askdocs(root, cache, "index")
    assert done.returncode == 0, done.stderr
    return root


def _damage(path: Path, how: str) -> None:
    """Damage `path` in place (its inode kept), as `truncate -s 1000` or a bad disk block does."""
    with open(path, "r+b") as handle:
        if how == "truncated":
            handle.truncate(1000)
        else:
            handle.seek(path.stat().st_size // 2)
            handle.write(b"\x00garbled\x00" * 50)


@pytest.mark.parametrize("how", ["truncated", "garbled"])
def test_a_damaged_tokenizer_in_a_copied_index_is_found_and_repaired_by_the_index_it_suggests(
    built: Path, cache: Path, tmp_path: Path, how: str
) -> None:
    root = tmp_path / "copy"
    shutil.copytree(built, root)  # `cp -r`: the copy's files are its own
    _damage(root / "index" / TOKENIZER_FILE, how)
    plain = _askdocs(root, cache, "status")  # the files questions load are hashed, as a question hashes them
    assert plain.returncode == 3 and f"damaged:  {TOKENIZER_FILE}: " in plain.stdout, plain
    checked = _askdocs(root, cache, "status", "--check")
    assert checked.returncode == 3, checked
    assert f"damaged:  {TOKENIZER_FILE}: " in checked.stdout and "ONNX export ok" not in checked.stdout
    asked = _askdocs(root, cache, "ask", QUESTION)
    assert asked.returncode == 3, asked  # the same damage, the same exit code as status
    assert str(root / "index" / TOKENIZER_FILE) in asked.stderr and "run: askdocs index (" in asked.stderr
    rebuilt = _askdocs(root, cache, "index")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert REPAIRING_MODEL in rebuilt.stderr and "reused from the cache" in rebuilt.stderr  # a copy, not an export
    asked = _askdocs(root, cache, "ask", QUESTION)
    assert asked.returncode == 0 and "Torres" in asked.stdout, asked
    checked = _askdocs(root, cache, "status", "--check")
    assert checked.returncode == 0 and "ONNX export ok" in checked.stdout, checked
    assert (root / "index" / TOKENIZER_FILE).read_bytes() == (built / "index" / TOKENIZER_FILE).read_bytes()


def test_damage_in_place_to_one_project_leaves_the_others_answering(built: Path, cache: Path, tmp_path: Path) -> None:
    """Index folders linked to the cache: the tokenizer truncated in place in one stays there."""
    first, second = sample_folder(tmp_path / "first"), sample_folder(tmp_path / "second")
    for root in (first, second):
        assert _askdocs(root, cache, "index").returncode == 0
    assert (first / "index" / "model.int8.onnx").stat().st_ino == (built / "index" / "model.int8.onnx").stat().st_ino
    _damage(first / "index" / TOKENIZER_FILE, "truncated")
    for root in (built, second):
        asked = _askdocs(root, cache, "ask", QUESTION)
        assert asked.returncode == 0 and "Torres" in asked.stdout, asked
    assert _askdocs(first, cache, "ask", QUESTION).returncode == 3
    repaired = _askdocs(first, cache, "index")  # a plain index run notices the export it is about to use
    assert repaired.returncode == 0 and "damaged" in repaired.stderr, repaired.stderr
    assert _askdocs(first, cache, "ask", QUESTION).returncode == 0


def test_an_export_recorded_before_the_tokenizer_hash_is_checked_by_loading_it(
    built: Path, cache: Path, tmp_path: Path
) -> None:
    """Index folders exported by an earlier version record no tokenizer hash: the tokenizer must load."""
    root = tmp_path / "older"
    shutil.copytree(built, root)
    tag = json.loads((root / "index" / EXPORT_TAG).read_text(encoding="utf-8"))
    del tag["files"]
    (root / "index" / EXPORT_TAG).write_text(json.dumps(tag), encoding="utf-8")
    assert _askdocs(root, cache, "status", "--check").returncode == 0
    _damage(root / "index" / TOKENIZER_FILE, "truncated")
    checked = _askdocs(root, cache, "status", "--check")
    assert checked.returncode == 3 and f"damaged:  {TOKENIZER_FILE}: " in checked.stdout, checked
    assert _askdocs(root, cache, "index").returncode == 0
    assert _askdocs(root, cache, "ask", QUESTION).returncode == 0
    recorded = read_tag(root / "index")
    assert recorded is not None and TOKENIZER_FILE in recorded.files  # recorded from now on


@pytest.mark.parametrize("record", ["{}", "null"])
def test_a_record_that_is_no_record_is_found_and_mended_by_index(
    built: Path, cache: Path, tmp_path: Path, record: str
) -> None:
    """model.json emptied to `{}`: questions quietly took torch (10x slower), `status --check` said the export was
    as checked, and `askdocs index` left it so. Now: named as damage (questions stop), and a plain index run makes
    it again."""
    root = tmp_path / "copy"
    shutil.copytree(built, root)
    (root / "index" / EXPORT_TAG).write_text(record, encoding="utf-8")
    plain = _askdocs(root, cache, "status")  # ask would fail: plain status says so too
    assert plain.returncode == 3 and f"damaged:  {EXPORT_TAG}: " in plain.stdout, plain
    checked = _askdocs(root, cache, "status", "--check")
    assert checked.returncode == 3 and f"damaged:  {EXPORT_TAG}: " in checked.stdout, checked
    assert checked.stderr.rstrip().endswith("(it makes the export again; no document is embedded again)")
    assert _askdocs(root, cache, "ask", QUESTION).returncode == 3  # an error, never a silent fallback
    _mended(root, cache)


def test_a_record_that_is_gone_is_a_warning_and_mended_by_index(built: Path, cache: Path, tmp_path: Path) -> None:
    """model.json deleted: the index still answers (on the slower PyTorch model), so `ask`, `search`, `status` and
    `status --check` warn, naming the file and the command that makes it again, and exit 0: it is not damage."""
    root = tmp_path / "copy"
    shutil.copytree(built, root)
    (root / "index" / EXPORT_TAG).unlink()
    asked = _askdocs(root, cache, "ask", QUESTION)
    assert asked.returncode == 0 and "Torres" in asked.stdout, asked
    assert asked.stderr.startswith(f"askdocs: warning: {EXPORT_TAG}: missing"), asked.stderr  # as status says
    searched = _askdocs(root, cache, "search", "arrested")
    assert searched.returncode == 0 and f"askdocs: warning: {EXPORT_TAG}: missing" in searched.stderr, searched
    for args in ([], ["--check"]):
        said = _askdocs(root, cache, "status", *args)
        assert said.returncode == 0 and "damaged" not in said.stdout + said.stderr, said
        assert said.stderr.startswith(f"askdocs: warning: {EXPORT_TAG}: missing"), said.stderr
        assert said.stderr.rstrip().endswith(
            "run: askdocs index (it makes the export again; no document is embedded again)"
        )
    _mended(root, cache, f"the ONNX export's record {EXPORT_TAG} was missing and was made again")


def _mended(root: Path, cache: Path, note: str = "") -> None:
    """A plain `askdocs index` makes the record again: status --check passes and questions answer with ONNX."""
    repaired = _askdocs(root, cache, "index")
    assert repaired.returncode == 0 and REPAIRING_MODEL in repaired.stderr and note in repaired.stderr, repaired
    assert read_tag(root / "index") is not None
    assert _askdocs(root, cache, "status", "--check").returncode == 0
    asked = _askdocs(root, cache, "ask", QUESTION)
    assert asked.returncode == 0 and "Torres" in asked.stdout


def test_a_record_from_another_version_is_a_warning_whose_advice_mends_it(
    built: Path, cache: Path, tmp_path: Path
) -> None:
    """model.json of another format: questions answer on PyTorch; `status` warns and advises the plain index run
    that mends it (not --rebuild, which would embed every document again), and that run says what it mended."""
    root = tmp_path / "copy"
    shutil.copytree(built, root)
    tag = root / "index" / EXPORT_TAG
    tag.write_text(json.dumps({**json.loads(tag.read_text(encoding="utf-8")), "format": 1}), encoding="utf-8")
    said = _askdocs(root, cache, "status")
    assert said.returncode == 0 and "another version of askdocs" in said.stderr, said
    assert said.stderr.rstrip().endswith(REPAIR)
    _mended(root, cache, f"record {EXPORT_TAG} was from another version of askdocs and was made again")
