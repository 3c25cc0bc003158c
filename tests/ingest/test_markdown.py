"""Markdown: front matter is metadata, markup never reaches the indexed text, and every line maps back to the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askdocs.ingest.documents import read_document
from askdocs.ingest.layout import Layout
from askdocs.ingest.markdown import read_markdown

NOTES = Path(__file__).parents[1] / "data" / "formats" / "notes.md"


def test_front_matter_is_metadata_and_not_text() -> None:
    doc = read_document(NOTES.parent, NOTES)
    assert (doc.title, doc.published, doc.author, doc.tags) == (
        "Parks committee notes",
        "2024-05-03",
        "Dana Whitfield",
        ("parks", "awards"),
    )
    assert "Dana Whitfield" not in doc.text and "tags" not in doc.text and "---" not in doc.text


def test_markup_is_taken_out_and_line_numbers_are_the_files() -> None:
    doc = read_document(NOTES.parent, NOTES)
    file_lines = NOTES.read_text(encoding="utf-8").split("\n")
    sentence = "The Riverside Park won Best Green Space at the city awards."
    assert sentence in doc.text
    for mark in ("**", "*", "__", "`", "#", "](", "https://"):
        assert mark not in doc.text, mark
    line = doc.layout.line(doc.text, doc.text.index(sentence))
    assert file_lines[line - 1].startswith("The **Riverside Park** won *Best Green Space*")
    benches = doc.layout.line(doc.text, doc.text.index("new benches"))
    assert "__new benches__" in file_lines[benches - 1]
    place = doc.layout.place(doc.text.index(sentence), line=line)
    assert (place.where, place.section, place.offsets_in) == (f"line {line}", "Awards", "text without markup")


def test_headings_are_sections_on_lines_of_their_own() -> None:
    md = read_markdown("Intro text here.\n## Budget\nThe budget is **4.2 million** dollars.\n")
    assert [h[2] for h in md.layout.headings] == ["Budget"]
    start, end, _ = md.layout.headings[0]
    assert md.text[start:end] == "Budget"
    assert md.text[end : end + 2] == "\n\n" and md.text[start - 2 : start] == "\n\n"
    assert md.layout.line(md.text, start) == 2
    assert md.layout.line(md.text, md.text.index("The budget")) == 3
    assert "The budget is 4.2 million dollars." in md.text


def test_links_code_escapes_and_emphasis_across_lines() -> None:
    md = read_markdown(
        'See [the plan](https://x.org/plan.pdf "Plan") and ![a map](map.png).\n'
        "Run `make **all**` now; snake_case_name stays, 2*3*4 stays, \\*literal\\* stays.\n"
        "The cost is **4.2\nmillion** dollars.\n"
        "```\ncode **kept**\n```\n"
        "* a bullet\n"
        "[plan]: https://x.org/plan\n"
    )
    lines = md.text.split("\n")
    assert lines[0] == "See the plan and a map."
    assert lines[1] == "Run make **all** now; snake_case_name stays, 2*3*4 stays, *literal* stays."
    assert lines[2:4] == ["The cost is 4.2", "million dollars."]
    assert "code **kept**" in lines and "- a bullet" in lines and "https" not in md.text
    assert md.layout.line(md.text, md.text.index("million")) == 4


def test_a_file_without_front_matter_keeps_its_title_line_and_header_date(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("Title: Floods in the north\nDate: 2021-07-05\n\nRain fell for *days*.\n")
    doc = read_document(tmp_path, path)
    assert (doc.title, doc.published) == ("Floods in the north", "2021-07-05")
    assert "Rain fell for days." in doc.text and doc.layout.lines == ()


def test_front_matter_that_is_not_yaml_still_stays_out_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("---\ntitle: Floods: the north\ndate: 5 July 2021\n  bad: [\n---\nRain fell.\n")
    doc = read_document(tmp_path, path)
    assert doc.text.strip() == "Rain fell." and doc.published == "2021-07-05"
    assert doc.layout.line(doc.text, doc.text.index("Rain")) == 6
    assert doc.layout.first_line() == 6  # the source view numbers the text from the file's line 6


def test_a_date_that_cannot_be_is_left_out_and_the_rest_of_the_front_matter_kept(tmp_path: Path) -> None:
    """YAML builds dates itself and raises on "2025-02-30"; that once stopped the whole index run."""
    for n, written in enumerate(["2025-02-30", "2025-13-45", "0000-01-01", "2025-03-01 10:00:00 +25:00"]):
        path = tmp_path / f"n{n}.md"
        path.write_text(f"---\ntitle: Floods\ndate: {written}\ntags: [rain]\n---\nRain fell.\n")
        doc = read_document(tmp_path, path)
        assert (doc.title, doc.tags, doc.text.strip()) == ("Floods", ("rain",), "Rain fell."), written
        assert doc.published in (None, "2025-03-01"), written
        assert (doc.warning is not None and written in doc.warning) is (doc.published is None), written
    path.write_text("---\ndate: 2025-03-01\n---\nRain fell.\n")
    assert read_document(tmp_path, path).published == "2025-03-01"


MARKDOWNISH = st.lists(
    st.sampled_from(["# ", "## ", "**", "*", "_", "`", "[", "](u)", "word", " ", "\n", "\n\n", "---", "\\*", "é", "|"]),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(MARKDOWNISH)
def test_any_markdown_gives_a_line_map_into_the_file_and_exact_headings(source: str) -> None:
    md = read_markdown(source)
    file_lines = re.split(r"\r\n|\r|\n", source)
    for start, end, text in md.layout.headings:
        assert md.text[start:end] == text and text.strip() == text and text
    line = md.layout.line_finder(md.text)
    first = md.layout.first_line()
    for offset in range(len(md.text) + 1):
        assert 1 <= line(offset) <= len(file_lines)
        if first is not None:  # numbering the text from `first` gives every offset its file line
            assert line(offset) == first + len(re.findall(r"\r\n|\r|\n", md.text[:offset]))
    restored = Layout.from_json(md.layout.to_json())
    assert restored == md.layout


def test_struck_text_quote_marks_and_table_pipes_stay_out_of_the_text() -> None:
    source = (
        "The migration is owned by Tomasz and must finish by ~~November~~ *December*.\n\n"
        "| item | owner |\n|------|-------|\n| Server migration | Tomasz |\n\n"
        "> The mayor said the bridge will reopen in May.\n"
    )
    text = read_markdown(source).text
    assert "must finish by December." in text and "November" not in text
    assert "item | owner\n" in text and "Server migration | Tomasz\n" in text and "---" not in text
    assert "The mayor said the bridge will reopen in May." in text and ">" not in text


def test_a_table_rows_column_padding_stays_out_of_its_quote() -> None:
    """An aligned table ("| North  | 20 million |") is quoted "North | 20 million", as its cells read."""
    source = "| Region | Sales      |\n| ------ | ---------- |\n| North  | 20 million |\n|  South |  5 million |\n"
    text = read_markdown(source).text
    assert "Region | Sales\n" in text and "North | 20 million\n" in text and "South | 5 million\n" in text


def test_a_table_without_outer_pipes_is_quoted_by_its_cells_too() -> None:
    """ "Region | Sales" tables may leave out the outer pipes: their rows lose the padding and tabs as well, and a
    pipe in a sentence after the table (or after a thematic break) stays as written."""
    source = (
        "Region | Sales\n------ | -----\nNorth  |\t20 million\n South |  5 million \n\n"
        "Not a table  |  just a pipe.\n\n---\n\nStill  |  text.\n"
    )
    text = read_markdown(source).text
    assert "Region | Sales\n" in text and "North | 20 million\n" in text and "South | 5 million\n" in text
    assert "Not a table  |  just a pipe." in text and "Still  |  text." in text


TABLE = (
    "# Reserves\n\nThe trust holds two funds.\n\n"
    "| Fund | Balance |\n|------|---------|\n| General | £12,000 |\n| Building | £40,000 |\n\n"
    "Not a table | just a pipe in a sentence.\n"
)


def test_a_table_header_row_names_columns_and_is_never_cited() -> None:
    md = read_markdown(TABLE)
    header = md.text.index("Fund | Balance")
    row = md.text.index("General | £12,000")
    assert not md.layout.citable(header, header + len("Fund | Balance"))
    assert md.layout.citable(row, row + len("General | £12,000"))
    pipe = md.text.index("Not a table")
    assert md.layout.citable(pipe, len(md.text.rstrip()))
    assert Layout.from_json(md.layout.to_json()) == md.layout


@pytest.mark.parametrize("rule", ["|------|---------|", "--- | ---", ":--- | ---:"])
def test_a_table_header_row_is_stored_as_context_and_never_cited(tmp_path: Path, rule: str) -> None:
    """With or without outer pipes: the header row's words count for the rows below it (a question about "the
    fund balance" finds them), but the row itself is never an answer."""
    from askdocs.answering import answer_question
    from tests.support import FakeEmbedder, indexed

    text = TABLE.replace("|------|---------|", rule)
    if "|" not in rule[:1]:  # the table without its outer pipes
        for row in ("Fund | Balance", "General | £12,000"):
            text = text.replace(f"| {row} |", row)
    retriever = indexed(tmp_path, {"funds.md": text}, FakeEmbedder())
    try:
        doc = retriever.store.document("funds.md")
        assert doc is not None
        stored = [s.text for s in retriever.store.sentences(doc.id, 0, 1000)]
        assert "Fund | Balance" in stored and "General | £12,000" in stored
        for question in ("What is the fund balance?", "Which funds does the trust hold?", "Fund Balance"):
            answer = answer_question(retriever, question)
            assert all(c.quote != "Fund | Balance" for c in answer.citations), (question, answer.citations)
    finally:
        retriever.close()
