"""Files copied back into an emptied corpus folder over several batches during a watch: the documents not copied
back yet are neither removed nor embedded again, and what never comes back is removed once the copy has settled."""

from __future__ import annotations

import os
import queue
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import IndexReport
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder, sample_folder
from tests.test_watch import LIGHTHOUSE, wait_for, watching

NOTES = {
    "light.txt": LIGHTHOUSE,
    "harbour.md": "# Harbour\n\nThe harbour froze in March.\n",
    "crane.txt": "The harbour crane collapsed in Veracruz on Friday.\n",
    "bakery.txt": "The bakery on Calle Prat won a national prize for its bread.\n",
}
LATER = "The ferry to the island was cancelled for a week of storms.\n"
BATCH_APART = 2.5
"""Seconds between two steps of a copy: more than one batch of the watch (1.6 s at most)."""


@dataclass
class Watched:
    """A running watch of `settings` with a counting fake model: its batches, what `on_empty` heard, its failures."""

    settings: Settings
    model: FakeEmbedder
    batches: queue.Queue[IndexReport]
    heard: queue.Queue[int | None]
    failures: list[BaseException]


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[Watched]:
    """The sample corpus and four notes, watched from a first sync that indexed all five; stopped after the test."""
    root = sample_folder(tmp_path)
    for name, text in NOTES.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus=root / "corpus", index=root / "index", model="fake")
    stop, firsts = threading.Event(), []
    run = Watched(settings, FakeEmbedder(), queue.Queue(), queue.Queue(), [])
    thread = watching(settings, stop, run.batches, firsts, run.failures, run.model, on_empty=run.heard.put)
    try:
        wait_for(lambda: bool(firsts) or bool(run.failures), 60, "the first sync")
        assert not run.failures and firsts[0].added == 5
        yield run
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and not run.failures


def rows(settings: Settings) -> dict[str, tuple[int, str]]:
    """Each indexed document's id and content hash, by path."""
    with IndexStore.open(settings.index) as store:
        return {path: (doc.id, doc.sha256) for path, doc in store.documents().items()}


def move_out(corpus: Path) -> tuple[Path, list[str]]:
    """Move every file of `corpus` to a folder beside it: that folder and the names, sorted."""
    saved = corpus.parent / "saved"
    saved.mkdir()
    names = sorted(path.name for path in corpus.iterdir())
    for name in names:
        (corpus / name).rename(saved / name)
    return saved, names


def copy_in(saved: Path, corpus: Path, names: list[str], *, keep_times: bool) -> None:
    """Copy `names` from `saved` into `corpus` (keeping their times, as `cp -p` does, or not), each whole at once
    through a hidden file the watch ignores, so that a sync never sees one half written."""
    for name in names:
        part = corpus / f".{name}.part"
        (shutil.copy2 if keep_times else shutil.copy)(saved / name, part)
        os.replace(part, corpus / name)


def a_new_note(run: Watched) -> IndexReport:
    """Write a new note into the corpus and return the batch that indexed it: every sync before it has run."""
    (run.settings.corpus / "ferry.txt").write_text(LATER, encoding="utf-8")
    return run.batches.get(timeout=30)


def test_files_copied_back_in_two_steps_are_neither_removed_nor_embedded_again(watched: Watched) -> None:
    run, corpus = watched, watched.settings.corpus
    before, embedded = rows(run.settings), len(run.model.encoded)
    saved, names = move_out(corpus)
    assert run.heard.get(timeout=30) == 5  # empty: the index keeps its documents

    copy_in(saved, corpus, names[:2], keep_times=True)
    assert run.heard.get(timeout=30) is None  # a sync saw files again, and three still missing
    time.sleep(BATCH_APART)
    copy_in(saved, corpus, names[2:], keep_times=False)
    time.sleep(BATCH_APART)

    report = a_new_note(run)
    assert (report.added, report.changed, report.removed) == (1, 0, 0)
    assert run.batches.empty()  # no batch removed or added the files copied back
    assert {path: row for path, row in rows(run.settings).items() if path != "ferry.txt"} == before
    assert run.model.encoded[embedded:] == [LATER.strip()]  # only the new note was embedded


def test_what_a_copy_back_leaves_out_is_removed_once_no_more_files_come_back(watched: Watched) -> None:
    run, corpus = watched, watched.settings.corpus
    saved, names = move_out(corpus)
    assert run.heard.get(timeout=30) == 5
    copy_in(saved, corpus, names[:3], keep_times=False)
    assert run.heard.get(timeout=30) is None
    time.sleep(BATCH_APART)
    assert run.batches.empty() and len(rows(run.settings)) == 5  # two may still be on their way

    report = a_new_note(run)  # a sync that finds no more of them back: the copy has settled
    assert (report.added, report.changed, report.removed) == (1, 0, 2)
    assert sorted(rows(run.settings)) == sorted([*names[:3], "ferry.txt"])
    (corpus / names[0]).unlink()
    assert run.batches.get(timeout=30).removed == 1  # removals as ever since


def test_a_folder_made_anew_and_filled_in_two_steps_keeps_every_document(watched: Watched) -> None:
    """`rm -rf corpus; mkdir corpus`, then the files copied back: the watch starts again on the new folder (or sees
    it empty first), and the files not copied back yet are not removed."""
    run, corpus = watched, watched.settings.corpus
    before, embedded = rows(run.settings), len(run.model.encoded)
    saved = corpus.parent / "saved"
    shutil.copytree(corpus, saved)
    names = sorted(path.name for path in saved.iterdir())
    shutil.rmtree(corpus)
    corpus.mkdir()
    copy_in(saved, corpus, names[:2], keep_times=False)
    time.sleep(BATCH_APART)
    copy_in(saved, corpus, names[2:], keep_times=True)
    time.sleep(BATCH_APART)

    report = a_new_note(run)
    assert (report.added, report.changed, report.removed) == (1, 0, 0)
    assert run.batches.empty()
    assert {path: row for path, row in rows(run.settings).items() if path != "ferry.txt"} == before
    assert run.model.encoded[embedded:] == [LATER.strip()]
