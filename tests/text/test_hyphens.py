"""A word a man page (saved as text, `man gzip | col -b`) breaks at a line's end with a hyphen reads whole: it was
cited as "gzip trun‐ cates it." The file's text and every offset into it stay the file's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.excerpt import flattened
from askdocs.text.safe import flat
from tests.support import fake_commands, run_cli

GZIP = (  # as `man gzip | col -b` prints it in a UTF-8 locale (U+2010 hyphens), then as in the C locale ("-")
    "GZIP(1)                     General Commands Manual                    GZIP(1)\n"
    "\n"
    "DESCRIPTION\n"
    "       The  gzip command will only attempt to compress regular files.  In par\u2010\n"
    "       ticular, it will ignore symbolic links.\n"
    "\n"
    "       If the compressed file name is too long for its file system, gzip trun\u2010\n"
    "       cates  it.  Names are not truncated on systems which do not have a limit.\n"
    "\n"
    "       This option is supported only on some non-Unix systems. For  MS\u2010\n"
    "       DOS,  CR LF is converted to LF when compressing, and LF is con-\n"
    "       verted to CR LF when decompressing.\n"
)


def _sentences(tmp_path: Path) -> list[str]:
    path = tmp_path / "gzip.txt"
    path.write_text(GZIP, encoding="utf-8")
    doc = read_document(tmp_path, path)
    assert doc.text == GZIP  # a text file's offsets are the file's own
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    assert all(doc.text[s.start : s.end] == s.text for s in sentences)
    return [flat(s.text) for s in sentences]


def test_a_word_hyphenated_at_a_line_end_is_quoted_whole(tmp_path: Path) -> None:
    sentences = _sentences(tmp_path)
    assert "In particular, it will ignore symbolic links." in sentences
    assert "If the compressed file name is too long for its file system, gzip truncates it." in sentences
    assert (  # a capital goes on after a real hyphen ("MS-DOS"), never a hyphenated word: the line break stays;
        # an ASCII "-" is a compound wrapped at its hyphen as often as a broken word: left as it is
        "For MS\u2010 DOS, CR LF is converted to LF when compressing, and LF is con-verted to CR LF when decompressing."
        in sentences
    )


def test_a_compound_wrapped_at_its_ascii_hyphen_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text(
        "The harbour committee published its long-awaited and by now well-\n"
        "known report on the cross-border trade of the region in the spring.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path, tmp_path / "note.txt")
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    assert [flat(s.text) for s in sentences] == [
        "The harbour committee published its long-awaited and by now well-known report on the cross-border trade "
        "of the region in the spring."
    ]


def test_a_preview_reads_the_word_whole(tmp_path: Path) -> None:
    start = GZIP.index("If the")
    assert flattened(GZIP[start : GZIP.index("limit.") + 6]) == (
        "If the compressed file name is too long for its file system, gzip truncates it. Names are not truncated on "
        "systems which do not have a limit."
    )
    assert flattened("A short line par\u2010\nticular") == "A short line particular"  # not of wrap length
    assert (
        flattened("A compound wrapped at its hyphen, well-\nknown.") == "A compound wrapped at its hyphen, well-known."
    )
    assert flattened("# Notes\n\nA well-\nknown report.", soft_breaks=[16]) == "# Notes · A well-known report."
    assert flattened("A list of\n- com\u2010\n- Press") == "A list of · com\u2010 · Press"  # items stay apart


def test_a_search_finds_the_whole_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The full-text index holds the word whole, so "particular" is found by its words, not only by meaning."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "gzip.txt").write_text(GZIP, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    code, _, err = run_cli(capsys, "index")
    assert code == 0, err
    code, out, err = run_cli(capsys, "search", "particular", "--json", "-k", "1")  # nowhere else, in no form
    assert code == 0, err
    (hit,) = json.loads(out)["passages"]
    assert hit["lexical_rank"] == 1 and "par\u2010\n       ticular" in hit["text"]  # the JSON text is the file's
    _, out, _ = run_cli(capsys, "search", "truncates", "-k", "1")
    assert "gzip truncates it." in out
