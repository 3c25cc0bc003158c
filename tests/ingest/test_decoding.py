"""Bytes to text as people's files come: byte order marks kept out of quotes and titles (offsets into the file
still exact),
Windows-1252 / Latin-1 files read as such, and binary files still skipped."""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import UnreadableDocument
from askdocs.indexer import index_corpus
from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder

BOM = b"\xef\xbb\xbf"
FERRY = "Harbour report\n\nThe ferry left at noon. It carried forty passengers.\n"
KEEPER = "Second report\n\nThe lighthouse keeper retired in March after thirty years.\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("one.txt", BOM + FERRY.encode()),
        ("twice.txt", BOM + BOM + FERRY.encode()),  # saved twice by a tool that adds one each time
        ("joined.txt", BOM + FERRY.encode() + BOM + KEEPER.encode()),  # cat a.txt b.txt
        ("joined.md", BOM + ("# " + FERRY).encode() + BOM + ("## " + KEEPER).encode()),
        ("utf16.txt", (FERRY + "\ufeff" + KEEPER).encode("utf-16")),
        ("page.html", BOM + b"<html><head><title>\xef\xbb\xbfHarbour</title></head><body><article><p>"
         + BOM + b"The ferry left at noon. It carried forty passengers across the bay that morning.</p>"
         + b"<p>&#xfeff;The lighthouse keeper retired in March after thirty years.</p></article></body></html>"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_no_byte_order_mark_reaches_the_text_the_title_or_a_quote(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_document(tmp_path, path)
    assert not doc.text.startswith("\ufeff") and "\ufeff" not in doc.title and doc.warning is None
    assert doc.title.startswith("Harbour")
    sentences, chunks = chunk_text(doc.text)
    assert any(s.text.startswith("The ferry left at noon.") for s in sentences)
    if not name.startswith(("one", "twice")):
        assert any(s.text.startswith("The lighthouse keeper") or s.text == "Second report" for s in sentences)
    for piece in [*sentences, *chunks]:
        assert doc.text[piece.start : piece.end] == piece.text
        assert not piece.text.startswith("\ufeff") and not piece.text.endswith("\ufeff")
    if path.suffix in (".txt", ".md") and not name.startswith("utf16"):
        # a mark inside the file goes to its line's end as a space: every line keeps its length and its offsets
        lines = data.decode("utf-8").lstrip("\ufeff").split("\n")
        assert [len(line) for line in doc.text.split("\n")] == [len(line) for line in lines] or path.suffix == ".md"
        assert "\ufeff" not in doc.text


def test_a_joined_file_keeps_its_offsets_and_its_sentences_are_quoted_without_the_mark(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "joined.txt").write_bytes(BOM + FERRY.encode() + BOM + KEEPER.encode())
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder())
    with IndexStore.open(settings.index) as store:
        (stored,) = store.documents().values()
        text = store.document_text(stored.id)
        sentences = store.sentences(stored.id, 0, 100)
    assert stored.title == "Harbour report" and text == FERRY + KEEPER.replace("\n", " \n", 1)  # the mark: a space
    assert [s.text for s in sentences if "Second" in s.text or "keeper" in s.text][0] == "Second report"
    for s in sentences:
        assert text[s.start : s.end] == s.text and "\ufeff" not in s.text


def test_a_windows_1252_file_is_read_as_such_with_a_warning_naming_it(tmp_path: Path) -> None:
    text = "Café notes\n\nThe café on Rue Dupré serves crème brûlée – its owner says “always”, for 5 €.\n"
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = read_document(tmp_path, path)
    assert doc.text == text and doc.title == "Café notes"
    assert doc.warning == f"{path}: not valid UTF-8, read as Windows-1252"


def test_latin_1_bytes_windows_1252_leaves_undefined_are_one_character_each(tmp_path: Path) -> None:
    """They decode as their Latin-1 characters, C1 controls, which are blanked: a space each, so offsets hold."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 au lait, \x81 and \x8d.".encode("latin-1"))  # 0x81 and 0x8D: no Windows-1252 character
    assert read_document(tmp_path, path).text == "Caf\xe9 au lait,   and  ."


def test_a_utf8_file_with_one_stray_windows_1252_byte_keeps_its_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_bytes("Über die Brücke – 2 Juli.\n".encode() + "Appended in Notepad: déjà vu.\n".encode("cp1252"))
    doc = read_document(tmp_path, path)
    assert doc.text == "Über die Brücke – 2 Juli.\nAppended in Notepad: déjà vu.\n"
    assert doc.warning is not None and "Windows-1252" in doc.warning


def _noise(size: int, seed: int) -> bytes:
    """Random bytes with no NUL byte: binary that the NUL test alone would take for text."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("archive.txt", gzip.compress(b"The ferry left at noon. " * 200)),
        ("deflated.md", zlib.compress(bytes(range(256)) * 8)),
        ("noise.txt", _noise(4000, 1)),
        ("noise.html", _noise(20000, 2)),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + _noise(3000, 3)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_binary_files_are_still_skipped(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=": binary, skipped"):
        read_document(tmp_path, path)


def test_an_empty_file_of_any_format_has_no_text(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.pdf", "empty.docx", "empty.epub"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(UnreadableDocument, match=rf"{name}: empty, skipped"):
            read_document(tmp_path, tmp_path / name)
