"""ask and search as a user runs them: --since/--until/--path reach retrieval, search --top-k, ISO times in JSON,
and a text answer that prints each cited sentence once."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from askdocs.answering import Answer, Citation
from askdocs.cli.render import answer_text
from askdocs.config import Settings
from askdocs.indexer import index_corpus
from tests.support import SAMPLE, FakeEmbedder
from tests.support import run_cli as run

COPIES = 60


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample article, 60 dated near-copies of one crane note under old/, and one newer note under new/."""
    corpus = tmp_path / "corpus"
    (corpus / "old").mkdir(parents=True)
    (corpus / "new").mkdir()
    (corpus / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    for i in range(COPIES):
        (corpus / "old" / f"crane-{i:02d}.txt").write_text(
            f"Date: 2021-07-02\n\nThe harbour crane collapsed in Veracruz on Friday, report {i}.\n"
        )
    (corpus / "new" / "tampico.txt").write_text(
        "Date: 2024-03-01\n\nA harbour crane in Tampico fell over during the March storm.\n"
    )
    index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    return tmp_path


def search_paths(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = run(capsys, "search", "--json", "harbour crane collapsed", *args)
    paths = [row["path"] for row in json.loads(out)["passages"]]
    assert code == (0 if paths else 1), err  # nothing found: exit 1
    return paths


def test_search_filters_apply_before_the_top_k_cut(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "corpus/new/tampico.txt" not in search_paths(capsys, "--top-k", "50")
    assert search_paths(capsys, "--since", "2024-01-01") == ["corpus/new/tampico.txt"]
    assert search_paths(capsys, "--path", "new/", "-k", "3") == ["corpus/new/tampico.txt"]
    assert search_paths(capsys, "--until", "2021-12-31", "--top-k", "7") == [
        p for p in search_paths(capsys, "--until", "2021-12-31", "--top-k", "7") if p.startswith("corpus/old/")
    ]
    assert len(search_paths(capsys, "--until", "2021-12-31", "--top-k", "7")) == 7
    assert search_paths(capsys, "--since", "2030-01-01") == []
    code, out, _ = run(capsys, "search", "--documents", "--json", "crane", "--path", "new/*.txt")
    assert [d["path"] for d in json.loads(out)["documents"]] == ["corpus/new/tampico.txt"]


def test_search_json_names_its_filter_and_iso_times(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", "--json", "crane", "--since", "2024-01-01", "--path", "new/")
    data = json.loads(out)
    assert data["filter"] == {"since": "2024-01-01", "until": None, "paths": ["new/"], "undated_left_out": 0}
    assert datetime.datetime.fromisoformat(data["index"]["updated"]).tzinfo is not None
    _, out, _ = run(capsys, "search", "--json", "crane")
    assert json.loads(out)["filter"] is None


def test_ask_answers_from_the_filtered_documents(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "--json", "What fell over during the March storm?", "--since", "2024-01-01")
    assert code == 0, err
    data = json.loads(out)
    assert {c["path"] for c in data["citations"]} == {"corpus/new/tampico.txt"}
    assert data["filter"]["since"] == "2024-01-01"
    created = datetime.datetime.fromisoformat(data["index"]["created"])
    assert created.utcoffset() == datetime.timedelta(0)
    code, out, _ = run(capsys, "ask", "Who was arrested?", "--path", "old/")
    assert code == 1 and "(searched only the documents that match the filter: paths old/)" in out
    code, out, _ = run(capsys, "ask", "Who was arrested?", "--path", "nothing/")
    assert code == 1 and "(no indexed document matches the filter: paths nothing/)" in out
    assert "no passage" not in out and out.count("matches the filter") == 1  # the one reason, said once
    code, out, _ = run(capsys, "search", "arrested", "--path", "nothing/")  # found nothing: exit 1, as ask
    assert code == 1 and out.strip() == "no indexed document matches the filter: paths nothing/"
    code, out, _ = run(capsys, "search", "arrested", "--path", "nothing/", "--json")
    assert code == 1 and json.loads(out)["passages"] == []
    code, out, _ = run(capsys, "search", "arrested", "--path", "nothing/", "--documents")
    assert code == 1 and out.strip() == "no documents match"
    assert run(capsys, "search", "arrested", "--path", "old/")[0] == 0


def test_the_text_answer_prints_each_cited_sentence_once(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "How much did the men offer the soldiers to let Torres go?"
    code, out, err = run(capsys, "ask", "--json", question, "--path", SAMPLE.name)
    assert code == 0, err
    quotes = [c["quote"] for c in json.loads(out)["citations"]]
    assert quotes
    code, text, _ = run(capsys, "ask", question, "--path", SAMPLE.name)
    assert code == 0
    body, sources = text.split("\nSources:\n")
    for n, quote in enumerate(quotes, start=1):
        assert text.count(quote) == 1 and quote in body
        assert f"[{n}] corpus/{SAMPLE.name}:" in sources
    assert not any('"' in line for line in sources.splitlines() if line.startswith("["))


def _citation(n: int, quote: str) -> Citation:
    return Citation(n, "corpus/a.txt", 0, len(quote), 3 + n, quote, 0.9)


def test_sources_quote_only_what_the_body_does_not_show() -> None:
    quotes = ["The crane fell on July 2.", "Nobody was hurt."]
    extractive = Answer("What fell?", "The crane [1]\n\nThe crane fell on July 2. [1] Nobody was hurt. [2]", True,
                        citations=tuple(_citation(i + 1, q) for i, q in enumerate(quotes)))  # fmt: skip
    lines = answer_text(extractive, Path("corpus")).splitlines()
    assert lines == [
        "The crane [1]",
        "",
        "The crane fell on July 2. [1]",
        "Nobody was hurt. [2]",
        "",
        "Sources:",
        "[1] corpus/a.txt:4",
        "[2] corpus/a.txt:5",
    ]
    written = Answer("What fell?", "A crane fell [1] and no one was injured [2].", True,
                     citations=tuple(_citation(i + 1, q) for i, q in enumerate(quotes)))  # fmt: skip
    lines = answer_text(written, Path("corpus")).splitlines()
    assert lines[-2:] == ['[1] corpus/a.txt:4  "The crane fell on July 2."', '[2] corpus/a.txt:5  "Nobody was hurt."']


def test_the_chat_backend_answers_from_its_filter(folder: Path) -> None:
    from askdocs.config import load_settings
    from askdocs.store.filters import Filter
    from askdocs.tui.backend import Backend

    backend = Backend(load_settings({"model": "fake"}, cwd=folder, environ={}), FakeEmbedder())
    backend.scope = Filter(paths=("new/",))
    try:
        backend.start()
        answer = backend.ask("What fell over during the March storm?")
        assert answer.found and {c.path for c in answer.citations} == {"corpus/new/tampico.txt"}
        assert {h.passage.path for h in answer.hits} == {"new/tampico.txt"}
    finally:
        backend.close()


def test_chat_refuses_a_bad_filter_in_one_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "chat", "--until", "2024-13-01")
    assert code == 2 and err.strip() == "askdocs: error: --until '2024-13-01' has no month 13 (months run 01 to 12)"


def test_search_documents_says_why_each_ranks(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each document line names its keyword rank and cosine: a bare mixed score read 0.0000 for the last document
    of a small corpus, which looked like no match at all."""
    code, out, _ = run(capsys, "search", "--documents", "Tampico crane storm", "-k", "3")
    heads = [line for line in out.splitlines() if not line.startswith("   ")]
    assert code == 0 and len(heads) == 3
    assert heads[0].startswith("1. corpus/new/tampico.txt (keyword #1, cos=")
    assert all(("keyword #" in h or "no keyword match" in h) and "; mixed score " in h for h in heads)
    assert not any("(score" in h for h in heads)


def test_a_cosine_a_hair_below_zero_prints_as_zero() -> None:
    from askdocs.cli.render import cosine

    assert (cosine(-0.001), cosine(0.456), cosine(-0.2)) == ("0.00", "0.46", "-0.20")


def test_a_question_about_a_document_the_filter_leaves_out_is_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    """With the real model: the other documents share the question's common words ("mayor"), but its name
    ("Carrow") is only in a document the filter leaves out, so the filtered answer says so instead of naming another
    town's mayor."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "carrow.txt").write_text(
        "Date: 2023-05-22\n\nRosa Tellinger was elected mayor of Carrow on Sunday with 54 percent of the vote.\n"
        "She defeated the incumbent, who had held the office for twelve years.\n"
    )
    (corpus / "bridge.txt").write_text(
        "Date: 2024-06-01\n\nMayor Dorian Flett opened the new Kestrel Bay Bridge in Port Alder on Saturday.\n"
        "About 5,000 people watched the mayor cut the ribbon. The bridge cost 412 million dollars.\n"
    )
    # recorded under the name run_cli passes; the vectors are the real model's
    (corpus / "rain.txt").write_text("Date: 2024-06-02\n\nHeavy rain fell in the north on Monday night.\n")
    index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=real_embedder)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: real_embedder)
    question = "Who was elected mayor of Carrow?"
    code, out, err = run(capsys, "ask", "--json", question)
    assert code == 0, err
    assert {c["path"] for c in json.loads(out)["citations"]} == {"corpus/carrow.txt"}
    code, out, err = run(capsys, "ask", "--json", question, "--since", "2024-01-01")
    data = json.loads(out)
    assert code == 1 and not data["found"], data["answer"]
    assert any("filter leaves out" in r and "“Carrow”" in r for r in data["reasons"]), data["reasons"]
    code, out, _ = run(capsys, "ask", "--json", question, "--path", "rain.txt")  # shares none of its words
    data = json.loads(out)
    assert code == 1 and any("filter leaves out" in r and "“Carrow”" in r for r in data["reasons"]), data["reasons"]
