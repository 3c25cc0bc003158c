"""The FAISS file's place in the index folder: a write that fails (a full disk) or a thing that is no file there
(a folder, a link to a device) never costs an answer nor a traceback, and is said in one line."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import EXIT_INDEX
from askdocs.store.vectors import FAISS_FILE, META_FILE
from tests.store.test_damage import built, run

__all__ = ["built"]

QUESTION = "What was inspected on July 3, 2021?"


@pytest.fixture
def indexing(monkeypatch: pytest.MonkeyPatch) -> None:
    """`askdocs index` with the fake encoder."""
    from askdocs.encoders import choose
    from tests.support import FakeEmbedder

    monkeypatch.setattr(choose, "for_indexing", lambda *a, **k: choose.Choice(FakeEmbedder(), "fake"))
    monkeypatch.setattr(choose, "require_model", lambda *a, **k: None)


@pytest.fixture
def bounded() -> Iterator[None]:
    """Fail a test that would read for ever (a FAISS file linked to /dev/zero) instead of hanging the run."""

    def stop(*_: object) -> None:
        pytest.fail("still reading after 60 s")  # no OSError (TimeoutError is one): nothing may swallow it

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


FULL = (
    "Error in void faiss::write_index(const faiss::Index*, faiss::IOWriter*, int) at /project/faiss/faiss/impl/"
    "index_write.cpp:812: Error: 'ret == (n)' failed: write error in vectors.faiss: 4014 != 30720 (No space left on"
    " device)",
    "Error in faiss::FileIOWriter::~FileIOWriter() at /project/faiss/faiss/impl/io.cpp:110: file vectors.faiss close"
    " error: No space left on device",
)
"""What FAISS raises when the disk fills up while it writes, and when it closes the file."""


def _disk_full(monkeypatch: pytest.MonkeyPatch, said: str = FULL[0]) -> None:
    """FAISS's writer failing as it does on a full disk."""
    import faiss

    def full(*_: object) -> None:
        raise RuntimeError(said)

    monkeypatch.setattr(faiss, "write_index", full)


@pytest.mark.parametrize("said", FULL, ids=["write", "close"])
@pytest.mark.parametrize("command", [["ask", QUESTION], ["search", "crane inspected"]])
def test_a_full_disk_answers_from_memory_with_one_warning(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str], said: str
) -> None:
    """After `askdocs index` failed on a full disk (no FAISS file left), a question rebuilt the vectors and crashed
    saving them, exit 1 and a traceback; now it answers from the vectors rebuilt in memory, warning once."""
    (built.index / FAISS_FILE).unlink()
    (built.index / META_FILE).unlink()
    _disk_full(monkeypatch, said)
    code, out, err = run(capsys, *command)
    assert code == 0 and "corpus/n" in out, (out, err)
    assert err.startswith(f"askdocs: warning: {FAISS_FILE} could not be saved in ") and err.count("\n") == 1, err
    assert "index: No space left on device; answered from the vectors rebuilt in memory" in err, err
    assert not (built.index / FAISS_FILE).exists()


def test_a_batch_of_questions_warns_once(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    (built.index / FAISS_FILE).unlink()
    _disk_full(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"{QUESTION}\n{QUESTION}\n".encode())))
    code, out, err = run(capsys, "ask", "-")
    assert code == 0 and out.count("Q: ") == 2 and err.count("could not be saved") == 1, err


def test_index_on_a_full_disk_is_exit_3_in_one_line(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, indexing: None
) -> None:
    (built.index / FAISS_FILE).unlink()
    _disk_full(monkeypatch)
    code, _, err = run(capsys, "index")
    last = err.splitlines()[-1]
    assert code == EXIT_INDEX and err.count("askdocs:") == 1, err
    assert last.startswith(f"askdocs: error: {FAISS_FILE} could not be saved in ") and last.endswith("device"), err


def test_status_check_says_both_faiss_files_missing(built: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    """It said "FAISS checksum ok" with neither vectors.faiss nor vectors.json there."""
    (built.index / FAISS_FILE).unlink()
    (built.index / META_FILE).unlink()
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS file to be rebuilt (see the warning)" in out and "checksum ok" not in out
    assert err.startswith(f"askdocs: warning: {FAISS_FILE} is missing; it is rebuilt"), err
    code, out, err = run(capsys, "ask", QUESTION)
    assert code == 0 and not err, err
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS checksum ok" in out and not err, err


def test_index_replaces_an_empty_folder_in_place_of_the_faiss_file(
    built: Settings, capsys: pytest.CaptureFixture[str], indexing: None
) -> None:
    """It reported success and left the folder, and every question rebuilt the vectors in memory, silently."""
    faiss_file = built.index / FAISS_FILE
    faiss_file.unlink()
    faiss_file.mkdir()
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and f"{FAISS_FILE} is not a regular file" in err, err
    code, out, err = run(capsys, "index")
    assert code == 0 and faiss_file.is_file(), (out, err)
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS checksum ok" in out and not err, err


def test_a_folder_with_files_in_place_of_the_faiss_file(
    built: Settings, capsys: pytest.CaptureFixture[str], indexing: None
) -> None:
    """Not removed (it holds someone's files): `index` refuses in one line, exit 3; a question answers, warning."""
    faiss_file = built.index / FAISS_FILE
    faiss_file.unlink()
    faiss_file.mkdir()
    (faiss_file / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "index")
    assert code == EXIT_INDEX and err.count("askdocs:") == 1, err
    assert err.splitlines()[-1].endswith("is a folder with files in it; remove or rename it"), err
    code, out, err = run(capsys, "ask", QUESTION)
    assert code == 0 and "[1]" in out and "is a folder with files in it" in err and err.count("\n") == 1, err
    assert (faiss_file / "notes.txt").read_text() == "keep me"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("name", [FAISS_FILE, META_FILE])
def test_a_link_to_a_device_is_never_read(
    built: Settings, capsys: pytest.CaptureFixture[str], bounded: None, name: str
) -> None:
    """vectors.faiss linked to /dev/zero: a question read it for ever. Now it is no FAISS file: rebuilt and saved
    over the link; status says so first."""
    path = built.index / name
    path.unlink()
    path.symlink_to("/dev/zero")
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS file to be rebuilt (see the warning)" in out, (out, err)
    code, out, err = run(capsys, "ask", QUESTION)
    assert code == 0 and "[1]" in out and not err, err
    assert (built.index / FAISS_FILE).is_file() and not (built.index / FAISS_FILE).is_symlink()
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS checksum ok" in out and not err, err


def test_a_faiss_file_that_cannot_be_written_whole_raises_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAISS's own writer only prints a failed close (a full disk) and a cut-short file was renamed into place: the
    file is written by Python, so the error raises, and neither it nor its record is left."""
    import builtins

    import numpy as np

    from askdocs.store import vectors as vectors_module
    from askdocs.store.vectors import VectorIndex

    made = VectorIndex.build(np.arange(4, dtype=np.int64), np.eye(4, 8, dtype=np.float32), 8, "t1")
    full = lambda path, mode: builtins.open("/dev/full", mode)  # noqa: E731, SIM115 - the full disk's device
    monkeypatch.setattr(vectors_module, "open", full, raising=False)
    with pytest.raises(OSError):
        made.save(tmp_path)
    assert not (tmp_path / FAISS_FILE).exists() and not (tmp_path / META_FILE).exists()


def test_an_error_after_sqlite_rolled_back_by_itself_is_the_one_raised(tmp_path: Path) -> None:
    """After a full disk SQLite ends the transaction itself; rolling back again raised "cannot rollback - no
    transaction is active", which hid the real error and read as damage."""
    import sqlite3

    from askdocs.store.files import transaction

    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    with pytest.raises(sqlite3.OperationalError, match="disk is full"), transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("ROLLBACK")  # as SQLite does by itself on SQLITE_FULL
        raise sqlite3.OperationalError("database or disk is full")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
