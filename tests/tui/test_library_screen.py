"""The chat's library screen (ctrl+b): the indexed documents as `askdocs docs` lists them, titles shown as text; and
the empty chat's suggestions, which stop saying they are looked for whatever stops the looking."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from askdocs.config import Settings
from askdocs.library import library
from askdocs.store.filters import Filter
from askdocs.tui.app import create_app
from askdocs.tui.screens.library import LibraryScreen
from tests.support import FakeEmbedder
from tests.tui.chat_support import fake_project, screen_lines, started, wait_until

HOSTILE_TITLE = "[bold red]Loud[/] [@click=app.quit]quit[/] \x1b[31mred"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Two dated notes, one undated, one whose title is markup and an escape sequence, indexed with the fake
    encoder; one note then changed on disk."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("Title: Ferry resumes\nDate: 2024-03-01\n\nThe ferry resumed on Monday.\n")
    (corpus / "library.txt").write_text("Title: Library reopens\nDate: 2023-05-02\n\nThe library reopened.\n")
    (corpus / "park.txt").write_text("The park benches were painted green.\n")
    (corpus / "loud.txt").write_text(f"Title: {HOSTILE_TITLE}\n\nA loud note about the harbour.\n")
    settings = fake_project(tmp_path, monkeypatch)
    (corpus / "park.txt").write_text("The park benches were painted blue this time.\n")
    return settings


async def opened_library(pilot, app) -> LibraryScreen:  # noqa: ANN001
    """ctrl+b, as a user presses it, and the library screen once its documents are read."""
    await pilot.press("ctrl+b")
    await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await wait_until(pilot, lambda: screen.rows is not None, what="the documents")
    return screen


def test_the_library_lists_what_askdocs_docs_lists(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            assert "^b Library" in screen_lines(app)[-1]  # the key is in the footer
            screen = await opened_library(pilot, app)
            expected = library(project)  # the core function `askdocs docs` reads
            assert [r.entry.document.path for r in screen.rows or []] == [r.entry.document.path for r in expected]
            table = screen.query_one("#library", DataTable)
            shown = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
            assert shown[0][0] == "corpus/ferry.txt" and shown[0][1:4] == ["2024-03-01", "1", "indexed"]
            assert shown[0][4] == "Ferry resumes"
            park = next(row for row in shown if row[0] == "corpus/park.txt")
            assert park[1] == "-" and park[3] == "changed"
            summary = "4 documents, 4 passages; 1 changed (ctrl+r re-indexes)"
            await wait_until(pilot, lambda: summary in "\n".join(screen_lines(app)), what="the summary drawn")
            lines = "\n".join(screen_lines(app))
            assert "[bold red]Loud[/]" in lines and "\x1b" not in lines  # a title is text, never markup
            assert isinstance(app.screen, LibraryScreen)  # its [@click=app.quit] did nothing
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen), what="the chat again")
            assert app.focused is app.chat.query_one("#question", Input)

    asyncio.run(scenario())


def test_a_re_index_from_the_library_lists_the_new_state(project: Settings) -> None:
    """ctrl+r on the library screen, as its summary advises, re-indexes; the screen then lists what it did."""

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            screen = await opened_library(pilot, app)
            assert [r.state for r in screen.rows or [] if r.entry.document.path == "park.txt"] == ["changed"]
            await pilot.press("ctrl+r")
            states = lambda: {r.entry.document.path: r.state for r in screen.rows or []}  # noqa: E731
            await wait_until(pilot, lambda: states().get("park.txt") == "indexed", what="the re-indexed state")
            assert set(states().values()) == {"indexed"}
            table = screen.query_one("#library", DataTable)
            assert table.row_count == 4  # listed anew, not added to the old rows
            said = "4 documents, 4 passages"
            await wait_until(pilot, lambda: any(line.strip() == said for line in screen_lines(app)), what="summary")

    asyncio.run(scenario())


def test_a_reading_overtaken_by_a_later_one_is_not_shown(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-index ending while the library is being read: the first reading, finished while the screen was busy,
    is dropped and the rows are the later reading's alone, not both."""
    from askdocs.tui.screens import library as screen_module

    first, read = threading.Event(), screen_module.library
    calls: list[int] = []

    def held(*args: object, **kwargs: object) -> list:  # noqa: ANN401
        calls.append(1)
        if len(calls) == 1:
            assert first.wait(60)
        return read(*args, **kwargs)

    monkeypatch.setattr(screen_module, "library", held)

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            await pilot.press("ctrl+b")
            await wait_until(pilot, lambda: len(calls) == 1, what="the first reading")
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            first.set()
            time.sleep(1)  # the screen is busy: the first reading's rows wait for it
            screen.reload()  # as a re-index ending does
            await wait_until(pilot, lambda: len(calls) == 2 and screen.rows is not None, what="the readings")
            await pilot.pause(0.5)
            assert screen.query_one("#library", DataTable).row_count == 4

    asyncio.run(scenario())


def test_under_a_filter_the_library_lists_what_it_admits(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse("2024-01-01")  # as askdocs chat --since 2024-01-01 does
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            screen = await opened_library(pilot, app)
            assert [r.entry.document.path for r in screen.rows or []] == ["ferry.txt"]
            said = "1 document, 1 passage · only published 2024-01-01"
            await wait_until(pilot, lambda: any(said in line for line in screen_lines(app)), what="the summary drawn")

    asyncio.run(scenario())


def test_a_filter_that_keeps_nothing_is_said_so_not_an_empty_index(project: Settings) -> None:
    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        app.backend.scope = Filter.parse(paths=["nothing-here*"])  # as askdocs chat --path 'nothing-here*' does
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            await opened_library(pilot, app)
            said = "no indexed document matches the filter"
            await wait_until(pilot, lambda: said in "\n".join(screen_lines(app)), what="the summary drawn")
            lines = "\n".join(screen_lines(app))
            assert "ctrl+r builds it" not in lines  # the index is not empty

    asyncio.run(scenario())


def test_suggestions_that_fail_stop_saying_they_are_looked_for(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from askdocs.tui.widgets.suggestions import LOOKING, Suggestions

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise OSError("disk gone")

    monkeypatch.setattr("askdocs.tui.screens.chat.answerable", broken)

    async def scenario() -> None:
        app = create_app(project, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            suggestions = app.chat.query_one(Suggestions)
            await wait_until(pilot, lambda: suggestions.checked, what="the looking to end")
            assert not suggestions.looking
            assert not any(LOOKING in line for line in screen_lines(app))

    asyncio.run(scenario())


LONG_TITLE = (
    "The harbour board's report on the dredging of the outer channel, the new quay wall, the ferry timetable and "
    "what each will cost the town over the next ten years [final]"
)


LONG_FOLDER = "reports/2024/harbour-board/quarterly-meetings"
"""A folder deep enough that its path alone would fill a narrow screen."""


def test_a_long_title_is_cut_with_an_ellipsis_and_shown_whole_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title wider than the screen ends in "…" where the table cuts it (it was cut by the screen's edge, so no one
    could tell it went on), at any width, 40 columns and a long path too (the path is cut from its start, the
    state still shown), 30 columns too (the state left out so that path and title fit); below the table, the
    path, then the title, whole when the lines hold it, else ending in "…"; shown as text."""
    corpus = tmp_path / "corpus"
    (corpus / LONG_FOLDER).mkdir(parents=True)
    (corpus / LONG_FOLDER / "harbour.txt").write_text(f"Title: {LONG_TITLE}\n\nThe outer channel was dredged.\n")
    (corpus / "waves.txt").write_text(f"Title: {HOSTILE_TITLE}\n\nA loud note about the harbour.\n")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            screen = await opened_library(pilot, app)
            row = lambda: next(  # noqa: E731  the table's row, above the path and title
                (line.rstrip() for line in screen_lines(app) if "harbour.txt" in line and "The harb" in line), ""
            )
            for width in (100, 140, 70, 60, 40, 30):
                await pilot.resize_terminal(width, 30)
                await wait_until(pilot, lambda: row().endswith("…"), what=f"the cut title at {width}", timeout=20)
                shown, drawn = row(), "\n".join(screen_lines(app))
                assert len(shown) <= width and "[final]" not in shown, drawn
                assert ("indexed" in shown) == (width >= 40), drawn
                cut = shown[shown.index("The harb") : -1].rstrip()
                assert LONG_TITLE.startswith(cut) and len(cut) >= 10, drawn
                assert "harbour" in shown[: shown.index("The harb")], drawn  # the path's end: the file's name
                below = [line.strip() for line in screen_lines(app)[-6:-1]]  # the lines above the footer
                path = next((n for n, line in enumerate(below) if line.endswith("/harbour.txt")), None)
                assert path is not None, drawn
                title = " ".join(below[path + 1 :]).strip()
                assert title == LONG_TITLE or (title.endswith("…") and LONG_TITLE.startswith(title[:-1])), drawn
                if width >= 70:
                    assert title == LONG_TITLE and f"corpus/{LONG_FOLDER}/harbour.txt" in below[path], drawn
            await pilot.resize_terminal(100, 30)
            table = screen.query_one("#library", DataTable)
            assert table.cursor_row == 0  # corpus/reports/…/harbour.txt, first by path, then corpus/waves.txt
            whole = lambda: " ".join(" ".join(screen_lines(app)).split())  # noqa: E731
            await wait_until(pilot, lambda: LONG_TITLE in whole(), what="the whole title below", timeout=20)
            await pilot.press("down")  # the hostile title: text, never markup
            await wait_until(
                pilot, lambda: "[bold red]Loud[/] [@click=app.quit]quit[/]" in whole(), what="loud", timeout=20
            )
            assert LONG_TITLE not in whole() and isinstance(app.screen, LibraryScreen)

    asyncio.run(scenario())


def test_resizing_lays_the_rows_out_again_once_it_settles_and_only_when_the_fit_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every resize cleared and added every row again (seconds in a library of many thousand documents): a run of
    resizes lays the rows out once, after it settles, and a resize that changes no column's width not at all."""
    from askdocs.tui.screens.library import LibraryTable

    # a loaded machine takes a second or more per resize: the test waits longer than the 0.2 s dragging a window needs
    monkeypatch.setattr("askdocs.tui.screens.library.SETTLE", 3.0, raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(f"Title: {LONG_TITLE}\n\nThe outer channel was dredged.\n")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            screen = await opened_library(pilot, app)
            table = screen.query_one(LibraryTable)
            laid: list[int] = []  # the lay-outs of a resize, not of a new reading of the library (show)
            showing, clear, show = [False], table.clear, table.show

            def shown(rows: list) -> None:  # noqa: ANN001
                showing[0] = True
                try:
                    show(rows)
                finally:
                    showing[0] = False

            monkeypatch.setattr(table, "show", shown)
            monkeypatch.setattr(
                table, "clear", lambda *a, **k: (laid.extend([1] * (not showing[0])), clear(*a, **k))[1]
            )
            for width in (98, 94, 90):
                await pilot.resize_terminal(width, 30)
            await pilot.pause(4.5)  # the resizing settled
            assert len(laid) == 1 and table.row_count == 1
            await pilot.resize_terminal(90, 24)  # taller or shorter: every column as wide as it was
            await pilot.pause(4.5)  # the resizing settled
            assert len(laid) == 1 and table.row_count == 1

    asyncio.run(scenario())


def test_a_cut_title_of_wide_characters_ends_in_an_ellipsis_right_after_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title of two-cell characters cut by its column ends in "…" right after the last one shown, not after a
    stray space (the table's own cut padded the half cell left)."""
    wide = "港湾委員会による外側水路の浚渫と新しい岸壁とフェリー時刻表についての報告書" * 2
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wide.txt").write_text(f"Title: {wide}\n\nThe outer channel was dredged.\n", encoding="utf-8")
    settings = fake_project(tmp_path, monkeypatch)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=(100, 30)) as pilot:
            await started(pilot, app)
            await opened_library(pilot, app)
            row = lambda: next((line.rstrip() for line in screen_lines(app) if "wide.txt" in line), "")  # noqa: E731
            for width in (100, 81, 60, 45, 40, 31, 30):
                await pilot.resize_terminal(width, 30)
                await wait_until(pilot, lambda: row().endswith("…"), what=f"the cut title at {width}", timeout=20)
                shown = row()
                assert not shown[:-1].endswith(" ") and wide[:2] in shown, "\n".join(screen_lines(app))

    asyncio.run(scenario())


def test_a_name_too_long_for_its_column_keeps_its_start_and_its_extension() -> None:
    """Cut from its start, every "folder-3/note-00NN-about-the-harbour.txt" showed "…about-the-harbour.txt": a
    name that does not fit is cut in its middle, and a folder's path still from its start when the name fits."""
    from askdocs.tui.screens.library import cut_path

    names = [f"folder-3/note-00{n}-about-the-harbour.txt" for n in (17, 18)]
    assert [cut_path(n, 23) for n in names] == ["note-0017-a…harbour.txt", "note-0018-a…harbour.txt"]
    assert cut_path("reports/2024/harbour-board/harbour.txt", 20) == "…/harbour.txt"
    assert cut_path("a/港湾委員会の報告書について.txt", 12) == "港湾委….txt"  # wide characters: within 12 cells


def test_from_80_columns_a_path_is_shown_whole_when_the_title_keeps_a_fair_share() -> None:
    """At 80 columns a 31-cell path was squeezed to 22 cells to give the title half the room; it is shown whole
    while the title keeps a quarter of it, and cut as before when the title would not."""
    from rich.cells import cell_len
    from rich.text import Text

    from askdocs.tui.screens.library import TITLE_MIN, fit

    def row(path: str) -> tuple[Text, ...]:
        return (Text(path), Text("2024-03-01"), Text("1"), Text("indexed"), Text("A long title " * 10))

    whole = fit([row("corpus/notes/harbour-report.txt")], 78, 1)
    assert whole.path == 31 and whole.title >= TITLE_MIN
    squeezed = fit([row("corpus/notes/2024/harbour/quarterly-report.txt")], 78, 1)
    assert squeezed.path < cell_len("corpus/notes/2024/harbour/quarterly-report.txt")
    assert squeezed.title > TITLE_MIN
