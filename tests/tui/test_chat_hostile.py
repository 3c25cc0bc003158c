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
            hostile_citation = next(c for c in bubble.answer.citations if "Veracruz" in c.quote)  # the hostile text
            assert (
                "\x1b" not in hostile_citation.quote and "PWNED" not in hostile_citation.quote
            )  # blanked when indexed
            assert is_safe(markdown_of(bubble)) and "PWNED" not in markdown_of(bubble)
            citations = source_list(bubble, "citations")
            labels = [str(citations.get_option_at_index(i).prompt) for i in range(citations.option_count)]
            assert all(is_safe(label) for label in labels)
            citations.focus()
            place = (hostile_citation.path, hostile_citation.start)
            index = next(i for i, ref in enumerate(citations.refs) if (ref.path, ref.start) == place)
            await pilot.press(*["down"] * index, "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view")
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            shown = screen.query_one("#document", TextArea).text
            assert is_safe(shown) and "PWNED" not in shown and "The harbour crane" in shown
            assert screen.highlighted == visible(hostile_citation.quote)
            assert is_safe(str(screen.query_one("#source-title", Label).render()))
            app.notify(f"skipped {FORGED_NAME}", title="Skipped a file")
            await pilot.pause()
            shown_toasts = [f"{n.title} {n.message}" for n in app._notifications]
        assert shown_toasts and all(is_safe(toast) for toast in shown_toasts)

    asyncio.run(scenario())


def test_a_markdown_source_shown_as_on_disk_shows_its_escape_sequences_as_pictures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The source view of a Markdown file is the file itself, escape sequences and all, shown harmless; the quote,
    indexed with them blanked, is still found and highlighted in it."""
    (tmp_path / "corpus").mkdir()
    text = "# Dock\n\nThe harbour **crane** \x1b[31mcollapsed\x1b[0m in Veracruz on July 2, 2021.\x1b]0;PWNED\x07\n"
    (tmp_path / "corpus" / "dock.md").write_text(text, encoding="utf-8")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            bubble = await ask(pilot, "What collapsed in Veracruz on July 2, 2021?")
            assert bubble.answer is not None and bubble.answer.found
            assert "\x1b" not in bubble.answer.citations[0].quote
            source_list(bubble, "citations").focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view")
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            shown = screen.query_one("#document", TextArea).text
            assert is_safe(shown) and "␛]0;PWNED" in shown and shown.startswith("# Dock")  # the file, not the text
            assert screen.highlighted == visible(text[text.index("The harbour") : text.index("2021.") + 5])

    asyncio.run(scenario())


def test_a_question_pasted_with_colour_codes_is_asked_as_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted into the input, a question's colour codes and controls are read as the terminal showed them: the
    bubble shows, and the chat asks, the question without them."""
    from textual.widgets import Input

    from askdocs.tui.widgets.answer import AnswerBubble
    from askdocs.tui.widgets.question import QuestionBubble

    (tmp_path / "corpus").mkdir()
    iris = "Iris data\n\nThe Iris flower data set was introduced by the statistician Ronald Fisher in 1936.\n"
    (tmp_path / "corpus" / "iris.txt").write_text(iris, encoding="utf-8")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.backend.ready, what="the backend")
            field = app.chat.query_one("#question", Input)
            field.focus()
            field.value = "Who introduced the \x1b[31mIris\x1b[0m flower data\x07 set?"
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.chat.query(AnswerBubble), what="the thinking bubble")
            bubble = list(app.chat.query(AnswerBubble))[-1]
            await wait_until(pilot, lambda: bubble.answer is not None or bubble.error is not None, what="an answer")
            asked = [q.question for q in app.chat.query(QuestionBubble)]
            assert asked == ["Who introduced the Iris flower data set?"]
            assert bubble.answer is not None and bubble.answer.question == asked[0] and bubble.answer.found

    asyncio.run(scenario())
