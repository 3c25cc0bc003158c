"""Screenshots of the chat compared with the committed SVGs in __snapshots__/ (update: --snapshot-update).

Everything that varies is held still: fixed terminal size, fixed answer times, no blinking cursors, a corpus
shown relative to the working directory, and the same real model and sample index every run.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from askdocs.tui.app import ChatApp, create_app
from askdocs.tui.screens.confirm import ConfirmScreen
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.widgets.answer import AnswerBubble
from askdocs.tui.widgets.status_line import StatusLine
from askdocs.tui.widgets.suggestions import Suggestions
from tests.tui.chat_support import JULY_2, NOT_ANSWERED, SAMPLE, SIZE, settings_in, wait_until

pytestmark = pytest.mark.slow  # renders the chat with the real model
SIZES = pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=["80x24", "140x45"])
"""The smallest usual terminal, where the footer and the keys must still fit, and a roomy one."""


def _app(root: Path, embedder) -> ChatApp:  # noqa: ANN001
    steps = itertools.count(0.0, 1.25)  # every answer "takes" 1.25 s
    return create_app(settings_in(root), session="snapshot", save=False, embedder=embedder, clock=lambda: next(steps))


async def _ready(pilot) -> None:  # noqa: ANN001
    app: ChatApp = pilot.app
    await wait_until(pilot, lambda: app.backend.ready, what="the model")
    await wait_until(pilot, lambda: app.chat.query_one(StatusLine).status.info is not None, what="the status")
    suggestions = app.chat.query_one(Suggestions)
    await wait_until(pilot, lambda: suggestions.checked and suggestions.display, what="the suggestions")
    app.chat.query_one("#question", Input).cursor_blink = False
    await pilot.pause(0.2)


async def _asked(pilot, question: str) -> None:  # noqa: ANN001
    await _ready(pilot)
    app: ChatApp = pilot.app
    await pilot.press(*question)
    await pilot.press("enter")
    await wait_until(pilot, lambda: any(b.answer for b in app.chat.query(AnswerBubble)), what="the answer")
    await pilot.pause(0.3)


async def _answered(pilot) -> None:  # noqa: ANN001
    await _asked(pilot, JULY_2)


async def _refused(pilot) -> None:  # noqa: ANN001
    await _asked(pilot, NOT_ANSWERED)


@SIZES
def test_empty_chat(snap_compare, workspace: Path, real_embedder, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(_app(workspace, real_embedder), terminal_size=size, run_before=_ready)


@SIZES
def test_answered_question(snap_compare, workspace: Path, real_embedder, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(_app(workspace, real_embedder), terminal_size=size, run_before=_answered)


@SIZES
def test_refusal(snap_compare, workspace: Path, real_embedder, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(_app(workspace, real_embedder), terminal_size=size, run_before=_refused)


def test_no_index_offer(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The offer to build a first index, at the smallest usual size: its text and the status line fit."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)

    async def offered(pilot) -> None:  # noqa: ANN001
        app: ChatApp = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the offer to build")
        await wait_until(pilot, lambda: app.chat.query_one(StatusLine).status.missing, what="the status")
        app.chat.query_one("#question", Input).cursor_blink = False
        await pilot.pause(0.2)

    app = create_app(settings_in(tmp_path), session="snapshot", save=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=offered)


def test_source_view(snap_compare, workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def open_source(pilot) -> None:  # noqa: ANN001
        await _answered(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SourceScreen), what="the source view")
        pilot.app.screen.query_one(TextArea).cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(_app(workspace, real_embedder), terminal_size=SIZE, run_before=open_source)
