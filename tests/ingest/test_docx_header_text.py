"""Word page headers and footers: what of a paragraph stays once its page number is out (its other words and
separators as typed), page numbers computed by a formula or IF field or typed by hand, and a header's lines
read once however many sections repeat them or the body's title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from askdocs.ingest.documents import read_document


def _runs(paragraph: Any, *pieces: str) -> None:
    """Append runs to a paragraph: "{" begins a field, "}" ends it, "|" separates its instruction from its shown
    result, "=…" is instruction text and any other piece shown text; so {= {PAGE} - 1} is written as Word does."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for piece in pieces:
        if piece in "{|}":
            kind = {"{": "begin", "|": "separate", "}": "end"}[piece]
            inner = f'<w:fldChar w:fldCharType="{kind}"/>'
        elif piece.startswith("="):
            inner = f'<w:instrText xml:space="preserve">{piece[1:]}</w:instrText>'
        else:
            inner = f'<w:t xml:space="preserve">{piece}</w:t>'
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>"))


def _page(paragraph: Any, name: str = "PAGE", shown: str = "2") -> None:
    _runs(paragraph, "{", f"= {name} ", "|", shown, "}")


def _footers(path: Path, footers: list[list[tuple[str, ...]]], body: str = "The crane arrives on 14 March.") -> None:
    """A document of one section per entry of `footers`, each with a footer of its own: per paragraph, pieces as
    _runs takes them, "#" standing for a PAGE field and "##" for a NUMPAGES field."""
    import docx
    from docx.enum.section import WD_SECTION

    word = docx.Document()
    for n, paragraphs in enumerate(footers):
        section = word.sections[0] if n == 0 else word.add_section(WD_SECTION.NEW_PAGE)
        section.footer.is_linked_to_previous = False
        for k, pieces in enumerate(paragraphs):
            paragraph = section.footer.paragraphs[0] if k == 0 else section.footer.add_paragraph()
            for piece in pieces:
                if piece == "#":
                    _page(paragraph)
                elif piece == "##":
                    _page(paragraph, "NUMPAGES", "41")
                else:
                    _runs(paragraph, piece)
        word.add_paragraph(f"{body} Part {n + 1}.")
    word.save(str(path))


def _footer_lines(path: Path) -> list[str]:
    text = read_document(path.parent, path).text
    return text.split("\n\nPage footer\n\n", 1)[1].split("\n\n") if "\n\nPage footer\n\n" in text else []


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (("Support: https://acme.example/help | Page ", "#", " of ", "##"), "Support: https://acme.example/help"),
        (("Ref 2024/05//A - Page ", "#", " of ", "##"), "Ref 2024/05//A"),
        (("Confidential | Page ", "#", " | Draft"), "Confidential | Draft"),
        (("See ", "#", "  for   details"), "See for details"),
        (("Meeting room 4 (", "#", ")"), "Meeting room 4"),
        (("Harbour Works Ltd, Page No. ", "#"), "Harbour Works Ltd"),
        (("Harbour Works Ltd, Page ", "#", " of ", "##", " pages"), "Harbour Works Ltd"),
        (("Page ", "#", " of the Harbour Board handbook"), "Page of the Harbour Board handbook"),
        (("See section ", "#", " of the handbook"), "See section of the handbook"),
        (("港务局年度报告 第 ", "#", " 页"), "港务局年度报告"),
        (("Private mark \ue000 kept | Page ", "#"), "Private mark \ue000 kept"),
    ],
)
def test_a_page_number_goes_with_its_own_words_and_separators_only(
    tmp_path: Path, pieces: tuple[str, ...], expected: str
) -> None:
    _footers(tmp_path / "letter.docx", [[pieces]])
    assert _footer_lines(tmp_path / "letter.docx") == [expected]


def test_a_page_number_a_formula_computes_is_left_out_an_if_fields_words_kept(tmp_path: Path) -> None:
    """{= {PAGE} - 1} shows a page number (the cover uncounted), which changes from section to section; {IF {PAGE}
    = 1 "Cover sheet" "Continued"} shows words, kept (a line a section at worst, never words lost)."""
    import docx
    from docx.enum.section import WD_SECTION

    word = docx.Document()
    for n in range(3):
        section = word.sections[0] if n == 0 else word.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        _runs(paragraph, "Acme thesis, page ", "{", "== ", "{", "= PAGE ", "|", str(n + 2), "}", "= - 1 ", "|")
        _runs(paragraph, str(n + 1), "}", " of 41")
        second = section.header.add_paragraph()
        _runs(second, "Harbour study ", "{", "= IF ", "{", "= PAGE ", "|", str(n + 1), "}", '= = 1 "Cover sheet" ')
        _runs(second, '= "Continued" ', "|", "Cover sheet" if n == 0 else "Continued", "}")
        word.add_paragraph(f"Chapter {n + 1} of the study.")
    word.save(str(tmp_path / "thesis.docx"))
    text = read_document(tmp_path, tmp_path / "thesis.docx").text
    words = "Acme thesis\n\nHarbour study Cover sheet\n\nHarbour study Continued"
    assert text.endswith("Chapter 3 of the study.\n\nPage header\n\n" + words), text


def test_a_page_number_typed_by_hand_in_each_section_is_left_out(tmp_path: Path) -> None:
    sections = [[(f"Page {n} of 3",), (f"Harbour Works Ltd | Page {n} of 3",)] for n in (1, 2, 3)]
    sections[2].append(("Page 3 of the report says the crane is late.",))
    _footers(tmp_path / "report.docx", sections)
    assert _footer_lines(tmp_path / "report.docx") == [
        "Harbour Works Ltd",
        "Page 3 of the report says the crane is late.",
    ]


def test_a_header_line_already_read_is_not_read_again(tmp_path: Path) -> None:
    """A section repeating the first one's letterhead with one line more adds that line only; a header holding the
    document's title (or the body's first line) adds nothing."""
    import docx
    from docx.enum.section import WD_SECTION

    word = docx.Document()
    word.add_paragraph("Annual Safety Review 2025", style="Title")
    word.add_paragraph("No lost-time injuries were recorded.")
    header = word.sections[0].header
    header.paragraphs[0].text = "Annual Safety Review 2025"
    header.add_paragraph("Harbour Works Ltd")
    header.add_paragraph("12 Quay Street, Bristol")
    second = word.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = False
    for n, line in enumerate(["Harbour Works Ltd", "12 Quay Street, Bristol", "Appendix: incident log"]):
        paragraph = second.header.paragraphs[0] if n == 0 else second.header.add_paragraph()
        paragraph.text = line
    word.add_paragraph("Two near misses were logged in June.")
    word.save(str(tmp_path / "review.docx"))
    doc = read_document(tmp_path, tmp_path / "review.docx")
    header_text = "Harbour Works Ltd\n\n12 Quay Street, Bristol\n\nAppendix: incident log"
    assert doc.text.endswith("in June.\n\nPage header\n\n" + header_text), doc.text
    assert doc.text.count("Annual Safety Review 2025") == 1
