"""A table of two columns whose first row is a fact, a label beside a proper name, a date in words or an address
("Owner | Jane Smith" over "Department | Finance"), is keys and values, not a row of column names: its first fact
is cited, and no row is named by it ("Owner: Department | Jane Smith: Finance" was a false fact)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.normalize import CELL_SEPARATOR
from tests.ingest.test_docx_notes_tables import _citable, _table_file

FACTS = [
    [("Owner", "Jane Smith"), ("Department", "Finance"), ("Status", "Approved")],
    [("Policy owner", "Priya Raman"), ("Review date", "June 2026")],
    [("Landlord", "Mr J. Smith"), ("Tenant", "Ms A. Jones"), ("Rent", "£950 per month")],
    [("Client", "Acme Ltd"), ("Contract value", "£12,000"), ("Term", "2 years")],
    [("Start date", "May 3, 2025"), ("End date", "June 9, 2025")],
    [("Contact", "jane@example.com"), ("Phone", "555 1234")],
]
HEADERS = [
    [("Country", "Capital"), ("France", "Paris"), ("Spain", "Madrid")],
    [("Item", "Cost"), ("Tickets", "£310"), ("Hotel", "£540")],
    [("Name", "Role"), ("Ann Lee", "Chair"), ("Bo Li", "Treasurer")],
    [("Name", "Job Title"), ("Ann Lee", "Head Coach"), ("Bo Li", "Treasurer")],  # people down the first column
    [("Employee", "Department"), ("Jane Smith", "Finance"), ("Tom Brown", "Legal")],
    [("Milestone", "Due Date"), ("Launch", "June 2026"), ("Review", "July 2026")],  # dates down the second column
    [("Task", "Owner"), ("Draft budget", "Jane Smith"), ("Book venue", "Tom Brown")],
]


def _csv_rows(tmp_path: Path, rows: list[tuple[str, str]]) -> list[str]:
    path = tmp_path / "table.csv"
    path.write_text("".join(f'"{key}","{value}"\n' for key, value in rows), encoding="utf-8")
    doc = read_document(tmp_path, path)
    sentences, _ = chunk_text(doc.text, whole_lines=True)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


@pytest.mark.parametrize("rows", [*HEADERS, [("Country", "Capital City"), ("France", "Paris"), ("Spain", "Madrid")]])
def test_a_csv_of_two_columns_under_their_names_keeps_its_header_row(
    tmp_path: Path, rows: list[tuple[str, str]]
) -> None:
    """CSV files nearly always open on their columns' names: a Title Case name ("Capital City") reads as a person's
    would, but the rule for a first row that is a fact is the Word reader's alone."""
    names = rows[0]
    expected = [CELL_SEPARATOR.join(f"{n}: {cell}" for n, cell in zip(names, row, strict=True)) for row in rows[1:]]
    assert _csv_rows(tmp_path, rows) == expected


@pytest.mark.parametrize("rows", FACTS)
def test_a_word_table_of_keys_and_values_cites_its_first_fact(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    _table_file(tmp_path / "facts.docx", rows, header="")
    assert _citable(tmp_path, "facts.docx")[1:] == [f"{key}: {value}" for key, value in rows]


@pytest.mark.parametrize("rows", HEADERS)
def test_an_unmarked_word_table_under_its_names_keeps_its_rows(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    _table_file(tmp_path / "table.docx", rows, header="")
    assert _citable(tmp_path, "table.docx")[1:] == [CELL_SEPARATOR.join(row) for row in rows[1:]]


def test_a_word_table_whose_style_bolds_its_first_row_keeps_it_as_names(tmp_path: Path) -> None:
    """ "Client | Contact Person" in a table style that sets its first row in bold reads as names (a label line), not
    as the first fact "Client: Contact Person": a style's bold row alone marks no two-column header, but it is no
    fact either."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.style = "Light Grid Accent 1"
    contacts = [("Client", "Contact Person"), ("Acme", "Jane Smith"), ("Brill", "Tom Brown")]
    for row, cells in zip(table.rows, contacts, strict=True):
        row.cells[0].text, row.cells[1].text = cells
    document.save(tmp_path / "contacts.docx")
    assert "Client: Contact Person" not in _citable(tmp_path, "contacts.docx")
