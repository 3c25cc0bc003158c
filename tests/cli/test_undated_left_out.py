"""--since/--until leave out documents without a publication date (PDF, Word, EPUB, text without a Date: header):
ask, search and docs say how many in one note on stderr, their JSON counts them in "filter", and a refusal says
they were not searched; no note when no date filter is set or every admitted document has a date."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.hostile import FORGED_NAME, hostile_corpus, is_safe
from tests.support import REPO, FakeEmbedder, fake_commands
from tests.support import run_cli as run

FORMATS = REPO / "tests" / "data" / "formats"
SINCE = ("--since", "2024-01-01")
NOTE = (
    "note: 4 documents without a publication date are left out by --since/--until:"
    " corpus/minutes.docx, corpus/plain.txt, corpus/report.pdf and 1 more"
)
"""minutes.docx, plain.txt, report.pdf and zz-plain.txt carry no date; the EPUB, HTML, Markdown and crane.txt do."""


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fill) -> Path:  # noqa: ANN001
    fill(tmp_path / "corpus")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The format samples (a PDF and a Word file, undated; a dated EPUB, HTML and Markdown file), one dated text
    file and two text files without a Date: header."""

    def fill(corpus: Path) -> None:
        shutil.copytree(FORMATS, corpus)
        (corpus / "crane.txt").write_text("Date: 2024-06-01\n\nThe harbour crane in Tampico fell over in June.\n")
        (corpus / "plain.txt").write_text("The harbour crane was inspected in May.\n")
        (corpus / "zz-plain.txt").write_text("The harbour crane will be painted.\n")

    return _project(tmp_path, monkeypatch, fill)


def notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("note:")]


def test_search_says_which_undated_documents_a_date_filter_left_out(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "harbour crane", *SINCE)
    assert code == 0 and "corpus/crane.txt" in out and "plain.txt" not in out
    assert [n for n in notes(err) if "publication date" in n] == [NOTE]
    code, out, err = run(capsys, "search", "--documents", "harbour crane", "--until", "2030-12-31")
    assert code == 0 and NOTE in notes(err)
    code, out, err = run(capsys, "search", "harbour crane", *SINCE, "--path", "*.pdf")  # admits none of them
    assert code == 1 and out.startswith("no indexed document matches the filter")
    assert notes(err) == [
        "note: 1 document without a publication date is left out by --since/--until: corpus/report.pdf"
    ]


@pytest.mark.parametrize(
    "flags",
    [
        (),
        ("--path", "*.pdf"),  # no date filter
        (*SINCE, "--path", "crane.txt"),  # every document the paths admit has a date
        (*SINCE, "--path", "*.html", "--path", "*.md"),
    ],
)
@pytest.mark.parametrize("command", ["search", "ask", "docs"])
def test_no_note_without_a_date_filter_or_undated_document(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str, flags: tuple[str, ...]
) -> None:
    text = () if command == "docs" else ("Where did the harbour crane fall over?",)
    _, _, err = run(capsys, command, *text, *flags)
    assert "publication date" not in err


def test_search_json_counts_the_undated_in_its_filter(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "--json", "harbour crane", *SINCE)
    assert code == 0 and "note:" not in err  # a script reads the count from the JSON
    assert json.loads(out)["filter"] == {"since": "2024-01-01", "until": None, "paths": [], "undated_left_out": 4}
    _, out, _ = run(capsys, "search", "--documents", "--json", "harbour crane", *SINCE, "--path", "*.docx")
    assert json.loads(out)["filter"]["undated_left_out"] == 1
    _, out, _ = run(capsys, "search", "--json", "harbour crane", "--path", "*.pdf")
    assert json.loads(out)["filter"]["undated_left_out"] == 0
    _, out, _ = run(capsys, "search", "--json", "harbour crane")
    assert json.loads(out)["filter"] is None


def test_ask_notes_the_undated_once_and_its_refusal_counts_them(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "ask", "What is the capital of France?", *SINCE)
    assert code == 1
    assert (
        "(searched only the documents that match the filter: published 2024-01-01 to …;"
        " 4 documents without a publication date were not searched)"
    ) in out
    assert notes(err) == [NOTE]
    code, out, err = run(capsys, "ask", "--json", "What is the capital of France?", *SINCE)
    assert code == 1 and "note:" not in err
    assert json.loads(out)["filter"]["undated_left_out"] == 4
    monkeypatch.setattr("sys.stdin", io.StringIO("Where did the harbour crane fall over?\nWho won in 1066?\n"))
    _, out, err = run(capsys, "ask", "-", *SINCE)
    assert out.count("Q: ") == 2 and notes(err) == [NOTE]  # once for the batch, not once a question


def test_docs_notes_the_undated_and_keeps_its_json_a_list(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "docs", *SINCE)
    assert code == 0 and "corpus/crane.txt" in out and "report.pdf" not in out
    assert notes(err) == [NOTE]
    code, out, err = run(capsys, "docs", "--json", *SINCE, "--path", "*.pdf", "--path", "*.md")
    assert code == 0 and [d["path"] for d in json.loads(out)] == ["notes.md"]
    assert notes(err) == [
        "note: 1 document without a publication date is left out by --since/--until: corpus/report.pdf"
    ]
    code, out, err = run(capsys, "docs", "--until", "1990-01-01")
    assert code == 1 and out.startswith("no indexed document matches the filter")
    assert notes(err) == [NOTE]


def test_an_undated_hostile_name_is_noted_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    _project(tmp_path, monkeypatch, hostile_corpus)
    code, _, err = run(capsys, "docs", "--since", "2000-01-01")
    assert code == 1 and is_safe(err)
    assert notes(err) == [
        "note: 2 documents without a publication date are left out by --since/--until: corpus/crane.txt, "
        + repr("corpus/" + FORGED_NAME)
    ]
