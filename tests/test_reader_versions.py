"""An index keeps the reading of the askdocs that made it: a file of a type whose reader changed since (Word
footnotes, CSV header rows, a log's lines as sentences in plain text and Markdown) is read again by `askdocs index`
though the file did not change, once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.ingest.loaders import READER_VERSIONS, SUFFIXES
from askdocs.store.index_store import DB_FILE, IndexStore
from tests.ingest.test_docx_notes_tables import _word_file
from tests.support import FakeEmbedder, run_cli


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
    (corpus / "notes.html").write_text("<p>The ferry runs on Sundays.</p>\n", encoding="utf-8")  # reader at "1"
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with monkeypatch.context() as old:  # an index made by an askdocs that read no footnotes and recorded no readers
        old.setattr("askdocs.ingest.docx._notes", lambda builder, document: None)
        index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    assert "Van Oord" not in _text(settings.index, "harbour.docx")

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert "Van Oord" in _text(settings.index, "harbour.docx")
    assert (report.changed, report.unchanged) == (1, 1)  # the Word file read again, the web page not

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


_LOG = "".join(
    f"2025-07-01 10:40:{i:02d} INFO worker {i} finished the nightly copy of the archive folder\n" for i in range(12)
)
"""A log of 12 stamped lines of wrap length: 12 sentences as text and Markdown are read now, fewer before."""


def _sentences(index: Path, name: str) -> int:
    with sqlite3.connect(index / DB_FILE) as conn:
        row = conn.execute(
            "SELECT count(*) FROM sentences JOIN documents ON documents.id = sentences.doc_id WHERE path = ?", (name,)
        ).fetchone()
        return int(row[0])


def test_unchanged_text_files_are_read_again_once_after_their_splitting_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index made before a log's stamped lines were read as entries (its `readers` recorded without text types,
    as the askdocs before this recorded them) holds the old sentences of an unchanged text or Markdown file: status
    lists them to be read again, the next `askdocs index` reads them (and not the web page), once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "server.txt").write_text(_LOG, encoding="utf-8")
    (corpus / "server.md").write_text(_LOG, encoding="utf-8")
    (corpus / "ferry.html").write_text("<p>The ferry runs on Sundays.</p>\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with monkeypatch.context() as old:  # lines read as before: a stamped line may run on from the line before
        old.setattr("askdocs.text.blocks.log_entry", lambda before, line: False)
        old.setattr("askdocs.text.run_on.log_entry", lambda before, line: False)
        index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'readers'", ('{".csv": "3", ".docx": "4", ".tsv": "3"}',))
    assert _sentences(settings.index, "server.txt") < 12 and _sentences(settings.index, "server.md") < 12
    args = ("status", "--json", "--corpus", str(corpus), "--index", str(settings.index))
    code, out, _ = run_cli(capsys, *args)
    assert code == 0 and json.loads(out)["reread"] == ["server.md", "server.txt"]

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (2, 1)
    assert _sentences(settings.index, "server.txt") == _sentences(settings.index, "server.md") == 12
    with IndexStore.open(settings.index) as store:
        assert store.readers == READER_VERSIONS
    assert json.loads(run_cli(capsys, *args)[1])["reread"] == []

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (0, 3)  # once


def test_every_file_type_askdocs_reads_has_a_reader_version() -> None:
    """A type's version is what lets a change to its reading (or to how its text is split) reach unchanged files."""
    assert set(READER_VERSIONS) == set(SUFFIXES)


def test_a_first_build_cut_short_records_its_readers_so_the_next_run_resumes(tmp_path: Path) -> None:
    """The readers were recorded only when a run ended: the text files a first build cut short had committed were
    counted read at "1" and read (and embedded) again by the run that resumed it."""
    from askdocs.errors import ModelUnavailable
    from askdocs.index_batch import SLICE_PASSAGES
    from askdocs.indexer import EMBED_BATCH_PASSAGES
    from tests.test_indexer import FailingAfter

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = EMBED_BATCH_PASSAGES + 10
    for i in range(files):
        (corpus / f"note-{i:04d}.md").write_text(f"Note {i}: crane {i} was inspected.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    with pytest.raises(ModelUnavailable):
        index_corpus(settings, embedder=FailingAfter(calls=EMBED_BATCH_PASSAGES // SLICE_PASSAGES))
    with IndexStore.open(settings.index) as store:
        assert store.info().documents == EMBED_BATCH_PASSAGES and store.readers == READER_VERSIONS
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.added, report.changed, report.unchanged) == (10, 0, EMBED_BATCH_PASSAGES)


def test_a_reread_cut_short_resumes_where_it_stopped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The files of an upgraded type that a re-read cut short had read anew were read (and embedded) again by the
    next run, and status still counted them all: each document read since the re-read began counts as read."""
    from askdocs.errors import ModelUnavailable
    from askdocs.index_batch import SLICE_PASSAGES
    from askdocs.indexer import EMBED_BATCH_PASSAGES
    from tests.test_indexer import FailingAfter

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = EMBED_BATCH_PASSAGES + 10
    for i in range(files):
        (corpus / f"note-{i:04d}.md").write_text(f"Note {i}: crane {i} was inspected.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:  # as an askdocs that recorded no readers left it
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    args = ("status", "--json", "--corpus", str(corpus), "--index", str(settings.index))
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == files

    with pytest.raises(ModelUnavailable):
        index_corpus(settings, embedder=FailingAfter(calls=EMBED_BATCH_PASSAGES // SLICE_PASSAGES))
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == 10  # as the next run reads them
    with pytest.raises(ModelUnavailable):  # a second run cut short before it embeds a thing keeps that progress
        index_corpus(settings, embedder=FailingAfter(calls=0))
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == 10

    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (10, EMBED_BATCH_PASSAGES)
    with IndexStore.open(settings.index) as store:
        assert store.readers == READER_VERSIONS
    assert json.loads(run_cli(capsys, *args)[1])["reread"] == []
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (0, files)


def test_the_types_whose_lines_the_sentence_splitter_reads_are_those_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to how lines join into sentences must bump the version of each type whose text keeps lines: plain
    text and Markdown, and Word, whose paragraphs' manual line breaks (Shift+Enter) are split by the same rule; a
    web page's lines are not."""
    import docx

    from askdocs.ingest.documents import read_document
    from askdocs.ingest.loaders import LINES_KEPT
    from askdocs.ingest.passages import chunk_text

    lines = _LOG.splitlines()
    (tmp_path / "log.txt").write_text(_LOG, encoding="utf-8")
    (tmp_path / "log.md").write_text(_LOG, encoding="utf-8")
    (tmp_path / "log.html").write_text(f"<p>{'<br>'.join(lines)}</p>", encoding="utf-8")
    word = docx.Document()
    paragraph = word.add_paragraph()
    for n, line in enumerate(lines):
        run = paragraph.add_run(line)
        if n < len(lines) - 1:
            run.add_break()
    word.save(str(tmp_path / "log.docx"))
    documents = {p.suffix: read_document(tmp_path, p) for p in sorted(tmp_path.iterdir())}

    def sentences() -> dict[str, int]:
        return {kind: len(chunk_text(d.text, d.layout.soft_breaks)[0]) for kind, d in documents.items()}

    now = sentences()
    with monkeypatch.context() as before:  # lines joined by another rule: a stamped line runs on from the one above
        before.setattr("askdocs.text.blocks.log_entry", lambda before, line: False)
        before.setattr("askdocs.text.run_on.log_entry", lambda before, line: False)
        joined = sentences()
    split_by_rule = {kind for kind in documents if now[kind] != joined[kind]}
    assert split_by_rule == {".txt", ".md", ".docx"} == {kind for kind in documents if kind in LINES_KEPT}


def _cut_short_reread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Settings, tuple[str, ...], int]:
    """An index of Markdown notes whose readers were not recorded, and a re-read of them cut short after it
    stored all but 10 (status then counts those 10)."""
    from askdocs.errors import ModelUnavailable
    from askdocs.index_batch import SLICE_PASSAGES
    from askdocs.indexer import EMBED_BATCH_PASSAGES
    from tests.test_indexer import FailingAfter

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = EMBED_BATCH_PASSAGES + 10
    for i in range(files):
        (corpus / f"note-{i:04d}.md").write_text(f"Note {i}: crane {i} was inspected.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    with pytest.raises(ModelUnavailable):
        index_corpus(settings, embedder=FailingAfter(calls=EMBED_BATCH_PASSAGES // SLICE_PASSAGES))
    args = ("status", "--json", "--corpus", str(corpus), "--index", str(settings.index))
    return settings, args, files


def test_a_reread_is_not_skipped_when_the_documents_were_stored_by_a_clock_that_ran_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-read counted a document read when it was stored after the re-read began by the clock: documents
    stored while the clock ran an hour ahead all counted read, and a re-read cut short skipped the rest."""
    import types

    from askdocs.store import rows

    real = rows.time.time
    with monkeypatch.context() as ahead:
        ahead.setattr(rows, "time", types.SimpleNamespace(time=lambda: real() + 3600))
        settings, args, files = _cut_short_reread(tmp_path, capsys)
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == 10
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (report.changed, report.unchanged) == (10, files - 10)


def test_a_reread_under_way_is_dropped_when_another_version_recorded_other_readers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An askdocs that knows no re-reads under way synced in between (reading Markdown as it did at "1") and
    recorded its readers: what the re-read under way says it read no longer holds, and every note is read again."""
    settings, args, files = _cut_short_reread(tmp_path, capsys)
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        older = dict(READER_VERSIONS) | {".md": "1"}
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('readers', ?)", (json.dumps(older),))
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == files


def test_a_document_id_is_never_given_twice(tmp_path: Path) -> None:
    """SQLite gives a deleted highest row's id again; a document stored after it must have a greater id, for a
    re-read tells what it read by ids."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(f"Note {name}: the crane was inspected.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    with IndexStore.open(settings.index) as store:
        before = max(doc.id for doc in store.documents().values())
        store.remove_documents(["b.txt"])
    (corpus / "b.txt").unlink()
    (corpus / "c.txt").write_text("Note c: the barge was moored.\n", encoding="utf-8")
    index_corpus(settings, embedder=FakeEmbedder())
    with IndexStore.open(settings.index) as store:
        assert store.documents()["c.txt"].id > before


def test_a_run_with_nothing_to_read_again_writes_no_rereading_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run over unchanged files has no re-read to remember: it writes no mark (it wrote an empty one and
    deleted it again, two write transactions for a run with nothing to do)."""
    from askdocs.store import metadata

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("Crane 4 was inspected on Monday.\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    written: list[str] = []
    real_set = metadata.Metadata._set

    def spying(self, conn, key, value):  # noqa: ANN001, ANN202
        written.append(key)
        return real_set(self, conn, key, value)

    monkeypatch.setattr(metadata.Metadata, "_set", spying)
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.unchanged == 1
    assert metadata.REREADING_KEY not in written


def test_a_reread_under_way_is_dropped_when_an_older_askdocs_stored_a_document_meanwhile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An askdocs before re-read marks stores documents with ids it does not record (and reads them with its own
    reader) while keeping the readers as they were: a document above the recorded id says so, and every note is
    read again rather than one counted read by a reader that did not read it."""
    settings, args, files = _cut_short_reread(tmp_path, capsys)
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        top = conn.execute("SELECT max(id) FROM documents").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_document_id', ?)", (str(top - 1),))
    assert len(json.loads(run_cli(capsys, *args)[1])["reread"]) == files
