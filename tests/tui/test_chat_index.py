"""The index from inside the chat: stale badge, re-index while chatting, no index yet, errors as notifications."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from askdocs.indexer import index_corpus
from askdocs.store.index_store import IndexStore
from askdocs.tui.app import create_app
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.confirm import ConfirmScreen
from askdocs.tui.widgets.index_bar import IndexBar
from tests.tui.chat_support import (
    JULY_2,
    SAMPLE,
    SIZE,
    HeldWhileIndexing,
    StubEmbedder,
    ask,
    record_notifications,
    screen_lines,
    settings_in,
    started,
    status_line,
    wait_until,
)

HARBOUR = (
    "Pedro Alvarado, the harbour master of Valparaíso, resigned on Monday after a tanker ran aground.\n"
    "Port officials said the spill was contained within two days.\n"
)


def test_reindex_from_the_app_after_adding_a_file_then_ask_about_it(
    workspace: Path,
    real_embedder,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (workspace / "corpus" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    model = HeldWhileIndexing(real_embedder, "harbour")
    counts = []
    shown = IndexBar.embedded
    monkeypatch.setattr(IndexBar, "embedded", lambda bar, count: counts.append(count) or shown(bar, count))

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=model)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            line = status_line(app)
            badge = line.query_one("#stale-badge")
            assert line.status.stale and badge.display and "1 new" in str(badge.render())
            await pilot.press("ctrl+r")
            await wait_until(pilot, model.held.is_set, what="indexing to reach the new file")
            assert app.chat.query_one(IndexBar).has_class("-active")
            meanwhile = await ask(pilot, JULY_2)  # chatting goes on during the re-index
            assert meanwhile.answer is not None and meanwhile.answer.found
            assert app.chat.query_one(IndexBar).has_class("-active")
            model.gate.set()
            await wait_until(pilot, lambda: not app.chat.query_one(IndexBar).has_class("-active"), what="indexing")
            await wait_until(pilot, lambda: line.status.info and line.status.info.documents == 2, what="new counts")
            assert not line.status.stale and not badge.display
            bubble = await ask(pilot, "What did the harbour master of Valparaíso do?")
            assert bubble.answer is not None and bubble.answer.found and "Alvarado" in bubble.answer.text
            assert bubble.answer.citations[0].path.endswith("harbour.txt")

    try:
        asyncio.run(scenario())
    finally:
        model.gate.set()
    assert counts and counts[-1].done == counts[-1].expected > 0  # the bar counted the embedded passages


def test_reindex_from_the_command_palette(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    (workspace / "corpus" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+p")
            await pilot.press(*"Re-index")
            await pilot.pause(0.3)
            await pilot.press("enter")
            line = status_line(app)
            await wait_until(pilot, lambda: line.status.info and line.status.info.documents == 2, what="re-index")

    asyncio.run(scenario())


def test_unreadable_file_during_reindex_is_a_warning_not_a_crash(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    (workspace / "corpus" / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    (workspace / "corpus" / "cafe.txt").write_bytes("Café notes\n\nThe café opens at nine.\n".encode("cp1252"))

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: sum(s == "warning" for s, _ in seen) >= 2, what="the warnings")
            assert any(s == "warning" and "broken.txt" in m for s, m in seen)
            assert not any(s == "error" for s, _ in seen)
            titles = {n.message.split("/")[-1].split(":")[0]: n.title for n in app._notifications if n.title}
            assert titles["broken.txt"] == "Skipped a file"
            assert titles["cafe.txt"] == "Read a file with a warning"  # read as Windows-1252, and indexed
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None and bubble.answer.found
            await pilot.press("ctrl+c")  # in the question box: copies, and a toast says how to quit
            await pilot.pause()
            assert any(m == "Press ctrl+q to quit askdocs." for _, m in seen), seen

    asyncio.run(scenario())


def test_no_index_yet_the_app_offers_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_embedder
) -> None:  # noqa: ANN001

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        app = create_app(settings_in(tmp_path), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the offer to build")
            assert "no index" in app.screen.question.lower()
            await pilot.press("enter")  # "Build the index" has the focus
            line = status_line(app)
            await wait_until(pilot, lambda: line.status.info and line.status.info.documents == 1, what="the index")
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None and bubble.answer.found

    asyncio.run(scenario())
    assert IndexStore.exists(tmp_path / "index")


@pytest.mark.parametrize("inside", [True, False], ids=["short-paths", "long-paths"])
def test_the_no_index_offer_and_the_status_line_fit_80_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: bool
) -> None:
    """The dialog's text wraps inside it, long folder names too; the status line says it in short, and a corpus
    name too long for the line ends in "…" with the model's state still in view."""
    root = tmp_path / ("a-folder-with-a-rather-long-name-" * 2).rstrip("-")
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    monkeypatch.chdir(root if inside else tmp_path)

    async def scenario() -> None:
        app = create_app(settings_in(root), save=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the offer to build")
            line = status_line(app)
            await wait_until(pilot, lambda: line.status.missing, what="the status line")
            await pilot.pause(0.2)
            rows = screen_lines(app)
            question = app.screen.question
            box = app.screen.query_one("#dialog-question").region
            assert box.right <= 80 and box.bottom < 24
            shown = "".join(row[box.x : box.right] for row in rows[box.y : box.bottom])
            assert "".join(shown.split()) == "".join(question.split())  # every character of it is on screen
            assert "Build the index" in rows[box.bottom + 2] and "No" in rows[box.bottom + 2]
            assert rows[1].rstrip().endswith("no index")
            if inside:
                assert question == "There is no index in index/ yet. Build it from corpus/ now?"
                assert "corpus/ · no index yet: press ctrl+r to build it" in rows[1]
            else:
                assert box.height > 1 and question.startswith("There is no index in a-folder-with-a-rather-long")
                assert "…" in rows[1] and line.query_one("#index-facts").tooltip == line.status.problem

    asyncio.run(scenario())


def test_a_first_index_built_in_the_chat_makes_the_onnx_export_and_questions_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from askdocs.encoders.onnx import OnnxEncoder

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        app = create_app(settings_in(tmp_path), save=False)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the offer to build")
            await pilot.press("enter")
            line = status_line(app)
            await wait_until(
                pilot, lambda: line.status.info and line.status.info.documents == 1, what="the index", timeout=120
            )
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None and bubble.answer.found
            assert isinstance(app.backend._embedder, OnnxEncoder)

    asyncio.run(scenario())
    assert (tmp_path / "index" / "model.onnx").is_file() and (tmp_path / "index" / "model.json").is_file()


def test_missing_model_is_a_notification_and_questions_say_why(workspace: Path) -> None:
    settings = settings_in(workspace, index=workspace / "other-index", model="no-such-model")
    index_corpus(settings, embedder=StubEmbedder())

    async def scenario() -> None:
        app = create_app(settings, save=False)
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: any(s == "error" for s, _ in seen), what="the error notification")
            assert any("no-such-model" in m for s, m in seen if s == "error")
            bubble = await ask(pilot, JULY_2)
            assert bubble.error is not None and "no-such-model" in bubble.error and bubble.has_class("-error")
            assert isinstance(app.screen, ChatScreen) and app.is_running

    asyncio.run(scenario())


def test_the_stale_badge_appears_by_itself_when_a_corpus_file_changes(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            line = status_line(app)
            badge = line.query_one("#stale-badge")
            await pilot.pause(app.WATCH_SECONDS + 0.5)  # a quiet corpus leaves the badge off
            assert not line.status.stale and not badge.display
            (workspace / "corpus" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
            await wait_until(pilot, lambda: badge.display, timeout=4 * app.WATCH_SECONDS, what="the stale badge")
            assert "1 new" in str(badge.render())
            sample = workspace / "corpus" / SAMPLE.name
            sample.write_text(sample.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
            await wait_until(
                pilot, lambda: "1 changed" in str(badge.render()), timeout=4 * app.WATCH_SECONDS, what="changed"
            )

    asyncio.run(scenario())


def test_files_the_next_index_would_skip_do_not_make_the_chat_stale(workspace: Path) -> None:
    from askdocs.tui.backend import Backend

    corpus = workspace / "corpus"
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 8)  # binary: NUL bytes
    backend = Backend(settings_in(workspace))
    status = backend.status()
    assert status.changes is not None and not status.changes.new and not status.stale
    (corpus / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    status = backend.status()
    assert status.stale and [p.name for p in status.changes.new] == ["harbour.txt"]


def test_files_due_for_a_reread_make_the_chat_stale_as_status_counts_them(tmp_path: Path) -> None:
    """An index made before a type's reader changed: `status` says its unchanged files are to be read again, while
    the chat's badge said the index was up to date."""
    import sqlite3

    from askdocs.store.index_store import DB_FILE
    from askdocs.tui.backend import Backend
    from tests.support import FakeEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "parts.csv").write_text("part,count\nbolt,2\nnut,10\n")
    (corpus / "ferry.html").write_text("<p>The ferry left at noon.</p>\n")  # a type whose reader is at "1"
    settings = settings_in(tmp_path, model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    backend = Backend(settings)
    assert not backend.status().stale
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    status = backend.status()
    assert status.stale and [p.name for p in status.changes.changed] == ["parts.csv"], status.changes
    assert status.rereads == 1  # the badge says "1 to re-read", not "1 changed": the file did not change
