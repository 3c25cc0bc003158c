"""The chat under --since/--until: its header counts the documents left out for want of a publication date, and
keeps the count true after a re-index; a refusal says they were not searched."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.store.filters import Filter
from askdocs.tui.app import create_app
from tests.support import FakeEmbedder
from tests.tui.chat_support import NOT_ANSWERED, SIZE, ask, fake_project, started, wait_until


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """One dated note and two without a Date: header, indexed with the fake encoder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text("Date: 2024-03-01\n\nThe harbour crane collapsed in Veracruz on Friday.\n")
    (corpus / "light.txt").write_text("The lighthouse keeper repaired the great lamp on Tuesday night.\n")
    (corpus / "park.txt").write_text("The park benches were painted green.\n")
    return fake_project(tmp_path, monkeypatch)


def test_the_header_and_a_refusal_count_the_undated_documents_left_out(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse("2024-01-01")  # as askdocs chat --since 2024-01-01 does
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            only = " · only published 2024-01-01 to …"
            await wait_until(pilot, lambda: app.sub_title.endswith(")"), what="the header's count")
            assert app.sub_title.endswith(f"{only} (2 documents without a date left out)")
            bubble = await ask(pilot, NOT_ANSWERED)
            assert bubble.answer is not None and not bubble.answer.found
            assert bubble.answer.reasons[-1] == (
                "searched only the documents that match the filter: published 2024-01-01 to …;"
                " 2 documents without a publication date were not searched"
            )
            (project.corpus / "light.txt").write_text("Date: 2024-05-01\n\nThe lighthouse keeper left.\n")
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: "(1 document " in app.sub_title, what="the count after a re-index")
            assert app.sub_title.endswith(f"{only} (1 document without a date left out)")

    asyncio.run(scenario())


def test_the_header_counts_nothing_when_every_document_in_scope_is_dated(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse("2024-01-01", paths=["harbour.txt"])
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await pilot.pause()
            assert app.sub_title.endswith(" · only published 2024-01-01 to …; paths harbour.txt")

    asyncio.run(scenario())
