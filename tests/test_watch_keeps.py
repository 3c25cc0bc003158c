"""What a watch keeps when the corpus looks broken: the last good .askdocsignore rules while a line of it is not a
pattern, and every document while the folder holds no file to index (an unmount, a folder made anew)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import UsageError
from askdocs.indexer import IndexReport, index_corpus
from askdocs.store.index_store import IndexStore
from tests.support import REPO, FakeEmbedder, fake_encoder_script, interruptible, sample_folder
from tests.test_watch import LIGHTHOUSE, drained, wait_for, watching

SAMPLE_NAME = "mexico-cartel-arrests.txt"
HARBOUR = "# Harbour\n\nThe harbour froze in March.\n"


def write(path: Path, text: str) -> None:
    """Write `path` whole at once (through a hidden file the watch ignores), as an editor saves it: a sync that is
    scanning meanwhile (the watcher's first one) sees it whole or not at all, never empty."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def indexed(settings: Settings) -> list[str]:
    with IndexStore.open(settings.index) as store:
        return sorted(store.documents())


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    """The sample corpus, a lighthouse note, and a drafts/ folder its .askdocsignore leaves out."""
    root = sample_folder(tmp_path)
    corpus = root / "corpus"
    (corpus / "drafts").mkdir()
    (corpus / "drafts" / "idea.txt").write_text("An idea about the harbour that is not ready.\n", encoding="utf-8")
    (corpus / "light.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    (corpus / ".askdocsignore").write_text("drafts/\n", encoding="utf-8")
    return Settings(corpus=corpus, index=root / "index", model="fake")


def test_a_bad_ignore_line_met_during_a_watch_is_warned_once_and_the_last_good_rules_stay(project: Settings) -> None:
    settings, ignore = project, project.corpus / ".askdocsignore"
    stop = threading.Event()
    batches: queue.Queue[IndexReport] = queue.Queue()
    warned: queue.Queue[str] = queue.Queue()
    firsts: list[IndexReport] = []
    failures: list[BaseException] = []
    thread = watching(settings, stop, batches, firsts, failures, on_bad_ignore=warned.put)
    try:
        wait_for(lambda: bool(firsts) or bool(failures), 60, "the first sync")
        assert not failures and firsts[0].added == 2

        write(ignore, "# broken: nothing follows the bang\n!\n")  # would take drafts/ back, or stop the watch
        said = warned.get(timeout=30)
        assert ".askdocsignore line 2: “!” is not a pattern" in said
        write(settings.corpus / "harbour.md", HARBOUR)
        report = batches.get(timeout=30)  # the watch goes on, with the rules it had
        assert (report.added, report.removed) == (1, 0) and thread.is_alive() and not failures
        assert warned.empty()  # once per change of the file, not once per sync
        assert indexed(settings) == ["harbour.md", "light.txt", SAMPLE_NAME]

        write(ignore, "drafts/\n[z-a].txt\n")  # changed, still broken: said again
        assert ".askdocsignore line 2: “[z-a].txt” is not a pattern" in warned.get(timeout=30)

        write(ignore, "drafts/\nlight.txt\n")  # fixed: its rules count again
        fixed = batches.get(timeout=30)
        assert (fixed.added, fixed.removed) == (0, 1) and warned.empty()
        assert indexed(settings) == ["harbour.md", SAMPLE_NAME]

        write(ignore, "!\n")  # broken again as before it was fixed: said again
        assert ".askdocsignore line 1:" in warned.get(timeout=30)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures and batches.empty()
    assert indexed(settings) == ["harbour.md", SAMPLE_NAME]


def test_a_bad_ignore_line_when_the_watch_starts_stops_it(project: Settings) -> None:
    (project.corpus / ".askdocsignore").write_text("drafts/\n!\n", encoding="utf-8")
    stop = threading.Event()
    failures: list[BaseException] = []
    thread = watching(project, stop, queue.Queue(), [], failures)
    thread.join(timeout=60)
    stop.set()
    assert not thread.is_alive() and len(failures) == 1
    assert isinstance(failures[0], UsageError) and ".askdocsignore line 2:" in str(failures[0])


def _watch_heard(settings: Settings) -> tuple[threading.Event, queue.Queue, queue.Queue, list, list, threading.Thread]:
    """A watch of `settings` started: (stop, batches, what on_empty heard, first reports, failures, thread)."""
    stop = threading.Event()
    batches: queue.Queue[IndexReport] = queue.Queue()
    heard: queue.Queue[int | None] = queue.Queue()
    firsts: list[IndexReport] = []
    failures: list[BaseException] = []
    thread = watching(settings, stop, batches, firsts, failures, on_empty=heard.put)
    wait_for(lambda: bool(firsts) or bool(failures), 60, "the first sync")
    assert not failures
    return stop, batches, heard, firsts, failures, thread


def test_a_folder_made_anew_empty_keeps_the_index_until_its_files_come_back_unchanged(project: Settings) -> None:
    """`rm -rf corpus; mkdir corpus`, then the files copied back: nothing is removed, nothing embedded again."""
    corpus = project.corpus
    saved = corpus.parent / "saved"
    shutil.copytree(corpus, saved)
    stop, batches, heard, _, failures, thread = _watch_heard(project)
    try:
        before = _rows(project)
        shutil.rmtree(corpus)
        corpus.mkdir()
        assert heard.get(timeout=30) == 2  # the documents the index keeps
        time.sleep(2.5)  # a few of the watcher's ticks on the empty folder: said once, nothing removed
        assert heard.empty() and batches.empty() and thread.is_alive() and not failures
        assert _rows(project) == before

        copied = time.time()
        shutil.copytree(saved, corpus, dirs_exist_ok=True)  # new modification times, the same content
        assert heard.get(timeout=30) is None
        write(corpus / "harbour.md", HARBOUR)
        report = batches.get(timeout=30)  # the watcher follows the folder made anew
        assert (report.added, report.changed, report.removed) == (1, 0, 0)
        with IndexStore.open(project.index) as store:
            assert store.indexed_since(copied) == 1  # harbour.md: the files copied back were not embedded again
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures and batches.empty() and heard.empty()
    assert {k: v for k, v in _rows(project).items() if k != "harbour.md"} == before


def test_deleting_the_last_file_during_a_watch_keeps_it_as_an_unmount_would(project: Settings) -> None:
    corpus = project.corpus
    stop, batches, heard, _, failures, thread = _watch_heard(project)
    try:
        (corpus / "light.txt").unlink()
        assert batches.get(timeout=30).removed == 1  # not the last one: removed as ever
        (corpus / SAMPLE_NAME).unlink()
        assert heard.get(timeout=30) == 1
        assert indexed(project) == [SAMPLE_NAME] and batches.empty()
        write(corpus / "harbour.md", HARBOUR)
        assert heard.get(timeout=30) is None
        report = batches.get(timeout=30)  # files again: a sync as ever, the one deleted meanwhile removed
        assert (report.added, report.removed) == (1, 1)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures
    assert indexed(project) == ["harbour.md"]


def test_a_watch_started_on_an_empty_folder_keeps_the_index(project: Settings) -> None:
    """An empty mount point when the watch starts looks the same as later: the first sync removes nothing either,
    and files ignored by .askdocsignore do not count as files to index."""
    index_corpus(project, embedder=FakeEmbedder())
    (project.corpus / "light.txt").unlink()
    (project.corpus / SAMPLE_NAME).rename(project.corpus / "drafts" / SAMPLE_NAME)
    stop, batches, heard, firsts, failures, thread = _watch_heard(project)
    try:
        assert (firsts[0].kept_while_empty, firsts[0].removed, firsts[0].total_documents) == (2, 0, 2)
        assert heard.get(timeout=30) == 2
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures and batches.empty()
    assert indexed(project) == ["light.txt", SAMPLE_NAME]


def _rows(settings: Settings) -> dict[str, tuple[int, str]]:
    """Each indexed document's id and content hash, by path."""
    with IndexStore.open(settings.index) as store:
        return {path: (doc.id, doc.sha256) for path, doc in store.documents().items()}


WATCH = f"""
from askdocs.cli import main
from tests.support import FakeEmbedder
{fake_encoder_script("FakeEmbedder()")}
main(["index", "--watch", "--model", "fake"])
"""
"""`askdocs index --watch` with the fake encoder: a real watch in a child that Ctrl-C ends."""


class Watch:
    """`askdocs index --watch` run in `root` in a child process, its output (both streams) gathered by line."""

    def __init__(self, root: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
        env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WATCH],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            env=env,
            preexec_fn=interruptible,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)

    def wait_for(self, words: str, times: int = 1) -> None:
        """Until `words` have been said in `times` lines."""
        wait_for(lambda: sum(words in line for line in drained(self._lines, self.said)) >= times, 60, repr(words))

    def stop(self) -> int:
        """Ctrl-C, and the exit code once every line is in `said`."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)
        wait_for(lambda: "stopped watching" in "".join(drained(self._lines, self.said)), 10, "the last line")
        return self.proc.returncode


@pytest.mark.slow  # askdocs in a subprocess (with the fake encoder: seconds)
def test_the_watch_says_what_it_keeps_on_its_command_line(project: Settings) -> None:
    corpus = project.corpus
    watch = Watch(corpus.parent)
    try:
        watch.wait_for("watching ./corpus for changes")
        write(corpus / ".askdocsignore", "drafts/\n!\n")
        watch.wait_for("askdocs: warning: corpus/.askdocsignore line 2: “!” is not a pattern")
        write(corpus / ".askdocsignore", "drafts/\nlight.txt\n")
        watch.wait_for(" 0 added, 0 changed, 1 removed")
        (corpus / SAMPLE_NAME).unlink()  # the last file to index
        watch.wait_for("the index keeps its 1 document until files come back")
        write(corpus / "harbour.md", HARBOUR)
        watch.wait_for(" 1 added, 0 changed, 1 removed")
    finally:
        code = watch.stop()
    said = "".join(watch.said)
    assert code == 130 and "Traceback" not in said, said
    warning = next(line for line in watch.said if ".askdocsignore line 2" in line)
    assert "the watch keeps the rules it had until the line is fixed" in warning
    assert said.count(".askdocsignore line") == 1
    empty = next(line for line in watch.said if "is empty" in line)
    assert empty.endswith(
        " the corpus folder ./corpus is empty (no file to index); the index keeps its 1 document until files come"
        " back (to remove it: stop the watch, then run: askdocs index --model fake)\n"
    )
    assert said.count("is empty") == 1 and said.count("the corpus folder ./corpus has files to index again") == 1
