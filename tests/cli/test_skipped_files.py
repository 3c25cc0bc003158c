"""The files left out of the index, through the command line: a first `askdocs index`, a later one and `askdocs
status` count the same files, and every one of them words each reason alike, from one place."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from askdocs.errors import EXIT_INDEX, UnreadableDocument
from askdocs.ingest.documents import foreseen_skip, read_document
from tests.support import fake_commands, run_cli

FORMATS = Path(__file__).parents[1] / "data" / "formats"
"""Sound files of each format."""

REASONS = {
    "blob.txt": "binary",
    "empty.txt": "empty",
    "random.docx": "damaged Word file (File is not a zip file)",
    "broken.pdf": "damaged PDF (Unexpected EOF)",
}
"""Each file of the corpus `_corpus` makes that no run indexes for a fault of its own, with the reason `status`
gives; photo.png, of a type askdocs does not read, is counted apart."""


def _corpus(root: Path) -> Path:
    """A corpus of two good files and one of each kind a run leaves out: binary, empty, a .docx of random bytes, a
    damaged PDF, and a file of a type askdocs does not read."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    (corpus / "notes.md").write_text("# Harbour\n\nThe harbour crane was repaired in March.\n")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "random.docx").write_bytes(bytes((i * 131 + 7) % 256 for i in range(4000)))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage garbage\n")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return corpus


def _summary(out: str) -> str:
    """The summary line of an `askdocs index` run."""
    return next(line for line in out.splitlines() if " added, " in line)


def _listed(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, str]]:
    """`askdocs status --json`: its exit code and the skipped files it lists, with their reasons."""
    code, out, _ = run_cli(capsys, "status", "--json")
    return code, {row["path"]: row["reason"] for row in json.loads(out)["skipped"]}


def _unsupported(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The files `askdocs status --json` lists as of a type askdocs does not read."""
    return json.loads(run_cli(capsys, "status", "--json")[1])["unsupported"]


def test_a_first_index_a_later_one_and_status_count_the_same_skipped_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """They said 5, then 0 (the earlier run's skips not counted again), while status listed them all: now each
    counts every file left out, and a later run says how many it did not name again; the file of a type askdocs
    does not read is counted apart by all three."""
    _corpus(tmp_path)
    fake_commands(monkeypatch, tmp_path)
    why = "1 binary, 1 damaged PDF, 1 damaged Word file, 1 empty"  # a fourth kind is said, not hidden as "..."
    code, out, err = run_cli(capsys, "index")
    assert code == 0 and f", 4 skipped ({why}), 1 not supported (1 .png);" in _summary(out), out + err
    code, out, err = run_cli(capsys, "index")
    again = f", 4 skipped ({why}; 4 unchanged since an earlier run skipped them), 1 not supported (1 .png);"
    assert code == 0 and again in _summary(out), out + err
    assert _listed(capsys) == (0, REASONS) and _unsupported(capsys) == ["photo.png"]
    code, out, _ = run_cli(capsys, "status")
    assert "skipped:  4 files not indexed (1 binary, 1 damaged PDF, 1 damaged Word file, 1 empty)" in out
    assert "not read: 1 file not supported (1 .png)" in out


def test_files_of_a_type_askdocs_does_not_read_are_counted_apart_from_files_skipped_for_a_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of pictures beside one damaged file said "5 skipped", as if five files had failed: the summary of
    a first run, of a later one and `status` (text and JSON) now say 1 skipped, damaged, and 4 not supported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    (corpus / "random.docx").write_bytes(bytes((i * 131 + 7) % 256 for i in range(4000)))
    for name in ("a.png", "b.png", "c.PNG", "d.jpg"):
        (corpus / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    fake_commands(monkeypatch, tmp_path)
    said = "not read: 4 files not supported (3 .png, 1 .jpg)"
    code, out, _ = run_cli(capsys, "status")
    assert code == EXIT_INDEX and "skipped:  1 file will not be indexed (1 damaged Word file)\n" in out and said in out
    code, out, err = run_cli(capsys, "index")
    first = ", 1 skipped (1 damaged Word file), 4 not supported (3 .png, 1 .jpg);"
    assert code == 0 and first in _summary(out), out + err
    code, out, err = run_cli(capsys, "index")
    later = ", 1 skipped (1 damaged Word file; 1 unchanged since an earlier run skipped it), 4 not supported ("
    assert code == 0 and later in _summary(out), out + err
    code, out, _ = run_cli(capsys, "status")
    assert code == 0 and "skipped:  1 file not indexed (1 damaged Word file)\n" in out and said in out
    assert _listed(capsys) == (0, {"random.docx": REASONS["random.docx"]})
    assert _unsupported(capsys) == ["a.png", "b.png", "c.PNG", "d.jpg"]


def test_status_before_the_first_index_lists_a_damaged_word_file_as_skipped_not_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .docx of random bytes was listed as new while `index` skipped it as damaged; a damaged PDF was foreseen."""
    _corpus(tmp_path)
    fake_commands(monkeypatch, tmp_path)
    code, out, _ = run_cli(capsys, "status", "--json")
    data = json.loads(out)
    assert code == EXIT_INDEX and data["new"] == ["ferry.txt", "notes.md"] and data["unsupported"] == ["photo.png"]
    assert {row["path"]: row["reason"] for row in data["skipped"]} == REASONS


def test_index_and_status_word_each_reason_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`index` said "binary file" and "no text" where `status` said "binary" and "empty"."""
    _corpus(tmp_path)
    fake_commands(monkeypatch, tmp_path)
    code, _, err = run_cli(capsys, "index")
    warned = dict(re.findall(r"^askdocs: warning: corpus/(\S+): (.+), skipped$", err, re.MULTILINE))
    assert code == 0 and warned == REASONS, err
    assert _listed(capsys)[1] == REASONS


def test_a_word_or_epub_file_that_is_no_zip_is_foreseen_as_its_reader_skips_it(tmp_path: Path) -> None:
    """A zip archive that is no Word or EPUB file (a zip of a .txt) was listed as new until a run skipped it: now
    it is foreseen, as is one that lacks a part its reader opens, in the reader's words; sound files are not."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("random.docx", "random.epub"):
        (corpus / name).write_bytes(bytes((i * 131 + 7) % 256 for i in range(4000)))
    for name in ("nodoc.docx", "nobook.epub"):
        with zipfile.ZipFile(corpus / name, "w") as package:
            package.writestr("a.txt", "hello")
    for sound, lacks in (
        ("minutes.docx", "word/document.xml"),
        ("minutes.docx", "word/styles.xml"),
        ("book.epub", "OEBPS/book.opf"),
        ("book.epub", "OEBPS/text/two.xhtml"),
    ):
        with (
            zipfile.ZipFile(FORMATS / sound) as whole,
            zipfile.ZipFile(corpus / f"no-{Path(lacks).name}-{sound}", "w") as cut,
        ):
            for entry in whole.infolist():
                if entry.filename != lacks:
                    cut.writestr(entry, whole.read(entry))
    for path in sorted(corpus.iterdir()):
        try:
            read_document(corpus, path)
            read = None
        except UnreadableDocument as exc:
            read = str(exc)
        assert read is not None and "damaged" in read, path.name
        assert foreseen_skip(path) == read, path.name
    for sound in ("minutes.docx", "book.epub"):
        assert foreseen_skip(FORMATS / sound) is None, sound


def test_status_before_the_first_index_lists_a_zip_of_other_files_as_the_index_run_skips_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`status` listed a .docx holding only a.txt as new; the index run then skipped it as damaged: both now say
    the same, in the same words."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    for name in ("notes.docx", "book.epub"):
        with zipfile.ZipFile(corpus / name, "w") as package:
            package.writestr("a.txt", "hello")
    fake_commands(monkeypatch, tmp_path)
    code, out, _ = run_cli(capsys, "status", "--json")
    data = json.loads(out)
    foreseen = {row["path"]: row["reason"] for row in data["skipped"]}
    assert code == EXIT_INDEX and data["new"] == ["ferry.txt"] and set(foreseen) == {"notes.docx", "book.epub"}
    code, _, _ = run_cli(capsys, "index")
    assert code == 0 and _listed(capsys) == (0, foreseen)


def test_counts_of_a_reason_that_names_the_file_are_plural(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`status` and `index` said "2 damaged Word file"; reasons that describe the files ("2 empty") stay as they are."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.docx", "b.docx"):
        (corpus / name).write_bytes(bytes((i * 131 + 7) % 256 for i in range(4000)))
    for name in ("c.pdf", "d.pdf"):
        (corpus / name).write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage garbage\n")
    (corpus / "e.txt").write_bytes(b"")
    (corpus / "f.txt").write_bytes(b"")
    fake_commands(monkeypatch, tmp_path)
    _, out, _ = run_cli(capsys, "status")
    assert "(2 damaged PDFs, 2 damaged Word files, 2 empty)" in out, out
    _, out, err = run_cli(capsys, "index")
    assert "(2 damaged PDFs, 2 damaged Word files, 2 empty; e.g." in out + err, out + err


def test_a_reason_that_says_what_files_are_not_stays_singular() -> None:
    """ "2 not a regular file", not "2 not a regular files"; "2 damaged Word files" still takes its s."""
    from askdocs.store.skipped import counted_kind

    assert counted_kind(2, "not a regular file") == "2 not a regular file"
    assert counted_kind(2, "damaged Word file") == "2 damaged Word files"
    assert counted_kind(1, "damaged Word file") == "1 damaged Word file"


def test_a_reason_with_its_article_is_counted_without_it() -> None:
    """ "1 skipped (1 a file name that is not valid UTF-8)" read as a typo: a reason that says what one file is
    counts like a noun, and one that says what a file has, with "with"."""
    from askdocs.ingest.documents import NOT_UTF8
    from askdocs.store.skipped import counted_kind, reason_kind

    kind = reason_kind(NOT_UTF8)
    assert counted_kind(1, kind) == "1 with a file name that is not valid UTF-8"
    assert counted_kind(2, kind) == "2 with file names that are not valid UTF-8"
    assert counted_kind(1, "a broken symbolic link") == "1 broken symbolic link"
    assert counted_kind(3, "a broken symbolic link") == "3 broken symbolic links"


def test_links_left_out_are_counted_alike_whatever_their_targets(tmp_path: Path) -> None:
    """A count in a list said "1 linked folder, not entered" (a comma inside a list of counts), "2 symbolic links to
    /proc/x, a system file" (plural links, one file), and counted links to two targets as two kinds."""
    from collections import Counter

    from askdocs.index_report import tally
    from askdocs.ingest.documents import discover
    from askdocs.store.skipped import reason_kind

    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (corpus / "a.txt").write_text("The crane collapsed on July 2, 2021.")
    for name in ("one", "two"):
        (elsewhere / f"{name}.txt").write_text(f"Notes {name}.")
        (corpus / f"{name}.txt").symlink_to(elsewhere / f"{name}.txt")
        (corpus / f"{name}-folder").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "status.txt").symlink_to("/proc/self/status")
    (corpus / "stat.txt").symlink_to("/proc/self/stat")

    def counted(outside_links: bool) -> str:
        left_out: list[tuple[Path, str]] = []
        discover(corpus, [], outside_links=outside_links, left_out=left_out)
        return tally(Counter(reason_kind(why) for _, why in left_out))

    assert counted(False) == "4 symbolic links outside the corpus, 2 linked folders"
    assert counted(True) == "2 linked folders, 2 symbolic links to system files"


def test_a_tally_names_one_kind_more_and_counts_the_rest() -> None:
    from askdocs.index_report import tally

    four = {".png": 3, ".jpg": 2, ".gif": 1, ".bmp": 1}
    assert tally(four, 3) == "3 .png, 2 .jpg, 1 .bmp, 1 .gif"
    assert tally({**four, ".tif": 1}, 3) == "3 .png, 2 .jpg, 1 .bmp, 2 other"
    assert tally(four) == "3 .png, 2 .jpg, 1 .bmp, 1 .gif"


def test_a_name_whose_last_dot_is_followed_by_no_letter_is_counted_as_without_an_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A licence file named "CC0-1.0" was counted as "1 .0", a type no one knows: it has no extension, as LICENSE
    has none; a real unknown suffix (".xyz") is still named."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    for name in ("CC0-1.0", "LICENSE", "data.xyz"):
        (corpus / name).write_text("Some words.\n")
    fake_commands(monkeypatch, tmp_path)
    code, out, err = run_cli(capsys, "index")
    assert code == 0 and ", 3 not supported (2 no extension, 1 .xyz);" in _summary(out), out + err
    code, out, _ = run_cli(capsys, "status")
    assert code == 0 and "not read: 3 files not supported (2 no extension, 1 .xyz)" in out, out


def test_a_skipped_name_with_an_escape_is_quoted_alike_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The warning named `corpus/binclear.txt` (the escape stripped) where status and the progress lines quoted
    'bin\\x1b[2Jclear.txt': each now shows the same quoted name."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    (corpus / "bin\x1b[2Jclear.txt").write_bytes(bytes(range(256)) * 40)
    fake_commands(monkeypatch, tmp_path)
    code, _, err = run_cli(capsys, "index")
    quoted = r"bin\x1b[2Jclear.txt"
    assert code == 0 and f"askdocs: warning: 'corpus/{quoted}': binary, skipped" in err, err
    assert f"'{quoted}': binary" in err and "binclear" not in err, err  # the progress line
    code, out, _ = run_cli(capsys, "status")
    assert f"'corpus/{quoted}'  binary" in out, out
