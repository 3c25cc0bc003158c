"""An index damaged while the chat is open: the advice the chat gives (ctrl+r) leads to the rebuild that mends it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from askdocs.store.index_store import DB_FILE
from askdocs.tui.app import create_app
from askdocs.tui.screens.confirm import ConfirmScreen
from tests.tui.chat_support import (
    JULY_2,
    SIZE,
    ask,
    record_notifications,
    settings_in,
    started,
    status_line,
    wait_until,
)


def test_ctrl_r_on_an_index_damaged_while_open_offers_the_rebuild(
    workspace: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """The error said "Press ctrl+r to build the index", and ctrl+r only said "Indexing stopped ... run: askdocs index
    --rebuild". Now ctrl+r offers the Rebuild dialog the chat shows when opened on a damaged index, and it mends it."""

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            seen = record_notifications(app)
            db = workspace / "index" / DB_FILE
            with open(db, "r+b") as handle:
                handle.truncate(db.stat().st_size // 2)
            failed = await ask(pilot, JULY_2)
            assert failed.error is not None and "the index is damaged" in failed.error, failed.error
            assert failed.error.endswith("Press ctrl+r to rebuild it."), failed.error
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the offer to rebuild")
            assert "the index is damaged" in app.screen.question and "Rebuild the index" in app.screen.question
            assert not [m for severity, m in seen if severity == "error"], seen
            await pilot.press("enter")  # "Rebuild" has the focus
            await wait_until(pilot, lambda: any("up to date" in m or "added" in m for _, m in seen), what="rebuilt")
            line = status_line(app)
            await wait_until(pilot, lambda: line.status.info and line.status.info.documents == 1, what="the index")
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None and bubble.answer.found, bubble.error

    asyncio.run(scenario())


def test_a_faiss_file_that_could_not_be_saved_is_a_warning_once(
    workspace: Path,
    real_embedder,  # noqa: ANN001
    monkeypatch,  # noqa: ANN001
) -> None:
    """`askdocs ask` warns once when the FAISS file it rebuilt could not be saved (a full disk); the chat said
    nothing, and answered every question from vectors rebuilt in memory without a word."""
    import faiss

    from askdocs.store.vectors import FAISS_FILE, META_FILE

    def full(*_: object) -> None:
        raise RuntimeError("file vectors.faiss close error: No space left on device")

    (workspace / "index" / FAISS_FILE).unlink()
    (workspace / "index" / META_FILE).unlink()
    monkeypatch.setattr(faiss, "write_index", full)

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            seen = record_notifications(app)
            await started(pilot, app)
            for _ in range(2):
                bubble = await ask(pilot, JULY_2)
                assert bubble.answer is not None and bubble.answer.found, bubble.error
            await pilot.pause()
            said = [(severity, m) for severity, m in seen if "could not be saved" in m]
            assert len(said) == 1 and said[0][0] == "warning", seen
            assert "No space left on device; answered from the vectors rebuilt in memory" in said[0][1], said
            assert not (workspace / "index" / FAISS_FILE).exists()

    asyncio.run(scenario())
