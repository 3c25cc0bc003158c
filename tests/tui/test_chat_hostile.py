"""The chat shows hostile documents and file names as harmless text: answers, sources, the source view, toasts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Label, TextArea

from askdocs.config import Settings
from askdocs.text.safe import visible
from askdocs.tui.app import create_app
from askdocs.tui.screens.source import SourceScreen
from tests.hostile import FORGED_NAME, hostile_corpus, is_safe
from tests.support import FakeEmbedder
from tests.tui.chat_support import SIZE, ask, fake_project, markdown_of, source_list, wait_until


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    hostile_corpus(tmp_path / "corpus")
    return fake_project(tmp_path, monkeypatch)


def test_answers_sources_and_the_source_view_hold_no_escape(hostile: Settings) -> None:
    async def scenario() -> None:
        app = create_app(hostile, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            forged = await ask(pilot, "Which crane collapsed again?")
            assert forged.answer is not None and forged.answer.found
            citations = source_list(forged, "citations")
            labels = [str(citations.get_option_at_index(i).prompt) for i in range(citations.option_count)]
            assert all(is_safe(label) for label in labels)
            assert any(repr("corpus/" + FORGED_NAME) in label for label in labels)
            bubble = await ask(pilot, "What collapsed in Veracruz on July 2, 2021?")
            assert bubble.answer is not None and bubble.answer.found
            assert "\x1b" in " ".join(c.quote for c in bubble.answer.citations)  # the hostile text was cited
            assert is_safe(markdown_of(bubble)) and "PWNED" not in markdown_of(bubble)
            citations = source_list(bubble, "citations")
            labels = [str(citations.get_option_at_index(i).prompt) for i in range(citations.option_count)]
            assert all(is_safe(label) for label in labels)
            hostile_citation = next(c for c in bubble.answer.citations if "\x1b" in c.quote)
            citations.focus()
            place = (hostile_citation.path, hostile_citation.start)
            index = next(i for i, ref in enumerate(citations.refs) if (ref.path, ref.start) == place)
            await pilot.press(*["down"] * index, "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view")
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            shown = screen.query_one("#document", TextArea).text
            assert is_safe(shown) and "␛]0;PWNED" in shown
            assert screen.highlighted == visible(hostile_citation.quote)
            assert is_safe(str(screen.query_one("#source-title", Label).render()))
            app.notify(f"skipped {FORGED_NAME}", title="Skipped a file")
            await pilot.pause()
            shown_toasts = [f"{n.title} {n.message}" for n in app._notifications]
        assert shown_toasts and all(is_safe(toast) for toast in shown_toasts)

    asyncio.run(scenario())
