"""IndexStore and Indexer with a fake embedder: sync decisions, transactions, the derived FAISS file."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from askdocs.errors import IndexMissing, IndexUnusable
from askdocs.indexer import compare, index_corpus
from askdocs.retrieval import Retriever
from askdocs.store.index_store import DB_FILE, IndexStore
from askdocs.store.vectors import FAISS_FILE, META_FILE, VectorIndex
from tests.support import FakeEmbedder


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sync_adds_changes_removes_and_skips(fake_settings) -> None:
    emb = FakeEmbedder()
    report = index_corpus(fake_settings, embedder=emb)
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 0, 0, 0)
    first_embedded = len(emb.encoded)
    assert first_embedded == report.passages > 0

    report = index_corpus(fake_settings, embedder=emb)
    assert (report.added, report.unchanged, report.passages) == (0, 1, 0)
    assert len(emb.encoded) == first_embedded

    extra = _write(fake_settings.corpus, "extra.txt", "A volcano erupted in Iceland on Friday. Flights were grounded.")
    report = index_corpus(fake_settings, embedder=emb)
    assert (report.added, report.unchanged) == (1, 1)
    assert emb.encoded[first_embedded:] == ["A volcano erupted in Iceland on Friday. Flights were grounded."]

    extra.write_text("A glacier melted in Norway. Roads were closed.", encoding="utf-8")
    report = index_corpus(fake_settings, embedder=emb)
    assert (report.changed, report.unchanged) == (1, 1)

    extra.unlink()
    report = index_corpus(fake_settings, embedder=emb)
    assert (report.removed, report.total_documents) == (1, 1)


def test_touched_file_with_same_content_is_not_reembedded(fake_settings) -> None:
    import os

    emb = FakeEmbedder()
    index_corpus(fake_settings, embedder=emb)
    before = len(emb.encoded)
    path = next(fake_settings.corpus.iterdir())
    os.utime(path, (1_000_000, 1_000_000))
    report = index_corpus(fake_settings, embedder=emb)
    assert (report.changed, report.unchanged, len(emb.encoded)) == (0, 1, before)
    with IndexStore.open(fake_settings.index) as store:
        assert not compare(fake_settings.corpus, store.documents()).stale


def test_unreadable_files_warn_and_do_not_stop_the_run(fake_settings) -> None:
    (fake_settings.corpus / "bin.txt").write_bytes(b"\x00\x00\x01")
    (fake_settings.corpus / "empty.md").write_text("   \n")
    report = index_corpus(fake_settings, embedder=FakeEmbedder())
    assert report.added == 1
    assert len(report.warnings) == 2 and any("bin.txt" in w for w in report.warnings)


def test_every_passage_and_sentence_slices_back_to_the_document(fake_settings) -> None:
    _write(fake_settings.corpus, "crlf.txt", "Première ligne — café.\r\nSecond line here! Third? Yes.\r\n")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    with IndexStore.open(fake_settings.index) as store:
        for doc in store.documents().values():
            text = store.document_text(doc.id)
            ids, _ = store.embeddings()
            for p in store.passages(ids.tolist()).values():
                if p.doc_id == doc.id:
                    assert text[p.start : p.end] == p.text
                    for s in store.sentences(doc.id, p.first_sentence, p.last_sentence):
                        assert text[s.start : s.end] == s.text
                        assert s.line == text.count("\n", 0, s.start) + 1


def test_faiss_file_is_rebuilt_from_stored_embeddings_not_the_model(fake_settings) -> None:
    emb = FakeEmbedder()
    index_corpus(fake_settings, embedder=emb)
    (fake_settings.index / FAISS_FILE).unlink()
    calls = len(emb.encoded)
    with IndexStore.open(fake_settings.index) as store:
        vectors = store.vectors()
        assert vectors.count == store.info().passages
        ids, matrix = store.embeddings()
        best = vectors.search(matrix[0], 1)
        assert best[0][0] == ids[0] and best[0][1] == pytest.approx(1.0, abs=1e-5)
    assert len(emb.encoded) == calls
    assert (fake_settings.index / FAISS_FILE).exists() and (fake_settings.index / META_FILE).exists()


def test_stale_faiss_tag_forces_rebuild(fake_settings) -> None:
    index_corpus(fake_settings, embedder=FakeEmbedder())
    meta = fake_settings.index / META_FILE
    meta.write_text(meta.read_text().replace('"count"', '"count_old"'))
    with IndexStore.open(fake_settings.index) as store:
        assert store.vectors().count == store.info().passages


def test_a_transaction_whose_connection_an_interrupt_closed_ends_quietly(tmp_path: Path) -> None:
    """Ctrl-C may close the index's connection while a writer is inside a transaction: ending the transaction then
    (the interrupt reaching it, or the generator collected at exit) re-raises the interrupt, never a
    "Cannot operate on a closed database" traceback in its place."""
    import sqlite3

    from askdocs.store.files import transaction

    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    manager = transaction(conn)
    manager.__enter__()
    conn.close()
    interrupt = KeyboardInterrupt()
    assert manager.__exit__(KeyboardInterrupt, interrupt, None) is False  # the interrupt goes on, as it was
    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    suspended = transaction.__wrapped__(conn)
    next(suspended)
    conn.close()
    suspended.close()  # what collecting it at exit does: no error of its own
    from askdocs.store import vector_log

    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    reading = vector_log._reading.__wrapped__(conn)
    next(reading)
    conn.close()
    reading.close()


def test_failed_transaction_leaves_the_index_as_it_was(fake_settings, monkeypatch) -> None:
    index_corpus(fake_settings, embedder=FakeEmbedder())
    _write(fake_settings.corpus, "new.txt", "Something happened in Lisbon. It was big news.")
    import askdocs.store.index_store as store_mod

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store_mod, "insert_document", boom)
    with pytest.raises(KeyboardInterrupt):
        index_corpus(fake_settings, embedder=FakeEmbedder())
    monkeypatch.undo()
    with IndexStore.open(fake_settings.index) as store:
        assert list(store.documents()) == ["mexico-cartel-arrests.txt"]
    report = index_corpus(fake_settings, embedder=FakeEmbedder())
    assert (report.added, report.unchanged) == (1, 1)


def test_interrupted_rebuild_keeps_the_old_index(fake_settings, monkeypatch) -> None:
    index_corpus(fake_settings, embedder=FakeEmbedder())
    import askdocs.index_pipeline as pipeline_mod

    monkeypatch.setattr(pipeline_mod.Pipeline, "_flush", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        index_corpus(fake_settings, embedder=FakeEmbedder(), rebuild=True)
    assert not (fake_settings.index / (DB_FILE + ".rebuild")).exists()
    with IndexStore.open(fake_settings.index) as store:
        assert store.info().documents == 1


def test_a_rebuild_never_reads_the_faiss_file_of_the_index_it_replaces(fake_settings, monkeypatch) -> None:
    """That file is another index file's and is always rebuilt: hashing and reading it first was wasted (hundreds
    of MB at a million passages). The rebuilt index saves its own, which later runs load."""
    index_corpus(fake_settings, embedder=FakeEmbedder())
    old_tag = VectorIndex.saved_tag(fake_settings.index)
    loads: list[Path] = []
    real_load = VectorIndex.load.__func__

    def counted(cls, folder: Path, *args, **kwargs):  # noqa: ANN001, ANN202
        loads.append(folder)
        return real_load(cls, folder, *args, **kwargs)

    monkeypatch.setattr(VectorIndex, "load", classmethod(counted))
    index_corpus(fake_settings, embedder=FakeEmbedder(), rebuild=True)
    assert loads == []
    new_tag = VectorIndex.saved_tag(fake_settings.index)
    assert new_tag is not None and new_tag.split(":")[0] != old_tag.split(":")[0]
    with IndexStore.open(fake_settings.index) as store:
        assert store.vectors().tag == new_tag and loads == [fake_settings.index]  # its own file is loaded


def test_missing_corrupt_and_other_model_indexes_are_refused(fake_settings) -> None:
    with pytest.raises(IndexMissing):
        IndexStore.open(fake_settings.index)
    index_corpus(fake_settings, embedder=FakeEmbedder())
    with pytest.raises(IndexUnusable, match="--rebuild"):
        Retriever.open(replace(fake_settings, model="other-model"), embedder=FakeEmbedder())
    with pytest.raises(IndexUnusable, match="--rebuild"):
        index_corpus(replace(fake_settings, model="other-model"), embedder=FakeEmbedder())
    (fake_settings.index / DB_FILE).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(IndexUnusable):
        IndexStore.open(fake_settings.index)


def test_hybrid_search_finds_exact_words_and_removed_documents_vanish(fake_settings) -> None:
    _write(fake_settings.corpus, "zebra.txt", "The zebra crossing on Elm Street was repainted in 2019.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    retriever = Retriever.open(fake_settings, embedder=FakeEmbedder())
    hits = retriever.search("zebra crossing", 3)
    assert hits[0].passage.path == "zebra.txt" and hits[0].lexical_rank == 1
    retriever.close()
    (fake_settings.corpus / "zebra.txt").unlink()
    index_corpus(fake_settings, embedder=FakeEmbedder())
    retriever = Retriever.open(fake_settings, embedder=FakeEmbedder())
    assert all(h.passage.path != "zebra.txt" for h in retriever.search("zebra crossing", 5))
    retriever.close()


def test_embeddings_are_float32_blobs(fake_settings) -> None:
    index_corpus(fake_settings, embedder=FakeEmbedder())
    with IndexStore.open(fake_settings.index) as store:
        ids, matrix = store.embeddings()
        assert matrix.dtype == np.float32 and matrix.shape == (len(ids), 64)
        assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def _many_files(folder: Path, count: int) -> None:
    for i in range(count):
        _write(folder, f"note{i:03}.txt", f"Note {i}: the council of district {i} approved budget line {i * 3}.")


def test_one_changed_document_follows_the_faiss_file_through_the_log_without_rewriting_it(fake_settings) -> None:
    import sqlite3

    _many_files(fake_settings.corpus, 40)
    index_corpus(fake_settings, embedder=FakeEmbedder())
    faiss_file = fake_settings.index / FAISS_FILE
    saved = faiss_file.stat().st_mtime_ns, faiss_file.read_bytes()
    _write(fake_settings.corpus, "zebra.txt", "The zebra crossing on Elm Street was repainted in 2019.")
    (fake_settings.corpus / "note000.txt").unlink()
    report = index_corpus(fake_settings, embedder=FakeEmbedder())
    assert (report.added, report.removed) == (1, 1)
    assert (faiss_file.stat().st_mtime_ns, faiss_file.read_bytes()) == saved  # small change: file untouched
    retriever = Retriever.open(fake_settings, embedder=FakeEmbedder())
    vectors = retriever.store.vectors()
    assert vectors.count == retriever.store.info().passages and vectors.pending >= 2
    assert retriever.search("zebra crossing", 1)[0].passage.path == "zebra.txt"
    assert all(h.passage.path != "note000.txt" for h in retriever.search("council district 0 approved budget", 10))
    ids, matrix = retriever.store.embeddings()
    for pid, vec in zip(ids.tolist(), matrix, strict=True):  # every live passage is found, at its own vector
        assert dict(vectors.search(vec, 5))[pid] == pytest.approx(1.0, abs=1e-5)
    retriever.close()
    with sqlite3.connect(fake_settings.index / DB_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM vector_log").fetchone()[0] >= 2


def test_large_changes_rewrite_the_faiss_file_and_prune_the_log(fake_settings, monkeypatch) -> None:
    import sqlite3

    import askdocs.store.vector_log as vector_log

    index_corpus(fake_settings, embedder=FakeEmbedder())
    monkeypatch.setattr(vector_log, "COMPACT_MINIMUM", 0)
    monkeypatch.setattr(vector_log, "COMPACT_FRACTION", 0.0)
    _write(fake_settings.corpus, "zebra.txt", "The zebra crossing on Elm Street was repainted in 2019.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    with IndexStore.open(fake_settings.index) as store:
        assert store.vectors().pending == 0
    with sqlite3.connect(fake_settings.index / DB_FILE) as conn:
        assert VectorIndex.saved_tag(fake_settings.index) == vector_log.state_tag(conn)
    with sqlite3.connect(fake_settings.index / DB_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM vector_log").fetchone()[0] == 0


def test_an_index_older_than_the_log_is_rebuilt_not_followed(fake_settings) -> None:
    import sqlite3

    index_corpus(fake_settings, embedder=FakeEmbedder())
    with sqlite3.connect(fake_settings.index / DB_FILE) as conn:
        conn.execute("DROP TABLE vector_log")
        conn.execute("DELETE FROM meta WHERE key = 'vector_log_from'")
    _write(fake_settings.corpus, "zebra.txt", "The zebra crossing on Elm Street was repainted in 2019.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    retriever = Retriever.open(fake_settings, embedder=FakeEmbedder())
    assert retriever.search("zebra crossing", 1)[0].passage.path == "zebra.txt"
    assert retriever.store.vectors().count == retriever.store.info().passages
    retriever.close()


def test_documents_committed_together_are_all_or_nothing(fake_settings, monkeypatch) -> None:
    import askdocs.index_pipeline as pipeline_mod
    import askdocs.store.index_store as store_mod

    monkeypatch.setattr(pipeline_mod, "COMMIT_DOCUMENTS", 10)
    _many_files(fake_settings.corpus, 5)
    calls = {"n": 0}
    real = store_mod.insert_document

    def fail_late(*args: object) -> list[int]:
        calls["n"] += 1
        if calls["n"] > 3:  # after three documents of the group were written
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(store_mod, "insert_document", fail_late)
    with pytest.raises(KeyboardInterrupt):
        index_corpus(fake_settings, embedder=FakeEmbedder())
    monkeypatch.undo()
    with IndexStore.open(fake_settings.index) as store:
        assert store.info().documents == 0  # the group failed as a whole; the index is still a valid empty one
    report = index_corpus(fake_settings, embedder=FakeEmbedder())
    assert report.added == 6


def test_bounded_lexical_search_equals_bm25_when_small_and_keeps_rare_words_when_large(fake_settings) -> None:
    import sqlite3

    from askdocs.answering.query import parse_query
    from askdocs.store.fts import bounded_bm25

    _many_files(fake_settings.corpus, 40)
    _write(fake_settings.corpus, "zebra.txt", "The council saw a zebra crossing on Elm Street in district 7.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    fts = parse_query("council zebra district").fts
    with IndexStore.open(fake_settings.index) as store:
        bounded = store.lexical(fts, 10)
        zebra = store.document("zebra.txt").id
    with sqlite3.connect(fake_settings.index / DB_FILE) as conn:
        sql = "SELECT rowid, bm25(passages_fts) AS s FROM passages_fts WHERE passages_fts MATCH ? ORDER BY s LIMIT ?"
        assert bounded == [(int(r[0]), -float(r[1])) for r in conn.execute(sql, (fts, 10))]
        small = bounded_bm25(conn, "passages_fts", fts, 10, budget=5)  # "council" and "district" are too common
        assert small and len(small) <= 5
        ids = [pid for pid, _ in small]
        doc_of = dict(conn.execute("SELECT id, doc_id FROM passages").fetchall())
        assert doc_of[ids[0]] == zebra
        everything_common = bounded_bm25(conn, "passages_fts", parse_query("council district").fts, 10, budget=5)
        assert 0 < len(everything_common) <= 10


def test_match_counts_are_exact_up_to_the_cap_and_estimated_above() -> None:
    """A common word's sentence frequency (for IDF) costs at most ~cap rows to count; rare words stay exact."""
    import sqlite3

    from askdocs.store.fts import count_matches

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    rows = [("harbour " if i % 3 == 0 else "") + f"row {i} zebra" * (i == 500) for i in range(3000)]
    conn.executemany("INSERT INTO t(text) VALUES (?)", [(r,) for r in rows])
    assert count_matches(conn, "t", '"zebra"', cap=100) == 1
    assert count_matches(conn, "t", '"harbour"', cap=2000) == 1000
    estimate = count_matches(conn, "t", '"harbour"', cap=100)
    assert 900 <= estimate <= 1100
    assert count_matches(conn, "t", '"absent"', cap=100) == 0


def test_sentences_matching_anywhere_come_best_first_with_their_documents(fake_settings) -> None:
    _write(fake_settings.corpus, "a.txt", "The zebra escaped. Nobody saw it. The keeper found the zebra near the gate.")
    _write(fake_settings.corpus, "b.txt", "A zebra crossing was painted. The gate was closed.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    with IndexStore.open(fake_settings.index) as store:
        found = store.sentence_search.lexical('"zebra" OR "gate"', 10)
    assert {s.path for s in found} == {"a.txt", "b.txt"}
    assert all("zebra" in s.text.lower() or "gate" in s.text.lower() for s in found)
    assert "zebra" in found[0].text.lower() and "gate" in found[0].text.lower()
