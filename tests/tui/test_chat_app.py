"""The chat through Textual's pilot with the real model, FAISS and SQLite: asking, sources, keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, Label, Markdown

from askdocs import conversations
from askdocs.tui.app import create_app
from askdocs.tui.messages import OpenSource
from askdocs.tui.screens.chat import ChatScreen
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.widgets.answer import RELATED_LABEL, AnswerBubble
from tests.tui.chat_support import (
    JULY_2,
    NOT_ANSWERED,
    SAMPLE,
    SIZE,
    SlowToLoad,
    ask,
    markdown_of,
    settings_in,
    source_list,
    started,
    status_line,
    wait_until,
)


def test_july_2_question_names_both_men_with_citations(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), session="july", embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            assert "1 document" in str(status_line(app).query_one("#index-facts").render())
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None and bubble.answer.found
            assert bubble.has_class("-found") and bubble.border_subtitle.startswith("answered in ")
            text = markdown_of(bubble)
            assert "Torres" in text and "Herrera" in text and "[\\[1\\]](cite:1)" in text
            citations = source_list(bubble, "citations")
            labels = [str(citations.get_option_at_index(i).prompt) for i in range(citations.option_count)]
            assert labels[0].startswith("corpus/mexico-cartel-arrests.txt\n[1] line ")  # the document, named once
            assert all(label.startswith("[") for label in labels[1:])
            assert not any("score" in label for label in labels)
            cited = " ".join(c.quote for c in bubble.answer.citations)
            assert "Torres" in cited and "Herrera" in cited
            assert app.chat.query_one("#question", Input).value == ""
            assert app.chat.query_one("QuestionBubble").question == JULY_2

    asyncio.run(scenario())


def test_first_question_waits_for_the_model_while_the_input_stays_usable(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    model = SlowToLoad(real_embedder)

    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=model)
        async with app.run_test(size=SIZE) as pilot:
            field = app.chat.query_one("#question", Input)
            assert field.has_focus
            await pilot.press(*JULY_2)
            await pilot.press("enter")
            bubble = list(app.chat.query(AnswerBubble))[-1]
            await pilot.pause(0.3)
            assert bubble.answer is None and bubble.has_class("-thinking")
            assert bubble.border_subtitle == "loading the model, then thinking…"
            assert "loading" in str(status_line(app).query_one("#model-state").render())
            await pilot.press(*"typing meanwhile")
            assert field.value == "typing meanwhile"
            model.gate.set()
            await wait_until(pilot, lambda: bubble.answer is not None or bubble.error, what="the first answer")
            assert bubble.answer is not None and bubble.answer.found and "Torres" in bubble.answer.text
            assert str(status_line(app).query_one("#model-state").render()).endswith("ready")

    try:
        asyncio.run(scenario())
    finally:
        model.gate.set()


def test_choosing_a_citation_opens_the_document_at_the_highlighted_sentence(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            bubble = await ask(pilot, JULY_2)
            assert bubble.answer is not None
            citations = source_list(bubble, "citations")
            for _ in range(10):  # tab from the input reaches the answer's sources
                if citations.has_focus:
                    break
                await pilot.press("tab")
            assert citations.has_focus
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view")
            second = bubble.answer.citations[1]
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            assert screen.highlighted == second.quote
            assert screen.source.text[second.start : second.end] == second.quote
            area = screen.query_one("#document")
            assert area.cursor_location[0] == second.line - 1  # the cursor sits on the cited line
            await pilot.press("escape")
            assert isinstance(app.screen, ChatScreen)

            await pilot.click(citations, offset=(2, 0))  # the mouse opens citation [1]
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view by mouse")
            assert app.screen.highlighted == bubble.answer.citations[0].quote
            await pilot.press("escape")
            text = bubble.query_one(Markdown)
            text.post_message(Markdown.LinkClicked(text, "cite:2"))  # what clicking the [2] marker sends
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view from [2]")
            assert app.screen.highlighted == second.quote
            await pilot.press("escape")
            await pilot.press("ctrl+o")  # and so does the key binding
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the source view by ctrl+o")
            assert app.screen.highlighted == bubble.answer.citations[0].quote

    asyncio.run(scenario())


def test_passages_toggle_shows_the_retrieved_passages_with_scores(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            bubble = await ask(pilot, JULY_2)
            passages = source_list(bubble, "passages")
            assert passages.styles.display == "none"
            await pilot.press("ctrl+t")
            assert passages.styles.display == "block" and passages.option_count == len(bubble.answer.hits)
            first = str(passages.get_option_at_index(0).prompt)
            assert first.startswith("1. corpus/mexico-cartel-arrests.txt:") and "score 0." in first
            await pilot.press("ctrl+t")
            assert passages.styles.display == "none"

    asyncio.run(scenario())


def test_a_question_the_documents_do_not_answer_looks_different(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            bubble = await ask(pilot, NOT_ANSWERED)
            assert bubble.answer is not None and not bubble.answer.found
            assert bubble.has_class("-not-found") and not bubble.has_class("-found")
            assert "not found" in bubble.border_title
            assert "could not find an answer" in markdown_of(bubble)
            assert not bubble.query("SourceList.citations")
            headings = [str(label.render()) for label in bubble.query(".heading.related")]
            assert headings == [RELATED_LABEL]
            related = source_list(bubble, "related")
            assert related.option_count == 1  # one document: shown once, at its best passage
            label = str(related.get_option_at_index(0).prompt)
            assert "score" not in label
            # opened at the passage's sentence that shares the question's words, at that sentence's line
            lines = SAMPLE.read_text(encoding="utf-8").splitlines()
            best = next(i for i, text in enumerate(lines, 1) if "Sinaloan capital" in text)
            column = lines[best - 1].index("Government forces") + 1  # the sentence starts inside its line
            assert bubble.answer.related[0].passage.line != best and f":{best}:{column}\n" in label, label
            app.post_message(OpenSource(related.refs[0]))  # its source view names it as citations do
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the related passage's text")
            title = str(app.screen.query_one("#source-title", Label).render())
            assert title.startswith(f"corpus/{SAMPLE.name}:{best}:{column}  characters "), title
            await pilot.press("escape")
            reasons = [str(line.render()) for line in bubble.query(".reason")]
            assert reasons and reasons == [f"Why: {r}." for r in bubble.answer.reasons]

    asyncio.run(scenario())


def test_keys_clear_copy_theme_and_focus(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), session="keys", embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            assert app.chat.query_one("#question", Input).has_focus
            bubble = await ask(pilot, JULY_2)
            await pilot.press("ctrl+y")
            assert app.clipboard.startswith(bubble.answer.by_sentence()) and "Sources:\n[1] corpus/" in app.clipboard
            assert app.theme == "textual-dark"
            await pilot.press("f2")
            assert app.theme == "textual-light"
            await pilot.press("f2")
            assert app.theme == "textual-dark"
            await pilot.press("ctrl+l")
            assert not app.chat.query(AnswerBubble) and app.sub_title != "keys"
            assert conversations.exists(workspace / "index", "keys")  # the cleared chat stays saved

    asyncio.run(scenario())


def test_rewritten_question_is_shown_on_request(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await ask(pilot, JULY_2)
            bubble = await ask(pilot, "Where was he taken?")
            shown = bubble.query(".rewritten")
            assert shown, "a follow-up shows the question it was searched as"
            assert shown.first().styles.display == "none"
            await pilot.press("ctrl+g")
            assert shown.first().styles.display == "block"
            assert "searched as:" in str(shown.first().render())

    asyncio.run(scenario())


def test_tab_from_the_question_reaches_the_newest_answer_first(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            first = await ask(pilot, JULY_2)
            second = await ask(pilot, "When was Salvador Cienfuegos arrested?")
            assert first.answer is not None and second.answer is not None and second.answer.found
            assert app.chat.query_one("#question", Input).has_focus
            await pilot.press("tab")
            assert source_list(second, "citations").has_focus  # not the first answer, at the top of the chat

    asyncio.run(scenario())


def test_a_question_past_the_length_limit_stays_in_the_input_with_a_notice(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(workspace), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            field = app.chat.query_one("#question", Input)
            field.value = "Who was arrested? " * 120  # 2,160 characters
            field.focus()
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert not app.chat.query(AnswerBubble) and field.value.startswith("Who was arrested?")
            said = [n.message for n in app._notifications]
            assert any("2,159 characters long; the limit is 2,000" in m for m in said), said
            field.value = field.value[:40]
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.chat.query(AnswerBubble), what="the shortened question's answer")

    asyncio.run(scenario())
