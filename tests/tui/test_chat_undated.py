"""The chat under --since/--until: its header counts the documents left out for want of a publication date, and
keeps the count true after a re-index; a refusal says they were not searched; the status line counts what the
filter admits, of the whole index."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.store.filters import Filter
from askdocs.tui.app import create_app
from tests.support import FakeEmbedder
from tests.tui.chat_support import (
    NOT_ANSWERED,
    SIZE,
    ask,
    fake_project,
    screen_lines,
    started,
    status_line,
    wait_until,
)


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
            shown = [line.strip("╏ ") for line in screen_lines(app)]
            assert len([line for line in shown if line.startswith("Why")]) == 1  # the reasons under one "Why:"
            said = " ".join(" ".join(shown[shown.index("Why:") :]).split())
            assert all(f"• {' '.join(reason.split())}." in said for reason in bubble.answer.reasons), said
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


def _facts(app) -> str:  # noqa: ANN001 - a ChatApp
    return str(status_line(app).query_one("#index-facts").render())


@pytest.mark.parametrize(
    ("since", "paths", "facts"),
    [
        ("2024-01-01", None, "corpus/ · 1 of 3 documents · 1 of 3 passages"),
        (None, ["light.txt", "park.txt"], "corpus/ · 2 of 3 documents · 2 of 3 passages"),
        (None, ["*.txt"], "corpus/ · 3 of 3 documents · 3 of 3 passages"),  # a filter that leaves nothing out
    ],
)
def test_the_status_line_counts_what_the_filter_admits(
    project: Settings, since: str | None, paths: list[str] | None, facts: str
) -> None:
    """The header said "only published 2024-01-01 to …" while the status line counted all 3 documents."""

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse(since, paths=paths or ())
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            await wait_until(pilot, lambda: " of " in _facts(app), what="the status line's counts")
            assert _facts(app) == facts
            (project.corpus / "light.txt").write_text("Date: 2024-05-01\n\nThe lighthouse keeper left.\n")
            await pilot.press("ctrl+r")
            if since:  # the dated note is admitted once indexed again
                await wait_until(pilot, lambda: _facts(app).startswith("corpus/ · 2 of"), what="the count after it")
                assert _facts(app) == "corpus/ · 2 of 3 documents · 2 of 3 passages"

    asyncio.run(scenario())


def test_without_a_filter_the_status_line_counts_the_whole_index(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            assert _facts(app) == "corpus/ · 3 documents · 3 passages"

    asyncio.run(scenario())


def test_the_header_keeps_its_count_in_80_columns(project: Settings) -> None:
    """At 80 columns the header's line does not fit: it wraps, so the count at its end stays on screen."""

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse("2024-01-01")
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot, app)
            await wait_until(pilot, lambda: app.sub_title.endswith(")"), what="the header's count")
            await pilot.pause()
            top = " ".join(" ".join(screen_lines(app)[:3]).split())
            assert "(2 documents without a date left out)" in top, top
            assert "only published 2024-01-01 to" in top
            assert status_line(app).region.y == 2  # the status line moved down under the header's two lines

    asyncio.run(scenario())
