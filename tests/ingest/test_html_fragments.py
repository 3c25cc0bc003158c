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
