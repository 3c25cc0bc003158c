"""Every askdocs command a message suggests ("run: askdocs index ...") names the --corpus and --index the user
passed, when they are not the defaults, so running it as shown works."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.errors import IndexMissing
from tests.support import FakeEmbedder
from tests.support import run_cli as run

SUGGESTED = re.compile(r"run: (askdocs [^;)\n]*)")


def suggested(text: str) -> list[str]:
    """The arguments of the askdocs command `text` suggests, as a shell would split them."""
    found = SUGGESTED.search(text)
    assert found is not None, text
    return shlex.split(found.group(1))[1:]


def test_the_missing_index_hint_runs_as_shown(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ask", "hi", "--corpus", "ec2", "--index", "ec2-index")
    assert code == 3
    assert f"(run: askdocs index --corpus {elsewhere / 'ec2'} --model fake --index {elsewhere / 'ec2-index'})" in err
    code, _, err = run(capsys, *suggested(err))
    assert code == 0, err
    code, out, err = run(capsys, "ask", "What collapsed?", "--corpus", "ec2", "--index", "ec2-index")
    assert code == 0 and "crane" in out, err


def test_the_damaged_index_hint_runs_as_shown(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    assert run(capsys, "index", *where)[0] == 0
    (elsewhere / "ec2-index" / "askdocs.sqlite3").write_bytes(b"not a database " * 500)
    code, _, err = run(capsys, "ask", "What collapsed?", *where)
    assert code == 3 and "damaged" in err
    assert suggested(err) == [
        "index",
        "--corpus",
        str(elsewhere / "ec2"),
        "--index",
        str(elsewhere / "ec2-index"),
        "--model",
        "fake",
        "--rebuild",
    ]
    code, _, err = run(capsys, *suggested(err))
    assert code == 0, err


def test_a_damaged_index_without_its_corpus_folder_asks_for_it(elsewhere: Path, capsys) -> None:  # noqa: ANN001
    """The folder the index recorded cannot be read from a damaged file, and ./corpus is not there: the hint asks for
    the user's folder instead of suggesting a command that fails (or, once ./corpus exists, empties the index)."""
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    assert run(capsys, "index", *where)[0] == 0
    (elsewhere / "ec2-index" / "askdocs.sqlite3").write_bytes(b"not a database " * 500)
    code, _, err = run(capsys, "ask", "What collapsed?", "--index", "ec2-index")
    assert code == 3 and suggested(err) == [
        "index",
        "--corpus",
        "DIR",
        "--index",
        str(elsewhere / "ec2-index"),
        "--model",
        "fake",
        "--rebuild",
    ]


def test_status_and_docs_hints_name_the_folders_too(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    again = ["index", "--corpus", str(elsewhere / "ec2"), "--index", str(elsewhere / "ec2-index"), "--model", "fake"]
    code, out, _ = run(capsys, "status", *where)  # before the first index
    assert code == 3 and suggested(out) == again
    assert run(capsys, "index", *where)[0] == 0
    (elsewhere / "ec2" / "crane.txt").write_text("The harbour crane was repaired.\n")
    (elsewhere / "ec2" / "new.txt").write_text("A new note.\n")
    for command in ("status", "docs"):
        code, out, _ = run(capsys, command, *where)
        assert code == 0 and suggested(out) == again


def test_with_folders_quotes_keeps_named_flags_and_leaves_other_text(tmp_path: Path) -> None:
    from askdocs.project import with_folders

    (tmp_path / "my docs").mkdir()
    settings = load_settings({"corpus": "my docs", "index": tmp_path / "idx"}, cwd=tmp_path, environ={})
    corpus, index = shlex.quote(str(tmp_path / "my docs")), str(tmp_path / "idx")
    text = f"no index at {index} (run: askdocs index --index {index}); then run askdocs ask"
    assert with_folders(text, settings, cwd=tmp_path, environ={}) == (
        f"no index at {index} (run: askdocs index --corpus {corpus} --index {index});"
        f" then run askdocs ask --corpus {corpus} --index {index}"
    )
    busy = "another askdocs index is running on x; the next askdocs index removes them"
    assert with_folders(busy, settings, cwd=tmp_path, environ={}) == busy
    home = load_settings(cwd=tmp_path, environ={})
    rebuild = "run: askdocs index --rebuild; or run: askdocs status"
    missing = "run: askdocs index --corpus DIR --rebuild; or run: askdocs status"  # ./corpus is not there
    assert with_folders(rebuild, home, cwd=tmp_path, environ={}) == missing
    (tmp_path / "corpus").mkdir()
    assert with_folders(rebuild, home, cwd=tmp_path, environ={}) == rebuild


def test_the_chat_status_names_the_folders(elsewhere: Path) -> None:
    from askdocs.tui.backend import Backend

    settings = load_settings({"corpus": "ec2", "index": "ec2-index", "model": "fake"}, cwd=elsewhere, environ={})
    hint = f"run: askdocs index --corpus {elsewhere / 'ec2'} --model fake --index {elsewhere / 'ec2-index'}"
    backend = Backend(settings, FakeEmbedder())
    problem = backend.status().problem
    assert problem is not None and hint in problem
    with pytest.raises(IndexMissing, match=re.escape(hint)):  # what the chat shows when it cannot start
        backend.start()


def test_the_other_corpus_hint_keeps_the_index_folder(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The hint's note "(or give another --index ...)" is not a flag of the command: the command still names the
    --index folder, so running it replaces that index instead of building ./index."""
    (elsewhere / "other").mkdir()
    (elsewhere / "other" / "dog.txt").write_text("The dog barked at the moon.\n")
    assert run(capsys, "index", "--corpus", "ec2", "--index", "shared")[0] == 0
    code, _, err = run(capsys, "index", "--corpus", "other", "--index", "shared")
    assert code == 2 and "holds the documents of" in err
    command = suggested(err.split("(or give")[0])
    shared = str(elsewhere / "shared")
    assert command == ["index", "--corpus", str(elsewhere / "other"), "--index", shared, "--model", "fake", "--rebuild"]
    assert run(capsys, *command)[0] == 0
    assert not (elsewhere / "index").exists()
    code, out, _ = run(capsys, "docs", "--json", "--index", "shared")
    assert code == 0 and [row["path"] for row in json.loads(out)] == ["dog.txt"]
