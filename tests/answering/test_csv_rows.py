"""A CSV row as the answering code reads it: a fact whatever its first column is called, dated by its Year column,
read with its header row however many lines its cells span."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.evidence import _is_heading, _lead_in, _names_year, gather_evidence
from askdocs.answering.model import fitted
from askdocs.answering.query import parse_query
from askdocs.ingest.dates import find_dates
from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.store.records import StoredSentence
from tests.support import FakeEmbedder, indexed


def _stored(tmp_path: Path, data: str) -> tuple[dict[int, StoredSentence], object]:
    """The sentences of a CSV file as the index stores them, by order, and its layout."""
    path = tmp_path / "t.csv"
    path.write_text(data)
    doc = read_document(tmp_path, path)
    sentences, _ = chunk_text(doc.text, whole_lines=True)
    line = doc.layout.line_finder(doc.text)
    stored = {
        n: StoredSentence(n, 1, "t.csv", n, s.start, s.end, line(s.start), s.text) for n, s in enumerate(sentences)
    }
    return stored, doc.layout


def test_a_row_whose_first_column_is_a_metadata_word_is_evidence(tmp_path: Path) -> None:
    """ "Date: ..." or "Title: ..." opening a line is a document's metadata, never an answer; opening a CSV row, it
    is the first of the row's facts."""
    rows, _ = _stored(tmp_path, "Date,Event\n2024-03-05,Yoga\nTitle,x\n")
    assert rows[1].text == "Date: 2024-03-05 | Event: Yoga"
    assert not _is_heading(rows[1], [rows[1]])
    alone = StoredSentence(9, 1, "t.txt", 0, 0, 16, 1, "Date: 2024-03-05")
    assert _is_heading(alone, [alone])


def test_a_year_column_dates_the_row_and_other_numbers_do_not() -> None:
    assert [m.text for m in find_dates("Country: Japan | Year: 2019 | Life expectancy: 84.4")] == ["2019"]
    assert [m.text for m in find_dates("Fiscal year: 2019 | Budget: 4.2")] == ["2019"]
    assert find_dates("Country: Japan | Price: 2019 | Stock: 3") == []
    assert find_dates("Country: Japan | Years: 2019") == []
    assert find_dates("Year: 2019") == []  # a line of a list, not a table's row
    assert find_dates("Country: Japan | Year: 2019 visitors | x") == []


def test_a_row_reads_its_header_past_rows_whose_cells_span_lines(tmp_path: Path) -> None:
    """A CSV file is one table: a row below a cell of four lines still reads the header's column names, where a
    table in a text file ends at a gap of lines."""
    rows, layout = _stored(tmp_path, 'Ticket,Price,Notes\nAdult,6.40,"Cash\nor\ncard\nonly"\nDog,1.50,On a lead\n')
    dog = rows[2]
    assert (dog.line, dog.text) == (6, "Ticket: Dog | Price: 1.50 | Notes: On a lead")
    assert [s.text for s in _lead_in(dog, rows, layout)] == ["Ticket | Price | Notes"]
    assert _lead_in(dog, rows) == []  # read as a text file's table: the gap of lines ends it


def test_a_one_column_table_of_titles_is_evidence(tmp_path: Path) -> None:
    """A reading list headed "Title": each row reads "Title: Dune", which opening a text file's line is its
    metadata, never an answer; in a CSV file it is the row's fact."""
    retriever = indexed(tmp_path, {"books.csv": "Title\nThe Hobbit\nDune\n"}, FakeEmbedder())
    try:
        evidence = gather_evidence(retriever, parse_query("Which book is Dune?"), fitted())
    finally:
        retriever.close()
    rows = [s for s in evidence.ranked if s.sentence.text.startswith("Title: ")]
    assert rows and not any(s.heading for s in rows)


LOANS = """branch,city,books lent 2023,weekly hours
Northgate,Shelbyville,130875,56
Old Mill,Ogdenville,21030,30
"""
FIELD_NOTES = "Survey notes\n\nSurvey dates: 12 to 16 June 2023\n\nThe boat left the harbour at dawn.\n"


def test_a_row_naming_the_asked_year_in_its_header_meets_the_question_s_year(tmp_path: Path) -> None:
    """ "books lent 2023" is no date to the reader of dates (a bare number may be no year), but a question "in 2023"
    asks of it: the row meets the year as a dated sentence would, and is not put behind "Survey dates: 12 to 16 June
    2023" of another file (the question was refused, its row listed as related)."""
    retriever = indexed(tmp_path, {"loans.csv": LOANS, "notes.md": FIELD_NOTES}, FakeEmbedder())
    try:
        evidence = gather_evidence(
            retriever, parse_query("How many books did the Northgate branch lend in 2023?"), fitted()
        )
    finally:
        retriever.close()
    assert evidence.ranked[0].sentence.text.startswith("branch: Northgate")
    assert evidence.ranked[0].date == 1.0


def test_a_year_written_as_a_count_or_a_number_does_not_meet_the_question_s_year() -> None:
    """Only a field named by the year or "the" year reads as that year: "holds 2023 old maps" is a count."""
    assert _names_year("branch: Northgate | books lent 2023: 130875", "2023")
    assert _names_year("The 2023 budget was cut.", "2023")
    assert _names_year("Population (2023): 51,000", "2023") and _names_year(
        "Revenue for fiscal year 2023 rose.", "2023"
    )
    assert not _names_year("Its collection holds 2023 old maps of the county.", "2023")
    assert not _names_year("The new ring road, route 2023, opened in June.", "2023")
