"""What the chat tests share besides fixtures: sample paths and questions, pilot steps, models held back on purpose."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from textual.widgets import Input, Markdown

from askdocs.config import Settings, load_settings
from askdocs.encoders.base import Encoder
from askdocs.indexer import index_corpus
from askdocs.tui.app import ChatApp
from askdocs.tui.widgets.answer import AnswerBubble
from askdocs.tui.widgets.source_list import SourceList
from askdocs.tui.widgets.status_line import StatusLine

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "mexico-cartel-arrests.txt"
JULY_2 = "Who was arrested on July 2?"
NOT_ANSWERED = "What is the capital of France?"
SIZE = (110, 36)
"""Terminal size for pilot and snapshot runs: wide enough for the footer, fixed so snapshots compare."""


FORMATS = REPO / "tests" / "data" / "formats"
"""Small real PDF, Word, EPUB, HTML and Markdown files (made by tests/data/make_data.py)."""


def indexed_formats(root: Path, embedder: Encoder, extra: dict[str, str] | None = None) -> Path:
    """`root` with the format samples (and `extra` text files) in corpus/, indexed with `embedder`."""
    shutil.copytree(FORMATS, root / "corpus")
    for name, text in (extra or {}).items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    index_corpus(settings_in(root), embedder=embedder)
    return root


def settings_in(root: Path, **extra: object) -> Settings:
    """Settings for a folder holding corpus/ and index/, ignoring any askdocs.toml or ASKDOCS_* of the machine."""
    return load_settings({"corpus": root / "corpus", "index": root / "index", **extra}, cwd=root, environ={})


def fake_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The folder's corpus/ (made by the caller) indexed with the fake encoder, and the working folder moved there:
    a project the chat opens as a user's would."""
    from tests.support import FakeEmbedder

    settings = settings_in(root, model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    monkeypatch.chdir(root)
    return settings


async def wait_until(pilot, predicate: Callable[[], object], timeout: float = 90.0, what: str = "") -> None:  # noqa: ANN001
    """Let the app run until `predicate()` holds; fail (never hang) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what or predicate}")
        await pilot.pause(0.05)
    await pilot.pause()


def record_notifications(app: ChatApp) -> list[tuple[str, str]]:
    """Keep (severity, message) of every notification the app shows."""
    seen: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, **kwargs: object) -> None:
        seen.append((str(kwargs.get("severity", "information")), message))
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return seen


def screen_lines(app: ChatApp) -> list[str]:
    """The characters of the top screen as the terminal shows them, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def status_line(app: ChatApp) -> StatusLine:
    return app.chat.query_one(StatusLine)


async def started(pilot, app: ChatApp) -> None:  # noqa: ANN001
    """Wait for the model and the first status check."""
    await wait_until(pilot, lambda: app.backend.ready, what="the model and index")
    await wait_until(pilot, lambda: status_line(app).status.info is not None, what="the status line")


async def ask(pilot, question: str) -> AnswerBubble:  # noqa: ANN001
    """Type a question into the input, press enter, and wait for its answer (or error)."""
    app: ChatApp = pilot.app
    app.chat.query_one("#question", Input).focus()
    before = len(app.chat.query(AnswerBubble))
    await pilot.press(*question)
    await pilot.press("enter")
    await wait_until(pilot, lambda: len(app.chat.query(AnswerBubble)) > before, what="the thinking bubble")
    bubble = list(app.chat.query(AnswerBubble))[-1]
    await wait_until(
        pilot, lambda: bubble.answer is not None or bubble.error is not None, what=f"an answer to {question}"
    )
    return bubble


def markdown_of(bubble: AnswerBubble) -> str:
    return bubble.query_one(Markdown).source


def source_list(bubble: AnswerBubble, kind: str) -> SourceList:
    return bubble.query_one(f"SourceList.{kind}", SourceList)


class SlowToLoad(Encoder):
    """The real model behind a gate: `load` blocks until the test opens it, like a slow first load."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner = inner
        self.name = inner.name
        self.gate = threading.Event()

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def load(self) -> None:
        assert self.gate.wait(60), "the test never let the model load"

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.inner.encode(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.inner.encode_query(text)


class HeldWhileIndexing(SlowToLoad):
    """The real model, holding back any text that mentions `word` until the test lets it through."""

    def __init__(self, inner, word: str) -> None:  # noqa: ANN001
        super().__init__(inner)
        self.word = word
        self.held = threading.Event()

    def load(self) -> None:
        pass

    def encode(self, texts: list[str]) -> np.ndarray:
        if any(self.word in t for t in texts):
            self.held.set()
            assert self.gate.wait(60), "the test never let indexing finish"
        return self.inner.encode(texts)


class StubEmbedder(Encoder):
    """Stands in for a model that is not installed, just to build an index that names it."""

    name = "no-such-model"
    dimension = 8

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.eye(self.dimension, dtype=np.float32)[[len(t) % self.dimension for t in texts]]

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def load(self) -> None:
        """Nothing to load."""
