"""With the real model and a real index, through the CLI: a search result opens on its sentence with the query's
rare words rather than on one with more common ones; two overlapping results do not open on one sentence twice;
a refusal's related passage opens on the sentence the answerer ranked best in it, in text and JSON."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from tests.support import run_cli as run

FERRY = (
    "The new timetable for the year was printed on Monday.\n"
    "Copies are free at the library.\n"
    "The Kestrel ferry leaves the pier at noon.\n"
)
"""Its first line shares two words of "new ferry year" that many documents use, its third one that only it uses."""
FAIR = (
    "The town council granted the right to hold the summer fair to a new committee.\n"
    "Traders pay a small fee for each stall.\n"
    "The town received its market charter in 1204.\n"
)
"""Its first line shares more words of the question below, its third is what a "when" question is after."""
_NAMES = ["".join(parts).title() for parts in product(("ka", "lo", "mi", "nu", "re", "ta"), repeat=3)]
STORY = "\n\n".join(
    "\n".join(f"The gauge at {_NAMES[6 * p + n]} read {n + 1} metres on the morning of the survey." for n in range(6))
    for p in range(8)
)
"""Long enough for passages that overlap, one sentence a line, each naming a place no other sentence names."""


def _indexed(root: Path, files: dict[str, str], embedder: object, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """`files` indexed with the real model under `root`, where askdocs then runs with it."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus=corpus, index=root / "index", model="fake")  # the name run_cli passes
    index_corpus(settings, embedder=embedder)
    monkeypatch.chdir(root)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: embedder)
    return settings


def _previews(out: str) -> dict[str, str]:
    """A search's or a refusal's listed passages: where each is (path:line) -> its preview."""
    lines = out.splitlines()
    return {
        line.split()[1]: shown.strip()
        for line, shown in zip(lines, lines[1:], strict=False)
        if line[:1].isdigit() and ". corpus/" in line
    }


def test_a_search_result_opens_on_its_sentence_with_the_rare_query_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    files = {f"notes{i}.txt": f"Notice {i}: the new rota for the year starts in district {i}.\n" for i in range(20)}
    _indexed(tmp_path, {**files, "ferry.txt": FERRY}, real_embedder, monkeypatch)
    code, out, err = run(capsys, "search", "-k", "5", "new ferry year")
    assert code == 0, err
    assert _previews(out).get("corpus/ferry.txt:3", "").startswith("The Kestrel ferry leaves"), out
    code, out, _ = run(capsys, "search", "--json", "-k", "5", "new ferry year")
    (row,) = [r for r in json.loads(out)["passages"] if r["path"] == "corpus/ferry.txt"]
    assert (row["match"]["line"], row["match"]["start"]) == (3, FERRY.index("The Kestrel"))


def test_overlapping_results_do_not_open_on_one_sentence_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    settings = _indexed(tmp_path, {"river.txt": STORY + "\n"}, real_embedder, monkeypatch)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        passages = sorted(retriever.store.passages(list(range(1, 200))).values(), key=lambda p: p.start)
        a, b = next((a, b) for a, b in zip(passages, passages[1:], strict=False) if b.start < a.end)
        inner = retriever.store.sentences(b.doc_id, b.first_sentence, b.last_sentence)
        found = next(s for s in inner if b.start < s.start and s.end <= a.end)  # in both, the first of neither
    finally:
        retriever.close()
    place = next(name for name in _NAMES if name in found.text)
    code, out, err = run(capsys, "search", "--json", "-k", "30", place)
    assert code == 0, err
    holding = [r for r in json.loads(out)["passages"] if r["start"] <= found.start < r["end"]]
    assert {(r["start"], r["end"]) for r in holding} >= {(a.start, a.end), (b.start, b.end)}
    # the first opens on the sentence with the query's word, the next on their own starts, not on it again
    assert [r["match"]["start"] for r in holding] == [found.start] + [r["start"] for r in holding[1:]]
    code, out, _ = run(capsys, "search", "-k", "30", place)
    opened = [shown for where, shown in _previews(out).items() if where == f"corpus/river.txt:{found.line}"]
    assert opened and all(place in shown for shown in opened)
    assert out.count(f"corpus/river.txt:{found.line} ") == 1, out


def test_a_refusals_related_passage_opens_on_the_sentence_ranked_best_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], real_embedder: object
) -> None:
    files = {
        "fair.txt": FAIR,
        "river.txt": "The river flooded the lower fields in the spring.\nBoats were moored at the quay all winter.\n",
        "mill.txt": "The old mill ground corn for the farms around the village until 1950.\n",
    }
    _indexed(tmp_path, files, real_embedder, monkeypatch)
    question = "When was Quenby granted the right to hold a market?"  # no document names Quenby
    code, out, _ = run(capsys, "ask", question)
    assert code == 1 and "Related passages" in out, out
    shown = _previews(out)
    assert "corpus/fair.txt:1" not in shown, out  # the line sharing most of the question's words
    assert shown.get("corpus/fair.txt:3", "").startswith("The town received its market charter in 1204"), out
    code, out, _ = run(capsys, "ask", "--json", question)
    data = json.loads(out)
    (fair,) = [p for p in data["related"] if p["path"] == "corpus/fair.txt"]
    assert not data["found"] and (fair["match"]["line"], fair["match"]["start"]) == (3, FAIR.index("The town rec"))
