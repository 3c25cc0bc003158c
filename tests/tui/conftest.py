"""Fixtures for the chat tests: one real index per test module, and a private copy of it per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from askdocs.indexer import index_corpus
from tests.tui.chat_support import SAMPLE, settings_in


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Path:  # noqa: ANN001
    """A folder with the sample corpus and its index, built once per module with the real model."""
    root = tmp_path_factory.mktemp("chat")
    (root / "corpus").mkdir()
    shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
    report = index_corpus(settings_in(root), embedder=real_embedder)
    assert report.added == 1
    return root


@pytest.fixture
def workspace(indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the indexed folder (a test may add files or re-index) that is also the working directory."""
    root = tmp_path / "work"
    shutil.copytree(indexed, root)
    monkeypatch.chdir(root)
    return root
