"""Word files: a table under a row of column names gives each row's cells their names, as a CSV row does."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.normalize import CELL_SEPARATOR


def _citable(corpus: Path, name: str) -> list[str]:
    """The sentences the index stores and may cite for a file."""
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def _table_file(path: Path, rows: list[tuple[str, ...]]) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("The harbour's berths this week.")
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text
    word.save(str(path))


def test_a_word_tables_rows_name_their_cells_by_the_header_row(tmp_path: Path) -> None:
    _table_file(
        tmp_path / "berths.docx",
        [("Name", "Length", "Berth"), ("Albatross", "51 m", "Quay 12"), ("Kestrel", "38 m", "Quay 3")],
    )
    doc = read_document(tmp_path, tmp_path / "berths.docx")
    assert "Name | Length | Berth" in doc.text  # the header row, a label line
    assert _citable(tmp_path, "berths.docx") == [
        "The harbour's berths this week.",
        CELL_SEPARATOR.join(["Name: Albatross", "Length: 51 m", "Berth: Quay 12"]),
        CELL_SEPARATOR.join(["Name: Kestrel", "Length: 38 m", "Berth: Quay 3"]),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("Albatross", "51 m"), ("Kestrel", "38 m")],  # no header: the first row is data ("51 m" is no name)
        [("2019", "2020"), ("4.1", "4.3")],  # years alone, numbers below
        [("Name", "Length"), ("Name", "51 m")],  # a "name" that comes again below it is a value
    ],
)
def test_a_word_table_without_a_row_of_names_keeps_its_plain_rows(tmp_path: Path, rows: list[tuple[str, ...]]) -> None:
    _table_file(tmp_path / "t.docx", rows)
    doc = read_document(tmp_path, tmp_path / "t.docx")
    assert ": " not in doc.text.replace("berths this week", "")
    assert CELL_SEPARATOR.join(rows[-1]) in doc.text


def test_a_cell_merged_over_columns_is_given_once_and_the_names_stay_in_their_columns(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    rows = [("Vessel", "Length", "Beam"), ("Albatross", "51 m", "9 m"), ("Kestrel", "", "")]
    for row, cells in zip(table.rows, rows, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "in dry dock"
    table.cell(1, 2).text = "51 m"  # the same text as its neighbour, not merged with it: both are given
    word.save(str(tmp_path / "merged.docx"))
    assert _citable(tmp_path, "merged.docx") == [
        "Vessel: Albatross | Length: 51 m | Beam: 51 m",
        "Vessel: Kestrel | Length: in dry dock",
    ]


def test_a_question_a_table_row_answers_is_answered_and_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """End to end with the real model: the table row is cited with its columns' names."""
    from askdocs.answering import answer_question
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _table_file(
        corpus / "berths.docx",
        [("Name", "Length", "Berth"), ("Albatross", "51 m", "Quay 12"), ("Kestrel", "38 m", "Quay 3")],
    )
    settings = load_settings({"corpus": corpus, "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "How long is the Albatross?")
        assert answer.found, answer.reasons
        assert any("Length: 51 m" in c.quote for c in answer.citations)
        assert answer.short is None or "51 m" in answer.short
    finally:
        retriever.close()
