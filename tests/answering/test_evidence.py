"""Which stored sentences frame the text (titles, metadata) and are never cited as the answer."""

from __future__ import annotations

from askdocs.answering.evidence import _is_heading
from askdocs.store.records import StoredSentence


def _sentence(ident: int, line: int, text: str) -> StoredSentence:
    return StoredSentence(ident, 1, "a.txt", ident, 0, len(text), line, text)


def test_a_title_put_as_a_question_is_a_heading_but_not_a_question_inside_a_paragraph() -> None:
    title = _sentence(1, 8, "Bullets Back, Replacing Hugs?")
    body = _sentence(2, 10, "The army returned fire on Tuesday.")
    assert _is_heading(title, [body, title])
    asked = _sentence(3, 12, "Why did they stop?")
    answer = _sentence(4, 12, "The road was closed.")
    assert not _is_heading(asked, [answer, asked])  # shares its line with the next sentence: part of a paragraph
    long = _sentence(5, 14, "Did the council know, weeks before the vote, that the old bridge failed two inspections?")
    assert not _is_heading(long, [long])


def test_plain_titles_and_metadata_lines_are_headings_and_statements_are_not() -> None:
    assert _is_heading(_sentence(1, 1, "Security Alert for Baja California"), [])
    assert _is_heading(_sentence(2, 2, "Date: 2024-07-04"), [])
    assert not _is_heading(_sentence(3, 3, "They refused."), [])


def test_a_table_of_contents_entry_is_never_cited() -> None:
    """Dot leaders to a page number: a PDF's contents page matched a question's words and was cited first."""
    for line in ("8 asn1_parser2tree . . . . . . . . 12", "Chapter 2: Floods.........34", "Preface . . . . . . xi"):
        assert _is_heading(_sentence(1, 1, line), [_sentence(2, 1, "Other text on the line.")]), line
    assert not _is_heading(_sentence(3, 3, "The vote was 8 to 4. . . and then it rained."), [])
