"""CSV and TSV files through the command line (the fake encoder): `askdocs index` counts and skips them as it does
other files, an answer cites a row at its line, date filters leave them out as text files without a Date: header,
and the cells' text reaches the terminal escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile import ATTACKS, is_safe
from tests.support import fake_commands, run_cli

FERRY = (
    'Ticket,Price (GBP),Notes\nAdult single,6.40,\nBicycle,free,"Cyclists may board\nat any pier"\nDog,1.50,On a lead\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose corpus holds a CSV of ferry prices and a text file without a Date: header."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry_prices.csv").write_text(FERRY)
    (tmp_path / "corpus" / "notes.txt").write_text("The ferry to the island leaves from the north pier.\n")
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


def _summary(out: str) -> str:
    return next(line for line in out.splitlines() if " added, " in line)


def test_index_counts_csv_files_and_names_the_ones_it_skips(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = project / "corpus"
    (corpus / "timetable.tsv").write_text("Day\tSailing\nMonday\t10:00\n")
    (corpus / "template.csv").write_text("Name,Email\n")
    (corpus / "sheet.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")
    code, out, err = run_cli(capsys, "index")
    assert code == 0, err
    assert _summary(out).startswith(
        "3 added, 0 changed, 0 removed, 0 unchanged, 1 skipped (1 only a header row), 1 not supported (1 .xlsx);"
    )
    assert "corpus/template.csv: only a header row, skipped" in err
    _, out, _ = run_cli(capsys, "status", "--json")
    assert [(row["path"], row["reason"]) for row in json.loads(out)["skipped"]] == [
        ("template.csv", "only a header row")
    ]


def test_an_answer_cites_the_row_at_its_line_with_its_cells_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "index")
    code, out, err = run_cli(capsys, "ask", "--json", "How much is a dog ticket on the ferry?")
    assert code == 0, err
    cited = json.loads(out)["citations"]
    dog = next(c for c in cited if "Dog" in c["quote"])
    assert (dog["path"], dog["line"], dog["column"]) == ("corpus/ferry_prices.csv", 5, None)
    assert (dog["quote"], dog["where"], dog["offsets_in"]) == (
        "Ticket: Dog | Price (GBP): 1.50 | Notes: On a lead",
        "line 5",
        "rows as text",
    )
    code, out, _ = run_cli(capsys, "search", "bicycle cyclists pier")
    assert code == 0 and "corpus/ferry_prices.csv:3" in out


def test_a_date_filter_leaves_a_csv_out_as_it_does_a_text_file_without_a_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "index")
    code, out, err = run_cli(capsys, "docs", "--since", "2000-01-01")
    assert code == 1 and out.startswith("no indexed document matches the filter")
    assert "note: 2 documents without a publication date are left out by --since/--until:" in err
    assert "corpus/ferry_prices.csv, corpus/notes.txt" in err


def test_hostile_cells_reach_the_terminal_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Escape sequences in a cell never reach the terminal raw; markup-like text is shown as written."""
    hostile = "".join(ATTACKS)
    (project / "corpus" / "ferry_prices.csv").write_text(FERRY + f'Horse,"[bold red]9.00[/] {hostile}",Ask\n')
    run_cli(capsys, "index")
    code, out, err = run_cli(capsys, "ask", "How much is a horse ticket?")
    assert code == 0, err
    assert is_safe(out) and is_safe(err) and "PWNED" not in out
    assert "Ticket: Horse | Price (GBP): [bold red]9.00[/]" in out
    code, out, _ = run_cli(capsys, "search", "horse ticket")
    assert code == 0 and is_safe(out) and "[bold red]9.00[/]" in out
