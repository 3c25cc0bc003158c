"""The chat when the corpus looks broken: a line of .askdocsignore that is not a pattern, a corpus folder gone or
emptied. Each is said in plain words (the status line, a notification); the app goes on."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.store.index_store import IndexStore
from askdocs.tui.app import create_app
from tests.support import FakeEmbedder
from tests.tui.chat_support import SIZE, fake_project, record_notifications, started, status_line, wait_until

HARBOUR = "The harbour crane collapsed in Veracruz on Friday.\n"
LIGHTHOUSE = "The lighthouse keeper repaired the great lamp on Tuesday night.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A project of two notes and a drafts/ folder its .askdocsignore leaves out, indexed with the fake encoder."""
    corpus = tmp_path / "corpus"
    (corpus / "drafts").mkdir(parents=True)
    (corpus / "harbour.txt").write_text(HARBOUR)
    (corpus / "light.txt").write_text(LIGHTHOUSE)
    (corpus / "drafts" / "idea.txt").write_text("An idea that is not ready.\n")
    (corpus / ".askdocsignore").write_text("drafts/\n")
    return fake_project(tmp_path, monkeypatch)


def _documents(settings: Settings) -> list[str]:
    with IndexStore.open(settings.index) as store:
        return sorted(store.documents())


def test_a_bad_ignore_line_is_named_in_the_status_line_and_a_reindex_stops_on_it(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            line = status_line(app)
            (project.corpus / ".askdocsignore").write_text("drafts/\n!\n")
            app.check_status()
            await wait_until(pilot, lambda: line.status.problem is not None, what="the status line")
            assert line.status.problem.startswith("corpus/.askdocsignore line 2: “!” is not a pattern")
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: any(s == "error" for s, _ in seen), what="the re-index to stop")
            said = next(m for s, m in seen if s == "error")
            assert said.startswith("corpus/.askdocsignore line 2: “!” is not a pattern"), said
            assert {n.message: n.title for n in app._notifications}[said] == "Indexing stopped"
            assert _documents(project) == ["harbour.txt", "light.txt"]  # nothing added nor removed
            (project.corpus / ".askdocsignore").write_text("drafts/\n!light.txt\n")  # fixed
            app.check_status()
            await wait_until(pilot, lambda: line.status.info is not None, what="the status line again")
            assert line.status.problem is None and line.status.info.documents == 2 and app.is_running

    asyncio.run(scenario())


def test_a_corpus_folder_gone_then_made_anew_empty_is_said_and_an_explicit_reindex_empties_the_index(
    project: Settings,
) -> None:
    """The chat's ctrl+r is an explicit run, as `askdocs index` is: on a folder with no file to index it removes
    the documents, and says how many and why the index is now empty."""

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        seen = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            line = status_line(app)
            shutil.rmtree(project.corpus)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: any(s == "error" for s, _ in seen), what="the re-index to stop")
            gone = next(m for s, m in seen if s == "error")
            assert "corpus" in gone and "missing" in gone, gone
            assert _documents(project) == ["harbour.txt", "light.txt"]

            project.corpus.mkdir()
            app.check_status()
            await wait_until(pilot, lambda: line.status.stale, what="the stale badge")
            assert line.status.changes is not None and len(line.status.changes.removed) == 2
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: any(s == "warning" for s, _ in seen), what="the warning")
            summary = next(m for s, m in seen if s == "information" and "removed" in m)
            assert summary.startswith("0 added, 0 changed, 2 removed, 0 unchanged"), summary
            empty = next(m for s, m in seen if s == "warning")
            assert empty.startswith("the index holds no documents: corpus/ has no file askdocs could read"), empty
            assert {n.message: n.title for n in app._notifications}[empty] == "No documents indexed"
            assert _documents(project) == [] and app.is_running

    asyncio.run(scenario())
