"""`askdocs index --watch`: the index follows the corpus folder, one batch per burst of changes, under the run lock,
and Ctrl-C ends it with exit 130 and an intact index."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from watchfiles import Change

from askdocs.config import Settings
from askdocs.errors import IndexUnusable
from askdocs.indexer import IndexReport, index_corpus
from askdocs.store.index_store import IndexStore
from askdocs.watch import relevant, watch_corpus
from tests.support import FakeEmbedder, interruptible, sample_folder

LIGHTHOUSE = "The lighthouse keeper Marta Quillfeather repaired the great lamp on Tuesday night.\n"


def wait_for(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll `predicate` until it holds, failing with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds:.0f}s waiting for {what}")


def watching(
    settings: Settings,
    stop: threading.Event,
    batches: queue.Queue[IndexReport],
    firsts: list[IndexReport],
    failures: list[BaseException],
    embedder: FakeEmbedder | None = None,
    **options: Callable[..., None],
) -> threading.Thread:
    """A started thread that watches `settings.corpus` with the fake model (`embedder`, or a new one) until `stop`:
    later batches go to `batches`, the first sync's report to `firsts`, what it raised to `failures`."""
    model = embedder or FakeEmbedder()

    def run() -> None:
        try:
            watch_corpus(settings, batches.put, on_first=firsts.append, stop=stop, embedder=model, **options)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_filter_keeps_documents_and_drops_hidden_foreign_and_index_files(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "corpus" / "index"
    (corpus / ".git").mkdir(parents=True)
    index.mkdir()
    for name in ("a.txt", "b.md", "c.html", "d.exe", "g.pdf", ".e.txt", ".git/f.txt", "index/askdocs.sqlite3"):
        (corpus / name).write_text("x")
    keep = relevant(corpus, index)
    assert keep(Change.added, str(corpus / "a.txt")) and keep(Change.modified, str(corpus / "b.md"))
    assert keep(Change.added, str(corpus / "c.html"))
    assert not keep(Change.added, str(corpus / "d.exe"))
    assert not keep(Change.modified, str(corpus / ".e.txt")) and not keep(Change.added, str(corpus / ".git/f.txt"))
    assert not keep(Change.modified, str(index / "askdocs.sqlite3")) and not keep(Change.deleted, str(index / "x.tmp"))
    assert keep(Change.modified, str(corpus / ".askdocsignore")) and keep(Change.added, str(corpus / "g.pdf"))
    assert keep(Change.deleted, str(corpus / "gone-folder"))  # a removed folder has no suffix to judge by
    assert keep(Change.added, str(corpus))  # a new sub-folder may hold documents


def test_watch_in_process_indexes_each_burst_and_holds_the_lock(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    settings = Settings(corpus=root / "corpus", index=root / "index", model="fake")
    stop = threading.Event()
    batches: queue.Queue[IndexReport] = queue.Queue()
    firsts: list[IndexReport] = []
    failures: list[BaseException] = []
    thread = watching(settings, stop, batches, firsts, failures)
    try:
        wait_for(lambda: bool(firsts) or bool(failures), 60, "the first sync")
        assert not failures and firsts[0].added == 1
        with pytest.raises(IndexUnusable, match="another askdocs index is running"):
            index_corpus(settings, embedder=FakeEmbedder())

        (root / "corpus" / "light.txt").write_text(LIGHTHOUSE, encoding="utf-8")
        (root / "corpus" / "harbour.md").write_text("# Harbour\n\nThe harbour froze in March.\n", encoding="utf-8")
        (root / "corpus" / ".draft.txt").write_text("hidden", encoding="utf-8")
        (root / "corpus" / "notes.bin").write_bytes(b"\x00\x01")
        report = batches.get(timeout=60)
        while report.added < 2:  # the two files may land in two bursts on a slow machine
            report = replace(report, added=report.added + batches.get(timeout=60).added)
        assert (report.added, report.changed) == (2, 0)

        (root / "corpus" / "light.txt").unlink()
        (root / "corpus" / "harbour.md").write_text("# Harbour\n\nThe harbour thawed in May.\n", encoding="utf-8")
        seen = batches.get(timeout=60)
        while seen.removed + seen.changed < 2:
            more = batches.get(timeout=60)
            seen = replace(seen, removed=seen.removed + more.removed, changed=seen.changed + more.changed)
        assert (seen.added, seen.changed, seen.removed) == (0, 1, 1)

        (root / "corpus" / ".askdocsignore").write_text("harbour.md\n", encoding="utf-8")  # hidden, yet it counts
        ignored = batches.get(timeout=60)
        assert (ignored.added, ignored.changed, ignored.removed) == (0, 0, 1)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures
    with IndexStore.open(settings.index) as store:
        assert sorted(store.documents()) == ["mexico-cartel-arrests.txt"]
        assert store.check() == []
    index_corpus(settings, embedder=FakeEmbedder())  # the lock is free again


def test_watch_waits_while_the_corpus_folder_is_gone_and_keeps_the_index(tmp_path: Path) -> None:
    """Moving the corpus folder away (a rename, an unmount) removes nothing from the index: the watch says so, waits,
    and syncs again once the folder is back, even as a new folder of the same name."""
    root = sample_folder(tmp_path)
    corpus = root / "corpus"
    settings = Settings(corpus=corpus, index=root / "index", model="fake")
    stop = threading.Event()
    batches: queue.Queue[IndexReport] = queue.Queue()
    heard: queue.Queue[bool] = queue.Queue()
    firsts: list[IndexReport] = []
    failures: list[BaseException] = []
    thread = watching(settings, stop, batches, firsts, failures, on_gone=heard.put)
    try:
        wait_for(lambda: bool(firsts) or bool(failures), 60, "the first sync")
        assert not failures
        corpus.rename(root / "moved")
        assert heard.get(timeout=30) is True
        time.sleep(2.5)  # a few of the watcher's ticks with the folder gone
        assert thread.is_alive() and not failures and batches.empty()
        with IndexStore.open(settings.index) as store:
            assert sorted(store.documents()) == ["mexico-cartel-arrests.txt"]
        corpus.mkdir()  # a new folder of the same name, with the old file and a new one
        (root / "moved" / "mexico-cartel-arrests.txt").rename(corpus / "mexico-cartel-arrests.txt")
        (corpus / "light.txt").write_text(LIGHTHOUSE, encoding="utf-8")
        assert heard.get(timeout=30) is False
        report = batches.get(timeout=60)
        assert (report.added, report.removed) == (1, 0)
        (corpus / "harbour.md").write_text("# Harbour\n\nThe harbour froze in March.\n", encoding="utf-8")
        assert batches.get(timeout=60).added == 1  # the watcher follows the new folder
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not failures
    with IndexStore.open(settings.index) as store:
        assert sorted(store.documents()) == ["harbour.md", "light.txt", "mexico-cartel-arrests.txt"]


def _askdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "askdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _lines(stream, into: queue.Queue[str]) -> None:  # noqa: ANN001
    for line in stream:
        into.put(line)


def drained(q: queue.Queue[str], into: list[str]) -> list[str]:
    """`into`, extended with every line that has arrived in `q`."""
    while not q.empty():
        into.append(q.get())
    return into


def _found(root: Path, word: str) -> list[str]:
    out = _askdocs("search", word, "-k", "3", "--json", cwd=root)
    assert out.returncode == 0, out.stderr
    return [p["path"] for p in json.loads(out.stdout)["passages"] if word.lower() in p["text"].lower()]


@pytest.mark.slow  # the real model, and askdocs in subprocesses
def test_watch_subprocess_follows_the_folder_refuses_a_second_run_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = sample_folder(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "askdocs", "index", "--watch"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=interruptible,
    )
    err: queue.Queue[str] = queue.Queue()
    out: queue.Queue[str] = queue.Queue()
    readers = [
        threading.Thread(target=_lines, args=(s, q), daemon=True) for s, q in ((proc.stderr, err), (proc.stdout, out))
    ]
    for reader in readers:
        reader.start()
    logged: list[str] = []
    printed: list[str] = []
    try:
        wait_for(lambda: any("watching" in line for line in drained(err, logged)), 300, "the watch to start")
        assert "scanning the corpus folder\n" in logged and "writing index\n" in logged

        second = _askdocs("index", cwd=root)
        assert second.returncode == 3 and "another askdocs index is running" in second.stderr
        assert second.stderr.count("\n") == 1

        (root / "corpus" / "light.txt").write_text(LIGHTHOUSE, encoding="utf-8")
        wait_for(lambda: _found(root, "Quillfeather") == ["corpus/light.txt"], 90, "search to find the new file")
        wait_for(lambda: any("1 added, 0 changed, 0 removed" in x for x in drained(out, printed)), 10, "a batch line")

        (root / "corpus" / "light.txt").unlink()
        wait_for(lambda: _found(root, "Quillfeather") == [], 90, "search to forget the removed file")
        wait_for(lambda: any("0 added, 0 changed, 1 removed" in x for x in drained(out, printed)), 10, "a batch line")

        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    for reader in readers:
        reader.join(timeout=10)
    rest = "".join(drained(err, logged))
    assert proc.returncode == 130, rest
    assert "Traceback" not in rest and "stopped watching" in rest

    status = _askdocs("status", "--check", cwd=root)
    assert status.returncode == 0, status.stderr
    assert "1 document," in status.stdout and "up to date" in status.stdout
