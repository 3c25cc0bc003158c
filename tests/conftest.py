"""Shared fixtures: the sample corpus in a temporary folder, a fake embedder for fast tests, the real model once."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from askdocs.config import Settings, load_settings
from askdocs.encoders.base import Encoder

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "mexico-cartel-arrests.txt"


class FakeEmbedder(Encoder):
    """Hashed bag of words: deterministic, instant, and similar texts get similar vectors. Counts its calls."""

    name = "fake"
    dimension = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def sample_folder(root: Path) -> Path:
    """A user's folder `root` holding `corpus/` with the sample article: what a new user starts from."""
    (root / "corpus").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})


@pytest.fixture
def fake_settings(settings: Settings) -> Settings:
    from dataclasses import replace

    return replace(settings, model="fake")


@pytest.fixture(scope="session")
def real_embedder():  # noqa: ANN201
    """The packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    from askdocs.encoders.choose import for_questions

    embedder = for_questions()
    embedder.load()
    return embedder
