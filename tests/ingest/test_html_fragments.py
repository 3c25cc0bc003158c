"""An HTML file that is a fragment of a page, without <html> or <body> and holding a paragraph or two, is indexed:
trafilatura, which looks for a page's article, finds nothing in it, and the markup's own text is read instead, block
by block, without its scripts and styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.errors import UnreadableDocument
from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences


def _read(tmp_path: Path, markup: str) -> list[str]:
    path = tmp_path / "fragment.html"
    path.write_text(markup)
    doc = read_document(tmp_path, path)
    return [s.text for s in split_sentences(doc.text)]


def test_a_fragment_of_one_paragraph_is_indexed(tmp_path: Path) -> None:
    assert _read(tmp_path, "<p>The ferry leaves at nine.</p>\n") == ["The ferry leaves at nine."]


def test_a_fragment_keeps_its_blocks_apart_and_its_lines_whole(tmp_path: Path) -> None:
    markup = (
        "<script>var late = true;</script><style>p { color: red }</style>\n"
        "The ferry leaves at <b>nine</b>.\n"
        "<ul><li>Adults pay 6 pounds.</li><li>Children travel free.</li></ul>\n"
    )
    assert _read(tmp_path, markup) == [
        "The ferry leaves at nine.",
        "Adults pay 6 pounds.",
        "Children travel free.",
    ]


def test_a_fragment_of_only_a_script_is_still_empty(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="empty"):
        _read(tmp_path, "<script>document.write('The ferry leaves at nine.')</script>\n")


def test_words_after_a_block_run_on_through_inline_markup(tmp_path: Path) -> None:
    markup = (
        '<nav><a href="/">Home</a></nav><h2>Timetable</h2>\n'
        'The ferry leaves at <b>nine</b> every day and returns at <a href="#">six</a>.\n'
        "<p>Fares are low.</p>\n"
    )
    assert _read(tmp_path, markup) == [
        "Timetable",
        "The ferry leaves at nine every day and returns at six.",
        "Fares are low.",
    ]


def test_the_blocks_inside_a_block_are_read_apart(tmp_path: Path) -> None:
    markup = (
        "<div><dl><dt>Ferry</dt><dd>A boat that carries people.</dd><dt>Bus</dt><dd>A road vehicle.</dd></dl></div>\n"
        "<ul><li>Crossings<ul><li>Early boat at seven</li><li>Late boat at ten</li></ul></li></ul>\n"
        "<p>Tickets are sold on board<br>and at the quay.</p>\n"
    )
    assert " ".join(_read(tmp_path, markup)) == (
        "Ferry A boat that carries people. Bus A road vehicle. Crossings Early boat at seven Late boat at ten"
        " Tickets are sold on board and at the quay."
    )


def test_a_fragments_menu_and_footer_are_not_indexed(tmp_path: Path) -> None:
    markup = (
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>'
        '<li><a href="/contact">Contact the harbour office</a></li></ul></nav>\n'
        "<article><h1>Winter timetable</h1><p>From November the ferry leaves the north quay at nine every morning"
        " and returns from the island at six in the evening.</p>"
        "<p>On stormy days the harbour master may cancel the crossing at short notice.</p></article>\n"
        "<footer><p>Copyright 2024 Harbour Board. All rights reserved. Terms of use and privacy policy.</p></footer>\n"
    )
    text = " ".join(_read(tmp_path, markup))
    assert "cancel the crossing" in text
    assert not any(word in text for word in ("Home", "About us", "Contact", "Copyright", "privacy"))


def test_a_fragments_title_is_its_heading_or_its_file_name_never_its_first_line(tmp_path: Path) -> None:
    (tmp_path / "ferry_times.html").write_text("<p>The ferry leaves at nine.</p>\n")
    (tmp_path / "fares.html").write_text(
        "<div><h3>Fares</h3></div>\nAdults pay <b>6</b> pounds and children nothing.\n"
    )
    assert read_document(tmp_path, tmp_path / "ferry_times.html").title == "Ferry times"
    assert read_document(tmp_path, tmp_path / "fares.html").title == "Fares"


def test_a_fragments_own_header_and_aside_inside_its_article_are_read(tmp_path: Path) -> None:
    """Only a page's menus, banners and footers are dropped, not the header or the note inside an article."""
    markup = (
        "<article><header><p>Posted by the support desk on the first of May.</p></header>"
        "<p>Each download link is sent to the address on the account.</p>"
        "<aside>Note: the link expires after 24 hours.</aside></article>\n"
    )
    text = " ".join(_read(tmp_path, markup))
    assert "the link expires after 24 hours" in text and "Posted by the support desk" in text


def test_a_page_wrapped_in_a_form_is_read(tmp_path: Path) -> None:
    """A page whose whole body sits in one <form> (as ASP.NET pages do) is its text, not empty."""
    path = tmp_path / "opening.html"
    path.write_text(
        '<html><body><form method="post" action="./opening.aspx">'
        "<div>The library opens at nine on weekdays.</div><div>It is closed on Sundays.</div></form></body></html>\n"
    )
    doc = read_document(tmp_path, path)
    assert [s.text for s in split_sentences(doc.text)] == [
        "The library opens at nine on weekdays.",
        "It is closed on Sundays.",
    ]


def test_words_after_a_table_and_inline_tags_no_list_names_stay_in_a_fragments_lines(tmp_path: Path) -> None:
    """The words after a fragment's table are read (they were lost with the table's tail), and a tag no list of
    inline ones names (an EPUB's <big> drop capital, <font>) stays inside its line ("It", not "I" / "t")."""
    markup = (
        "<p>Fares for the crossing:</p>\n"
        "<table><tr><td>Adult</td><td>6 pounds</td></tr></table>\n"
        "The ferry leaves at nine.\n"
        "<big>I</big>t was <font>war</font>ned twice.\n"
    )
    sentences = _read(tmp_path, markup)
    assert "The ferry leaves at nine." in sentences, sentences
    assert "It was warned twice." in sentences, sentences
