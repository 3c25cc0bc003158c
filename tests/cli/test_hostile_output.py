"""Hostile documents and file names never reach the terminal raw: ask, search, status and index escape them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.hostile import FORGED_NAME, hostile_corpus, is_safe
from tests.support import FakeEmbedder, fake_commands
from tests.support import run_cli as run


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose corpus holds the hostile fixtures, indexed with the fake encoder."""
    hostile_corpus(tmp_path / "corpus")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


def test_ask_prints_no_escape_and_no_forged_source_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "What collapsed on July 2, 2021?")
    assert code == 0, err
    assert is_safe(out) and is_safe(err)
    assert "harbour crane" in out and "PWNED" not in out
    assert not any(line.startswith("[9]") for line in out.splitlines())
    assert repr("corpus/" + FORGED_NAME) in out


def test_search_prints_no_escape(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "harbour crane collapsed")
    assert code == 0 and "crane" in out and is_safe(out)
    assert repr("corpus/" + FORGED_NAME) in out


def test_status_escapes_a_forged_file_name(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hostile / "corpus" / FORGED_NAME).write_text("Changed since indexing.\n")
    code, out, _ = run(capsys, "status")
    assert code == 0 and is_safe(out)
    assert repr("corpus/" + FORGED_NAME) in out and "changed" in out


def test_json_output_holds_the_text_with_its_escape_sequences_blanked(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The document's escape sequences and controls were made spaces when it was indexed: a passage's text is the
    file's at the same offsets but for those spaces (the stored slice, as long as its offsets say), and no sequence,
    title or link address is left in it."""
    import json

    from askdocs.text.safe import blank

    code, out, _ = run(capsys, "search", "--json", "harbour crane collapsed")
    rows = [row for row in json.loads(out)["passages"] if row["path"] == "corpus/crane.txt"]
    text = (hostile / "corpus" / "crane.txt").read_text(encoding="utf-8")
    assert code == 0 and rows and all(row["text"] == blank(text)[row["start"] : row["end"]] for row in rows)
    assert all(len(row["text"]) == row["end"] - row["start"] for row in rows)
    assert all(is_safe(row["text"]) and "PWNED" not in row["text"] and "evil" not in row["text"] for row in rows)
    assert "\\u001b" not in out.replace(json.dumps(FORGED_NAME)[1:-1], "")  # only the forged name holds one


def test_json_output_escapes_what_a_terminal_would_act_on(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """C1 controls, DEL and bidi overrides pass `json.dumps(ensure_ascii=False)` raw; in a file name (a document's
    text holds none) they are written as \\u escapes, so `--json` on a terminal is as safe as the text output and
    still decodes to the same name."""
    import json

    name = "crane \u202etxt.exe\x9b2J.txt"
    (hostile / "corpus" / name).write_text("The harbour crane collapsed in Tuxpan on July 2, 2021.\n")
    index_corpus(Settings(corpus=hostile / "corpus", index=hostile / "index", model="fake"), embedder=FakeEmbedder())
    for args in (("search", "--json", "harbour crane collapsed"), ("ask", "--json", "What collapsed on July 2, 2021?")):
        code, out, _ = run(capsys, *args)
        assert code == 0 and is_safe(out), args
        assert "\\u202etxt.exe\\u009b2J" in out, args
    code, out, _ = run(capsys, "search", "--json", "harbour crane collapsed in Tuxpan")
    assert "corpus/" + name in [row["path"] for row in json.loads(out)["passages"]]


def test_a_file_name_that_is_not_utf8_is_skipped_not_fatal(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name with a byte that is not UTF-8 used to stop every index run with a traceback (SQLite cannot store it):
    it is skipped with a warning that shows the name as it is, and the other files are indexed."""
    import json

    corpus = os.fsencode(hostile / "corpus")
    with open(corpus + b"/bad\xffbyte.txt", "wb") as f:
        f.write(b"The harbour crane collapsed a third time on July 9, 2021.\n")
    (hostile / "corpus" / "tug.txt").write_text("A tug boat sank in Tampico on August 3, 2021.\n")
    settings = Settings(corpus=hostile / "corpus", index=hostile / "index", model="fake")
    report = index_corpus(settings, embedder=FakeEmbedder())
    assert (
        report.added == 1
        and report.skipped == 1
        and ", 1 skipped (1 with a file name that is not valid UTF-8);" in report.summary()
    )
    shown = "'" + str(hostile / "corpus") + "/bad\\xffbyte.txt': a file name that is not valid UTF-8"
    assert any(w.startswith(shown) for w in report.warnings), report.warnings
    code, out, _ = run(capsys, "status", "--json")
    data = json.loads(out)
    assert code == 0 and is_safe(out) and not data["stale"] and data["new"] == []
    assert {
        "path": "bad\udcffbyte.txt",
        "reason": "a file name that is not valid UTF-8 (rename the file to index it)",
    } in data["skipped"]
    code, out, _ = run(capsys, "status")
    assert "skipped:  1 file not indexed (1 with a file name that is not valid UTF-8)" in out, out
    code, out, _ = run(capsys, "search", "--json", "tug boat sank Tampico")
    assert code == 0 and json.loads(out)["passages"][0]["path"] == "corpus/tug.txt"
