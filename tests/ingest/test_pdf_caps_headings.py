"""A man page printed to PDF sets its section headings ("BUGS", "SEE ALSO") in capitals, in the body's size, right
above their text: each is the heading of its section, never the first words of the section's first sentence nor a
sentence cited, whether pdfminer.six puts it in one text box with the paragraph (set at the paragraph's margin) or
in one of its own (set out to the left). The PDFs are made with reportlab at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences

SECTIONS = [
    ("NAME", ["gzip, gunzip, zcat - compress or expand files"]),
    (
        "DESCRIPTION",
        [
            "Gzip reduces the size of the named files using Lempel-Ziv coding (LZ77). Whenever",
            "possible, each file is replaced by one with the extension .gz, while keeping the same",
            "ownership modes, access and modification times.",
        ],
    ),
    (
        "BUGS",
        [
            "The compressed file size is not stored correctly for files larger than four gigabytes,",
            "so the --list option reports wrong sizes and ratios for such files.",
        ],
    ),
    ("SEE ALSO", ["znew(1), zcmp(1), zmore(1), zforce(1), gzexe(1), zip(1), unzip(1), compress(1)"]),
]
BUGS = " ".join(SECTIONS[2][1])


def _man_page(path: Path, body_x: float) -> Path:
    """Headings in bold at the left margin, each section's lines one line pitch under it at `body_x`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780.0
    for heading, lines in SECTIONS:
        page.setFont("Times-Bold", 10)
        page.drawString(72, y, heading)
        page.setFont("Times-Roman", 10)
        for line in lines:
            y -= 12
            page.drawString(body_x, y, line)
        y -= 24
    page.save()
    return path


@pytest.mark.parametrize("body_x", [72, 108], ids=["at-the-margin", "indented"])
def test_a_line_of_capitals_above_a_paragraph_is_its_sections_heading(tmp_path: Path, body_x: float) -> None:
    doc = read_document(tmp_path, _man_page(tmp_path / "gzip.pdf", body_x))
    assert [name for _, _, name in doc.layout.headings] == [heading for heading, _ in SECTIONS]
    cited = [s.text for s in split_sentences(doc.text) if doc.layout.citable(s.start, s.end)]
    assert BUGS in cited
    assert not any(sentence.startswith(("BUGS", "NAME", "DESCRIPTION", "SEE ALSO")) for sentence in cited)
    assert doc.layout.place(doc.text.index(BUGS)).section == "BUGS"


def _lines_pdf(path: Path, lines: list[tuple[float, str]], bold: str = "") -> Path:
    """One paragraph's printed lines, each at its x, one line pitch apart: no heading set apart by a gap; the line
    `bold` in bold."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780.0
    for x, line in lines:
        page.setFont("Times-Bold" if line == bold else "Times-Roman", 10)
        page.drawString(x, y, line)
        y -= 12
    page.save()
    return path


def _read(tmp_path: Path, path: Path) -> tuple[list[str], list[str]]:
    doc = read_document(tmp_path, path)
    return [s.text for s in split_sentences(doc.text)], [name for _, _, name in doc.layout.headings]


def test_a_paragraph_opening_on_a_short_line_of_capitals_keeps_it(tmp_path: Path) -> None:
    """A narrow column's paragraph whose first printed line is all capitals goes on in small letters: one sentence."""
    column = [
        "THE UN AND NATO",
        "agreed on Tuesday to",
        "send more aid to the",
        "coast, the first such",
        "pledge this year.",
    ]
    sentences, headings = _read(tmp_path, _lines_pdf(tmp_path / "news.pdf", [(72, line) for line in column]))
    assert sentences == [" ".join(column)] and not headings


@pytest.mark.parametrize("bold", ["", "WARNING"], ids=["roman", "bold"])
def test_a_word_of_capitals_set_alone_inside_a_sentence_is_no_heading(tmp_path: Path, bold: str) -> None:
    """A word set alone on its line toward the middle ("WARNING"), that the sentence runs into and on from, is no
    heading, in the body's font or in bold."""
    lines = [
        (72, "Before the heater is plugged in for the first time, read the label marked"),
        (180, "WARNING"),
        (72, "on the side of the case, which gives the voltage the heater needs."),
    ]
    sentences, headings = _read(tmp_path, _lines_pdf(tmp_path / "heater.pdf", lines, bold))
    assert not headings
    text = " ".join(sentences)
    assert text.index("marked") < text.index("WARNING") < text.index("on the side")


@pytest.mark.parametrize("opening", ["2023 was the first year", "$4.2 million went to the", "- finish the new wing by"])
def test_a_heading_in_the_bodys_font_above_a_paragraph_opening_on_no_letter_is_a_heading(
    tmp_path: Path, opening: str
) -> None:
    """A report's "RESULTS", set in its body's font, heads a paragraph that opens on a year, a sum or a dash: what
    counts is its first character, not its first letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "report.pdf"
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setFont("Times-Roman", 10)
    for y, line in [
        (780, "The survey ran for the whole year."),
        (756, "RESULTS"),
        (744, f"{opening} programme ran in all the towns it"),
        (732, "was planned for."),
    ]:
        page.drawString(72, y, line)
    page.save()
    _, headings = _read(tmp_path, path)
    assert headings == ["RESULTS"]


def test_a_man_pages_headings_in_its_bodys_font_above_an_indented_body_are_headings(tmp_path: Path) -> None:
    """A man page printed in one font (Courier) sets each section's body, opening in small letters, to the right
    of its heading: the heading starts left of the text after it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sections = [
        ("NAME", "ls - list directory contents"),
        ("SYNOPSIS", "ls [OPTION]... [FILE]..."),
        ("SEE ALSO", "dircolors(1), stat(1)"),
    ]
    path = tmp_path / "ls.pdf"
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setFont("Courier", 10)
    y = 780.0
    for heading, line in sections:
        page.drawString(72, y, heading)
        page.drawString(108, y - 12, line)
        y -= 36
    page.save()
    _, headings = _read(tmp_path, path)
    assert headings == [heading for heading, _ in sections]


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (["Yours sincerely,", "JANE DOE", "Claims Manager", "Acme Insurance Ltd"], "JANE DOE Claims Manager"),
        (["We have your letter of 3 May.", "REF: CLAIM 12345", "Please quote it in any reply."], "REF: CLAIM 12345"),
    ],
    ids=["signature", "field"],
)
def test_a_name_over_a_signature_or_a_field_in_the_bodys_font_is_no_heading(
    tmp_path: Path, lines: list[str], kept: str
) -> None:
    """A letter's name in capitals over its signature's lines, and a field ("REF: ..."), set in the body's font and
    margin after a paragraph gap, stay text: the name and the reference are what questions ask for."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "letter.pdf"
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setFont("Times-Roman", 10)
    y = 780.0
    for n, line in enumerate(lines):
        page.drawString(72, y, line)
        y -= 24 if n == 0 else 12  # a paragraph gap after the first line
    page.save()
    sentences, headings = _read(tmp_path, path)
    assert not headings, headings
    assert kept in " ".join(sentences)
