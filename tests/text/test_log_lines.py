"""Log files: each line that opens with a date and time is an entry, one sentence of its own, whether the file's
lines look hard-wrapped or run on; prose around them is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.index_store import IndexStore
from askdocs.text.sentences import split_sentences
from tests.support import FakeEmbedder

WORDS = ["worker", "request", "retry", "system", "timeout", "handler", "database", "queue", "connection", "cache"]


def _log(stamp: str, lines: int = 6) -> str:
    """`lines` entries of wrap length (60 to 100 characters, as a hard-wrapped paragraph's), stamped by `stamp`."""
    return "".join(
        f"{stamp.format(i=i % 60)} worker-{i} {' '.join(WORDS[(i + k) % 10] for k in range(8))}\n" for i in range(lines)
    )


@pytest.mark.parametrize(
    "stamp",
    [
        "2025-07-01 10:40:{i:02d} INFO",
        "Jul  1 10:40:{i:02d} host",
        "2025-07-01T10:40:{i:02d}Z",
        "2025-07-01T10:40:{i:02d}.123+02:00",
        "[2025-07-01 10:40:{i:02d}]",
        "01/07/2025 10:40:{i:02d} ERROR",
    ],
)
def test_each_stamped_line_of_a_log_is_a_sentence(stamp: str) -> None:
    text = _log(stamp)
    assert [s.text for s in split_sentences(text)] == text.splitlines()


def test_a_stamped_line_with_a_lower_case_word_is_no_run_on() -> None:
    text = (
        "The nightly backup job started and copied the archive folder to the remote\n"
        "2025-07-01 10:40:40 disk, then reported that the copy had finished cleanly\n"
    )
    assert len(split_sentences(text)) == 2


def test_a_long_log_makes_a_sentence_per_line_not_one_of_120_words(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "server.log.txt").write_text(_log("2025-07-01 10:40:{i:02d} INFO", 400), encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    with IndexStore.open(settings.index) as store:
        assert store.info().sentences == 400


def test_prose_that_wraps_stays_one_sentence() -> None:
    text = (
        "The committee met on Tuesday to discuss the closure of the bridge and the\n"
        "diversion that buses will take while the deck is repaired over the summer.\n"
        "It agreed to publish the new timetable at the start of the month.\n"
    )
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize(
    "line",
    [
        "12/03/2024 14:00 until the following morning, the council said in a letter to every household.",
        "Jul  4 10:15:00 according to the harbour log kept by the duty officer on the quay.",
        "2024-03-04 10:00 in the main hall of the library, where the plans will be shown.",
    ],
)
def test_prose_wrapped_before_a_date_and_time_stays_one_sentence(line: str) -> None:
    """A line of prose that wraps before its date and time ("... would be cut from" / "12/03/2024 14:00 until ...")
    goes on with the line before it, which ends on a small word no log line ends on; in Markdown too."""
    text = f"Residents were told that the water supply to the old town would be cut from\n{line}\n"
    assert len(split_sentences(text)) == 1
    assert len(split_sentences(text, soft_breaks=[text.index("\n")])) == 1


def test_an_entry_after_an_entry_ending_on_a_small_word_stands_apart() -> None:
    """ "2024-03-12 10:00:05 INFO Mail sent to" is a log entry, and the stamped line after it another, however it
    ends: only prose wraps before a date and time."""
    text = (
        "2024-03-12 10:00:01 INFO Backup job started by\n"
        "2024-03-12 10:00:02 ERROR Disk /dev/sda1 is full and the nightly backup was stopped\n"
        "2024-03-12 10:00:05 INFO Mail sent to\n"
        "2024-03-12 10:07:00 WARN Fan 2 stopped after the temperature rose above its limit\n"
    )
    assert [s.text for s in split_sentences(text)] == text.splitlines()
