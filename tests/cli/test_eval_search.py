"""`askdocs eval-search` on a real index: document ids written the ways people write them, ids that name no
indexed document reported, and the BEIR/TREC layouts with tabs or spaces (fake encoder, in-process CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run

WHERE = ("--corpus", "mydocs", "--index", "idx")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A working folder with mydocs/ indexed into idx/: two files share the name notes.txt."""
    docs = tmp_path / "mydocs"
    for name, text in {
        "bridge-closure.txt": "Bridge closure\n\nThe old bridge over the river was closed for repairs in May.\n",
        "sub/harbour.txt": "Harbour\n\nShips waited in the harbour for the storm to pass.\n",
        "a/notes.txt": "Notes\n\nThe council met on Tuesday about the budget.\n",
        "b/notes.txt": "More notes\n\nThe library opens late on Thursdays.\n",
        "my report.txt": "Report\n\nThe orchard gave a record apple harvest.\n",
    }.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index", *WHERE)[0] == 0
    (tmp_path / "q.tsv").write_text("q1\tships in the harbour storm\n", encoding="utf-8")
    return tmp_path


def score(capsys: pytest.CaptureFixture[str], qrels: str, queries: str = "q.tsv") -> tuple[int, dict, str]:
    """eval-search --json on `qrels`: (exit code, figures or {}, stderr)."""
    code, out, err = run(capsys, "eval-search", queries, qrels, "--json", *WHERE)
    return code, json.loads(out) if code == 0 else {}, err


@pytest.mark.parametrize(
    "written",
    ["sub/harbour.txt", "harbour.txt", "mydocs/sub/harbour.txt", "./mydocs/sub/harbour.txt", "ABSOLUTE"],
)
def test_a_document_is_found_however_its_id_is_written(
    folder: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    doc = str(folder / "mydocs" / "sub" / "harbour.txt") if written == "ABSOLUTE" else written
    (folder / "qrels.tsv").write_text(f"q1\t{doc}\t1\n", encoding="utf-8")
    code, figures, err = score(capsys, "qrels.tsv")
    assert code == 0 and err == ""
    assert figures["ndcg@10"] == pytest.approx(1.0) and figures["unmatched_ids"] == 0


def test_ids_naming_no_indexed_document_are_reported(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["q1\tsub/harbour.txt\t1"] + [f"q1\tgone-{i}.txt\t{i % 2}" for i in range(5)]
    (folder / "qrels.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, figures, err = score(capsys, "qrels.tsv")
    assert code == 0 and figures["unmatched_ids"] == 5
    assert figures["recall@100"] == pytest.approx(1 / 3)  # gone-1 and gone-3 are relevant and never found
    assert err.count("\n") == 1 and err.startswith("askdocs: warning: qrels.tsv: 5 of 6 document ids name no")
    assert "'gone-0.txt', 'gone-1.txt', 'gone-2.txt' and 2 more" in err


def test_qrels_naming_no_indexed_document_are_an_error_not_zero(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "qrels.tsv").write_text("q1\tbridge.txt\t1\nq1\t/elsewhere/sub/harbour.txt\t2\n", encoding="utf-8")
    code, out, err = run(capsys, "eval-search", "q.tsv", "qrels.tsv", *WHERE)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("askdocs: error: qrels.tsv: no document it grades relevant is in the index")
    assert "'bridge.txt'" in err and "path relative to the corpus folder" in err
    (folder / "zero.tsv").write_text("q1\tsub/harbour.txt\t0\n", encoding="utf-8")
    code, _, err = run(capsys, "eval-search", "q.tsv", "zero.tsv", *WHERE)
    assert code == 2 and "no document is graded above 0" in err


def test_a_file_name_several_documents_share_is_an_error_naming_them(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "qrels.tsv").write_text("q1\tnotes.txt\t1\n", encoding="utf-8")
    code, out, err = run(capsys, "eval-search", "q.tsv", "qrels.tsv", *WHERE)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "'notes.txt' is the name of 2 documents (a/notes.txt, b/notes.txt)" in err


@pytest.mark.parametrize(
    "content",
    [
        "q1 0 sub/harbour.txt 1\nq1 0 bridge-closure.txt 0\n",  # TREC, spaces
        "q1\t0\tsub/harbour.txt\t1\n",  # TREC, tabs
        "q1 Q0 harbour.txt 1\n",
        "query-id corpus-id score\nq1 sub/harbour.txt 1\n",  # BEIR with its header, spaces
    ],
)
def test_trec_and_beir_qrels_with_tabs_or_spaces(
    folder: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (folder / "qrels.txt").write_text(content, encoding="utf-8")
    code, figures, err = score(capsys, "qrels.txt")
    assert code == 0, err
    assert figures["ndcg@10"] == pytest.approx(1.0) and figures["unmatched_ids"] == 0


def test_a_document_id_with_spaces_needs_tabs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "q.tsv").write_text("q1\torchard apple harvest\n", encoding="utf-8")
    (folder / "qrels.tsv").write_text("q1\tmy report.txt\t1\n", encoding="utf-8")
    code, figures, err = score(capsys, "qrels.tsv")
    assert code == 0 and figures["ndcg@10"] == pytest.approx(1.0), err
    (folder / "qrels.txt").write_text("q1 my report.txt 1\n", encoding="utf-8")
    code, out, err = run(capsys, "eval-search", "q.tsv", "qrels.txt", *WHERE)
    assert code == 2 and out == ""
    assert err.startswith("askdocs: error: qrels.txt:1: 4 columns separated by spaces can be read more than one")
    assert "tabs" in err


def test_queries_in_jsonl_tsv_or_spaces_and_one_query_is_singular(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "qrels.tsv").write_text("q1\tsub/harbour.txt\t1\n", encoding="utf-8")
    (folder / "q.jsonl").write_text('{"_id": "q1", "text": "ships in the harbour storm", "metadata": {}}\n')
    (folder / "q.txt").write_text("\ufeffq1 ships in the harbour storm\r\nq2 the bridge\r\n", encoding="utf-8")
    for queries in ("q.tsv", "q.jsonl", "q.txt"):
        code, out, err = run(capsys, "eval-search", queries, "qrels.tsv", *WHERE)
        assert code == 0 and err == ""
        assert out.startswith("1 query, hybrid search,") and "ndcg@10     1.0000" in out


@pytest.mark.parametrize(
    ("queries", "line"),
    [
        ("q1\tships in the harbour\nstorm and the old bridge\nq2\tthe bridge\n", 2),  # a query broken over two lines
        ("query-id\ttext\nq1\tships in the harbour storm\nq2    the bridge\n", 3),  # a tab turned into spaces
    ],
)
def test_a_line_without_a_tab_among_tab_separated_queries_is_an_error_naming_it(
    folder: Path, capsys: pytest.CaptureFixture[str], queries: str, line: int
) -> None:
    (folder / "qrels.tsv").write_text("q1\tsub/harbour.txt\t1\n", encoding="utf-8")
    (folder / "q.tsv").write_text(queries, encoding="utf-8")
    code, out, err = run(capsys, "eval-search", "q.tsv", "qrels.tsv", *WHERE)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"askdocs: error: q.tsv:{line}: no tab between the query's id and its text")
    assert "expected 'id<TAB>text'" in err
    (folder / "q.tsv").write_text("id text\nq1 ships in the harbour storm\n", encoding="utf-8")  # no tab at all
    assert run(capsys, "eval-search", "q.tsv", "qrels.tsv", *WHERE)[0] == 0  # read at spaces, as documented
