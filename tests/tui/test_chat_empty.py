"""The chat on an index that holds no documents: a question says the index is empty, in the conversation, and a
re-index that still finds nothing to read says why."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.tui.app import create_app
from askdocs.tui.screens.chat import ChatScreen
from tests.support import FakeEmbedder
from tests.tui.chat_support import SIZE, ask, fake_project, record_notifications, wait_until


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings of a project whose corpus holds only a file of a type askdocs does not read, indexed."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.rtf").write_text("{\\rtf1 The Tigers won the final.}\n")
    return fake_project(tmp_path, monkeypatch)


def test_a_question_on_an_empty_index_says_the_index_is_empty(empty: Settings) -> None:
    async def scenario() -> None:
        app = create_app(empty, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            bubble = await ask(pilot, "Who won?")
            assert bubble.answer is None and bubble.has_class("-error")
            assert bubble.error == (
                "the index holds no documents yet: add files to corpus/ and run: askdocs index --model fake."
                " Press ctrl+r to build the index."
            )
            assert isinstance(app.screen, ChatScreen) and app.is_running

    asyncio.run(scenario())


def test_a_reindex_that_finds_nothing_to_read_says_why(empty: Settings) -> None:
    async def scenario() -> None:
        app = create_app(empty, save=False, embedder=FakeEmbedder())
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: any(s == "warning" for s, _ in seen), what="the warning")
            titles = {n.message: n.title for n in app._notifications}
            said = next(m for s, m in seen if s == "warning")
            assert titles[said] == "No documents indexed"
            assert said.startswith(
                "the index holds no documents: corpus/ has no file askdocs could read;"
                " 1 file left out (corpus/a.rtf: unsupported type); askdocs reads .csv, .docx, "
            )
            assert not any(s == "error" for s, _ in seen) and app.is_running

    asyncio.run(scenario())
