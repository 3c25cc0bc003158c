"""Same-size rewrites: a new modification time makes `index` re-read the file; so does a rewrite within the clock
tick of a file indexed right after it was written (its time is not trusted); a rewrite that keeps size and time of
an older file (mtime set back) is found by `status --check` and fixed by `index --rebuild`."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.changes import compare, rewritten_in_place
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder

OLD = "The harbour crane collapsed on July 2, 2021 in Veracruz.\n"
NEW = "The harbour crane survived on July 2, 2021 in Tampico!!!\n"


def _project(tmp_path: Path, *, age: float = 3600.0) -> tuple[Settings, Path]:
    """Two files written `age` seconds ago, indexed now."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "other.txt").write_text("A bridge was closed for repairs in June.\n")
    path = corpus / "crane.txt"
    path.write_text(OLD)
    for f in corpus.iterdir():
        os.utime(f, (time.time() - age, time.time() - age))
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    assert index_corpus(settings, embedder=FakeEmbedder()).added == 2
    return settings, path


def _stored_text(settings: Settings, name: str) -> str:
    with IndexStore.open(settings.index) as store:
        doc = store.documents()[name]
        passages = store.passages([int(i) for i in store.embeddings()[0]])
    return "".join(p.text for p in passages.values() if p.doc_id == doc.id)


def test_a_same_size_rewrite_with_a_new_mtime_is_re_indexed(tmp_path: Path) -> None:
    settings, path = _project(tmp_path)
    assert len(NEW.encode()) == len(OLD.encode())
    before = path.stat()
    path.write_text(NEW)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))  # one millisecond later, same size
    with IndexStore.open(settings.index) as store:
        changes = compare(settings.corpus, store.documents())
    assert [p.name for p in changes.changed] == ["crane.txt"]
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (1, 1)
    assert "Tampico" in _stored_text(settings, "crane.txt")


def test_a_rewrite_keeping_size_and_mtime_is_found_by_hashing_and_fixed_by_rebuild(tmp_path: Path) -> None:
    settings, path = _project(tmp_path)
    before = path.stat()
    path.write_text(NEW)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as if written within the same clock tick
    with IndexStore.open(settings.index) as store:
        indexed = store.documents()
    changes = compare(settings.corpus, indexed)
    assert not changes.stale  # size and time agree: `index` does not read the file (like make or rsync)
    assert rewritten_in_place(settings.corpus, indexed, changes.unchanged) == [path]
    assert index_corpus(settings, embedder=FakeEmbedder()).changed == 0
    assert "Veracruz" in _stored_text(settings, "crane.txt")
    index_corpus(settings, rebuild=True, embedder=FakeEmbedder())
    assert "Tampico" in _stored_text(settings, "crane.txt")
    with IndexStore.open(settings.index) as store:
        indexed = store.documents()
    assert rewritten_in_place(settings.corpus, indexed, compare(settings.corpus, indexed).unchanged) == []


def test_a_rewrite_in_the_same_clock_tick_as_the_read_is_re_indexed(tmp_path: Path) -> None:
    settings, path = _project(tmp_path, age=0.0)  # indexed as soon as written, like a script or watch mode does
    before = path.stat()
    path.write_text(NEW)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time: one clock tick
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (1, 1)
    assert "Tampico" in _stored_text(settings, "crane.txt")
    with IndexStore.open(settings.index) as store:
        indexed = store.documents()
    assert not compare(settings.corpus, indexed).stale  # hashed again, same content: nothing to do


def _status(capsys: pytest.CaptureFixture[str], settings: Settings, *args: str) -> tuple[int, str]:
    where = ["--corpus", str(settings.corpus), "--index", str(settings.index), "--model", "fake"]
    with pytest.raises(SystemExit) as stop:
        main(["status", *args, *where])
        raise SystemExit(0)
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return int(stop.value.code or 0), out.out + out.err


def test_status_check_names_a_file_rewritten_with_the_same_size_and_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, path = _project(tmp_path)
    code, out = _status(capsys, settings, "--check")
    assert code == 0 and "file contents as indexed" in out
    before = path.stat()
    path.write_text(NEW)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    code, out = _status(capsys, settings, "--check")
    assert code == 3 and "crane.txt: content differs from the index" in out
    rebuild = f"run: askdocs index --corpus {settings.corpus} --index {settings.index} --model fake --rebuild"
    assert rebuild in out and "other.txt" not in out  # the folders it was given, so the hint runs as shown
    code, out = _status(capsys, settings)
    assert code == 0 and "crane.txt" not in out and "up to date" in out
