"""The documents a date filter leaves out only for want of a publication date: counted by the store in one query
on the documents table, among those the path patterns admit, and said in words a user reads."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.filters import Filter, Undated
from askdocs.store.index_store import IndexStore
from tests.support import FakeEmbedder

SINCE = Filter(since=datetime.date(2024, 1, 1))
FILES = {
    "dated.txt": "Date: 2024-06-01\n\nThe harbour crane in Tampico fell over in the June storm.\n",
    "old.txt": "Date: 2020-01-01\n\nThe old crane was painted blue.\n",
    "notes/a.txt": "The crane needs new cables.\n",
    "notes/b.md": "# Cables\n\nThe cables were ordered in spring.\n",
    "reports/c.txt": "The harbour master signed the report.\n",
    "reports/d.txt": "Nobody was hurt when the crane fell.\n",
}


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201 - an open IndexStore
    corpus = tmp_path / "corpus"
    for name, text in FILES.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    with IndexStore.open(tmp_path / "index") as opened:
        yield opened


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (SINCE, Undated(4, ("notes/a.txt", "notes/b.md", "reports/c.txt"))),
        (Filter(until=datetime.date(2030, 1, 1)), Undated(4, ("notes/a.txt", "notes/b.md", "reports/c.txt"))),
        (Filter(since=SINCE.since, paths=("reports/",)), Undated(2, ("reports/c.txt", "reports/d.txt"))),
        (Filter(since=SINCE.since, paths=("*.txt", "!notes/")), Undated(2, ("reports/c.txt", "reports/d.txt"))),
        (Filter(since=SINCE.since, paths=("dated.txt",)), Undated()),  # every admitted document has a date
        (Filter(paths=("notes/",)), Undated()),  # no date filter: nothing is left out for want of a date
        (Filter(), Undated()),
        (None, Undated()),
    ],
)
def test_the_store_counts_the_undated_documents_the_paths_admit(
    store: IndexStore, scope: Filter | None, expected: Undated
) -> None:
    assert store.undated(scope) == expected


def test_counting_is_one_query_on_the_documents_table(store: IndexStore) -> None:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        assert store.undated(SINCE).count == 4
        assert store.undated(Filter(since=SINCE.since, paths=("reports/",))).count == 2
    finally:
        store._conn.set_trace_callback(None)
    assert len(statements) == 2 and all("FROM documents" in s for s in statements)


def test_the_note_says_how_many_and_names_up_to_three() -> None:
    one = Undated(1, ("report.pdf",))
    assert one.note() == "1 document without a publication date is left out by --since/--until: report.pdf"
    three = Undated(3, ("a.pdf", "b.docx", "c.txt"))
    assert three.note() == (
        "3 documents without a publication date are left out by --since/--until: a.pdf, b.docx, c.txt"
    )
    many = Undated(1204, ("a.pdf", "b.docx", "c.txt"))
    assert many.note(lambda p: "corpus/" + p).endswith(": corpus/a.pdf, corpus/b.docx, corpus/c.txt and 1,201 more")
    assert many.note().startswith("1,204 documents without a publication date are left out")


def test_the_note_shows_a_hostile_name_escaped() -> None:
    note = Undated(1, ("fake\n[9] x.txt\x1b[2J",)).note()
    assert "\n" not in note and "\x1b" not in note and repr("fake\n[9] x.txt\x1b[2J") in note


def test_a_refusal_under_a_date_filter_counts_the_undated_documents_not_searched() -> None:
    said = "searched only the documents that match the filter: published 2024-01-01 to …"
    assert SINCE.searched() == said
    assert SINCE.searched(Undated()) == said
    assert SINCE.searched(Undated(1, ("a.pdf",))) == f"{said}; 1 document without a publication date was not searched"
    assert SINCE.searched(Undated(3)) == f"{said}; 3 documents without a publication date were not searched"
