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
    assert code == 0 and "quick_check ok" in out
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
    assert code == EXIT_INDEX and "checksum" in out
    with IndexStore.open(built.index) as store:
        assert store.vectors().search(query, 25) == before  # rebuilt from the vectors in SQLite
        assert store.check() == []  # and saved again, with a checksum that matches
    assert "sha256" in json.loads((built.index / META_FILE).read_text())


def test_check_names_the_sqlite_damage(built: Settings) -> None:
    garble_tables(built.index / DB_FILE, ("sentences",))
    with IndexStore.open(built.index) as store, pytest.raises(IndexDamaged):
        store.sentences(1, 0, 5)
