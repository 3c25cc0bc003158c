"""Inline markup inside a paragraph keeps its words whole: only block elements (paragraphs, list items, cells,
line breaks) read apart by a space, so a quotation, an EPUB's drop capital or a word-break hint runs on as written."""

from __future__ import annotations

from askdocs.ingest.html import add_blocks, read_html
from askdocs.ingest.layout import TextBuilder

_FILLER = "The council meets again in the spring to decide what comes next for the town. " * 4


def test_an_inline_quotation_in_a_whole_page_runs_on_with_its_sentence() -> None:
    raw = (
        "<html><head><title>Plan</title></head><body><article><h1>Plan</h1>"
        "<p>The minister called the plan <q>a good start</q>, but the opposition said it was <q>too little</q>. "
        f"{_FILLER}</p></article></body></html>"
    )
    text = read_html(raw)[0]
    assert "called the plan a good start, but the opposition said it was too little." in text


def test_an_epub_paragraphs_inline_tags_keep_words_whole() -> None:
    from lxml import html

    chapter = html.document_fromstring(
        "<html><body><p><big>I</big>t was <font>war</font>ned that the <ins>new</ins>ly built key<wbr/>keeper's "
        "house had <small>sign</small>s on the door.</p><p>A line<br/>and the next</p></body></html>"
    )
    builder = TextBuilder("epub")
    add_blocks(builder, chapter.find("body"))
    assert builder.text().split("\n\n") == [
        "It was warned that the newly built keykeeper's house had signs on the door.",
        "A line and the next",
    ]
