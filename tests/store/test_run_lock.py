"""One index run at a time per folder; leftovers of killed runs are removed by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings
from askdocs.errors import EXIT_INDEX, IndexUnusable
from askdocs.indexer import index_corpus
from askdocs.store.run_lock import index_lock
from tests.support import FakeEmbedder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"{i}.txt").write_text(f"Crane {i} was inspected on July 2, 2021.")
    return Settings(corpus=corpus, index=tmp_path / "index", model="fake")


class Gated(FakeEmbedder):
    """Holds its first call until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.gate = threading.Event(), threading.Event()

    def encode(self, texts: list[str]) -> np.ndarray:
        self.entered.set()
        assert self.gate.wait(30)
        return super().encode(texts)


def test_a_second_run_says_another_is_running(settings: Settings) -> None:
    first = Gated()
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(index_corpus(settings, embedder=first)))
    thread.start()
    try:
        assert first.entered.wait(30)
        with pytest.raises(IndexUnusable, match="another askdocs index is running") as error:
            index_corpus(settings, embedder=FakeEmbedder())
        assert error.value.exit_code == EXIT_INDEX
    finally:
        first.gate.set()
        thread.join(30)
    assert result and result[0].added == 5  # type: ignore[attr-defined]
    assert index_corpus(settings, embedder=FakeEmbedder()).unchanged == 5  # the lock is free again


def test_the_lock_is_per_folder_and_released(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with index_lock(tmp_path / "a"), pytest.raises(IndexUnusable), index_lock(tmp_path / "a"):
        pass
    with index_lock(tmp_path / "a"):
        pass


def test_leftovers_of_killed_runs_are_removed(settings: Settings) -> None:
    index_corpus(settings, embedder=FakeEmbedder())
    folder = settings.index
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    old = time.time() - 3600
    leftovers = [f"model.onnx.{dead.stdout.strip()}.tmp", "vectors.faiss.k2j4h5g1.tmp", "askdocs.sqlite3.rebuild"]
    for name in leftovers:
        (folder / name).write_bytes(b"partial")
        os.utime(folder / name, (old, old))
    (folder / "vectors.faiss.fresh123.tmp").write_bytes(b"being written by a question right now")
    (folder / f"model.onnx.{os.getpid()}.tmp").write_bytes(b"a live process")
    index_corpus(settings, embedder=FakeEmbedder())
    names = {p.name for p in folder.iterdir()}
    assert not names & set(leftovers)
    assert {"vectors.faiss.fresh123.tmp", f"model.onnx.{os.getpid()}.tmp"} <= names
