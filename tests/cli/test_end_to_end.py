"""The whole product with the real model, real FAISS and a real SQLite file, as a user drives it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from askdocs.store.index_store import IndexStore
from tests.cli.test_cli import run
from tests.support import SAMPLE, sample_folder

pytestmark = pytest.mark.slow  # runs askdocs in subprocesses with the real model

JULY_2 = "Who was arrested on July 2?"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's folder with the sample corpus, indexed once through the real CLI."""
    root = tmp_path_factory.mktemp("user")
    sample_folder(root)
    out = run("index", cwd=root)
    assert out.returncode == 0, out.stderr
    assert "1 added" in out.stdout
    return root


def _slice(path: Path, start: int, end: int) -> str:
    return path.read_bytes().decode("utf-8")[start:end]


def test_july_2_names_both_men_with_exact_citations(workdir: Path) -> None:
    out = run("ask", "--json", JULY_2, cwd=workdir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["found"] is True
    assert "Torres" in data["answer"] and "Herrera" in data["answer"]
    cited = " ".join(c["quote"] for c in data["citations"])
    assert "Torres" in cited and "Herrera" in cited
    for c in data["citations"]:
        assert _slice(workdir / c["path"], c["start"], c["end"]) == c["quote"]
        assert f"[{c['n']}]" in data["answer"]
        assert c["status"] == "ok"
    assert data["passages"] and data["index"]["model"] == "all-MiniLM-L6-v2"


def test_text_output_lists_sources_with_file_and_line(workdir: Path) -> None:
    out = run("ask", JULY_2, cwd=workdir)
    assert out.returncode == 0
    assert "Sources:" in out.stdout
    assert "[1] corpus/mexico-cartel-arrests.txt:" in out.stdout


def test_unanswerable_question_is_not_found_exit_1(workdir: Path) -> None:
    out = run("ask", "--json", "What is the capital of France?", cwd=workdir)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert data["found"] is False and data["citations"] == []
    text = (workdir / "corpus" / "mexico-cartel-arrests.txt").read_text(encoding="utf-8")
    for passage in data["related"] + data["passages"]:  # each names the sentence its preview opens on
        match = passage["match"]
        assert passage["start"] <= match["start"] < match["end"] <= passage["end"]
        assert text.count("\n", 0, match["start"]) + 1 == match["line"]
        assert match["where"] == f"line {match['line']}"  # as `search --json` gives it: for a text file, its line
    assert any("capital" in text[p["match"]["start"] : p["match"]["end"]] for p in data["related"])
    text = run("ask", "What is the capital of France?", cwd=workdir)
    assert text.returncode == 1 and "could not find" in text.stdout and "not judged to answer" in text.stdout


def test_jsonl_from_stdin_answers_each_line(workdir: Path) -> None:
    out = run("ask", "--json", "-", cwd=workdir, stdin=f"{JULY_2}\n\nWhat is the capital of France?\n")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["found"] for d in lines] == [True, False]
    assert out.returncode == 1


def test_search_lists_passages_with_scores(workdir: Path) -> None:
    out = run("search", "10 million pesos bribe", "-k", "2", cwd=workdir)
    assert out.returncode == 0
    assert out.stdout.startswith("1. corpus/mexico-cartel-arrests.txt:") and "score" in out.stdout
    data = json.loads(run("search", "--json", "10 million pesos bribe", "-k", "2", cwd=workdir).stdout)
    assert len(data["passages"]) == 2 and "10 million pesos" in data["passages"][0]["text"]
    data = json.loads(run("search", "--json", "Culiacanazo", cwd=workdir).stdout)
    assert "Culiacanazo" in data["passages"][0]["text"]


BUDGET_MD = """---
title: Library budget approved
date: 2025-06-02
---

# Library budget approved

The city council **approved** a budget of 3.2 million euros for the Central Library on Monday.
The vote was 21 to 4, with two abstentions.

## What the money pays for

Most of the money goes to a new children's wing designed by architect [Lena Holm](https://example.org/holm).
The rest pays for longer opening hours: the library will open on Sundays from September.

## Criticism

Councillor Omar Haddad voted against, saying the budget ignores the branch libraries in the suburbs.
"""


def test_a_missing_corpus_folder_is_named_in_a_warning_while_the_index_answers(workdir: Path) -> None:
    """The index's own corpus folder gone (moved, unmounted): ask and search still answer from the index, and
    stderr says the folder is missing; a mistyped --corpus is an error naming the index's folder."""
    (workdir / "corpus").rename(workdir / "corpus-away")
    try:
        for args in (["search", "Lantia", "-k", "1"], ["ask", "Who founded Lantia?"]):
            out = run(*args, "--corpus", "corpus", cwd=workdir)
            assert out.returncode == 0, out.stderr
            assert "the corpus folder ./corpus is missing; answering from what the index holds" in out.stderr
            out = run(*args, "--corpus", "corpus-typo", cwd=workdir)
            assert out.returncode == 2 and not out.stdout
            assert out.stderr.startswith("askdocs: error: --corpus ./corpus-typo does not exist; the index at ./index")
        listed = run("docs", "--corpus", "corpus", cwd=workdir)
        assert "the corpus folder ./corpus is missing; listing what the index holds" in listed.stderr
        assert listed.stdout.splitlines()[-1].endswith("missing")  # not "(run: askdocs index)", which would fail
    finally:
        (workdir / "corpus-away").rename(workdir / "corpus")
    for args in (["search", "Lantia", "-k", "1"], ["ask", "Who founded Lantia?"]):
        assert "missing" not in run(*args, cwd=workdir).stderr


@pytest.mark.parametrize(
    ("query", "name", "words"),
    [
        ("Culiacanazo", "mexico-cartel-arrests.txt", "Culiacanazo"),
        ("Councillor Omar Haddad suburbs", "budget.md", "Omar Haddad"),
        ("Sundays September opening hours", "budget.md", "Sundays from September"),
        ("vote abstentions", "budget.md", "two abstentions"),
    ],
)
def test_search_previews_open_on_the_matching_sentence_at_its_line_in_the_file(
    tmp_path: Path, query: str, name: str, words: str
) -> None:
    """The line printed is the line of the file that holds the sentence shown, for Markdown with front matter and
    markup too (its indexed text has fewer lines than the file)."""
    root = sample_folder(tmp_path)
    (root / "corpus" / "budget.md").write_text(BUDGET_MD, encoding="utf-8")
    assert run("index", cwd=root).returncode == 0
    out = run("search", query, "-k", "1", cwd=root)
    assert out.returncode == 0, out.stderr
    file_lines = (root / "corpus" / name).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(file_lines, 1) if words in t)
    where, preview = out.stdout.splitlines()[:2]
    assert where.startswith(f"1. corpus/{name}:{line} "), out.stdout
    assert preview.strip().startswith(file_lines[line - 1].replace("**", "")[:25]), out.stdout
    data = json.loads(run("search", query, "-k", "1", "--json", cwd=root).stdout)
    assert data["passages"][0]["match"]["line"] == line  # the same line as the text output


def test_asking_with_another_model_says_rebuild_unless_it_is_not_installed(workdir: Path) -> None:
    out = run("ask", "--model", "/no/such/model", JULY_2, cwd=workdir)
    assert out.returncode == 4 and "model '/no/such/model' is not installed" in out.stderr
    assert "--rebuild" not in out.stderr  # a rebuild with it could not work
    (workdir / "other-model").mkdir()  # there, as far as a check that loads nothing can tell
    (workdir / "other-model" / "modules.json").write_text("[]")
    out = run("ask", "--model", "other-model", JULY_2, cwd=workdir)
    assert out.returncode == 3 and "--rebuild --model other-model" in out.stderr


def test_add_edit_delete_a_document(tmp_path: Path, settings, real_embedder) -> None:
    index_corpus(settings, embedder=real_embedder)
    with IndexStore.open(settings.index) as store:
        before = store.info().passages
    doc = settings.corpus / "harbour.txt"
    doc.write_text(
        "The harbour master of Valparaíso resigned on Monday after a tanker ran aground.\n"
        "Port officials said the spill was contained within two days.\n",
        encoding="utf-8",
    )
    report = index_corpus(settings, embedder=real_embedder)
    assert (report.added, report.unchanged, report.passages) == (1, 1, 1)
    retriever = Retriever.open(settings, embedder=real_embedder)
    answer = answer_question(retriever, "Who resigned after the tanker ran aground?")
    retriever.close()
    assert answer.found and "harbour master" in answer.text
    assert answer.citations[0].path.endswith("harbour.txt")

    doc.write_text("The bakery on Calle Prat won a national prize for its bread.\n", encoding="utf-8")
    report = index_corpus(settings, embedder=real_embedder)
    assert (report.changed, report.passages) == (1, 1)
    retriever = Retriever.open(settings, embedder=real_embedder)
    hits = retriever.search("bakery prize bread", 3)
    assert hits[0].passage.path == "harbour.txt" and "bakery" in hits[0].passage.text
    assert all("tanker" not in h.passage.text for h in retriever.search("tanker ran aground", 10))
    retriever.close()

    doc.unlink()
    report = index_corpus(settings, embedder=real_embedder)
    assert report.removed == 1
    retriever = Retriever.open(settings, embedder=real_embedder)
    assert all(h.passage.path != "harbour.txt" for h in retriever.search("bakery prize bread", 10))
    assert retriever.store.info().passages == before
    retriever.close()


def test_cited_file_changed_after_indexing_is_flagged(tmp_path: Path, settings, real_embedder) -> None:
    index_corpus(settings, embedder=real_embedder)
    (settings.corpus / SAMPLE.name).write_text("Entirely different text now.", encoding="utf-8")
    retriever = Retriever.open(settings, embedder=real_embedder)
    answer = answer_question(retriever, JULY_2)
    retriever.close()
    assert answer.found and all(c.status == "changed" for c in answer.citations)
    assert answer.notes and "changed" in answer.notes[0]


def test_ask_json_reports_short_answer_dates_and_related(workdir: Path) -> None:
    data = json.loads(run("ask", "--json", JULY_2, cwd=workdir).stdout)
    assert data["dates"] == ["--07-02"] and data["kind"] == "who" and data["related"] == []
    quotes = " ".join(c["quote"] for c in data["citations"])
    assert "Francisco Torres" in quotes and "Herrera" in quotes and "Neri" not in data["answer"]
    out = run("ask", "--json", "What is the capital of France?", cwd=workdir)
    refused = json.loads(out.stdout)
    assert out.returncode == 1 and refused["found"] is False and refused["related"] and refused["reasons"]


def test_ask_with_context_resolves_a_follow_up(workdir: Path, tmp_path: Path) -> None:
    context = tmp_path / "turns.json"
    context.write_text(json.dumps([{"question": "Who is El Duranguillo?", "answer": "Francisco Torres [1]."}]))
    out = run("ask", "--json", "--context", str(context), "Where was he detained?", cwd=workdir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["rewritten"] == "Where was Francisco Torres detained?"
    assert any("Altar" in c["quote"] for c in data["citations"])
    text = run("ask", "--context", str(context), "Where was he detained?", cwd=workdir)
    assert text.stdout.startswith("(read as: Where was Francisco Torres detained?)")
    bad = run("ask", "--context", str(tmp_path / "nope.json"), "Where?", cwd=workdir)
    assert bad.returncode == 2 and bad.stderr.startswith("askdocs: error:")
