"""Which stored sentences frame the text (titles, metadata) and are never cited as the answer; how each candidate is
read for the cosine signals."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.evidence import _is_heading, collect, question_terms
from askdocs.answering.query import parse_query
from askdocs.store.records import StoredSentence
from tests.support import FakeEmbedder, answers, indexed


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


TOWER = """The Eiffel Tower

The Eiffel Tower stands on the Champ de Mars in Paris.
The tower is 330 metres tall, about as tall as an 81-storey building.

Opening hours:

  - Monday: 9am to 11pm
  - Tuesday: 9am to 11pm

Year | Visitors
2022 | 5.9 million
2023 | 6.3 million
"""


def test_each_sentence_is_read_after_the_one_before_and_after_its_title(tmp_path: Path) -> None:
    """The readings the two cosine signals embed: after the sentence before (a list line after its lead-in, a table
    row after its header, never the row above) and after the document's title."""
    retriever = indexed(tmp_path, {"tower.txt": TOWER}, FakeEmbedder())
    try:
        query = parse_query("How tall is the Eiffel Tower?")
        found = collect(retriever, query, retriever.search(query, 8), question_terms(retriever, query))
    finally:
        retriever.close()
    before = {s.text: b for s, b in zip(found.sentences, found.before, strict=True)}
    titled = {s.text: t for s, t in zip(found.sentences, found.titled, strict=True)}
    tall = "The tower is 330 metres tall, about as tall as an 81-storey building."
    assert before[tall] == "The Eiffel Tower stands on the Champ de Mars in Paris. " + tall
    assert titled[tall] == "The Eiffel Tower. " + tall
    assert before["Tuesday: 9am to 11pm"] == "Opening hours: Tuesday: 9am to 11pm"  # not Monday's line
    assert before["2023 | 6.3 million"] == "Year | Visitors 2023 | 6.3 million"


def test_the_sentence_that_names_its_subject_only_before_it_is_cited_first(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (answer,) = answers(tmp_path, {"tower.txt": TOWER}, real_embedder, "How tall is the Eiffel Tower?")
    assert answer.found and answer.citations[0].quote.startswith("The tower is 330 metres tall")
