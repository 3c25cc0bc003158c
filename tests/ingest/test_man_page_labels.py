"""A man page saved as text is read with its usage lines (the SYNOPSIS section) and its running foot as labels: kept
in the text, never cited, as they state no fact ("cp [OPTION]... SOURCE... DIRECTORY", "GNU coreutils 9.1
September 2022 CP(1)"); its other sections are cited as before, and no other text has such labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences

REFERENCE = Path(__file__).parents[1] / "data" / "reference"


def _cited(name: str, folder: Path = REFERENCE) -> tuple[list[str], list[str]]:
    """The sentences of a file that may be cited, and those that may not, each on one line of single spaces."""
    doc = read_document(folder, folder / name)
    cited: list[str] = []
    labels: list[str] = []
    for s in split_sentences(doc.text):
        (cited if doc.layout.citable(s.start, s.end) else labels).append(" ".join(s.text.split()))
    return cited, labels


@pytest.mark.parametrize(
    ("name", "usage", "foot"),
    [
        ("cp.1.txt", "cp [OPTION]... SOURCE... DIRECTORY", "GNU coreutils 9.1 September 2022 CP(1)"),
        ("tar.1.txt", "tar -c [-f ARCHIVE] [OPTIONS] [FILE...]", "TAR July 13, 2020 TAR(1)"),
    ],
)
def test_a_man_pages_usage_lines_and_foot_are_never_cited(name: str, usage: str, foot: str) -> None:
    cited, labels = _cited(name)
    assert {"SYNOPSIS", usage, foot} <= set(labels)
    assert not any(s.startswith(name.split(".")[0] + " ") and "[" in s for s in cited)  # no usage line
    assert "NAME" in cited and {"DESCRIPTION", "OPTIONS"} & set(cited)  # the other sections read as before


def test_a_subsection_of_the_synopsis_is_a_label_too() -> None:
    _, labels = _cited("tar.1.txt")
    assert "Traditional usage" in labels and "GNU-style usage" in labels


def test_only_a_man_page_has_a_synopsis_and_a_foot_read_as_labels(tmp_path: Path) -> None:
    text = "Ferry notes\n\nSYNOPSIS\n       ferry [DAY]\n\nThe ferry leaves at nine.\n\nHarbour office  CP(1)\n"
    (tmp_path / "notes.txt").write_text(text)
    cited, labels = _cited("notes.txt", tmp_path)
    assert labels == [] and "ferry [DAY]" in cited
