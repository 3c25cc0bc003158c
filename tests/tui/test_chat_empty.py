"""The chat on an index that holds no documents: a question says the index is empty, in the conversation."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from askdocs.indexer import index_corpus
from askdocs.tui.app import create_app
from askdocs.tui.screens.chat import ChatScreen
from tests.support import FakeEmbedder
from tests.tui.chat_support import SIZE, ask, settings_in, wait_until


def test_a_question_on_an_empty_index_says_the_index_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.rtf").write_text("{\\rtf1 The Tigers won the final.}\n")
    settings = settings_in(tmp_path, model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            bubble = await ask(pilot, "Who won?")
            assert bubble.answer is None and bubble.has_class("-error")
            assert bubble.error == (
                "the index holds no documents yet: add files to corpus/ and run: askdocs index."
                " Press ctrl+r to build the index."
            )
            assert isinstance(app.screen, ChatScreen) and app.is_running

    asyncio.run(scenario())
