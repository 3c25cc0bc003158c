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
from tests.tui.chat_support import ask, fake_project, started, wait_until


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


def test_showing_the_passages_keeps_the_latest_answer_in_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(10):  # many passages behind every answer: showing them makes each answer much longer
        (corpus / f"note{n}.txt").write_text(f"Title: Harbour note {n}\n\nThe harbour ferry left at {n} o'clock.\n")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot, app)
            for question in ("When did the harbour ferry leave?", "Which ferry left the harbour?"):
                await ask(pilot, question)
            await pilot.pause(0.3)
            scroll = app.chat.query_one("#conversation")
            latest = app.chat.answered()[-1]
            assert latest.region.overlaps(scroll.region)
            for shown in (True, False):  # shown, then hidden again
                await pilot.press("ctrl+t")
                await pilot.pause(0.3)
                assert app.chat.has_class("-show-passages") is shown
                view = scroll.region
                assert latest.region.overlaps(view) and latest.region.y <= view.y + view.height // 2, (
                    latest.region,
                    view,
                )

    asyncio.run(scenario())
