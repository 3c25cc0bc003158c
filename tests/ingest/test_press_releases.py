"""Press releases: the lines they open with ("FOR IMMEDIATE RELEASE", an embargo) are no title, and a dateline
whose place is written in title case ("Langley, 28 July 2025 - ") gives the release's date, in the library and to
--since as a person meets them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.ingest.documents import read_document
from tests.support import FakeEmbedder
from tests.support import run_cli as run

HEADLINE = "Nordhaven Foods reports record half-year revenue and confirms new Langley bakery"
RELEASE = (
    "{opening}\n\n" + HEADLINE + "\n\n{dateline}Nordhaven Foods plc, the maker of oat biscuits, today announced its"
    " unaudited results for the six months ended 30 June 2025.\n\nThe new bakery will open on 2 March 2026.\n"
)


def _read(folder: Path, text: str, name: str = "release.txt") -> tuple[str, str | None]:
    (folder / name).write_text(text, encoding="utf-8")
    doc = read_document(folder, folder / name)
    return doc.title, doc.published


@pytest.mark.parametrize(
    ("opening", "published"),
    [
        ("FOR IMMEDIATE RELEASE", None),
        ("For Immediate Release", None),
        ("For immediate release:", None),
        ("PRESS RELEASE", None),
        ("NEWS RELEASE", None),
        ("Media Release", None),
        ("**PRESS RELEASE**", None),
        ("PRESS RELEASE – 28 July 2025", "2025-07-28"),
        ("EMBARGOED UNTIL 00:01 BST, 4 September 2025", None),
        ("Embargoed until 10am Tuesday", None),
        ("FOR IMMEDIATE RELEASE\nEMBARGOED UNTIL MIDNIGHT", None),
    ],
)
def test_a_press_releases_opening_line_is_no_title(tmp_path: Path, opening: str, published: str | None) -> None:
    # the release was titled "FOR IMMEDIATE RELEASE" in the library
    assert _read(tmp_path, RELEASE.format(opening=opening, dateline="")) == (HEADLINE, published)
    markdown = _read(tmp_path, RELEASE.format(opening=opening, dateline=""), "release.md")
    assert markdown == (HEADLINE, published)


@pytest.mark.parametrize(
    "line",
    [
        "Press release: Nordhaven Foods reports record revenue",
        "Embargoed until the war ended, the grain rotted in the silos of the port",
        "Press releases and how to write them",
    ],
)
def test_a_line_that_opens_like_a_press_releases_but_says_more_is_a_title(tmp_path: Path, line: str) -> None:
    assert _read(tmp_path, f"{line}\n\nThe council met.\n")[0] == line


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("Langley, 28 July 2025 - ", "2025-07-28"),
        ("LANGLEY, 28 July 2025 - ", "2025-07-28"),
        ("Fort Worth, Texas, 28 July 2025 – ", "2025-07-28"),
        ("New York, July 28, 2025 — ", "2025-07-28"),
        ("St. Albans, 28 July 2025—", "2025-07-28"),
        ("Langley, 28 July 2025 (Business Wire) -- ", "2025-07-28"),
        ("Langley (Business Wire) - 28 July 2025 - ", "2025-07-28"),
        ("Langley, 28 July 2025: ", None),  # only a dash ends a dateline in title case
        ("Langley, 28 July 2025-", None),
    ],
)
def test_a_dateline_with_its_place_in_title_case_gives_the_date(
    tmp_path: Path, dateline: str, published: str | None
) -> None:
    # "Langley, 28 July 2025 - " gave no date, so --since left the release out; "LANGLEY, ..." did
    text = RELEASE.format(opening="FOR IMMEDIATE RELEASE", dateline=dateline)
    assert _read(tmp_path, text) == (HEADLINE, published)


@pytest.mark.parametrize(
    "opening",
    [
        "Paris, 3 May 2024 was the day the museum first opened its doors.",
        "On 3 May 2024 - a Friday - the museum first opened its doors.",
        "In Paris, 3 May 2024 - a Friday - the museum first opened its doors.",
        "On Friday, 3 May 2024 - the museum first opened its doors.",
        "Visitors queued for hours when the museum opened.\nParis, 3 May 2024 - a day to remember.",
    ],
)
def test_a_sentence_opening_on_a_capitalised_word_and_a_date_is_no_dateline(tmp_path: Path, opening: str) -> None:
    assert _read(tmp_path, f"The founding of the museum\n\n{opening}\n") == ("The founding of the museum", None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Langley, 28 July 2025 - The results.\n\nLangley, 2 March 2026 - The bakery opens.\n", "2025-07-28"),
        ("\nLangley, 28 July 2025 - The results.\n\nLangley, 2 March 2026 - The bakery opens.\n", "2025-07-28"),
        ("By Jane Doe\nLangley, 28 July 2025 - The results.\n", "2025-07-28"),
        ("Date: 2025-07-30\n\nLangley, 28 July 2025 - The results were announced.\n", "2025-07-30"),
        ("By Jane Doe | July 29, 2025\n\nLangley, 28 July 2025 - The results were announced.\n", "2025-07-29"),
    ],
)
def test_the_date_a_dateline_or_header_gives_is_the_first_not_one_below_it(
    tmp_path: Path, text: str, published: str
) -> None:
    assert _read(tmp_path, f"{HEADLINE}\n{text}")[1] == published


def test_the_library_and_since_show_a_press_releases_title_and_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "results.txt").write_text(
        RELEASE.format(opening="FOR IMMEDIATE RELEASE", dateline="Langley, 28 July 2025 - ")
    )
    (corpus / "museum.txt").write_text("The founding of the museum\n\nParis, 3 May 2024 was the day it opened.\n")
    index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setattr("askdocs.encoders.choose.for_questions", lambda *a, **k: FakeEmbedder())
    code, out, _ = run(capsys, "docs", "--json")
    rows = {row["path"]: (row["title"], row["published"]) for row in json.loads(out)}
    assert code == 0 and rows == {
        "results.txt": (HEADLINE, "2025-07-28"),
        "museum.txt": ("The founding of the museum", None),
    }
    code, out, err = run(capsys, "search", "--json", "--since", "2025-01-01", "Nordhaven bakery revenue")
    assert code == 0 and {r["path"] for r in json.loads(out)["passages"]} == {"corpus/results.txt"}
    code, out, err = run(capsys, "search", "--since", "2025-01-01", "Nordhaven bakery revenue")
    assert code == 0 and "1 document without a publication date is left out" in err and "corpus/museum.txt" in err


@pytest.mark.parametrize(
    "text",
    [
        "Portsmouth, 7 February 1812 – 9 June 1870, English novelist.\n\nHe wrote fifteen novels.\n",
        "Smith, John, 3 May 1950 - 4 June 2020\n\nA life in letters.\n",
        "LONDON, 3 May 1950 - 4 June 2020: a life in the city.\n",
        "Sarajevo, 28 June 1914 – Archduke Franz Ferdinand assassinated.\n"
        "Vienna, 23 July 1914 – Austria-Hungary delivers its ultimatum to Serbia.\n",
    ],
)
def test_a_lifespan_a_range_or_a_timeline_is_no_dateline(tmp_path: Path, text: str) -> None:
    # each gave its first date as the document's publication date
    assert _read(tmp_path, f"The life and times\n\n{text}")[1] is None
    assert _read(tmp_path, text)[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "The wall fell overnight. Crowds crossed freely.\n\n"
        "Berlin, Germany, 9 November 1989 - The dispatch below is republished today.\n",
        "We had been on the road for three days when we arrived in\nBrussels, 3 May 2024 - we were tired.\n",
        "It was late, and the station was shut when we reached the old town of,\nBrussels, 3 May 2024 - tired.\n",
    ],
)
def test_a_title_case_dateline_below_the_storys_first_lines_is_none(tmp_path: Path, text: str) -> None:
    # a dispatch's second paragraph and a line wrapped inside a paragraph gave their dates
    assert _read(tmp_path, f"Thirty years on\n\n{text}")[1] is None
    assert _read(tmp_path, text)[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "Strong oat sales lift revenue by a fifth\n\nLangley, 28 July 2025 - The results.\n",
        "FOR IMMEDIATE RELEASE\nLangley, 28 July 2025 - The results.\n",
        "\nBy Jane Doe\n\nLangley, 28 July 2025 - The results.\n",
    ],
)
def test_a_title_case_dateline_under_headings_and_opening_lines_gives_the_date(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, f"{HEADLINE}\n{text}")[1] == "2025-07-28"


@pytest.mark.parametrize("line", ["Embargoed until the war ended", "Embargoed Until Dawn", "Embargoed until we meet"])
def test_an_embargo_opener_before_no_time_is_a_title(tmp_path: Path, line: str) -> None:
    # each was taken for an embargo line, and the novel was titled by its first sentence
    assert _read(tmp_path, f"{line}\n\nThe harbour lay silent that winter.\n")[0] == line


@pytest.mark.parametrize(
    ("opening", "published"),
    [
        ("Embargoed until further notice", None),
        ("Embargoed until Tuesday", None),
        ("Embargoed until release of the annual report", None),
        ("PRESS RELEASE 2025/14", None),
        ("Press release No. 14", None),
        ("NEWS RELEASE PR-2025-014 – 28 July 2025", "2025-07-28"),
    ],
)
def test_an_embargo_naming_a_time_and_a_release_number_are_no_title(
    tmp_path: Path, opening: str, published: str | None
) -> None:
    assert _read(tmp_path, RELEASE.format(opening=opening, dateline="")) == (HEADLINE, published)


def test_the_library_shows_no_date_for_a_lifespan_and_the_title_of_a_novel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dickens.txt").write_text("Portsmouth, 7 February 1812 – 9 June 1870, English novelist.\n")
    (corpus / "novel.txt").write_text("Embargoed Until Dawn\n\nThe harbour lay silent that winter.\n")
    index_corpus(Settings(corpus=corpus, index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.startswith("ASKDOCS_")]:
        monkeypatch.delenv(key)
    code, out, _ = run(capsys, "docs", "--json")
    rows = {row["path"]: (row["title"], row["published"]) for row in json.loads(out)}
    assert code == 0 and rows["dickens.txt"][1] is None and rows["novel.txt"] == ("Embargoed Until Dawn", None)
