"""An index remembers the corpus folder it was built from: later commands on it that name no corpus use that
folder, not ./corpus, for citations, staleness, docs, status and indexing again."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from askdocs.errors import EXIT_NO_PROJECT, EXIT_USAGE
from tests.support import fake_commands
from tests.support import run_cli as run


def recorded_corpus(index: Path) -> Path | None:
    """The corpus folder the index file's meta table records, read with plain SQLite."""
    with sqlite3.connect(index / "askdocs.sqlite3") as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'corpus'").fetchone()
    return (index / row[0]).resolve() if row else None  # recorded relative to the index folder


MINUTES = "Minutes of the board meeting.\n\nApologies were sent by Jane Smith and Tom Brown.\n"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`mine/` holding the minutes, and the empty working folder `t3/` beside it (no corpus/ there)."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "minutes.txt").write_text(MINUTES)
    (tmp_path / "t3").mkdir()
    fake_commands(monkeypatch, tmp_path / "t3")
    return tmp_path


def test_commands_without_corpus_use_the_folder_the_index_was_built_from(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = (elsewhere / "mine").resolve()
    code, _, err = run(capsys, "index", "--corpus", "../mine")
    assert code == 0, err
    assert recorded_corpus(elsewhere / "t3" / "index") == mine
    code, out, err = run(capsys, "ask", "Who sent apologies?")
    assert code == 0, err
    assert f"{mine}/minutes.txt" in out and "missing" not in out + err
    code, out, err = run(capsys, "docs", "--json")
    assert code == 0 and [row["state"] for row in json.loads(out)] == ["indexed"], err
    code, out, _ = run(capsys, "status", "--json")
    data = json.loads(out)
    assert code == 0 and data["corpus"] == str(mine) and not data["stale"] and not data["corpus_missing"]
    (elsewhere / "mine" / "agenda.txt").write_text("Agenda: the budget for next year.\n")
    code, out, err = run(capsys, "index")  # again, without --corpus: the recorded folder, not ./corpus
    assert code == 0, err
    assert "1 added, 0 changed, 0 removed, 1 unchanged" in out + err
    assert not (elsewhere / "t3" / "corpus").exists()


def test_another_folder_replaces_the_index_documents_only_with_rebuild(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (elsewhere / "other").mkdir()
    (elsewhere / "other" / "note.txt").write_text("The harbour crane was repaired in March.\n")
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    code, out, err = run(capsys, "index", "--corpus", "../other")  # a mistyped folder must not empty the index
    mine, other = (elsewhere / "mine").resolve(), (elsewhere / "other").resolve()
    assert code == EXIT_USAGE and not out
    assert err == (
        f"askdocs: error: the index at {elsewhere / 't3' / 'index'} holds the documents of {mine}, not {other}; to"
        f" replace them, run: askdocs index --corpus {other} --model fake --rebuild (or give another --index for"
        " a second index)\n"
    )
    assert recorded_corpus(elsewhere / "t3" / "index") == mine
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and [(r["path"], r["state"]) for r in json.loads(out)] == [("minutes.txt", "indexed")]
    assert run(capsys, "index", "--corpus", "../other", "--rebuild")[0] == 0  # as the error says
    assert recorded_corpus(elsewhere / "t3" / "index") == other
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and [(r["path"], r["state"]) for r in json.loads(out)] == [("note.txt", "indexed")]
    assert run(capsys, "index", "--corpus", "../mine", "--rebuild")[0] == 0
    assert recorded_corpus(elsewhere / "t3" / "index") == mine


def test_status_of_another_folder_gives_the_advice_index_would_and_lists_nothing_as_removed(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`status --corpus OTHER` says what `index --corpus OTHER` would refuse and the command that works, and lists
    none of the index's own documents as removed from OTHER."""
    (elsewhere / "other").mkdir()
    (elsewhere / "other" / "note.txt").write_text("The harbour crane was repaired in March.\n")
    (elsewhere / "other" / "minutes.txt").write_text("Other minutes: the crane budget.\n")  # a name both share
    (elsewhere / "copy").mkdir()
    (elsewhere / "copy" / "minutes.txt").write_text(MINUTES)  # the same file, in another folder
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    mine, other = (elsewhere / "mine").resolve(), (elsewhere / "other").resolve()
    code, out, err = run(capsys, "status", "--corpus", "../other")
    advice = f"to replace them, run: askdocs index --corpus {other} --model fake --rebuild"
    assert code == 0 and f"holds the documents of {mine}, not {other}; {advice}" in out, out + err
    assert "removed" not in out and "changed" not in out and "2 files, not indexed" in out
    code, out, _ = run(capsys, "status", "--corpus", "../other", "--json")
    data = json.loads(out)
    assert data["indexed_corpus"] == str(mine) and data["removed"] == data["changed"] == []
    assert data["new"] == ["minutes.txt", "note.txt"] and data["stale"]
    code, out, _ = run(capsys, "status", "--corpus", "../copy", "--json")
    assert code == 0 and json.loads(out)["stale"] and json.loads(out)["new"] == ["minutes.txt"]
    assert run(capsys, "index", "--corpus", "../copy")[0] == EXIT_USAGE  # as status says
    assert run(capsys, "index", "--corpus", "../other", "--rebuild")[0] == 0  # the advice works
    code, out, _ = run(capsys, "status", "--corpus", "../other", "--json")
    assert code == 0 and json.loads(out)["indexed_corpus"] is None and not json.loads(out)["stale"]


def test_a_recorded_folder_that_is_gone_is_named_and_stands_until_a_corpus_folder_is_there(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    (elsewhere / "mine").rename(elsewhere / "moved")
    gone = (elsewhere / "mine").resolve()
    looked = f"no corpus folder at {gone}, where the index ./index looks for it ({RELATIVE})"
    code, out, err = run(capsys, "ask", "Who sent apologies?")
    assert code == 0 and "Jane Smith" in out
    assert err == f"askdocs: warning: {looked}; answering from what the index holds\n"
    assert f"{gone}/minutes.txt" in out and "corpus/minutes.txt" not in out  # where the index knows it was
    code, out, err = run(capsys, "status")
    assert f"corpus:   {gone}: the folder is missing" in out, out
    code, _, err = run(capsys, "index")
    assert code == EXIT_NO_PROJECT and f"{looked}; put the folder there, or pass --corpus DIR" in err
    (elsewhere / "t3" / "corpus").mkdir()  # a ./corpus of its own: used as before, with the lost folder named
    code, _, err = run(capsys, "docs")
    assert code == 0 and err == f"askdocs: warning: {looked}; using ./corpus instead\n"


RELATIVE = "it records its corpus as ../../mine, relative to the index folder"
"""Why an index in t3/index built from mine/ looks for it where it does."""


def test_an_index_copied_elsewhere_says_where_it_looked_for_its_corpus_and_why(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index copied to a folder of its own and used from a project with its own ./corpus: the warning named a
    corpus folder beside the copy as the one "the index was built from", a folder the user never had. Now it says
    that is where the index looks, and why: it records its corpus relative to itself."""
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    copy = elsewhere / "x" / "y" / "idx-copy"
    shutil.copytree(elsewhere / "t3" / "index", copy)
    (elsewhere / "t3" / "corpus").mkdir()
    (elsewhere / "t3" / "corpus" / "minutes.txt").write_text(MINUTES)
    never = (elsewhere / "x" / "mine").resolve()
    looked = f"no corpus folder at {never}, where the index {copy} looks for it ({RELATIVE})"
    for command in (["ask", "Who sent apologies?"], ["search", "apologies"], ["status"], ["docs"]):
        code, out, err = run(capsys, *command, "--index", str(copy))
        assert code == 0, err
        assert err == f"askdocs: warning: {looked}; using ./corpus instead\n", command
        assert "built from" not in out + err
    code, out, err = run(capsys, "ask", "Who sent apologies?", "--index", str(copy), "--corpus", "corpus")
    assert code == 0 and err == f"askdocs: warning: {looked}; its citations are checked against the files in ./corpus\n"


ASKED = {
    "ask": ["ask", "Who sent apologies?"],
    "search": ["search", "apologies"],
    "status": ["status"],
    "docs": ["docs"],
    "index": ["index"],
    "chat": ["chat"],
}


@pytest.mark.parametrize("command", ASKED)
@pytest.mark.parametrize("named_by", ["--corpus", "ASKDOCS_CORPUS", "askdocs.toml"])
def test_a_corpus_named_that_does_not_exist_and_is_not_the_index_own_is_an_error(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str, named_by: str
) -> None:
    """A mistyped --corpus is not answered from the index as if the index's own folder had gone."""
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    typo, mine = "../mnie", (elsewhere / "mine").resolve()  # the folder named, as it was named
    args = ASKED[command]
    if named_by == "--corpus":
        args = [*args, "--corpus", "../mnie"]
        said = f"--corpus {typo} does not exist"
        advice = "leave out --corpus to use that folder, or pass the folder you meant"
    elif named_by == "ASKDOCS_CORPUS":
        monkeypatch.setenv("ASKDOCS_CORPUS", "../mnie")
        said = f"ASKDOCS_CORPUS={typo} does not exist"
        advice = "unset ASKDOCS_CORPUS to use that folder, or set it to the folder you meant"
    else:
        (elsewhere / "t3" / "askdocs.toml").write_text('[askdocs]\ncorpus = "../mnie"\n')
        said = f"the corpus folder {typo} set in ./askdocs.toml does not exist"
        advice = "remove corpus from ./askdocs.toml to use that folder, or set it to the folder you meant"
    code, out, err = run(capsys, *args)
    assert code == EXIT_USAGE and not out
    assert err == f"askdocs: error: {said}; the index at ./index was built from {mine}: {advice}\n"


def test_a_corpus_named_that_is_the_index_own_gone_folder_still_answers(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    (elsewhere / "mine").rename(elsewhere / "moved")
    code, out, err = run(capsys, "ask", "Who sent apologies?", "--corpus", "../mine")
    assert code == 0 and "Jane Smith" in out and "(missing since indexed)" in out
    assert "the corpus folder" in err and "is missing; answering from what the index holds" in err
    code, out, err = run(capsys, "ask", "Who sent apologies?", "--corpus", "../mnie")  # both gone: still a typo
    assert code == EXIT_USAGE and f"the index at ./index was built from {(elsewhere / 'mine').resolve()}" in err
    assert "that folder is missing too" in err and not out


def test_a_corpus_named_that_exists_beside_the_index_own_is_where_citations_are_checked(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another folder that is there (a copy, a checkout elsewhere): answers cite and check its files, and a line
    says it is not the folder the index was built from (else an unrelated folder only shows every source missing)."""
    assert run(capsys, "index", "--corpus", "../mine")[0] == 0
    (elsewhere / "copy").mkdir()
    (elsewhere / "copy" / "minutes.txt").write_text(MINUTES)
    code, out, err = run(capsys, "ask", "Who sent apologies?", "--corpus", "../copy", "--json")
    cited = json.loads(out)["citations"]
    assert code == 0 and cited
    assert {(c["path"], c["status"]) for c in cited} == {("../copy/minutes.txt", "ok")}
    said = "mine, not ../copy; its citations are checked against the files in ../copy\n"
    assert err.startswith("askdocs: warning: the index was built from ") and err.endswith(said)
    assert err.count("\n") == 1
    code, out, err = run(capsys, "search", "apologies", "--corpus", "../copy")
    assert code == 0 and err.endswith(said)
    code, out, err = run(capsys, "ask", "Who sent apologies?", "--corpus", "../mine", "--json")
    assert code == 0 and not err  # the index's own folder, named
