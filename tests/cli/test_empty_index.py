"""A first index of a folder with nothing askdocs reads: questions and searches say the index is empty (exit 3)
instead of "not found", the listing and the status still work, and the advice runs as shown."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from askdocs.errors import EXIT_INDEX, IndexEmpty, IndexMissing
from tests.support import FakeEmbedder, fake_commands
from tests.support import run_cli as run

EMPTY = "askdocs: error: the index holds no documents yet: add files to corpus/ and run: askdocs index --model fake\n"
READS = ".csv, .docx, .epub, .htm, .html, .markdown, .md, .pdf, .rst, .text, .tsv, .txt and .xhtml"
NOTHING = "askdocs: warning: the index holds no documents: corpus/ has no file askdocs could read; "


def nothing_indexed(err: str) -> list[str]:
    """The warning lines of an index run's standard error that say the index holds no documents."""
    return [line for line in err.splitlines() if line.startswith("askdocs: warning: the index holds no documents")]


def test_the_types_named_are_the_ones_askdocs_reads() -> None:
    from askdocs.ingest.documents import SUFFIXES

    assert sorted(READS.replace(" and ", ", ").split(", ")) == sorted(SUFFIXES)


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({}, f"put {READS} files in it and run: askdocs index --model fake"),
        ({"a.rtf": "{\\rtf1 x}"}, f"1 file left out (corpus/a.rtf: unsupported type); askdocs reads {READS} files"),
        (
            {"a.rtf": "x", "b.odt": "x", "c.txt": "", "d.txt": "\x00\x01\x02", "e.tmp.md": "x", ".hidden.txt": "x"},
            "5 files left out (2 unsupported type, 1 binary, 1 empty, 1 ignored; e.g. corpus/a.rtf, corpus/d.txt);"
            f" askdocs reads {READS} files; run: askdocs status to list them all",
        ),
    ],
    ids=["empty-folder", "one-unsupported-file", "five-files-four-reasons"],
)
def test_an_index_run_that_indexes_nothing_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], files: dict, said: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / ".askdocsignore").write_text("*.tmp.md\n")
    for name, text in files.items():
        (corpus / name).write_text(text)
    fake_commands(monkeypatch, tmp_path)
    code, out, err = run(capsys, "index")
    assert code == 0 and out.startswith("0 added") and "(0 documents, 0 passages in the index)" in out
    assert nothing_indexed(err) == [NOTHING + said]
    assert err.endswith(NOTHING + said + "\n")  # the last word before the summary
    code, _, err = run(capsys, "index")  # a second run says it again: the folder still holds nothing to read
    assert nothing_indexed(err) == [NOTHING + said]


def test_the_warning_names_the_folders_and_stops_once_a_document_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ec2").mkdir()
    for name in ("a.rtf", "b.rtf", "c.rtf"):
        (tmp_path / "ec2" / name).write_text("x")
    fake_commands(monkeypatch, tmp_path)
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    code, _, err = run(capsys, "index", *where)
    status = f"run: askdocs status --corpus {tmp_path / 'ec2'} --index {tmp_path / 'ec2-index'} to list them all"
    assert code == 0 and nothing_indexed(err) == [
        "askdocs: warning: the index holds no documents: ec2/ has no file askdocs could read; 3 files left out"
        f" (3 unsupported type; e.g. ec2/a.rtf, ec2/b.rtf); askdocs reads {READS} files; {status}"
    ]
    (tmp_path / "ec2" / "crane.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    code, out, err = run(capsys, "index", *where)
    assert code == 0 and out.startswith("1 added") and nothing_indexed(err) == []
    (tmp_path / "ec2" / "crane.txt").unlink()  # the index emptied again
    code, out, err = run(capsys, "index", *where)
    assert code == 0 and "1 removed" in out and len(nothing_indexed(err)) == 1


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project folder whose corpus/ holds only a file of a type askdocs does not read, indexed."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.rtf").write_text("{\\rtf1 The Tigers won the final.}\n")
    fake_commands(monkeypatch, tmp_path)
    code, _, err = run(capsys, "index")
    assert code == 0, err
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "Who won?"],
        ["ask", "Who won?", "--json"],
        ["ask", "Who won?", "--since", "2024-01-01"],  # the index is empty, not the filter too narrow
        ["search", "who"],
        ["search", "who", "--json"],
        ["search", "who", "--documents"],
    ],
)
def test_questions_and_searches_on_an_empty_index_say_so(
    empty: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (EXIT_INDEX, "", EMPTY)


def test_the_library_and_the_status_of_an_empty_index_still_work(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "docs")
    assert (code, err) == (0, "") and "no documents in the index" in out
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and json.loads(out) == []
    for filters in (["--path", "reports/"], ["--since", "2024-01-01"]):  # empty, not "no document matches"
        code, out, err = run(capsys, "docs", *filters)
        assert (code, err) == (0, "") and out.startswith("no documents in the index"), filters
        code, out, _ = run(capsys, "docs", "--json", *filters)
        assert code == 0 and json.loads(out) == [], filters
    code, out, err = run(capsys, "status")
    assert (code, err) == (0, "") and "holds:    0 documents" in out
    assert "not read: 1 file not supported (1 .rtf)\n    corpus/a.rtf\n" in out


def test_the_advice_names_the_folders_and_runs_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ec2").mkdir()
    fake_commands(monkeypatch, tmp_path)
    where = ["--corpus", "ec2", "--index", "ec2-index"]
    assert run(capsys, "index", *where)[0] == 0
    code, _, err = run(capsys, "ask", "What collapsed?", *where)
    command = f"askdocs index --corpus {tmp_path / 'ec2'} --index {tmp_path / 'ec2-index'} --model fake"
    assert (
        code == EXIT_INDEX
        and err == f"askdocs: error: the index holds no documents yet: add files to ec2/ and run: {command}\n"
    )
    (tmp_path / "ec2" / "crane.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    assert run(capsys, *shlex.split(command)[1:])[0] == 0
    code, out, err = run(capsys, "ask", "What collapsed?", *where)
    assert code == 0 and "crane" in out, err


def test_an_empty_index_is_an_index_problem_found_before_the_model_is_asked(tmp_path: Path) -> None:
    from askdocs.answering import answer_question
    from tests.support import indexed

    model = FakeEmbedder()
    retriever = indexed(tmp_path, {}, model)
    try:
        with pytest.raises(IndexEmpty) as raised:
            answer_question(retriever, "Who won?")
        with pytest.raises(IndexEmpty):
            retriever.search_documents("who")
    finally:
        retriever.close()
    assert isinstance(raised.value, IndexMissing) and raised.value.exit_code == EXIT_INDEX
    assert model.encoded == []


def test_files_of_an_unread_type_beside_indexed_ones_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.txt").write_text("The council met on Monday.\n")
    for name in ("a.rtf", "b.odt", "c.doc"):
        (corpus / name).write_text("x")
    (corpus / ".askdocsignore").write_text("*.log\n")
    (corpus / "run.log").write_text("ignored on purpose: never named")
    fake_commands(monkeypatch, tmp_path)
    code, out, err = run(capsys, "index")
    assert code == 0 and "(1 document, 1 passage in the index)" in out
    warned = [line for line in err.splitlines() if line.startswith("askdocs: warning:")]
    assert warned == [
        "askdocs: warning: 3 files not indexed, of a type askdocs does not read: corpus/a.rtf, corpus/b.odt, ..."
        " (run: askdocs status)"
    ]
    for name in ("a.rtf", "b.odt", "c.doc"):
        (corpus / name).unlink()
    code, _, err = run(capsys, "index")
    assert code == 0 and "warning" not in err


def test_an_empty_index_beside_files_to_index_says_to_index_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a first `askdocs index` stopped before it committed anything, `ask` said to add files to a corpus that
    held them: it now says to index them; a corpus holding only files a run skipped still says to add files."""
    (tmp_path / "corpus").mkdir()
    fake_commands(monkeypatch, tmp_path)
    (tmp_path / "corpus" / "blank.txt").write_text("")
    assert run(capsys, "index")[0] == 0  # an index that holds no documents, as an interrupted first run leaves
    assert run(capsys, "ask", "What collapsed?")[2] == EMPTY
    (tmp_path / "corpus" / "crane.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    code, _, err = run(capsys, "ask", "What collapsed?")
    waiting = "the index holds no documents yet: corpus/ has files to index; run: askdocs index --model fake"
    assert code == EXIT_INDEX and err == f"askdocs: error: {waiting}\n"
    (tmp_path / "corpus" / ".askdocsignore").write_text("!\n")  # a bad line: `askdocs index` names it
    code, _, err = run(capsys, "ask", "What collapsed?")
    assert code == EXIT_INDEX and err == f"askdocs: error: {waiting}\n"
