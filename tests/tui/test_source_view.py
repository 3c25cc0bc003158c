"""The source view highlights exactly the cited text, whatever the file's line endings."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App

from askdocs.tui.backend import SourceText
from askdocs.tui.screens.source import SourceScreen

MIXED = "Apples were sold.\r\nPears were sold.\nPlums were sold.\r\nOld line.\rThe crane collapsed on July 2.\r\nEnd.\n"


@pytest.mark.parametrize("text", [MIXED, MIXED.replace("\r\n", "\n"), MIXED.replace("\n", "\r\n")])
def test_the_highlight_is_the_cited_sentence_with_mixed_line_endings(text: str) -> None:
    quote = "The crane collapsed on July 2."
    start = text.index(quote)

    async def scenario() -> None:
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(SourceScreen(SourceText("m.txt", text, start, start + len(quote), 5)))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            assert screen.highlighted == quote

    asyncio.run(scenario())


@pytest.mark.parametrize("text", [MIXED, MIXED.replace("\r\n", "\n")])
def test_the_view_numbers_the_files_lines_and_no_empty_one_after_them(text: str) -> None:
    """A file that ends with a line ending has six lines, not a seventh empty one; a highlight that runs to the
    very end of the file still lands."""
    end = "End."

    async def scenario() -> None:
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(SourceScreen(SourceText("m.txt", text, text.index(end), len(text), 6)))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SourceScreen)
            assert screen.query_one("#document").document.line_count == len(text.splitlines()) == 6
            assert screen.highlighted == end

    asyncio.run(scenario())
