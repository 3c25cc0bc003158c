"""A file reached by two names inside the corpus (a symbolic link to another file of it) is one document, cited by
its real path; `status` names the link apart, and the link changing or going changes no document."""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import IndexReport, index_corpus
from askdocs.ingest.documents import discover
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder
from tests.test_watch import wait_for, watching

BRIDGE = "The Harbour Bridge closes to traffic on 3 March for repairs to its deck.\n"
FERRY = "The ferry crews walk out on 5 March over pay.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """news/bridge.txt and news/ferry.txt, with latest.txt a link to news/bridge.txt (by its full path, as `ln -s`
    with an absolute target writes it)."""
    folder = tmp_path / "corpus"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "news" / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "latest.txt").symlink_to(folder / "news" / "bridge.txt")
    return folder


def _documents(settings: Settings) -> list[str]:
    with IndexStore.open(settings.index) as store:
        return sorted(store.documents())


def _status(settings: Settings, capsys: pytest.CaptureFixture[str]) -> dict:
    from askdocs.cli import main

    capsys.readouterr()
    main(["status", "--json", "--corpus", str(settings.corpus), "--index", str(settings.index), "--model", "fake"])
    return json.loads(capsys.readouterr().out)


def test_a_link_to_a_file_of_the_corpus_is_not_a_second_document(corpus: Path) -> None:
    left_out: list[tuple[Path, str]] = []
    warnings: list[str] = []
    found = discover(corpus, warnings, left_out=left_out)
    assert [p.relative_to(corpus).as_posix() for p in found] == ["news/bridge.txt", "news/ferry.txt"]
    assert [(p.name, why) for p, why in left_out] == [
        ("latest.txt", "a symbolic link to news/bridge.txt, indexed under that name")
    ]
    assert warnings == []  # no fault of the link: nothing to warn about


def test_the_index_holds_the_file_once_under_its_real_path_and_status_names_the_link(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.added, report.skipped) == (2, 0)
    assert _documents(settings) == ["news/bridge.txt", "news/ferry.txt"]
    status = _status(settings, capsys)
    assert status["links"] == [{"path": "latest.txt", "target": "news/bridge.txt"}]
    assert status["skipped"] == [] and not status["stale"]

    (corpus / "latest.txt").unlink()  # the link pointed elsewhere: still a second name, no document changes
    (corpus / "latest.txt").symlink_to(Path("news") / "ferry.txt")
    again = index_corpus(settings, embedder=FakeEmbedder())
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    assert _status(settings, capsys)["links"] == [{"path": "latest.txt", "target": "news/ferry.txt"}]

    (corpus / "latest.txt").unlink()  # the link gone: nothing to remove
    gone = index_corpus(settings, embedder=FakeEmbedder())
    assert (gone.added, gone.changed, gone.removed) == (0, 0, 0)
    assert _status(settings, capsys)["links"] == []


def test_a_link_is_the_document_when_its_file_is_not_read_under_its_own_name(corpus: Path, tmp_path: Path) -> None:
    """A link to a file of a hidden folder is the only way in: read under the link's name, once however many links."""
    (corpus / ".drafts").mkdir()
    (corpus / ".drafts" / "plan.txt").write_text("The plan is to reopen the pier in May.\n", encoding="utf-8")
    (corpus / "plan.txt").symlink_to(corpus / ".drafts" / "plan.txt")
    (corpus / "plan-copy.txt").symlink_to(corpus / ".drafts" / "plan.txt")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    assert _documents(settings) == ["news/bridge.txt", "news/ferry.txt", "plan-copy.txt"]


def test_an_index_that_held_the_link_drops_it(corpus: Path, tmp_path: Path) -> None:
    """An index made when links were documents of their own loses the second copy at the next run."""
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    (corpus / "latest.txt").unlink()
    (corpus / "latest.txt").write_text(BRIDGE, encoding="utf-8")
    index_corpus(settings, embedder=FakeEmbedder())
    (corpus / "latest.txt").unlink()
    (corpus / "latest.txt").symlink_to(corpus / "news" / "bridge.txt")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.removed == 1 and _documents(settings) == ["news/bridge.txt", "news/ferry.txt"]


def test_watch_indexes_a_new_link_to_a_corpus_file_as_no_document(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    stop = threading.Event()
    batches: queue.Queue[IndexReport] = queue.Queue()
    firsts: list[IndexReport] = []
    failures: list[BaseException] = []
    thread = watching(settings, stop, batches, firsts, failures)
    try:
        wait_for(lambda: bool(firsts) or bool(failures), 60, "the first sync")
        assert not failures and firsts[0].added == 2
        (corpus / "ferry-today.txt").symlink_to(corpus / "news" / "ferry.txt")
        (corpus / "pier.txt").write_text("The pier reopens in May.\n", encoding="utf-8")
        added = batches.get(timeout=60).added
        while added < 1:
            added += batches.get(timeout=60).added
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures
    assert _documents(settings) == ["news/bridge.txt", "news/ferry.txt", "pier.txt"]


def test_a_link_to_a_file_the_ignore_rules_leave_out_is_left_out_too(tmp_path: Path) -> None:
    """`public.txt` linking to `private/secret.txt`, with `private/` in .askdocsignore, indexed the secret under the
    link's name: the link is left out, as ignored, like the file it names."""
    folder = tmp_path / "corpus"
    (folder / "private").mkdir(parents=True)
    (folder / "private" / "secret.txt").write_text("The safe code is 4321.\n", encoding="utf-8")
    (folder / "news.txt").write_text(FERRY, encoding="utf-8")
    (folder / "public.txt").symlink_to(folder / "private" / "secret.txt")
    (folder / ".askdocsignore").write_text("private/\n", encoding="utf-8")
    left_out: list[tuple[Path, str]] = []
    assert [p.name for p in discover(folder, left_out=left_out)] == ["news.txt"]
    assert (folder / "public.txt", "ignored (.askdocsignore)") in left_out


def test_a_hard_link_is_one_document_under_its_first_name(tmp_path: Path) -> None:
    """`ferry-copy.txt`, a hard link to `news/ferry.txt`, was a second document of the same text: the file is read
    once, under the name that comes first, and the other name is noted as a link to it."""
    import os

    folder = tmp_path / "corpus"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "ferry.txt").write_text(FERRY, encoding="utf-8")
    os.link(folder / "news" / "ferry.txt", folder / "z-ferry-copy.txt")
    left_out: list[tuple[Path, str]] = []
    assert [p.relative_to(folder).as_posix() for p in discover(folder, left_out=left_out)] == ["news/ferry.txt"]
    assert left_out == [(folder / "z-ferry-copy.txt", "a hard link to news/ferry.txt, indexed under that name")]


def test_a_symbolic_link_to_a_files_second_hard_link_names_the_first(tmp_path: Path) -> None:
    """a.txt, its hard link sub/b.txt and c.txt -> sub/b.txt are one file: read once, as a.txt."""
    import os

    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(FERRY, encoding="utf-8")
    os.link(folder / "a.txt", folder / "sub" / "b.txt")
    (folder / "c.txt").symlink_to(folder / "sub" / "b.txt")
    assert [p.name for p in discover(folder)] == ["a.txt"]
