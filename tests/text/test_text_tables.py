"""A table laid out in columns in a text file (a reStructuredText simple table, a table typed into a .txt file)
reads a row to a sentence, as a Markdown or CSV table's rows do, even inside a hard-wrapped file whose paragraphs
are joined line to line; justified prose, which has runs of spaces too, is not taken for one. .rst files are
indexed, as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import discover, read_document
from askdocs.text.blocks import blocks
from askdocs.text.sentences import split_sentences

INTRO = """Harbour statistics
==================

The table below gives the yearly figures for the port of Kestrel, as
counted by the harbour master at the end of each calendar year, with
the tonnage in metric tonnes and the revenue in millions of pounds.

"""
ROWS = [
    "2019      1204      88,500      310,000       12.4        14",
    "2020      987       71,200      120,500       9.1         14",
    "2021      1102      80,050      205,300       10.8        16",
]
HEADER = "Year      Ships     Tonnage     Passengers    Revenue     Berths"
RULE = "========  ========  ==========  ============  ==========  =========="
SIMPLE = "\n".join([RULE, HEADER, RULE, *ROWS, RULE]) + "\n"
PLAIN = "\n".join([HEADER, *ROWS]) + "\n\nThe port was closed for six weeks in 2020.\n"


def _sentences(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text)
    doc = read_document(tmp_path, path)
    return [s.text for s in split_sentences(doc.text)]


@pytest.mark.parametrize(
    ("name", "text"), [("port.rst", INTRO + SIMPLE), ("port.txt", INTRO + PLAIN)], ids=["rst", "txt"]
)
def test_each_row_of_a_table_in_columns_is_a_sentence(tmp_path: Path, name: str, text: str) -> None:
    sentences = _sentences(tmp_path, name, text)
    for row in [HEADER, *ROWS]:
        assert row in sentences
    assert sentences[0] == "Harbour statistics"


def test_a_row_beside_a_column_rule_stands_alone_with_two_columns(tmp_path: Path) -> None:
    table = (
        "=======  =========\nFerry    Departs\n=======  =========\nNorth    09:00\nSouth    17:30\n=======  =========\n"
    )
    sentences = _sentences(tmp_path, "ferries.rst", INTRO + table)
    assert sentences[-3:] == ["Ferry    Departs", "North    09:00", "South    17:30"]


def test_justified_prose_is_still_one_sentence(tmp_path: Path) -> None:
    prose = (
        "The  harbour  master  counts  every  ship  that  enters  the  port  and\n"
        "writes  the  tonnage  of  its  cargo  in  the  ledger  kept  at  the\n"
        "office  beside  the  north  pier,  which  is  open  every  day.\n"
    )
    assert _sentences(tmp_path, "ledger.txt", prose) == [prose.strip()]


def test_rst_files_are_indexed(tmp_path: Path) -> None:
    (tmp_path / "notes.rst").write_text(INTRO)
    assert [p.name for p in discover(tmp_path)] == ["notes.rst"]


MAN_PAGE = """FERRY(1)         User Commands         FERRY(1)

NAME
       ferry - book a seat on the harbour ferry

DESCRIPTION
       ferry reads the timetable of the harbour
       ferry from the file named on its command
       line  and  books a seat on the next boat
       that leaves after the time given, or af\u2010
       ter the present time when none is given.
       The timetable lists  every  crossing  of
       the  season,  with  the  quay  it leaves
       from, the time it leaves and the  number
       of seats it holds.  Bookings are written
       to the ledger kept in the  spool  direc\u2010
       tory,  one  line  for each seat, so that
       the harbour office can print the passen\u2010
       ger list before the boat leaves.

BUGS
       The  timetable  is  read  once, when the
       program starts, so a crossing  added  to
       it later is not seen until the next run.
       Seats booked by hand at the  office  are
       not  known  to  the  program  until  the
       ledger is read again.   There  are  some
       subtle  differences between this version
       of ferry and  the  older  booking  tools
       kept  at  the office. The latest version
       is always available from the harbour web
       site  and  from  the  mirror kept by the
       county library at its main branch.  Send
       reports  of  problems to the harbour of\u2010
       fice, with the  version  of  ferry,  the
       timetable  you  used and the exact words
       of any message it printed, so  that  the
       fault  can  be  found  and mended in the
       next release.

ferry 2.3          June 2024           FERRY(1)
"""
"""A man page as `MANWIDTH=49 man -l ferry.1 | col -bx` prints it (groff's justification): the gaps of "Seats
booked by hand at the  office  are" and "not  known  to  the  program  until  the" overlap, their words starting in
other columns."""


def test_a_man_page_justified_by_groff_reads_its_sentences_whole(tmp_path: Path) -> None:
    sentences = [" ".join(s.split()) for s in _sentences(tmp_path, "ferry.txt", MAN_PAGE)]
    assert (
        "Seats booked by hand at the office are not known to the program until the ledger is read again." in sentences
    )


def test_a_long_two_column_table_with_its_rule_at_the_bottom_is_read_row_by_row() -> None:
    rows = [f"Boat {n:<6}  {n % 24:02d}:{n % 60:02d}" for n in range(8000)]
    text = "\n".join([*rows, "===========  =====", ""])
    found = [text[a:b] for a, b in blocks(text)]
    assert found[:8000] == rows


WRAPPED = """The table below gives the yearly figures for the port of Kestrel, as
counted by the harbour master at the end of each calendar year, with
the tonnage in metric tonnes and the revenue in millions of pounds
"""
AFTER = "and the rest of the text goes on here in the same way as\nbefore.\n"


def test_a_two_line_table_without_a_rule_is_read_row_by_row() -> None:
    """Two lines of three cells each, every cell in exactly the same columns: a table, inside wrapped prose."""
    rows = ["ferry leaves from   north quay   at nine", "ferry returns from  south quay   at six"]
    text = WRAPPED + "\n".join(rows) + "\n" + AFTER
    assert [text[a:b] for a, b in blocks(text)][1:3] == rows


def test_a_table_whose_last_column_is_set_right_is_read_row_by_row() -> None:
    """Last cells set flush right end in one column, short of the prose's right margin: the rows line up."""
    rows = [
        "the north quay     ferry          daily",
        "the south pier     boat      on sundays",
        "the west dock      barge boat    weekly",
    ]
    text = WRAPPED + "\n".join(rows) + "\n" + AFTER
    assert [text[a:b] for a, b in blocks(text)][1:4] == rows


def test_a_cell_wrapped_onto_the_next_lines_goes_on_with_its_row() -> None:
    """A README's list of folders, each row's description wrapped under where that description starts: the wrapped
    lines are that row's, not sentences of their own ("\"PNG: The Definitive Guide\" by Greg Roelofs," was one)."""
    text = (
        "This distribution contains the following directories and files:\n\n"
        "        contrib/      =>  Contributions to libpng, by many people\n"
        "        gregbook/     =>  Source code for PNG reading and writing, from\n"
        '                          "PNG: The Definitive Guide" by Greg Roelofs,\n'
        "                          second edition\n"
        "        pngminus/     =>  Simple pnm2png and png2pnm programs\n"
        "        visupng/      =>  Contains a MSVC workspace for VisualPng\n\n"
        "The files are kept in the order above.\n"
    )
    found = [" ".join(text[s:e].split()) for s, e in blocks(text)]
    assert found == [
        "This distribution contains the following directories and files:",
        "contrib/ => Contributions to libpng, by many people",
        'gregbook/ => Source code for PNG reading and writing, from "PNG: The Definitive Guide" by Greg Roelofs,'
        " second edition",
        "pngminus/ => Simple pnm2png and png2pnm programs",
        "visupng/ => Contains a MSVC workspace for VisualPng",
        "The files are kept in the order above.",
    ]


def test_rows_indented_by_a_tab_take_their_wrapped_lines_set_in_spaces() -> None:
    """Rows indented by a tab and their wrapped lines by spaces to the same column (an editor that writes tabs only
    at a line's start): a tab reaches column 8, so the wrapped line still goes on with its row's last cell."""
    text = (
        "This distribution contains the following directories and files:\n\n"
        "\tcontrib/      =>  Contributions to libpng, by many people\n"
        "\tgregbook/     =>  Source code for PNG reading and writing, from\n"
        '                          "PNG: The Definitive Guide" by Greg Roelofs,\n'
        "                          second edition\n"
        "\tpngminus/     =>  Simple pnm2png and png2pnm programs\n\n"
        "The files are kept in the order above.\n"
    )
    found = [" ".join(text[s:e].split()) for s, e in blocks(text)]
    assert found[2] == (
        'gregbook/ => Source code for PNG reading and writing, from "PNG: The Definitive Guide" by Greg Roelofs,'
        " second edition"
    )
