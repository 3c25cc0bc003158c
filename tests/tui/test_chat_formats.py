"""The chat over PDF, Word, EPUB, HTML and Markdown files: sources say the page or section, suggestions use titles."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Label

from askdocs import transcript
from askdocs.tui.app import create_app
from askdocs.tui.messages import OpenSource
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.suggestions import short_title
from askdocs.tui.widgets.answer import AnswerBubble
from askdocs.tui.widgets.suggestions import Suggestions
from tests.tui.chat_support import (
    SIZE,
    ask,
    indexed_formats,
    record_notifications,
    settings_in,
    source_list,
    started,
    wait_until,
)


def _labels(bubble: AnswerBubble) -> list[str]:
    citations = source_list(bubble, "citations")
    return [str(citations.get_option_at_index(i).prompt) for i in range(citations.option_count)]


@pytest.fixture
def formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_embedder) -> Path:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    return indexed_formats(tmp_path, real_embedder)


def test_sources_of_a_pdf_and_a_word_file_say_the_page_and_section(formats: Path, real_embedder) -> None:  # noqa: ANN001
    async def scenario() -> None:
        app = create_app(settings_in(formats), save=False, embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            suggestions = app.chat.query_one(Suggestions)
            await wait_until(pilot, lambda: suggestions.checked and suggestions.display, what="the suggestions")
            titles = {q.split("“")[1].split("”")[0] for q in suggestions.questions}
            # the Word, PDF and Markdown titles come from metadata or a heading only: questions would be refused
            assert titles == {"Harbour bridge to close for eleven weeks", "The Lighthouse Keeper"}
            for question in suggestions.questions:  # a user who chooses one gets an answer
                assert app.backend.ask(question).found, question

            pdf = await ask(pilot, "How many extra crew did the ferry operator hire?")
            assert pdf.answer is not None and pdf.answer.found
            cited = next(c for c in pdf.answer.citations if c.path.endswith("report.pdf"))
            labels = _labels(pdf)
            assert any(f"[{cited.n}] {cited.where}  " in label for label in labels)
            assert not any("report.pdf:" in label for label in labels)  # no line of extracted text as a place
            assert transcript.place(cited) == f"corpus/report.pdf {cited.where}" and cited.where.startswith("p.")
            app.post_message(OpenSource(next(r for r in source_list(pdf, "citations").refs if r.where == cited.where)))
            await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), what="the PDF's text")
            title = str(app.screen.query_one("#source-title", Label).render())
            assert title.startswith(f"corpus/report.pdf {cited.where}  characters ") and "extracted text" in title
            assert cited.line is None and not app.screen.query_one("#document").show_line_numbers  # no bogus line
            assert app.screen.highlighted == cited.quote
            await pilot.press("escape")

            word = await ask(pilot, "What did Councillor Okafor ask the ferries to carry?")
            assert word.answer is not None and word.answer.found
            cited = next(c for c in word.answer.citations if c.path.endswith("minutes.docx"))
            labels = _labels(word)
            assert any(f"[{cited.n}] § Ferries" in label for label in labels)

    asyncio.run(scenario())


def test_suggestions_come_from_the_documents_in_the_chats_scope(formats: Path, real_embedder) -> None:  # noqa: ANN001
    from askdocs.store.filters import Filter
    from askdocs.store.index_store import IndexStore

    with IndexStore.open(formats / "index") as store:
        pdf_title = next(d.title for d in store.documents().values() if d.path == "report.pdf")

    async def scenario() -> None:
        app = create_app(settings_in(formats), save=False, embedder=real_embedder)
        app.backend.scope = Filter.parse(paths=["*.pdf"])  # as askdocs chat --path '*.pdf' does
        tried: list[str] = []
        answered: list[str] = []
        answer = app.backend.ask

        def logged(question: str, earlier=()):  # noqa: ANN001, ANN202
            tried.append(question)
            found = answer(question, earlier)
            if found.found:
                answered.append(question)
            return found

        app.backend.ask = logged  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            suggestions = app.chat.query_one(Suggestions)
            await wait_until(pilot, lambda: suggestions.checked, what="the suggestions")
            # the PDF's title is in its metadata only: with nothing better in scope its questions are tried, and
            # only those the answerer answers are offered, never one that would be refused
            assert tried and all(short_title(pdf_title) in q for q in tried)
            assert [q for q in tried if q in suggestions.questions] == answered
            assert suggestions.display == bool(answered)
            assert app.sub_title.endswith("· only paths *.pdf")  # the header says the chat is filtered
            bubble = await ask(pilot, "What does the lighthouse keeper do in winter?")
            assert bubble.answer is not None and not bubble.answer.found
            assert bubble.answer.reasons[-1] == "searched only the documents that match the filter: paths *.pdf"

    asyncio.run(scenario())


def test_a_filter_that_admits_no_document_is_said_at_start_and_in_refusals(formats: Path, real_embedder) -> None:  # noqa: ANN001
    from askdocs.store.filters import Filter

    async def scenario() -> None:
        app = create_app(settings_in(formats), save=False, embedder=real_embedder)
        app.backend.scope = Filter.parse(paths=["nothing/"])  # as askdocs chat --path nothing/ does
        shown = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await wait_until(pilot, lambda: shown, what="the warning")
            said = "No indexed document matches the filter: paths nothing/. Questions will find nothing."
            assert shown == [("warning", said)]
            bubble = await ask(pilot, "What does the lighthouse keeper do in winter?")
            assert bubble.answer is not None and not bubble.answer.found
            assert bubble.answer.reasons[-1] == "no indexed document matches the filter: paths nothing/"

    asyncio.run(scenario())
