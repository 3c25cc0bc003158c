"""A document's title: the one its metadata gives, unless that is a placeholder a tool wrote for want of one
(reportlab's "untitled", "Microsoft Word - notes.docx"); then the first heading or line, as for any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import given_title, read_document


def _pdf(path: Path, title: str | None) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    if title is not None:
        page.setTitle(title)
    page.setFont("Helvetica-Bold", 18)
    page.drawString(72, 760, "City Budget Summary")
    page.setFont("Helvetica", 11)
    page.drawString(72, 730, "The council approved a budget of 12 million dollars for the new bridge.")
    page.save()


@pytest.mark.parametrize(
    ("recorded", "title"),
    [
        (None, "City Budget Summary"),  # reportlab records "untitled" when none is set
        ("Untitled", "City Budget Summary"),
        ("Microsoft Word - budget-2024.docx", "City Budget Summary"),
        ("  ", "City Budget Summary"),
        ("Budget 2024 for the council", "Budget 2024 for the council"),
    ],
)
def test_a_pdf_with_a_placeholder_title_takes_its_first_heading(
    tmp_path: Path, recorded: str | None, title: str
) -> None:
    _pdf(tmp_path / "budget.pdf", recorded)
    assert read_document(tmp_path, tmp_path / "budget.pdf").title == title


def test_a_web_page_titled_untitled_document_takes_its_first_line(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    body = "<p>The ferry to the island runs twice a day from the harbour, and three times on Sundays.</p>"
    page.write_text(f"<html><head><title>Untitled Document</title></head><body><article>{body}</article></body></html>")
    assert read_document(tmp_path, page).title.startswith("The ferry to the island runs twice a day")


@pytest.mark.parametrize(
    ("recorded", "kept"),
    [
        ("untitled", None),
        ("UNTITLED", None),
        ("Untitled-1", None),
        ("no title", None),
        ("Microsoft PowerPoint - deck.pptx", None),
        ("", None),
        (None, None),
        ("\ufeffHarbour  report", "Harbour report"),
        ("Untitled Symphony No. 3", "Untitled Symphony No. 3"),  # a real title that only starts like one
        ("Document control policy", "Document control policy"),
    ],
)
def test_given_title_drops_placeholders_only(recorded: str | None, kept: str | None) -> None:
    assert given_title(recorded) == kept


def test_a_long_first_line_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    from askdocs.ingest.documents import TITLE_CHARS, first_line_title

    line = "A tense standoff between the army and cartel henchmen took place when the troops detained a regional boss"
    long = line + " this week, and the soldiers refused to free him."
    title = first_line_title(long + "\nMore text.\n", "fallback")
    assert len(title) <= TITLE_CHARS and title.endswith("…")
    assert long.startswith(title[:-1]) and long[len(title) - 1] in " ,"  # cut between two words
    assert first_line_title(line + "\n", "fallback") == line  # short enough: whole
