"""Files a corpus should never make askdocs read: links out of it, FIFOs, /proc; huge files; UTF-16 and -32 are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import UnreadableDocument
from askdocs.indexer import index_corpus
from askdocs.ingest.documents import discover, read_document, read_file
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus with one plain file, a link inside it, links out of it, a broken link and a FIFO."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2.")
    (folder / "x.txt").symlink_to(secret)
    (folder / "proc.txt").symlink_to("/proc/self/status")
    (folder / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_links_out_of_the_corpus_and_special_files_are_skipped_with_one_warning_each(corpus: Path) -> None:
    warnings: list[str] = []
    assert [p.name for p in discover(corpus, warnings)] == ["a.txt"]  # inside.txt is a.txt by a second name
    assert len(warnings) == 4  # x.txt, proc.txt, gone.txt, pipe.txt
    assert sum("outside the corpus" in w for w in warnings) == 2
    assert any("pipe.txt" in w and "not a regular file" in w for w in warnings)
    assert any("gone.txt" in w and "broken" in w for w in warnings)


def test_status_names_the_links_and_special_files_it_left_out(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What index warned about once, status keeps saying: each left-out file with why."""
    import json

    from askdocs.cli import main

    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    capsys.readouterr()
    main(["status", "--json", "--corpus", str(corpus), "--index", str(settings.index), "--model", "fake"])
    reasons = {row["path"]: row["reason"] for row in json.loads(capsys.readouterr().out)["skipped"]}
    assert set(reasons) == {"x.txt", "proc.txt", "gone.txt", "pipe.txt"}
    assert "outside the corpus" in reasons["x.txt"] and "broken" in reasons["gone.txt"]
    assert "not a regular file" in reasons["pipe.txt"]


def test_outside_links_can_be_allowed_explicitly_but_never_to_system_files(corpus: Path) -> None:
    warnings: list[str] = []
    names = [p.name for p in discover(corpus, warnings, outside_links=True)]
    assert "x.txt" in names and "pipe.txt" not in names and "gone.txt" not in names
    assert "proc.txt" not in names and any("proc.txt" in w and "a system file" in w for w in warnings)


def test_a_linked_folder_is_not_entered_and_says_so(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("The ferry sank on July 3, 2021.")
    (corpus / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    warnings: list[str] = []
    assert "b.txt" not in [p.name for p in discover(corpus, warnings, outside_links=True)]
    assert any(w.endswith("more: a linked folder (not entered), skipped") for w in warnings)


def test_a_fifo_is_refused_without_blocking(corpus: Path) -> None:
    with pytest.raises(UnreadableDocument, match="not a regular file"):
        read_file(corpus / "pipe.txt")


def test_indexing_never_reads_what_is_outside(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.added == 1 and len(report.warnings) == 4
    with IndexStore.open(settings.index) as store:
        texts = " ".join(store.document_text(d.id) for d in store.documents().values())
    assert "hunter2" not in texts and "VmRSS" not in texts


def test_files_over_max_file_mb_are_skipped_naming_the_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (300 * 1024))  # 1.5 MB
    with pytest.raises(UnreadableDocument, match=r"big\.txt.*max_file_mb = 1"):
        read_document(tmp_path, big, max_mb=1)
    assert read_document(tmp_path, big, max_mb=2).size == big.stat().st_size
    corpus = tmp_path / "c"
    corpus.mkdir()
    big.rename(corpus / "big.txt")
    (corpus / "small.txt").write_text("The crane collapsed.")
    settings = Settings(corpus=corpus, index=tmp_path / "i", model="fake", max_file_mb=1)
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert report.added == 1 and any("big.txt" in w for w in report.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, codec: str) -> None:
    text = "Über die Brücke fuhr am 2. Juli ein Kran. The crane crossed the bridge."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}.get(codec, b"")
    bom = b"\x00\x00\xfe\xff" if codec == "utf-32-be" else bom
    path = tmp_path / "u.txt"
    path.write_bytes(bom + text.encode(codec))
    doc = read_document(tmp_path, path)
    assert doc.text == text and doc.warning is None


def test_a_file_gone_between_scan_and_read_is_a_warning_not_a_stop(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (corpus / "b.txt").write_text("The bridge opened on July 3, 2021.")
    real = discover

    def then_delete(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        found = real(*args, **kwargs)
        (corpus / "b.txt").unlink()
        return found

    monkeypatch.setattr("askdocs.store.changes.discover", then_delete)
    report = index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    assert report.added == 1 and any("b.txt" in w for w in report.warnings)


def test_a_format_whose_library_is_missing_is_skipped_naming_it(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """An environment resolved without the HTML cleaner: each .html file is one warning, the run goes on."""
    import builtins

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    (corpus / "b.html").write_text("<html><body><p>The bridge opened on July 3, 2021.</p></body></html>")
    real_import = builtins.__import__

    def without_cleaner(name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name.startswith(("trafilatura", "lxml_html_clean")):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_cleaner)
    report = index_corpus(Settings(corpus=corpus, index=tmp_path / "i", model="fake"), embedder=FakeEmbedder())
    assert report.added == 1 and report.skipped == 1
    assert any("b.html" in w and "is not installed" in w for w in report.warnings), report.warnings
