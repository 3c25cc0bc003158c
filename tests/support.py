"""Helpers the tests share: the sample article, a user folder holding it, and a fake encoder."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest

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


def run_cli(capsys: pytest.CaptureFixture[str], *args: str, model: str | None = "fake") -> tuple[int, str, str]:
    """askdocs in this process with `--model model` (the fake one; None: no --model): (exit code, stdout, stderr)."""
    from askdocs.cli import main

    with pytest.raises(SystemExit) as stop:
        main([*args, *(["--model", model] if model is not None else [])])
        raise SystemExit(0)
    out = capsys.readouterr()
    return int(stop.value.code or 0), out.out, out.err


def interruptible() -> None:
    """`preexec_fn` for a child the test will Ctrl-C: a child of a shell's background job starts with SIGINT
    ignored, and Python then never raises KeyboardInterrupt, so give it the default action back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def indexed(root: Path, files: dict[str, str], embedder: Encoder):  # noqa: ANN201 - a Retriever
    """A corpus of `files` (name -> text) under `root`, indexed with `embedder` and opened (close it when done)."""
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    corpus = root / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = load_settings({"corpus": corpus, "index": root / "index"}, cwd=root, environ={})
    index_corpus(settings, embedder=embedder)
    return Retriever.open(settings, embedder=embedder)


def answers(root: Path, files: dict[str, str], embedder: Encoder, *questions: str) -> list:
    """The answers to `questions` from a corpus of `files` indexed under `root` (see `indexed`)."""
    from askdocs.answering import answer_question

    retriever = indexed(root, files, embedder)
    try:
        return [answer_question(retriever, q) for q in questions]
    finally:
        retriever.close()


def fake_commands(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """askdocs commands run in `folder` with the fake encoder for questions and indexing and no ASKDOCS_ settings."""
    from askdocs.encoders.choose import Choice

    monkeypatch.chdir(folder)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", lambda *a, **k: Choice(FakeEmbedder(), "fake"))
    monkeypatch.setattr("askdocs.encoders.choose.require_model", lambda *a, **k: None)
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)


def fake_encoder_script(encoder: str) -> str:
    """Lines for a child process's script that make `askdocs index` embed with `encoder` (an expression, e.g.
    "FakeEmbedder()") and look no model up, as `fake_commands` does in-process."""
    return (
        "import askdocs.encoders.choose as choose\n"
        f"choose.for_indexing = lambda *a, **k: choose.Choice({encoder}, 'fake')\n"
        "choose.require_model = lambda *a, **k: None\n"
    )
