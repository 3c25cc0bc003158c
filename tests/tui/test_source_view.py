"""The source view highlights exactly the cited text, whatever the file's line endings, and numbers lines as the
file does."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.app import App

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.index_store import IndexStore
from askdocs.tui.backend import Backend
from askdocs.tui.screens.source import SourceScreen
from askdocs.tui.sources import SourceRef, SourceText
from tests.support import FakeEmbedder

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


def test_a_markdown_text_after_front_matter_is_numbered_as_the_files_lines() -> None:
    """The indexed text of a Markdown file starts after its front matter: the view numbers it from the file's line,
    so the cited line reads as its citation does."""
    text = "Observatory\n\nThe mirror was built in Jena.\n"
    quote = "The mirror was built in Jena."
    start = text.index(quote)

    async def scenario() -> None:
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            source = SourceText("n.md", text, start, start + len(quote), 7, first_line=5)
            await app.push_screen(SourceScreen(source))
            await pilot.pause()
            area = app.screen.query_one("#document")
            assert area.line_number_start == 5 and area.selection.start[0] + area.line_number_start == 7
            assert app.screen.highlighted == quote

    asyncio.run(scenario())


def test_the_backend_shows_a_markdown_source_as_its_file_with_the_quote_found_in_it(tmp_path: Path) -> None:
    """Through a real index: a Markdown citation opens on the file itself (front matter, markup and the file's line
    numbers), the quote highlighted where it stands; when markup hides the quote (a link's address between its
    words) or the file changed, on the text without markup, unnumbered, its offsets said to be that text's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    front = "---\ntitle: Notes\ndate: 2024-03-05\n---\n"
    (corpus / "n.md").write_text(front + "# Observatory\n\nThe **mirror** was built in Jena. It is 2.4 metres wide.\n")
    (corpus / "l.md").write_text(front + "# Lens\n\nThe lens was [ground](https://x.org/g) in Jena.\n")
    (corpus / "t.txt").write_text("The lens was ground in Jena.\n")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    backend = Backend(settings, embedder=FakeEmbedder())
    backend.start()

    def source(name: str, quote: str, line: int, column: int | None = None) -> SourceText:
        with IndexStore.open(settings.index) as store:
            indexed = store.document_text(next(d.id for d in store.documents().values() if d.path == name))
        start = indexed.index(quote)
        return backend.source(SourceRef(name, start, start + len(quote), line, name, column=column))

    try:
        mirror = source("n.md", "It is 2.4 metres wide.", 7, 35)
        unplaced = source("n.md", "It is 2.4 metres wide.", 7)
        bold = source("n.md", "The mirror was built in Jena.", 7, 1)
        link = source("l.md", "The lens was ground in Jena.", 7, 1)
        plain = source("t.txt", "The lens was ground in Jena.", 1, 1)
        (corpus / "n.md").write_text(front + "# Observatory\n\nThe mirror was moved.\n")
        changed = source("n.md", "The mirror was built in Jena.", 7, 1)
        (corpus / "t.txt").unlink()  # after the answer was shown: the view says so when opened
        gone = source("t.txt", "The lens was ground in Jena.", 1, 1)
    finally:
        backend.close()
    wide = "It is 2.4 metres wide."
    found = ((mirror, wide), (unplaced, wide), (bold, "The **mirror** was built in Jena."))
    for shown, quote in found:
        assert shown.text.startswith("---\ntitle") and shown.text[shown.start : shown.end] == quote
        assert (shown.first_line, shown.offsets_in) == (1, "file")
    for shown in (link, changed):
        assert not shown.text.startswith("---") and shown.text[shown.start : shown.end].startswith("The ")
        assert (shown.first_line, shown.offsets_in) == (None, "text without markup")
    assert (plain.first_line, plain.offsets_in) == (1, "file")
    assert plain.text[plain.start : plain.end] == "The lens was ground in Jena."
    assert plain.note is None and mirror.note is None
    assert changed.note == "the file has changed since it was indexed"
    assert gone.note == "the file is missing: deleted or moved since it was indexed"
    assert gone.text[gone.start : gone.end] == "The lens was ground in Jena."  # the indexed text, still shown


def test_a_text_whose_lines_are_not_the_files_shows_no_line_numbers() -> None:
    text = "Observatory\n\n\nThe mirror was built in Jena.\n"
    start = text.index("The mirror")

    async def scenario() -> None:
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(SourceScreen(SourceText("h.md", text, start, len(text) - 1, 7, first_line=None)))
            await pilot.pause()
            assert app.screen.query_one("#document").show_line_numbers is False
            assert app.screen.highlighted == "The mirror was built in Jena."

    asyncio.run(scenario())


def test_the_backend_shows_a_csv_source_as_its_rows_unnumbered(tmp_path: Path) -> None:
    """A CSV file's indexed text is its rows, one a line with blank lines between them: the view shows that text,
    without line numbers that would not be the file's, its offsets said to be the rows'."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "p.csv").write_text('Ticket,Notes\nBicycle,"Cyclists may board\nat any pier"\nDog,On a lead\n')
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    backend = Backend(settings, embedder=FakeEmbedder())
    backend.start()
    quote = "Ticket: Dog | Notes: On a lead"
    try:
        with IndexStore.open(settings.index) as store:
            indexed = store.document_text(next(iter(store.documents().values())).id)
        start = indexed.index(quote)
        shown = backend.source(SourceRef("p.csv", start, start + len(quote), 4, "p.csv"))
    finally:
        backend.close()
    assert shown.text == indexed and shown.text[shown.start : shown.end] == quote
    assert (shown.line, shown.first_line, shown.offsets_in) == (4, None, "rows as text")
