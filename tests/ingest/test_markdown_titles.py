"""A Markdown README's title when it opens on HTML, badges or a line of links: its first heading, and those lines
are labels, never cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import Document, read_document


def _readme(folder: Path, text: str) -> Document:
    path = folder / "README.md"
    path.write_text(text, encoding="utf-8")
    return read_document(folder, path)


@pytest.mark.parametrize(
    "opening",
    [
        '<div align="center"><img src="logo.png" alt="Click"></div>\n',  # a logo in HTML
        '<p align="center">\n  <img src="logo.png" width="200">\n</p>\n',  # over several lines
        '<p align="center">\n  <em>Click, the command line kit</em>\n</p>\n',  # a tagline set in HTML
        "[English readme](README.md) • [中文 readme](README.cn.md) • [Deutsch](README.de.md)\n",  # other languages
        "[Docs](https://click.example.org) | [Chat](https://chat.example.org)\n",
        "<!-- badges -->\n[![CI](https://ci.example.org/b.svg)](https://ci.example.org)\n",
    ],
)
def test_a_readme_opening_on_html_or_links_alone_is_titled_by_its_first_heading(tmp_path: Path, opening: str) -> None:
    doc = _readme(tmp_path, f"{opening}\n# Click\n\nClick is a Python package for command line interfaces.\n")
    assert doc.title == "Click"
    prose = doc.text.index("Click is a Python")
    assert doc.layout.citable(prose, prose + 20)


def test_lines_of_links_or_tags_alone_are_labels_and_prose_with_a_link_is_not(tmp_path: Path) -> None:
    doc = _readme(
        tmp_path,
        "[English](README.md) • [中文](README.cn.md)\n\n# Rich\n\n"
        "Rich is a library; see [the docs](https://rich.example.org) for more.\n\n<br/>\n",
    )
    assert doc.title == "Rich"  # was "English • 中文"
    first = doc.text.split("\n", 1)[0]
    assert doc.layout.labelled(0, len(first)) and not doc.layout.citable(0, len(first))
    prose = doc.text.index("Rich is a library")
    assert doc.layout.citable(prose, doc.text.index("more.") + 5)
    br = doc.text.index("<br/>")
    assert doc.layout.labelled(br, br + 5)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Fast tools for the shell.\n\n# Tools\n\nThey are fast.\n", "Fast tools for the shell."),  # prose first
        ("# Tools\n\nThey are fast.\n", "Tools"),
        ("<p>No heading follows.</p>\n\nThe rest.\n", "<p>No heading follows.</p>"),  # as before
        ("---\ntitle: Given\n---\n<div><img src=a.png></div>\n\n# Tools\n", "Given"),  # front matter says
    ],
)
def test_a_readme_whose_prose_or_metadata_comes_first_keeps_that_title(tmp_path: Path, text: str, title: str) -> None:
    assert _readme(tmp_path, text).title == title
