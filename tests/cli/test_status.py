"""`askdocs status` on files no index run has tried yet: before the first index, and files added since. Binary,
empty and too-large files go with the skipped files and their reason, as an index run leaves them, not as new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.errors import EXIT_INDEX, UnreadableDocument
from askdocs.indexer import index_corpus
from askdocs.ingest.documents import foreseen_skip, read_document
from tests.support import FakeEmbedder, fake_commands, run_cli

SKIPPED = {
    "big.txt": "too large (2 MB, over max_file_mb = 1)",
    "blank.md": "empty",
    "blob.txt": "binary",
    "empty.txt": "empty",
    "empty.pdf": "empty",
    "photo.html": "binary",
}


def _project(root: Path) -> Path:
    """A project folder whose corpus holds two readable files and one of each kind a run skips."""
    corpus = root / "corpus"
    corpus.mkdir()
    (root / "askdocs.toml").write_text("max_file_mb = 1\n")
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    (corpus / "cafe.md").write_bytes("# Café\n\nThe café serves crème brûlée.\n".encode("cp1252"))
    (corpus / "big.txt").write_bytes(b"The archive grew. " * 120_000)
    (corpus / "blank.md").write_bytes(b"  \n\n")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "empty.pdf").write_bytes(b"")
    (corpus / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 100)
    return corpus


def _status(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "status", *args)


def test_before_the_first_index_status_shows_what_will_be_indexed_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = _status(capsys, "--json")
    assert code == EXIT_INDEX and err == "askdocs: error: no index at ./index (run: askdocs index --model fake)\n"
    code, _, err = _status(capsys, "--index", "elsewhere")  # a named index folder: the advice names it too
    assert code == EXIT_INDEX and err.endswith(
        f"(run: askdocs index --model fake --index {tmp_path / 'elsewhere'})\n"
    ), err
    data = json.loads(out)
    assert data["index"] is None and data["stale"] is True and data["warnings"] == []  # the keys README lists
    assert data["new"] == ["cafe.md", "ferry.txt"]
    assert {row["path"]: row["reason"] for row in data["skipped"]} == SKIPPED

    code, out, err = _status(capsys)
    assert code == EXIT_INDEX and "no index at" in err and err.count("\n") == 1
    lines = out.splitlines()
    assert lines[0] == f"index:    none yet at {tmp_path / 'index'}"
    assert lines[1] == f"corpus:   {tmp_path / 'corpus'}: 2 files to index; run: askdocs index --model fake"
    assert lines[2:5] == ["  new (2):", "    corpus/cafe.md", "    corpus/ferry.txt"]
    assert lines[5] == "skipped:  6 files will not be indexed (3 empty, 2 binary, 1 too large)"
    assert [line.split()[-1] for line in lines[6:]] == ["1)", "binary", "binary", "empty", "empty", "empty"]
    assert not (tmp_path / "index").exists()  # status never makes an index


def test_status_before_and_after_the_first_index_lists_the_same_skipped_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = json.loads(_status(capsys, "--json")[1])
    index_corpus(load_settings({"model": "fake"}, cwd=tmp_path, environ={}), embedder=FakeEmbedder())
    capsys.readouterr()
    code, out, _ = _status(capsys, "--json")
    after = json.loads(out)
    assert code == 0 and after["stale"] is False and after["new"] == []
    assert after["skipped"] == before["skipped"]


def test_files_added_after_an_index_that_the_next_run_would_skip_are_not_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon.\n")
    monkeypatch.chdir(tmp_path)
    index_corpus(load_settings({"model": "fake"}, cwd=tmp_path, environ={}), embedder=FakeEmbedder())
    (corpus / "later.md").write_bytes(b"")
    (corpus / "scan.txt").write_bytes(b"\x00\x01" * 100)
    (corpus / "tides.txt").write_text("The tide tables changed in April.\n")
    capsys.readouterr()
    code, out, _ = _status(capsys)
    assert code == 0 and "stale (1 new)" in out and "    corpus/tides.txt" in out
    assert "skipped:  2 files not indexed (1 binary, 1 empty)" in out
    assert "    corpus/later.md  empty\n" in out and "    corpus/scan.txt  binary\n" in out


def test_a_foreseen_skip_is_the_message_reading_the_file_gives(tmp_path: Path) -> None:
    corpus = _project(tmp_path)
    german = "Über die Brücke fuhr am 2. Juli ein Kran.\n" * 400  # past the bytes looked at
    (corpus / "german.txt").write_bytes(german.encode("utf-16"))
    (corpus / "short16.md").write_bytes("# Kran\n".encode("utf-16"))
    (corpus / "odd16.txt").write_bytes(b"\xff\xfe" + "Ein Kran.".encode("utf-16-le")[:-1])  # cut mid-character
    (corpus / "cafe-long.txt").write_bytes(("Le café est ouvert. " * 600).encode("cp1252"))
    (corpus / "spaces.txt").write_bytes(b" \n" * 100)
    for path in sorted(corpus.iterdir()):
        foreseen = foreseen_skip(path, max_mb=1)
        try:
            read_document(corpus, path, max_mb=1)
            read = None
        except UnreadableDocument as exc:
            read = str(exc)
        assert foreseen == read, path.name
    assert foreseen_skip(corpus / "german.txt") is None and "binary" in str(foreseen_skip(corpus / "odd16.txt"))


def _pdfs(corpus: Path) -> None:
    """Real PDFs: the committed report, scanned, encrypted and damaged ones, text drawn only through a form (which
    the reader leaves out), and readable ones that look odd: a scanned page before a page of text, and an encrypted
    file that needs no password."""
    from PIL import Image
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    data = Path(__file__).parents[1] / "data"
    for source in (data / "formats" / "report.pdf", *sorted((data / "broken").glob("*.pdf"))):
        (corpus / source.name).write_bytes(source.read_bytes())
    form = canvas.Canvas(str(corpus / "form.pdf"), invariant=1)
    form.beginForm("letterhead")
    form.drawString(72, 700, "The harbour office opens at nine.")
    form.endForm()
    form.doForm("letterhead")
    form.showPage()
    form.save()
    mixed = canvas.Canvas(str(corpus / "mixed.pdf"), invariant=1)
    mixed.drawImage(ImageReader(Image.new("L", (300, 60), 128)), 72, 600, width=300, height=60)
    mixed.showPage()
    mixed.drawString(72, 700, "The second page has words.")
    mixed.showPage()
    mixed.save()
    opened = canvas.Canvas(str(corpus / "open.pdf"), invariant=1, encrypt=StandardEncryption("", ownerPassword="o"))
    opened.drawString(72, 700, "Anyone may read this sentence.")
    opened.showPage()
    opened.save()


def test_status_before_the_first_index_counts_unreadable_pdfs_as_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _pdfs(corpus)
    for path in sorted(corpus.iterdir()):  # what status foresees is what reading the file says
        try:
            read_document(corpus, path)
            read = None
        except UnreadableDocument as exc:
            read = str(exc)
        assert foreseen_skip(path) == read, path.name
    monkeypatch.chdir(tmp_path)
    code, out, _ = _status(capsys)
    assert code == EXIT_INDEX
    assert f"{corpus}: 3 files to index;" in out
    assert "skipped:  4 files will not be indexed (2 no text layer; OCR is not enabled, 1 damaged PDF, 1 enc" in out
    assert "    corpus/scanned.pdf    no text layer; OCR is not enabled\n" in out
    assert "    corpus/encrypted.pdf  encrypted PDF (a password is needed)\n" in out


def test_a_stale_index_held_by_a_running_index_or_watch_says_so_before_suggesting_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A watch keeps the documents of a corpus folder that went empty: `status` meanwhile says the index is held,
    not only "run: askdocs index", which would be refused while the watch runs and remove them once it ends."""
    from askdocs.store.run_lock import index_lock

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon.\n")
    monkeypatch.chdir(tmp_path)
    index_corpus(load_settings({"model": "fake"}, cwd=tmp_path, environ={}), embedder=FakeEmbedder())
    (corpus / "ferry.txt").unlink()
    capsys.readouterr()
    code, out, _ = _status(capsys)
    assert code == 0 and "stale (1 removed); run: askdocs index" in out and "holds the index" not in out
    with index_lock(tmp_path / "index"):
        code, out, _ = _status(capsys)
    assert code == 0 and "stale (1 removed); an askdocs index or watch holds the index now: once it ends, run:" in out


def test_an_onnx_index_whose_export_record_is_gone_is_a_warning_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """model.json gone from an index built with ONNX: questions take the slower PyTorch model and still answer, so
    `status` names the missing file and the command that makes it again as a warning (exit 0), not as damage."""
    from askdocs.encoders.choose import Choice
    from askdocs.encoders.onnx import EXPORT_TAG, REPAIR

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    fake_commands(monkeypatch, tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", lambda *a, **k: Choice(FakeEmbedder(), "onnx-int8"))
    assert run_cli(capsys, "index")[0] == 0
    assert not (tmp_path / "index" / EXPORT_TAG).exists()
    warning = f"askdocs: warning: {EXPORT_TAG}: missing (the record of the ONNX export), so questions use the slower"
    for args in ([], ["--check"]):
        code, out, err = _status(capsys, *args)
        assert code == 0 and "damaged" not in out + err and "1 document" in out, err
        fix = REPAIR.replace("askdocs index", "askdocs index --model fake")  # the command the user ran with
        assert err.startswith(warning) and err.endswith(f"; {fix}\n") and err.count("\n") == 1
    code, out, err = _status(capsys, "--check")
    assert "ONNX export not in use (see the warning)" in out and "ONNX export ok" not in out
    code, out, err = _status(capsys, "--json")
    data = json.loads(out)
    assert code == 0 and "check" not in data and data["warnings"] == [err.removeprefix("askdocs: warning: ").strip()]


def test_status_check_on_an_index_without_an_onnx_export_says_questions_use_pytorch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index built with the PyTorch model (no ONNX export was made, or none passed its check): `status --check`
    says so rather than "ONNX export ok"."""
    from askdocs.encoders.choose import Choice

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    fake_commands(monkeypatch, tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_indexing", lambda *a, **k: Choice(FakeEmbedder(), "torch"))
    assert run_cli(capsys, "index")[0] == 0
    code, out, err = _status(capsys, "--check")
    assert code == 0 and err == "", err
    assert "no ONNX export (questions use the PyTorch model)" in out and "ONNX export ok" not in out


def test_status_lists_unchanged_files_the_next_index_reads_again_for_a_new_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index made before a type's reader changed (no `readers` recorded: every type at "1") has its unchanged
    files of that type read again by the next `askdocs index`: status counts them as pending work, and lists them."""
    import sqlite3

    from askdocs.store.index_store import DB_FILE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "parts.csv").write_text("part,count\nbolt,2\nnut,10\n")
    (corpus / "stock.tsv").write_text("part\tcount\nwasher\t7\n")
    (corpus / "ferry.html").write_text("<p>The ferry left at noon.</p>\n")  # a type whose reader is at "1"
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"model": "fake"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=FakeEmbedder())
    capsys.readouterr()
    code, out, _ = _status(capsys)
    assert code == 0 and "up to date" in out and "reread" not in out
    with sqlite3.connect(settings.index / DB_FILE) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'readers'")
    code, out, _ = _status(capsys, "--json")
    data = json.loads(out)
    assert code == 0 and data["stale"] is True and data["reread"] == ["parts.csv", "stock.tsv"]
    assert data["new"] == data["changed"] == data["removed"] == []
    code, out, _ = _status(capsys)
    assert code == 0 and "stale (2 reread); run: askdocs index" in out, out
    assert "  reread (2; unchanged, but their type's reader changed since" in out and "    corpus/parts.csv\n" in out
    index_corpus(settings, embedder=FakeEmbedder())
    code, out, _ = _status(capsys, "--json")
    assert json.loads(out)["reread"] == [] and json.loads(out)["stale"] is False
