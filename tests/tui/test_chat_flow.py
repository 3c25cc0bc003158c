"""What a new user meets in the chat, with the real model: focus after a document, suggestions, export, screenshot."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from askdocs import conversations
from askdocs.tui.app import create_app
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.widgets.answer import AnswerBubble
from askdocs.tui.widgets.suggestions import SuggestionList, Suggestions
from tests.tui.chat_support import (
    JULY_2,
    SIZE,
    ask,
    record_notifications,
    settings_in,
    source_list,
    started,
    wait_until,
)

FOLLOW_UP = "Where was he taken?"


def test_escape_from_a_document_gives_the_question_the_focus(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            bubble = await ask(pilot, JULY_2)
            field = app.chat.query_one("#question", Input)
            citations = source_list(bubble, "citations")
            citations.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen), what="the chat again")
            assert field.has_focus and not citations.has_focus
            await pilot.press(*FOLLOW_UP)
            assert field.value == FOLLOW_UP  # typing goes to the question
            await pilot.press("enter")  # and enter asks it instead of reopening the document
            assert not isinstance(app.screen, SourceScreen)
            await wait_until(pilot, lambda: len(app.chat.query(AnswerBubble)) == 2, what="the second question")
            assert app.chat.query("QuestionBubble").last().question == FOLLOW_UP

            await pilot.press("ctrl+o")  # the same after the document opened by key
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view by ctrl+o")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen), what="the chat again")
            assert field.has_focus

    asyncio.run(scenario())


def test_the_empty_chat_suggests_questions_from_the_titles_and_asks_the_chosen_one(
    workspace: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            suggestions = app.chat.query_one(Suggestions)
            await wait_until(pilot, lambda: suggestions.checked and suggestions.display, what="the suggestions")
            assert len(suggestions.questions) == 3
            assert all("A tense standoff between Mexico’s army" in q for q in suggestions.questions)
            options = suggestions.query_one(SuggestionList)
            assert [str(options.get_option_at_index(i).prompt) for i in range(3)] == suggestions.questions
            await pilot.press("tab")  # as the hint says: one tab from the input reaches the suggestions
            assert options.has_focus
            await pilot.press("shift+tab")
            assert app.chat.query_one("#question", Input).has_focus
            await pilot.press("shift+tab")  # and back the other way
            assert options.has_focus
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: app.chat.query(AnswerBubble), what="the asked suggestion")
            assert app.chat.query_one("QuestionBubble").question == suggestions.questions[1]
            assert not suggestions.display and app.chat.query_one("#question", Input).has_focus
            bubble = app.chat.query_one(AnswerBubble)
            await wait_until(pilot, lambda: bubble.answer is not None, what="its answer")
            await pilot.press("ctrl+l")
            await wait_until(pilot, lambda: suggestions.display, what="the suggestions after clearing")

    asyncio.run(scenario())


def test_ctrl_e_exports_the_conversation_as_markdown_beside_the_saved_chats(
    workspace: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    async def scenario() -> None:
        app = create_app(settings_in(workspace), session="export-me", embedder=real_embedder)
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+e")
            assert ("information", "Nothing to export yet: ask a question first.") in seen
            bubble = await ask(pilot, JULY_2)
            await pilot.press("ctrl+e")
            await pilot.pause()
            return bubble.answer

    answer = asyncio.run(scenario())
    path = workspace / "index" / "chats" / "export-me.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# export-me\n") and f"## 1. {JULY_2}" in text
    for citation in answer.citations:
        column = f":{citation.column}" if citation.column > 1 else ""
        assert f"- \\[{citation.n}\\] `{citation.path}:{citation.line}{column}`" in text
    assert "Torres" in text and "Herrera" in text
    assert conversations.load(workspace / "index", "export-me").exchanges  # the JSON is still there


def test_the_palette_screenshot_is_saved_under_the_index_without_a_downloads_folder(
    workspace: Path,
    real_embedder,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = workspace / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)

    async def scenario() -> list[tuple[str, str]]:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+p")
            await pilot.press(*"Screenshot")
            await pilot.pause(0.3)
            await pilot.press("enter")
            folder = workspace / "index" / "screenshots"
            await wait_until(pilot, lambda: folder.is_dir() and any(folder.glob("*.svg")), what="the screenshot")
            await wait_until(pilot, lambda: any("Saved in" in m for _, m in seen), what="the notification")
        return seen

    seen = asyncio.run(scenario())
    saved = list((workspace / "index" / "screenshots").glob("*.svg"))
    assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
    assert ("information", f"Saved in index/screenshots/{saved[0].name}") in seen
    assert not any(s == "error" for s, _ in seen)
    assert not (home / "Downloads").exists()
