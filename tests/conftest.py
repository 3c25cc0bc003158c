"""Shared fixtures: a clean environment, the sample corpus in a temporary folder, the real model once; tests that
load the real model are marked slow."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from askdocs.config import Settings, load_settings
from tests.support import REPO, SAMPLE, FakeEmbedder, sample_folder  # noqa: F401 - shared with test modules


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


SLOW_FIXTURES = {"real_embedder", "indexed", "exported"}
"""Fixtures that load the real model or make an ONNX export: a test using one is slow."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that loads the real model (directly or through a fixture); modules that run
    subprocesses, tmux or exports mark themselves with `pytestmark`."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def clean_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No ASKDOCS_* setting of the developer's shell reaches a test or its subprocesses, and no model hub is
    ever asked for anything (session-wide, so module fixtures that index in a subprocess are covered too)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("ASKDOCS_")]:
            patch.delenv(name)
        patch.setenv("ASKDOCS_CACHE", str(tmp_path_factory.mktemp("askdocs-cache")))  # never the user's cache
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        yield


@pytest.fixture(autouse=True)
def signal_handlers() -> Iterator[None]:
    """An `askdocs index` run in the test process takes over SIGINT and SIGTERM (askdocs.cli.stopping), and one
    that was stopped ignores them from then on and remembers which signal stopped it: each test gives the process
    its own handlers back and forgets the run."""
    from askdocs.cli import stopping

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        if handler is not None:
            signal.signal(signum, handler)
    stopping.reset()
