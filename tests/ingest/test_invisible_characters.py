"""Characters that take no room (zero-width spaces and joiners, U+FEFF, direction marks) are taken out of a
document as it is read: a quote holds none, a word they stood in is whole, a sentence they followed ends, and each
line keeps its length, so citations still name the file's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.ingest.columns import markdown_column, markdown_span
from askdocs.ingest.documents import read_document
from askdocs.text.safe import INVISIBLE, without_invisible
from tests.support import fake_commands

ZW = "\u200b"
BAKERY = (
    "Title: Rivergate Bakery\n\n"
    f"Rivergate Bakery {ZW.join('was founded')} in 1997 by three friends from Dundee. Its rye loaf sells about 900"
    " loaves a week. \u200f\u200eThe bakery employs 14 people and delivers to 31 cafes across Angus.\n"
    "Its ovens\u2060 burn\u200c wood\ufeff and\u200d gas.\n"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main([*args])
        raise SystemExit(0)
    return int(stop.value.code or 0), capsys.readouterr().out


def test_a_text_file_read_without_them_each_line_as_long(tmp_path: Path) -> None:
    (tmp_path / "bakery.txt").write_text(BAKERY, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "bakery.txt")
    assert not any(ch in doc.text for ch in INVISIBLE)
    assert "Rivergate Bakery was founded in 1997" in doc.text and "Its ovens burn wood and gas." in doc.text
    assert [len(line) for line in doc.text.split("\n")] == [len(line) for line in BAKERY.split("\n")]
    assert doc.layout.line(doc.text, doc.text.index("The bakery employs")) == 3
    assert doc.layout.line(doc.text, doc.text.index("Its ovens")) == 4
    assert doc.text.index("Its ovens") == BAKERY.index("Its ovens")  # the next line's offsets are the file's


def test_asked_the_quote_holds_none_and_the_two_sentences_are_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "bakery.txt").write_text(BAKERY, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert _run(capsys, "index")[0] == 0
    code, out = _run(capsys, "ask", "--json", "How many people does the bakery employ?")
    answer = json.loads(out)
    quotes = [c["quote"] for c in answer["citations"]]
    assert code == 0 and answer["found"], out
    assert not any(ch in q for q in quotes for ch in INVISIBLE)
    employs = next(c for c in answer["citations"] if "employs" in c["quote"])
    assert employs["quote"] == "The bakery employs 14 people and delivers to 31 cafes across Angus."
    seen = BAKERY.split("\n")[2].replace(ZW, "").replace("\u200f\u200e", "")  # the line as a reader sees it
    assert (employs["line"], employs["column"]) == (3, seen.index("The bakery employs") + 1)
    code, out = _run(capsys, "search", "--json", "was founded")
    assert code == 0 and json.loads(out)["keyword_match"], out


def test_a_markdown_quote_is_placed_in_its_file_line_past_them(tmp_path: Path) -> None:
    text = f"# Bakery\n\nThe {ZW.join('bakery')} employs 14 people.\n"
    doc = read_document(tmp_path, _write(tmp_path / "b.md", text))
    quote = "The bakery employs 14 people."
    assert quote in doc.text
    assert markdown_column(text.encode(), 3, quote) == 1
    shown = without_invisible(text)  # the source view's text: the file as indexed
    start, end = markdown_span(shown, 3, 1, quote) or (0, 0)
    assert shown[start:end] == quote


FERRY = (
    "Intro.\n\nThe ferry to \u202b\u05d7\u05d9\u05e4\u05d4\u202c left\n"
    "the harbour at dawn and the ship \u2067\u05e2\u05db\u05d5\u2069 crossed\nthe bay at noon.\n"
)
"""A Markdown paragraph whose lines hold bidi embeddings and isolates, two on a line."""


def test_a_markdown_paragraphs_lines_with_bidi_marks_still_run_on(tmp_path: Path) -> None:
    """Moved to a line's end as two spaces, two of them would make a Markdown hard line break and part the sentence
    at every line; a derived text has them taken out instead, so its line breaks stay soft."""
    doc = read_document(tmp_path, _write(tmp_path / "ferry.md", FERRY))
    assert not any(ch in doc.text for ch in INVISIBLE)
    ends = [i for i, ch in enumerate(doc.text) if ch == "\n"]
    assert doc.layout.soft_breaks == tuple(ends[2:4]) and "  \n" not in doc.text  # "left", "crossed": run on
    for path, content in (
        ("f.html", f"<html><body><p>{FERRY}</p></body></html>"),
        ("f.csv", f"Trip,Note\nFerry,{FERRY.splitlines()[2]}\n"),
    ):
        text = read_document(tmp_path, _write(tmp_path / path, content)).text
        assert "left" in text and not any(ch in text for ch in INVISIBLE), path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
