"""Finding indexed text in its Markdown file: a column on the quote's line, and the quote's whole span across markup."""

from __future__ import annotations

import pytest

from askdocs.ingest.columns import markdown_column, markdown_span

FILE = (
    "---\ntitle: Notes\n---\n# Observatory\n\n"
    "The **Halden** observatory opened in 1987. Its main telescope has a *mirror* of 2.4 metres\n"
    "built by the Zeiss works in [Jena](https://example.org/jena). It sees far.\n"
)


@pytest.mark.parametrize(
    ("quote", "line", "shown"),
    [
        ("The Halden observatory opened in 1987.", 6, "The **Halden** observatory opened in 1987."),
        (
            "Its main telescope has a mirror of 2.4 metres built by the Zeiss works in Jena.",
            6,
            "Its main telescope has a *mirror* of 2.4 metres\nbuilt by the Zeiss works in [Jena",
        ),
        ("Observatory", 4, "Observatory"),
    ],
)
def test_a_quote_is_found_across_markup_and_line_breaks(quote: str, line: int, shown: str) -> None:
    column = markdown_column(FILE.encode(), line, quote)
    for placed in (column, None):  # at its column, or searched for along its line
        span = markdown_span(FILE, line, placed, quote)
        assert span is not None and FILE[span[0] : span[1]] == shown


def test_a_quote_a_link_address_or_another_line_splits_is_not_found() -> None:
    assert markdown_span(FILE, 7, None, "It sees far, built by the Zeiss works in Jena.") is None
    assert markdown_span(FILE, 7, None, "works in Jena It sees far.") is None  # the address stands between
    assert markdown_span(FILE, 4, None, "It sees far.") is None  # it is on line 7, not 4
    assert markdown_span(FILE, 99, None, "It sees far.") is None and markdown_span(FILE, 7, None, "...") is None


def test_a_padded_table_rows_quote_has_its_column() -> None:
    """ "South | 5 million" stands at column 4 of "|  South |  5 million |": the padding is markup, not a miss."""
    data = b"| Region | Sales      |\n| ------ | ---------- |\n|  South |  5 million |\n"
    assert markdown_column(data, 3, "South | 5 million") == 4
    assert markdown_column(data, 3, "North | 5 million") is None
    line = "Ron *time* and again: on *time* it came."
    assert markdown_column(line.encode(), 1, "on time it came.") == line.index(": on") + 3  # where a word starts


def test_a_sentence_over_a_soft_break_finds_its_column_by_its_first_line() -> None:
    """A Markdown sentence that runs over a soft break: its opening on the first line is what the line holds (the
    whole quote was looked for on one line, and the column was lost: `notes.md:7` for `notes.md:7:27`)."""
    data = b"The ferry leaves at nine. It\nreturns at *noon* on most\ndays.\n"
    assert markdown_column(data, 1, "It\nreturns at noon on most\ndays.") == 27
    data = b"> quoted one\nand two.\n"
    assert markdown_column(data, 1, "quoted one\nand two.") == 3
