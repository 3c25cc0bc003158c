"""A browser's "Save page complete" writes `NAME_files/` (scripts, styles, pictures) beside `NAME.html`: the folder
is passed over without a warning per file, counted once in the summary, listed apart by `status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.support import FakeEmbedder

PAGE = (
    '<html><head><link rel="stylesheet" href="saved%20page_files/style.css"></head>'
    "<body><h1>Museum hours</h1><p>The city museum opens at nine on weekdays.</p></body></html>"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "saved page_files").mkdir(parents=True)
    (folder / "saved page.html").write_text(PAGE, encoding="utf-8")
    (folder / "saved page_files" / "analytics.js").write_text("track();", encoding="utf-8")
    (folder / "saved page_files" / "style.css").write_text("p{}", encoding="utf-8")
    (folder / "saved page_files" / "ad-frame.html").write_text(PAGE.replace("museum", "casino"), encoding="utf-8")
    (folder / "handouts_files").mkdir()  # no handouts.html beside it: a folder like any other
    (folder / "handouts_files" / "ferry.txt").write_text("The ferry leaves at dawn.\n", encoding="utf-8")
    (folder / "handouts_files" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def test_the_asset_folder_of_a_saved_page_is_passed_over_quietly(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.added == 2  # the page and handouts_files/ferry.txt; not the frame inside the page's folder
    assert report.unsupported == {".png": 1} and report.skipped == 0
    assert not any(".js" in w or ".css" in w or "saved page_files" in w for w in report.warnings)
    assert ", 1 not supported (1 .png), 1 saved web page folder passed over;" in report.summary()

    again = index_corpus(settings, embedder=FakeEmbedder())
    assert ", 1 saved web page folder passed over;" in again.summary()

    from askdocs.cli import main

    capsys.readouterr()
    main(["status", "--json", "--corpus", str(corpus), "--index", str(settings.index), "--model", "fake"])
    status = json.loads(capsys.readouterr().out)
    assert status["saved_page_folders"] == ["saved page_files/"]
    assert status["unsupported"] == ["handouts_files/map.png"] and status["skipped"] == []


def test_a_folder_named_like_a_page_s_files_that_the_page_never_names_is_read(tmp_path: Path) -> None:
    """ "draft page_files/notes.txt" beside a "draft page.html" that refers to no such folder holds a document of
    its own: it is read, not passed over as the page's scripts and pictures."""
    folder = tmp_path / "corpus"
    (folder / "draft page_files").mkdir(parents=True)
    (folder / "draft page.html").write_text("<html><body><p>A draft.</p></body></html>", encoding="utf-8")
    (folder / "draft page_files" / "notes.txt").write_text("The library lends bicycles.\n", encoding="utf-8")
    report = index_corpus(Settings(corpus=folder, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    assert report.added == 2 and "saved web page folder" not in report.summary()


def test_a_page_naming_its_folder_with_an_escaped_ampersand_has_it_passed_over(tmp_path: Path) -> None:
    """A browser writes "Q&A_files/" as "Q&amp;A_files/" in the page's attributes."""
    folder = tmp_path / "corpus"
    (folder / "Q&A_files").mkdir(parents=True)
    page = (
        '<html><head><link rel="stylesheet" href="./Q&amp;A_files/style.css"></head><body><p>Answers.</p></body></html>'
    )
    (folder / "Q&A.html").write_text(page, encoding="utf-8")
    (folder / "Q&A_files" / "frame.html").write_text("<p>An advert.</p>", encoding="utf-8")
    report = index_corpus(Settings(corpus=folder, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    assert report.added == 1 and "1 saved web page folder passed over" in report.summary()
