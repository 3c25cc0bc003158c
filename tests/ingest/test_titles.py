"""A document's title: the one its metadata gives, unless that is a placeholder a tool wrote for want of one
(reportlab's "untitled", "Microsoft Word - notes.docx"); then, for a PDF, the largest heading of its first page,
else the first heading or line, as for any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.titles import given_title


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
    from askdocs.ingest.titles import TITLE_CHARS, first_line_title

    line = "A tense standoff between the army and cartel henchmen took place when the troops detained a regional boss"
    long = line + " this week, and the soldiers refused to free him."
    title = first_line_title(long + "\nMore text.\n", "fallback")
    assert len(title) <= TITLE_CHARS and title.endswith("…")
    assert long.startswith(title[:-1]) and long[len(title) - 1] in " ,"  # cut between two words
    assert first_line_title(line + "\n", "fallback") == line  # short enough: whole


TIMETABLE = "Harbour Ferry Timetable"
BODY_LINES = (
    "The ferry leaves the north pier every twenty minutes from six in the morning.",
    "On Sundays the first boat leaves at eight and the last at ten in the evening.",
)


def _paged_pdf(path: Path, top: tuple[str, float] | None, title: str, footer: str, pages: int = 3) -> None:
    """A PDF of `pages` pages without a recorded title: page 1 opens with an optional small line `top` (text, size)
    and `title` in 24 pt at the top of the page; every page ends with `footer` in 9 pt and its number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    for number in range(1, pages + 1):
        y = height - 100
        if number == 1:
            if top is not None:
                page.setFont("Helvetica", top[1])
                page.drawString(72, height - 40, top[0])
            page.setFont("Helvetica-Bold", 24)
            page.drawString(72, height - 70, title)
        page.setFont("Helvetica", 11)
        for line in BODY_LINES:
            page.drawString(72, y, f"{line} (part {number})")
            y -= 40
        page.setFont("Helvetica", 9)
        page.drawString(72, 30, footer)
        page.drawString(500, 30, f"Page {number}")
        page.showPage()
    page.save()


def test_a_pdf_title_that_its_running_footer_repeats_stays_its_title_and_in_its_text(tmp_path: Path) -> None:
    """The footer on every page repeats the title in small type; the title on page 1 is no footer for that."""
    _paged_pdf(tmp_path / "ferry.pdf", None, TIMETABLE, TIMETABLE)
    doc = read_document(tmp_path, tmp_path / "ferry.pdf")
    assert doc.title == TIMETABLE
    assert doc.text.startswith(TIMETABLE) and doc.text.count(TIMETABLE) == 1  # the footers are still left out
    assert "Page 2" not in doc.text


def test_a_pdf_takes_the_largest_heading_of_its_first_page_not_a_small_line_above_it(tmp_path: Path) -> None:
    _paged_pdf(tmp_path / "ferry.pdf", ("Harbour Council - internal report 17 - March 2025", 9), TIMETABLE, "Ferries")
    doc = read_document(tmp_path, tmp_path / "ferry.pdf")
    assert doc.title == TIMETABLE
    assert doc.text.startswith("Harbour Council - internal report 17")  # the line stays in the text


def test_a_pdf_without_a_heading_on_its_first_page_takes_its_first_line(tmp_path: Path) -> None:
    _paged_pdf(tmp_path / "ferry.pdf", None, "", "Ferries", pages=1)
    doc = read_document(tmp_path, tmp_path / "ferry.pdf")
    assert doc.title.startswith("The ferry leaves the north pier")


RFC = """

Network Working Group                                          J. Postel
Request for Comments: 791                                            ISI
                                                          September 1981


                           INTERNET PROTOCOL

                   DARPA INTERNET PROGRAM
                   PROTOCOL SPECIFICATION

1.  INTRODUCTION

The Internet Protocol is designed for use in interconnected systems of packet-switched computer communication
networks.
"""


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (RFC, "INTERNET PROTOCOL"),  # the lines laid out in columns above it are a letterhead, not its title
        (
            "MEMORANDUM\n\nTo: All staff\nFrom: Facilities\nRe: Office move on 12 May\n\nWe move.\n",
            "Office move on 12 May",
        ),
        ("To: All staff\nFrom: Facilities\n\nThe office moves to the third floor on 12 May.\n", "The office moves to"),
        ("Budget: the year ahead\n\nThe council met on Monday.\n", "Budget: the year ahead"),  # a title with a colon
        ("Minutes   (draft)\n\nThe council met on Monday.\n", "Minutes   (draft)"),  # only columns: the first line
    ],
)
def test_a_text_file_title_is_its_first_line_that_reads_as_one(tmp_path: Path, text: str, title: str) -> None:
    assert _text_title(tmp_path, text).startswith(title)


def test_a_readmes_badges_are_labels_not_its_title(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(
        "[![Build status](https://ci.example.org/badge.svg)](https://ci.example.org) ![PyPI](https://img/pypi.svg)\n\n"
        "Git - fast, scalable, distributed revision control system\n"
        "=========================================================\n\n"
        "Git is a fast, scalable, distributed revision control system.\n"
    )
    doc = read_document(tmp_path, path)
    assert doc.title == "Git - fast, scalable, distributed revision control system"  # was "Build status PyPI"
    badge = doc.text.index("Build status")
    assert not doc.layout.citable(badge, badge + len("Build status"))
    prose = doc.text.index("Git is a fast")
    assert doc.layout.citable(prose, prose + 10)


def _text_title(folder: Path, text: str) -> str:
    """The title askdocs gives a text file holding `text`."""
    path = folder / "doc.txt"
    path.write_text(text)
    return read_document(folder, path).title


def _file(folder: Path, text: str, name: str = "doc.txt") -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Memo: New parking rules from 1 May\n\nThe car park closes.\n", "Memo: New parking rules from 1 May"),
        ("Attention: fire drill on Friday\n\nLeave by the east stairs.\n", "Attention: fire drill on Friday"),
        ("Mathematics homework\nSubject: algebra\n\nSolve for x.\n", "Mathematics homework"),  # no memo: no Subject
        ("Attn: Accounts Payable\nInvoice 4471 for May\n\nPay by June.\n", "Invoice 4471 for May"),
        ("MEMORANDUM\nDate: 3 May 2024\nRe: Parking rules\n\nThe car park closes.\n", "Parking rules"),
        ("---\nsubject: Harbour works\n---\nThe harbour closes.\n", "Harbour works"),
    ],
)
def test_a_key_line_is_a_title_unless_it_addresses_a_letter_whose_re_line_titles_it(
    tmp_path: Path, text: str, title: str
) -> None:
    assert _text_title(tmp_path, text) == title


MAN_PAGE = (
    "GZIP(1)                     General Commands Manual                    GZIP(1)\n\n"
    "NAME\n       gzip, gunzip, zcat - compress or expand files\n\n"
    "SYNOPSIS\n       gzip [ -acdfhklLnNrtvV19 ] [-S suffix] [ name ...  ]\n\n"
    "DESCRIPTION\n       Gzip reduces the size of the named files.\n\n"
    "                                                                       GZIP(1)\n"
)
"""The start and end of a man page saved as text (`man gzip | col -b`)."""


def test_a_man_page_is_titled_by_its_name_section_not_the_sections_heading(tmp_path: Path) -> None:
    assert _text_title(tmp_path, MAN_PAGE) == "gzip, gunzip, zcat - compress or expand files"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("library-loans-2023.csv", "Library loans 2023"),
        ("library_loans_2023.csv", "Library loans 2023"),
        ("tide-times.csv", "Tide times"),
        ("rainfall-2023-01-05.csv", "Rainfall 2023-01-05"),  # a date keeps its hyphens
    ],
)
def test_a_file_names_hyphens_and_underscores_are_read_alike_as_spaces(tmp_path: Path, name: str, title: str) -> None:
    (tmp_path / name).write_text("branch,books\nNorthgate,130875\n", encoding="utf-8")
    assert read_document(tmp_path, tmp_path / name).title == title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("x-ray-results.csv", "X-ray results"),  # a single letter opening a hyphened word keeps its hyphen
        ("e-mail_log.csv", "E-mail log"),
        ("patient_x-ray.csv", "Patient x-ray"),
        ("b-52-flights.csv", "B-52 flights"),
        ("section-a-notes.csv", "Section a notes"),  # a letter inside the name's hyphens is one of its words
        ("gzip.1.csv", "gzip.1"),  # a command's or a man page's name stays as written
        ("tar.5-formats.csv", "tar.5 formats"),
        ("python-3.11-notes.csv", "Python 3.11 notes"),  # a version keeps its dot
        ("a-guide-to-loans.csv", "A guide to loans"),  # "a", "I" and "o" are words of their own
        ("i-love-paris.csv", "I love paris"),
        ("o-brother.csv", "O brother"),
        ("i-95-traffic.csv", "I-95 traffic"),  # but for a number: a road's name
        ("q-and-a.csv", "Q and a"),  # a small word after the letter: the hyphens join words
    ],
)
def test_a_file_names_hyphened_words_and_dotted_names_stay_as_written(tmp_path: Path, name: str, title: str) -> None:
    (tmp_path / name).write_text("branch,books\nNorthgate,130875\n", encoding="utf-8")
    assert read_document(tmp_path, tmp_path / name).title == title


def test_a_man_pages_running_head_is_a_label_never_cited(tmp_path: Path) -> None:
    path = tmp_path / "gzip.1.txt"
    path.write_text(MAN_PAGE)
    doc = read_document(tmp_path, path)
    head = 0, MAN_PAGE.index("\n")
    assert doc.layout.labelled(*head) and not doc.layout.citable(*head)
    reduces = MAN_PAGE.index("Gzip reduces")
    assert doc.layout.citable(reduces, MAN_PAGE.index("files.", reduces) + 6)
    other = tmp_path / "notes.txt"
    other.write_text("Item(2) of the list was late, as was Item(2)\n\nThe rest came on time.\n")  # no man page
    assert read_document(tmp_path, other).layout.labels == ()


@pytest.mark.parametrize(
    "opening",
    [
        "==================\nInstalling askdocs\n==================\n",
        ".. _installation:\n\nInstalling askdocs\n==================\n",
        ".. meta::\n   :description: How to install askdocs\n\nInstalling askdocs\n------------------\n",
    ],
    ids=["overline", "target", "directive"],
)
def test_an_rst_files_title_is_its_title_not_a_rule_or_a_directive(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "install.rst"
    path.write_text(opening + "\nRun pip install in a fresh virtual environment.\n")
    assert read_document(tmp_path, path).title == "Installing askdocs"


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        (
            "README.md",
            "# :rocket: Rocket Launcher\n\nLaunches rockets from the command line.\n",
            ":rocket: Rocket Launcher",
        ),
        (
            "notes.txt",
            ":warning: Deprecated API notes\n\nThe old calls go away in May.\n",
            ":warning: Deprecated API notes",
        ),
        ("more.txt", ".. and more notes\n\nThe old calls go away in May.\n", ".. and more notes"),
    ],
    ids=["emoji-heading", "emoji-line", "dots"],
)
def test_only_an_rst_files_directives_and_fields_are_markup_not_its_title(
    tmp_path: Path, name: str, text: str, title: str
) -> None:
    """A line opening on ":rocket:" or ".." is a title in any file but a reStructuredText one."""
    path = tmp_path / name
    path.write_text(text)
    assert read_document(tmp_path, path).title == title


@pytest.mark.parametrize(
    "head",
    [
        "CP(1)\t\t\t\t User Commands\t\t\t\t CP(1)",  # `man cp | col -b`: spaces past the last tab stop
        "LS(1)\t User Commands \tLS(1)",
        "CHMOD(1)\t\t\t User Commands\t\t\t  CHMOD(1)",
    ],
)
def test_a_man_page_whose_running_head_mixes_tabs_and_spaces_is_titled_by_its_name_section(
    tmp_path: Path, head: str
) -> None:
    page = f"{head}\n\nNAME\n\tcp - copy files and directories\n\nSYNOPSIS\n\tcp [OPTION]... SOURCE DEST\n"
    path = tmp_path / "cp.txt"
    path.write_text(page)
    doc = read_document(tmp_path, path)
    assert doc.title == "cp - copy files and directories"  # was the running head, "CP(1) User Commands CP(1)"
    assert doc.layout.labelled(0, len(head))


DEP5 = (
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: curl\n"
    "Source: https://curl.se/\n"
    "\n"
    "Files: *\n"
    "Copyright: 1997-2022, Daniel Stenberg, <daniel@haxx.se>, et al.\n"
    "License: curl\n"
    "\n"
    "Files: debian/*\n"
    "Copyright: 1999, Leon Breedt <ljb@debian.org>\n"
    " 2005, Luk Claes <luk@debian.org>\n"
    "License: curl\n"
    "\n"
    "License: curl\n"
    " All rights reserved.\n"
    " .\n"
    " Permission to use, copy, modify, and distribute this software for any purpose\n"
)


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        ("curl-copyright.txt", DEP5, "Curl copyright"),  # fields only: the file's name
        ("tomli.txt", "Name: tomli\nVersion: 2.0\n\nA lil TOML parser.\n", "A lil TOML parser."),
        ("hours.txt", "Saturday: closed\nSunday: closed\n\nThe library opens late.\n", "The library opens late."),
        ("study.txt", "Study: Titan Has Ice\nFormat: print\n\nTitan is a moon.\n", "Study: Titan Has Ice"),
        ("fares.txt", "Note: the fares rose in May.\nThe ferry costs 6 pounds.\n", "Note: the fares rose in May."),
        ("memo.txt", "To: All staff\nFrom: Jane Doe\nSubject: Office closing\n\nWe close at noon.\n", "Office closing"),
    ],
)
def test_a_file_opening_on_fields_is_not_titled_by_one(tmp_path: Path, name: str, text: str, title: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_document(tmp_path, tmp_path / name).title == title


HEADED = (
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: GLib\n"
    "Source: https://download.gnome.org/sources/glib/\n"
    "Comment:\n"
    " Some files are mechanically derived from Unicode data.\n"
    "\n"
    "Files: *\n"
    "Copyright: 1995-2022 the GLib authors\n"
    "License: LGPL-2.1+\n"
    "\n"
    "# ----------------------------------------------------------------------\n"
    "\n"
    "License: AFL-2.0\n"
    " Licensed under the Academic Free License version 2.0\n"
)


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        ("glib-copyright.txt", HEADED, "Glib copyright"),  # a header's field carried on, comments among fields
        ("sgml-copyright.txt", "Format: https://x.org/1.0/\n\nFiles: *\nLicense: GPL-2+\n", "Sgml copyright"),
        ("jq-copyright.txt", "Files: debian/*\n       examples/*\nCopyright: 2020 A. Person\n", "Jq copyright"),
        (
            "crane.txt",
            "Project: Harbour crane\nStatus: draft\n\nThe crane will be replaced.\n",
            "Project: Harbour crane",
        ),
        ("poem.txt", "\n        The Harbour at Dusk\n\nThe boats come home.\n", "The Harbour at Dusk"),
    ],
)
def test_fields_a_header_leaves_or_a_file_opens_with_are_no_title(
    tmp_path: Path, name: str, text: str, title: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_document(tmp_path, tmp_path / name).title == title


STORY = "Bridge to close for repairs\n{line}\n\nHALVERSTON — The Kestrel Harbor Bridge will close on April 15.\n"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("By Jane Doe | March 3, 2024", "2024-03-03"),
        ("By Staff Reporter, March 14, 2023", "2023-03-14"),
        ("By Ana de la Cruz and Tom Lee, Reuters · 3 March 2024", "2024-03-03"),
        ("Published March 3, 2024", "2024-03-03"),
        ("Updated: Monday, 4 March 2024 14:05 GMT", "2024-03-04"),
        ("March 3, 2024", "2024-03-03"),
        ("By Jane Doe", None),
    ],
)
def test_a_news_storys_byline_or_date_line_gives_its_date_and_is_no_title(
    tmp_path: Path, line: str, published: str | None
) -> None:
    # the byline was the title of a story opening with it, and the story had no date, so --since left it out
    doc = read_document(tmp_path, _file(tmp_path, STORY.format(line=line)))
    assert (doc.title, doc.published) == ("Bridge to close for repairs", published)
    alone = read_document(tmp_path, _file(tmp_path, STORY.format(line=line).split("\n", 1)[1], "alone.txt"))
    assert alone.title.startswith("HALVERSTON") and alone.published == published


@pytest.mark.parametrize(
    "line",
    [
        "By the time the bridge closed, traffic had moved to the ferries.",
        "By Monday, the council had voted.",
        "Published by Penguin in 1998",
        "March 3, 2024: the day the bridge closed",
    ],
)
def test_a_line_of_prose_opening_like_a_byline_is_no_byline(tmp_path: Path, line: str) -> None:
    doc = read_document(tmp_path, _file(tmp_path, f"{line}\n\nThe council met.\n"))
    assert (doc.title, doc.published) == (line, None)


def test_a_headline_with_a_colon_over_a_header_is_the_title(tmp_path: Path) -> None:
    # read as a field of the header below it ("Borneo bridge collapse:"), so the title was the date line under it
    text = (
        "Borneo bridge collapse: death toll reaches four\nSource: https://example.org/borneo\nPublished: 2011-11-27\n\n"
        "Sunday, November 27, 2011\n\nThe death toll from yesterday's bridge collapse has risen to four.\n"
    )
    doc = read_document(tmp_path, _file(tmp_path, text))
    assert (doc.title, doc.published) == ("Borneo bridge collapse: death toll reaches four", "2011-11-27")
    fields = "Location: Room 4\nDate: 2011-11-27\n\nThe meeting opened at nine.\n"
    assert read_document(tmp_path, _file(tmp_path, fields, "minutes.txt")).title == "The meeting opened at nine."


@pytest.mark.parametrize(
    ("opening", "published"),
    [
        ("PARIS, Feb 20, 2025 (Reuters) - French dockworkers voted to end the strike.", "2025-02-20"),
        ("CHICAGO (Reuters) - March 3, 2025 - A fire broke out at a chemical plant.", "2025-03-03"),
        ("DAYTON, Ohio, 3 March 2025 — A fire broke out at a chemical plant.", "2025-03-03"),
        ("WASHINGTON — The Senate voted on March 3, 2025 - to fund the bridge.", None),  # a day the story tells of
        ("MARSEILLE (Reuters) - Dockworkers walked out.", None),
    ],
)
def test_a_wire_storys_dateline_gives_its_date(tmp_path: Path, opening: str, published: str | None) -> None:
    # wire copy dated only by its dateline had no date, so --since left it out
    doc = read_document(tmp_path, _file(tmp_path, f"Port strike ends\n\n{opening}\n\nMore followed.\n"))
    assert (doc.title, doc.published) == ("Port strike ends", published)


def test_a_pdf_laid_out_by_reportlabs_templates_without_a_title_takes_its_heading(tmp_path: Path) -> None:
    # its templates record "(anonymous)", which titled the document in the library and the search results
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(tmp_path / "report.pdf"), pagesize=A4).build(
        [
            Paragraph("Third Quarter Operations Report", styles["Title"]),
            Paragraph(
                "Throughput rose by 12 percent compared with the second quarter of the year.", styles["BodyText"]
            ),
        ]
    )
    assert read_document(tmp_path, tmp_path / "report.pdf").title == "Third Quarter Operations Report"


def test_a_pdfs_typeset_ligatures_are_read_as_their_letters() -> None:
    # "ﬁle" is no word the search or a question knows: groff and LaTeX set ligatures
    from askdocs.ingest.pdf_boxes import box_text

    assert box_text("sort by ﬁle size, largest ﬁrst; ﬂag the eﬀect, the oﬃce and the baﬄe") == (
        "sort by file size, largest first; flag the effect, the office and the baffle"
    )
