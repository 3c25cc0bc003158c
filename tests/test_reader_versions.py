"""An index keeps the reading of the askdocs that made it: a file of a type whose reader changed since (Word
footnotes, CSV header rows) is read again by `askdocs index` though the file did not change, once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.index_store import DB_FILE
from tests.ingest.test_docx_notes_tables import _word_file
from tests.support import FakeEmbedder


def _text(index: Path, name: str) -> str:
    with sqlite3.connect(index / DB_FILE) as conn:
        return conn.execute("SELECT text FROM documents WHERE path = ?", (name,)).fetchone()[0]


def test_an_unchanged_word_file_is_read_again_after_its_reader_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _word_file(
        corpus / "harbour.docx", ["The harbour was deepened in 1998."], footnotes=["The contractor was Van Oord."]
    )
    (corpus / "notes.txt").write_text("The ferry runs on Sundays.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with monkeypatch.context() as old:  # an index made by an askdocs that read no footnotes and recorded no readers
        old.setattr("askdocs.ingest.docx._notes", lambda builder, document: None)
        index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    assert "Van Oord" not in _text(settings.index, "harbour.docx")

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert "Van Oord" in _text(settings.index, "harbour.docx")
    assert (report.changed, report.unchanged) == (1, 1)  # the Word file read again, the text file not

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (0, 2)  # once


def test_a_word_file_held_while_files_come_back_is_read_again_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watch holds the documents of files that are gone while a folder fills again: they were not read anew, so
    the new reader versions are not recorded until a run reads every file."""
    from askdocs.indexer import Indexer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.docx", "b.docx"):
        _word_file(corpus / name, ["The harbour was deepened in 1998."], footnotes=[f"Note of {name}: Van Oord."])
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with monkeypatch.context() as old:
        old.setattr("askdocs.ingest.docx._notes", lambda builder, document: None)
        index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    aside = tmp_path / "b.docx"
    (corpus / "b.docx").rename(aside)
    held = Indexer(settings, embedder=FakeEmbedder(), keep_if_empty=True, copy_back=2).run()
    assert held.held == 1 and "Van Oord" in _text(settings.index, "a.docx")
    aside.rename(corpus / "b.docx")
    Indexer(settings, embedder=FakeEmbedder(), keep_if_empty=True, copy_back=2).run()
    assert "Van Oord" in _text(settings.index, "b.docx")
