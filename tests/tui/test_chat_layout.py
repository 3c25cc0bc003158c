"""Where things land on the chat's screen: toasts beside the input rather than over it, the latest answer kept in
view when the passages are shown, and the passages drawn inside their answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input
from textual.widgets._toast import Toast

from askdocs.config import Settings
from askdocs.tui.app import create_app
from tests.support import FakeEmbedder
from tests.tui.chat_support import fake_project, started, wait_until


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A few short news notes indexed with the fake encoder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("Title: Ferry resumes\n\nThe harbour ferry resumed service on Monday.\n")
    (corpus / "library.txt").write_text("Title: Library reopens\n\nThe city library reopened on Saturday.\n")
    return fake_project(tmp_path, monkeypatch)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_the_toast_after_a_reindex_leaves_the_input_uncovered(project: Settings, size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=size, notifications=True) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: app.chat.query(Toast), what="the toast")
            await pilot.pause(0.3)
            field = app.chat.query_one("#question", Input).region
            toasts = [t.region for t in app.chat.query(Toast)]
            assert toasts and not any(t.overlaps(field) for t in toasts), (toasts, field)
            assert all(t.overlaps(Region(0, 0, size[0], size[1])) for t in toasts)  # on screen all the same

    asyncio.run(scenario())
