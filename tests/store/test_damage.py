"""A damaged index is detected and said in one line: garbled SQLite pages, a garbled FAISS file of the right size."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from askdocs.cli import main
from askdocs.config import Settings
from askdocs.errors import EXIT_INDEX, IndexDamaged
from askdocs.indexer import index_corpus
from askdocs.store.index_store import DB_FILE, IndexStore
from askdocs.store.vectors import FAISS_FILE, META_FILE, VectorIndex
from tests.support import FakeEmbedder


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Thirty documents indexed with the fake encoder; the working folder holds corpus/ and index/."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        words = " ".join(f"Crane {i} part {j} was inspected on July {j % 28 + 1}, 2021." for j in range(40))
        (corpus / f"n{i:02d}.txt").write_text(words)
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    return settings


def garble_tables(db: Path, tables: tuple[str, ...]) -> None:
    """Give every leaf page of `tables` an impossible page type, as a bad disk block would."""
    with sqlite3.connect(db) as conn:
        marks = ",".join("?" * len(tables))
        pages = [row[0] for row in conn.execute(f"SELECT pageno FROM dbstat WHERE name IN ({marks})", tables)]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size + (100 if page == 1 else 0))
            handle.write(b"\x77\xff\xff\xff")


def garble_middle(path: Path) -> None:
    """Overwrite 4 KB in the middle of a file, keeping its size."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = (
        np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes()[: len(data[middle : middle + 4096])]
    )
    path.write_bytes(bytes(data))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main([*args, "--model", "fake"])
        raise SystemExit(0)
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return int(stop.value.code or 0), out.out, out.err


def test_damaged_pages_give_exit_3_and_the_rebuild_hint(built: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    garble_tables(built.index / DB_FILE, ("passages", "sentences", "documents"))
    code, _, err = run(capsys, "ask", "What was inspected on July 3, 2021?")
    assert code == EXIT_INDEX and "the index is damaged" in err and "run: askdocs index --model fake --rebuild" in err
    code, _, err = run(capsys, "status", "--check")
    assert code == EXIT_INDEX and "the index is damaged" in err


def test_index_finds_damage_no_question_has_read_yet(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of a table nothing reads while the corpus is unchanged: `index` and `status` check the file before
    they trust it, and --rebuild mends it."""
    from askdocs.encoders import choose

    monkeypatch.setattr(choose, "for_indexing", lambda *a, **k: choose.Choice(FakeEmbedder(), "fake"))
    monkeypatch.setattr(choose, "require_model", lambda *a, **k: None)
    garble_tables(built.index / DB_FILE, ("sentences",))
    code, _, err = run(capsys, "index")
    assert code == EXIT_INDEX and "the index is damaged" in err and "run: askdocs index --model fake --rebuild" in err
    code, _, err = run(capsys, "status")  # without --check too, for an index file of this size
    assert code == EXIT_INDEX and "the index is damaged" in err
    code, _, err = run(capsys, "status", "--json")
    assert code == EXIT_INDEX and "the index is damaged" in err
    code, out, _ = run(capsys, "index", "--rebuild")
    assert code == 0, out
    code, out, _ = run(capsys, "index")
    assert code == 0 and "30 unchanged" in out


def test_status_check_reports_a_sound_index(built: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--check")
    assert code == 0 and "quick_check ok, FAISS checksum ok, no ONNX export (questions use the PyTorch model)" in out
    code, out, _ = run(capsys, "status", "--check", "--json")
    assert code == 0 and json.loads(out)["check"] == {"ok": True, "problems": []}


def test_a_garbled_faiss_file_is_found_by_its_checksum_and_rebuilt(
    built: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with IndexStore.open(built.index) as store:
        vectors = store.vectors()
        query = FakeEmbedder()._vector("crane 7 inspected July 3")
        before = vectors.search(query, 25)
    faiss_file = built.index / FAISS_FILE
    size = faiss_file.stat().st_size
    garble_middle(faiss_file)
    assert faiss_file.stat().st_size == size
    assert VectorIndex.load(built.index) is None
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS file to be rebuilt (see the warning)" in out and "checksum" in err
    with IndexStore.open(built.index) as store:
        assert store.vectors().search(query, 25) == before  # rebuilt from the vectors in SQLite
        assert store.check() == []  # and saved again, with a checksum that matches
    assert "sha256" in json.loads((built.index / META_FILE).read_text())


def _other_index(folder: Path) -> Path:
    """An index of one document embedded in 32 dimensions, not the fixture's 64: its FAISS file is no use there."""

    class Narrow(FakeEmbedder):
        dimension = 32

    (folder / "corpus").mkdir(parents=True)
    (folder / "corpus" / "a.txt").write_text("The harbour crane was painted green in May 2020.")
    other = Settings(corpus=folder / "corpus", index=folder / "index", model="fake")
    index_corpus(other, embedder=Narrow())
    return other.index


FAISS_DAMAGE = {
    "a byte flipped": (
        f"{FAISS_FILE} does not match its recorded checksum",
        lambda index, _: _flip(index / FAISS_FILE),
    ),
    "cut short": (f"{FAISS_FILE} does not match its recorded checksum", lambda index, _: _cut(index / FAISS_FILE)),
    "deleted": (f"{FAISS_FILE} is missing", lambda index, _: (index / FAISS_FILE).unlink()),
    "its record deleted": (
        f"{META_FILE}, the record of {FAISS_FILE}, is missing",
        lambda i, _: (i / META_FILE).unlink(),
    ),
    "its record no object": (
        f"{META_FILE}, the record of {FAISS_FILE}, cannot be read",
        lambda i, _: _write(i, "null"),
    ),
    "another dimension's file": (
        f"{FAISS_FILE} does not match its recorded checksum",
        lambda index, other: _copy(_other_index(other), index, FAISS_FILE),
    ),
    "another index's file and record": (
        f"{FAISS_FILE} was saved from another index file",
        lambda index, other: _copy(_other_index(other), index, FAISS_FILE, META_FILE),
    ),
}
"""What harms the fixture's FAISS file (index folder, a spare folder) -> how the warning starts."""


def _copy(source: Path, index: Path, *names: str) -> None:
    for name in names:
        (index / name).write_bytes((source / name).read_bytes())


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _cut(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def _write(index: Path, record: str) -> None:
    (index / META_FILE).write_text(record)


@pytest.mark.parametrize("damage", FAISS_DAMAGE)
def test_a_faiss_file_that_will_not_load_is_a_warning_the_next_question_mends(
    built: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path, damage: str
) -> None:
    """`status --check` said the file "is rebuilt from SQLite on next use", then failed with exit 3 and "run:
    askdocs index --rebuild" (minutes of embedding), while a question answered and quietly rebuilt it. Now: one
    story, a warning saying what the next question (or a plain index run) does, exit 0, and then no warning."""
    said, harm = FAISS_DAMAGE[damage]
    harm(built.index, tmp_path / "other")
    code, out, err = run(capsys, "status", "--check")
    assert code == 0, err
    assert "FAISS file to be rebuilt (see the warning)" in out and "damaged:" not in out
    advice = "it is rebuilt from the embeddings stored in SQLite (nothing is embedded again) by the next question"
    assert err.startswith(f"askdocs: warning: {said}") and advice in err and "run: askdocs index" in err, err
    assert "--rebuild" not in err and err.count("\n") == 1
    code, out, err = run(capsys, "status", "--check", "--json")
    data = json.loads(out)
    assert code == 0 and data["check"] == {"ok": True, "problems": []}
    assert len(data["warnings"]) == 1 and data["warnings"][0].startswith(said)
    code, out, err = run(capsys, "ask", "What was inspected on July 3, 2021?")
    assert code == 0 and "[1]" in out and not err, err
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS checksum ok" in out and not err, err


def test_a_plain_index_run_mends_a_faiss_file_as_the_warning_says(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from askdocs.encoders import choose

    monkeypatch.setattr(choose, "for_indexing", lambda *a, **k: choose.Choice(FakeEmbedder(), "fake"))
    monkeypatch.setattr(choose, "require_model", lambda *a, **k: None)
    _flip(built.index / FAISS_FILE)
    code, _, err = run(capsys, "status", "--check")
    assert code == 0 and err.endswith("run: askdocs index --model fake\n") and "--rebuild" not in err, err
    code, out, _ = run(capsys, "index")
    assert code == 0 and "0 passages embedded" in out, out
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "FAISS checksum ok" in out and not err, err


@pytest.mark.parametrize("command", [["status"], ["status", "--check"], ["ask", "Who inspected the crane?"], ["index"]])
def test_a_truncated_index_file_is_damage_every_command_says_to_rebuild(
    built: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """The SQLite file cut short (a full disk, a copy stopped midway): its embeddings are gone with it, so each
    command says the same, exit 3 and the rebuild that mends it; the rebuild works and the check passes again."""
    from askdocs.encoders import choose

    monkeypatch.setattr(choose, "for_indexing", lambda *a, **k: choose.Choice(FakeEmbedder(), "fake"))
    monkeypatch.setattr(choose, "require_model", lambda *a, **k: None)
    db = built.index / DB_FILE
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    code, out, err = run(capsys, *command)
    assert code == EXIT_INDEX and "the index is damaged" in err and "run: askdocs index --model fake --rebuild" in err
    assert "warning" not in err, err
    code, out, _ = run(capsys, "index", "--rebuild")
    assert code == 0 and "30 added" in out, out
    code, out, err = run(capsys, "status", "--check")
    assert code == 0 and "quick_check ok, FAISS checksum ok" in out and not err, err


def test_check_names_the_sqlite_damage(built: Settings) -> None:
    garble_tables(built.index / DB_FILE, ("sentences",))
    with IndexStore.open(built.index) as store, pytest.raises(IndexDamaged):
        store.sentences(1, 0, 5)


@pytest.mark.parametrize(
    "command",
    [["search", "crane inspected"], ["search", "--documents", "crane inspected"], ["docs"], ["ask", "Who inspected?"]],
)
@pytest.mark.parametrize("tables", [("sentences",), ("documents_fts_data",), ("vector_log",)])
def test_every_command_that_reads_the_index_stops_on_damage_it_does_not_read(
    built: Settings, capsys: pytest.CaptureFixture[str], command: list[str], tables: tuple[str, ...]
) -> None:
    """Damaged pages of a table a search never reads: `search` printed results and exited 0, while `index` and
    `status` stopped. Each command checks the file on opening, so each stops alike with the rebuild hint."""
    garble_tables(built.index / DB_FILE, tables)
    code, out, err = run(capsys, *command)
    assert code == EXIT_INDEX and "the index is damaged" in err and "run: askdocs index --model fake --rebuild" in err
    assert not out, out
