"""A document's terminal escape sequences and control characters are blanked as it is read, in every format: each
made a space, so the text's words are whole and every later offset and line is the file's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.columns import markdown_column, markdown_span
from askdocs.ingest.documents import read_document
from askdocs.text.safe import without_invisible
from tests.hostile import ATTACKS, is_safe

NOTES = (
    "Office notes\n"
    "The wifi password is \x1b[31;5mhunter2\x1b[0m and it changes every Monday.\x1b[2J\x1b[H\n"
    "\x1b]0;PWNED window title\x07The server room door code is 4471.\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\\n"
    "The tape is collected on \u202eFridays\u202c by Iron Mountain.\x1b[?1049h\r\n"
)


def test_a_text_files_controls_are_spaces_and_every_other_character_keeps_its_offset(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8", newline="")
    doc = read_document(tmp_path, tmp_path / "notes.txt")
    assert len(doc.text) == len(NOTES) and is_safe(doc.text.replace("\r", ""))
    moved = without_invisible(NOTES)  # the bidi override and its end take no room: moved to their line's end
    assert all(ch == kept or kept == " " for ch, kept in zip(moved, doc.text, strict=True))
    assert "PWNED" not in doc.text and "evil" not in doc.text and "[31" not in doc.text
    for words in ("hunter2", "The server room door code is 4471."):
        assert doc.text.index(words) == NOTES.index(words), words  # offsets into the file, unchanged
    for words in ("collected on Fridays by", "Iron Mountain."):
        assert doc.text.index(words) == moved.index(words), words  # on their line as a reader counts them
    assert [doc.layout.line(doc.text, doc.text.index(w)) for w in ("hunter2", "4471", "Iron")] == [2, 3, 4]
    assert doc.text.endswith("Mountain." + " " * (len("\x1b[?1049h") + 2) + "\r\n") and doc.title == "Office notes"


def test_markdown_html_and_csv_text_and_titles_hold_no_control(tmp_path: Path) -> None:
    hostile = "".join(ATTACKS)
    files = {
        "a.md": f"---\ntitle: Dock {hostile}report\n---\n# Cranes{hostile}\n\nThe crane {hostile}collapsed.\n",
        "b.html": f"<html><head><title>Dock {hostile}report</title></head><body><h1>Cranes</h1>"
        f"<p>The crane {hostile}collapsed on Friday at the harbour.</p></body></html>",
        "c.csv": f"Name,Note\nCrane,collapsed {hostile}on Friday\n",
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        doc = read_document(tmp_path, tmp_path / name)
        assert is_safe(doc.text) and is_safe(doc.title) and "PWNED" not in doc.text + doc.title, name
        assert "collapsed" in doc.text and not any(ch in doc.title for ch in "\n\t"), name
    title = read_document(tmp_path, tmp_path / "a.md").title  # text a sequence marks stays, the sequences take no room
    assert title == "Dock clickhidden report"


def test_a_word_files_c1_controls_are_spaces_and_bidi_overrides_take_no_room(tmp_path: Path) -> None:
    """Word and EPUB files are XML, which holds no ESC, but C1 controls and bidi overrides pass through it: a C1
    sequence is made spaces (and closed in a quote), an override is taken out of its word."""
    import docx

    from askdocs.text.gaps import closed

    word = docx.Document()
    word.add_paragraph("The crane \x9b2J\u202ecollapsed\u202c on Friday.")
    word.save(str(tmp_path / "w.docx"))
    doc = read_document(tmp_path, tmp_path / "w.docx")
    assert is_safe(doc.text) and "The crane    collapsed on Friday." in doc.text
    assert closed(doc.text, doc.layout.blanked).strip() == "The crane collapsed on Friday."


def test_a_word_files_section_names_hold_no_control(tmp_path: Path) -> None:
    """A heading's name is shown as a citation's section ("where") and put in JSON: blanked as the text is."""
    import docx

    word = docx.Document()
    word.add_heading("Budget \x9b2J\u202eplan", level=1)
    word.add_paragraph("The crane collapsed on Friday.")
    word.save(str(tmp_path / "w.docx"))
    doc = read_document(tmp_path, tmp_path / "w.docx")
    names = [name for _, _, name in doc.layout.headings]
    assert names == ["Budget plan"] and all(is_safe(n) for n in names)


def test_a_file_of_nothing_but_escape_sequences_is_empty(tmp_path: Path) -> None:
    from askdocs.errors import UnreadableDocument

    (tmp_path / "x.txt").write_text("\x1b[2J\x1b[H\n\x1b]0;PWNED\x07\n")
    with pytest.raises(UnreadableDocument, match="empty"):
        read_document(tmp_path, tmp_path / "x.txt")


def test_a_markdown_quote_is_found_in_its_file_past_the_escape_sequences() -> None:
    """A Markdown quote (blanked) is placed in the file (not blanked): a column, and a span the source view shows."""
    text = "# Notes\n\nThe \x1b[1mserver\x1b[0m room **door** code is 4471.\n"
    quote = "The     server     room door code is 4471."
    assert markdown_column(text.encode(), 3, quote) == 1
    assert markdown_span(text, 3, 1, quote) == (9, len(text) - 1)
