"""The library as a user meets it: askdocs docs, .askdocsignore, and a status that stays short with many files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.errors import EXIT_INDEX, EXIT_NOT_FOUND, EXIT_USAGE
from askdocs.indexer import index_corpus
from askdocs.store.index_store import IndexStore
from tests.hostile import FORGED_NAME, hostile_corpus, is_safe
from tests.support import FakeEmbedder
from tests.support import run_cli as run


def reindex(root: Path) -> None:
    index_corpus(Settings(corpus=root / "corpus", index=root / "index", model="fake"), embedder=FakeEmbedder())


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a small dated and undated corpus, indexed with the fake encoder."""
    corpus = tmp_path / "corpus"
    (corpus / "reports").mkdir(parents=True)
    (corpus / "reports" / "q1.md").write_text("---\ntitle: First quarter\ndate: 2024-03-31\n---\nSales rose by 4%.\n")
    (corpus / "reports" / "q2.md").write_text("---\ntitle: Second quarter\ndate: 2024-06-30\n---\nSales fell by 2%.\n")
    (corpus / "notes.txt").write_text("Notes from the harbour: the crane was repaired.\n")
    (corpus / "gone.txt").write_text("A note that will be deleted.\n")
    reindex(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    return tmp_path


def test_docs_lists_every_document_with_its_state(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "corpus" / "gone.txt").unlink()
    (folder / "corpus" / "notes.txt").write_text("Notes from the harbour: the crane was replaced.\n")
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["path"] for r in rows] == ["gone.txt", "notes.txt", "reports/q1.md", "reports/q2.md"]
    by_path = {r["path"]: r for r in rows}
    assert by_path["gone.txt"]["state"] == "missing" and by_path["notes.txt"]["state"] == "changed"
    assert by_path["reports/q1.md"] | {"indexed": None, "size": None} == {
        "path": "reports/q1.md",
        "title": "First quarter",
        "published": "2024-03-31",
        "passages": 1,
        "state": "indexed",
        "size": None,
        "indexed": None,
    }
    assert by_path["reports/q2.md"]["indexed"].endswith("+00:00")
    code, out, _ = run(capsys, "docs")
    lines = out.splitlines()
    assert lines[0].split() == ["path", "published", "passages", "state", "title"]
    assert lines[3].split()[:4] == ["corpus/reports/q1.md", "2024-03-31", "1", "indexed"]  # as ask prints paths
    assert "First quarter" in lines[3] and lines[1].split()[:4] == ["corpus/gone.txt", "-", "1", "missing"]
    assert lines[-1] == "4 documents, 4 passages; 1 changed, 1 missing (run: askdocs index --model fake)"


def test_search_marks_results_whose_file_changed_or_went(folder: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    """As ask marks its citations: a result read from the index no longer matches the file a person would open."""
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    (folder / "corpus" / "gone.txt").unlink()
    (folder / "corpus" / "notes.txt").write_text("Notes from the harbour: the crane was replaced.\n")
    for extra in ([], ["--documents"]):
        code, out, _ = run(capsys, "search", "--json", "-k", "10", "harbour crane note deleted sales", *extra)
        assert code == 0
        rows = json.loads(out)["documents" if extra else "passages"]
        states = {r["path"]: r["status"] for r in rows}
        assert states == {
            "corpus/gone.txt": "missing",
            "corpus/notes.txt": "changed",
            "corpus/reports/q1.md": "ok",
            "corpus/reports/q2.md": "ok",
        }, states
        code, out, _ = run(capsys, "search", "-k", "10", "harbour crane note deleted sales", *extra)
        heads = [line for line in out.splitlines() if not line.startswith(" ")]
        flagged = {line.split()[1].split(":")[0]: line.endswith("since indexed)") for line in heads}
        assert flagged == {k: v != "ok" for k, v in states.items()}, out
        assert "(missing since indexed)" in out and "(changed since indexed)" in out
    (folder / "corpus").rename(folder / "elsewhere")  # the whole folder gone: said once, each result missing
    code, out, err = run(capsys, "search", "--json", "harbour crane")
    assert code == 0 and {r["status"] for r in json.loads(out)["passages"]} == {"missing"}
    code, out, err = run(capsys, "search", "harbour crane")
    assert "since indexed" not in out and "the corpus folder ./corpus is missing" in err


def test_docs_cuts_long_titles_on_a_terminal_and_never_when_piped(folder: Path, capsys) -> None:  # noqa: ANN001
    """Piped into grep or a file, every title is whole; a terminal's width cuts a long one with an ellipsis."""
    from askdocs.cli.docs import table
    from askdocs.library import Row
    from askdocs.store.index_store import IndexStore

    title = "A very long headline about the harbour crane that was repaired and then replaced by the port authority"
    (folder / "corpus" / "long.md").write_text(f"---\ntitle: {title}\n---\nThe crane was replaced.\n")
    reindex(folder)
    code, out, _ = run(capsys, "docs")
    assert code == 0 and title in out  # CliRunner's output is not a terminal
    with IndexStore.open(folder / "index") as store:
        rows = [Row(e, "indexed") for e in store.library()]
    cut = table(rows, 80)
    assert all(len(line) <= 80 for line in cut[:-1]) and any("…" in line for line in cut)
    assert any(title in line for line in table(rows, None))


def test_docs_shows_what_a_filter_keeps(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "docs", "--json", "--since", "2024-04-01")
    assert [r["path"] for r in json.loads(out)] == ["reports/q2.md"]
    _, out, _ = run(capsys, "docs", "--json", "--path", "reports/", "--path", "notes.txt")
    assert [r["path"] for r in json.loads(out)] == ["notes.txt", "reports/q1.md", "reports/q2.md"]
    # a path as ask and search print it ("corpus/reports/q1.md") selects the same documents
    for pattern in ("corpus/reports/", "./corpus/reports/*.md", str(folder / "corpus" / "reports") + "/"):
        _, out, _ = run(capsys, "docs", "--json", "--path", pattern)
        assert [r["path"] for r in json.loads(out)] == ["reports/q1.md", "reports/q2.md"], pattern
    _, out, _ = run(capsys, "docs", "--json", "--path", "corpus")
    assert len(json.loads(out)) == 4  # the corpus folder itself: everything
    _, out, _ = run(capsys, "docs", "--json", "--path", "!*.md")  # only exceptions: everything but them
    assert [r["path"] for r in json.loads(out)] == ["gone.txt", "notes.txt"]
    for folder_back in ("!reports/", "!reports", "!/reports/", "!corpus/reports/"):  # a folder taken back: its files
        _, out, _ = run(capsys, "docs", "--json", "--path", folder_back)
        assert [r["path"] for r in json.loads(out)] == ["gone.txt", "notes.txt"], folder_back
    _, out, _ = run(capsys, "docs", "--json", "--path", "*.md", "--path", "!reports/")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "docs", "--json", "--path", "reports/", "--path", "!q1.md")
    assert [r["path"] for r in json.loads(out)] == ["reports/q2.md"]
    code, out, _ = run(capsys, "docs", "--path", "minutes/")
    assert code == 1 and out == "no indexed document matches the filter: paths minutes/\n"


def test_docs_with_a_filter_that_keeps_nothing_exits_1_as_search_does(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = "note: 2 documents without a publication date are left out by --since/--until: corpus/gone.txt, "
    undated += "corpus/notes.txt\n"  # the only stderr: neither is dated
    for args in (["--path", "nomatch/"], ["--since", "2030-01-01"], ["--path", "*.md", "--path", "!reports/"]):
        code, out, err = run(capsys, "docs", *args)
        assert (code, err) == (EXIT_NOT_FOUND, undated if "--since" in args else ""), args
        assert out.startswith("no indexed document matches the filter: ") and out.count("\n") == 1
        code, out, _ = run(capsys, "docs", "--json", *args)
        assert code == EXIT_NOT_FOUND and json.loads(out) == []
    assert run(capsys, "docs", "--path", "reports/")[0] == 0


def test_docs_with_another_model_than_the_index_lists_then_says_questions_would_be_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As status does: the listing needs no model, and a --model other than the index's is not ignored."""

    def docs(*args: str) -> tuple[int, str, str]:
        return run(capsys, "docs", *args, model=None)

    (folder / "other-model").mkdir()  # installed, as far as a check that loads nothing can tell
    (folder / "other-model" / "modules.json").write_text("[]")
    code, out, err = docs("--model", "other-model")
    assert code == EXIT_INDEX and "corpus/notes.txt" in out and err.count("\n") == 1
    assert "built with model 'fake', not 'other-model', and questions must use that model: pass --model fake" in err
    code, out, err = docs("--json", "--model", "other-model")
    assert code == EXIT_INDEX and len(json.loads(out)) == 4 and "not 'other-model'" in err
    assert docs("--model", "fake")[0] == 0
    assert docs()[0] == 0  # no model chosen: nothing to refuse, as status


@pytest.mark.parametrize("args", [["--since", "2024-02-30"], ["--until", "yesterday"], ["--since", "2024-1-1"]])
def test_a_bad_date_is_one_line_and_exit_2(folder: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    for command in (["docs"], ["search", "sales"], ["ask", "How did sales go?"]):
        code, _, err = run(capsys, *command, *args)
        assert code == EXIT_USAGE and len(err.strip().splitlines()) == 1
        said = "has no day 30: February 2024 has 29 days" if "2024-02-30" in args else "YYYY-MM-DD"
        assert err.startswith("askdocs: error: --") and said in err


def test_an_empty_path_filter_is_a_usage_error_not_everything(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--path "$DIR"` with DIR unset would search every document; an empty pattern beside a real one is dropped."""
    for command in (["docs"], ["search", "sales"], ["ask", "How did sales go?"]):
        code, out, err = run(capsys, *command, "--path", "")
        assert code == EXIT_USAGE and out == "" and err.startswith("askdocs: error: --path is empty"), err
    code, out, _ = run(capsys, "docs", "--json", "--path", "", "--path", "reports/q1.md")
    assert code == 0 and [r["path"] for r in json.loads(out)] == ["reports/q1.md"]
    (folder / "corpus" / "#draft.txt").write_text("A draft about the harbour.\n")
    reindex(folder)
    code, out, _ = run(capsys, "docs", "--json", "--path", "#draft.txt")  # a file name, not a gitignore comment
    assert code == 0 and [r["path"] for r in json.loads(out)] == ["#draft.txt"]


def test_since_after_until_is_a_usage_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "docs", "--since", "2024-05-01", "--until", "2024-04-01")
    assert code == EXIT_USAGE and "is after --until" in err


def test_docs_escapes_hostile_titles_and_names(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    hostile_corpus(tmp_path / "corpus")
    reindex(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "docs")
    assert code == 0 and is_safe(out) and is_safe(err)
    assert repr(f"corpus/{FORGED_NAME}") in out  # as ask and search print paths, escaped


def test_askdocsignore_leaves_files_out_and_removes_them_from_the_index(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = folder / "corpus"
    (corpus / "drafts").mkdir()
    (corpus / "drafts" / "idea.txt").write_text("An idea that is not ready.\n")
    (corpus / "scratch.tmp.txt").write_text("Scratch.\n")
    (corpus / ".askdocsignore").write_text("# not for questions\ndrafts/\n*.tmp.txt\nreports/q2.md\n")
    code, out, _ = run(capsys, "status", "--json")
    data = json.loads(out)
    assert data["new"] == [] and data["ignored"] == ["reports/q2.md"] and data["removed"] == []
    assert data["stale"] is True and data["ignored_by_file"] == 3  # drafts/, scratch.tmp.txt, reports/q2.md
    _, text, _ = run(capsys, "status")
    assert "ignored (1; still in the index" in text and "reports/q2.md" in text
    reindex(folder)
    with IndexStore.open(folder / "index") as store:
        assert sorted(store.documents()) == ["gone.txt", "notes.txt", "reports/q1.md"]
    data = json.loads(run(capsys, "status", "--json")[1])
    assert data["stale"] is False and data["ignored"] == []
    (corpus / ".askdocsignore").write_text("drafts/\n!reports/q2.md\n")
    data = json.loads(run(capsys, "status", "--json")[1])
    assert sorted(data["new"]) == ["reports/q2.md", "scratch.tmp.txt"] and data["ignored_by_file"] == 1


def test_status_lists_ten_paths_a_category_and_names_skipped_files(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = folder / "corpus"
    for i in range(304):
        (corpus / f"new-{i:03d}.txt").write_text(f"New note {i}.\n")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n")
    (corpus / "empty.txt").write_text("")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02 binary")
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "stale (304 new)" in out and "… and 294 more (use --verbose)" in out  # the empty and binary: skipped
    assert len(out.splitlines()) < 30
    assert "not read: 1 file not supported (1 .png)\n    corpus/photo.png\n" in out
    _, out, _ = run(capsys, "status", "--verbose")
    assert "new-303.txt" in out and "more (use --verbose)" not in out
    reindex(folder)  # the empty and the binary file are skipped, and remembered with why
    _, out, _ = run(capsys, "status")
    assert "up to date" in out and "skipped:  2 files not indexed (1 binary, 1 empty)" in out
    skipped = {line.split()[0].rsplit("/", 1)[-1]: line.split(None, 1)[1] for line in out.splitlines()[-4:-2]}
    assert skipped == {"blob.txt": "binary", "empty.txt": "empty"}
    assert out.splitlines()[-2:] == ["not read: 1 file not supported (1 .png)", "    corpus/photo.png"]
    data = json.loads(run(capsys, "status", "--json")[1])
    assert {r["path"]: r["reason"] for r in data["skipped"]} == {"blob.txt": "binary", "empty.txt": "empty"}
    assert data["unsupported"] == ["photo.png"]


def test_status_json_times_are_iso_8601_with_a_timezone(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    data = json.loads(run(capsys, "status", "--json")[1])
    for key in ("created", "updated"):
        when = datetime.datetime.fromisoformat(data["index"][key])
        assert when.tzinfo is not None and abs(when.timestamp() - datetime.datetime.now().timestamp()) < 600


@pytest.mark.slow  # a subprocess
def test_docs_does_not_load_the_model_libraries(folder: Path) -> None:
    code = (
        "import sys\nfrom askdocs.cli import main\n"
        "try:\n    main(['docs', '--json'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120)
    modules = set(out.stderr.split())
    assert "askdocs.cli.docs" in modules and len(json.loads(out.stdout)) == 4
    assert not {"torch", "sentence_transformers", "faiss", "transformers", "textual", "spacy"} & modules
