"""Word page headers and footers: a repeated value in a header's table keeps its rows whole, an IF field's words
stay where only a page number would go, typed page numbers that stand apart are left out while prose keeps its
words, and the sections the margins are read under never meet a body heading's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from tests.ingest.test_docx_header_text import _footer_lines, _footers, _runs


def test_a_value_a_header_table_repeats_keeps_every_row_whole(tmp_path: Path) -> None:
    """ "J. Smith" both prepared and approved the report: the second row is no repeat of a line, its cell is."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.shared import Inches

    word = docx.Document()
    word.add_paragraph("The quay wall inspection found two cracks.")
    for n in range(2):
        section = word.sections[0] if n == 0 else word.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False
        rows = [("Prepared by", "J. Smith"), ("Approved by", "J. Smith"), ("Checked by", "A. Berg")]
        rows += [("Rev", "2"), ("Sheet", "2")] if n == 0 else []
        table = section.header.add_table(rows=len(rows), cols=2, width=Inches(6))
        for r, (label, value) in enumerate(rows):
            table.cell(r, 0).text, table.cell(r, 1).text = label, value
        word.add_paragraph(f"Section {n + 1} of the inspection.")
    word.save(str(tmp_path / "inspection.docx"))
    text = read_document(tmp_path, tmp_path / "inspection.docx").text
    header = text.split("\n\nPage header\n\n", 1)[1]
    assert "Approved by: J. Smith" in header and "Checked by: A. Berg" in header, text
    assert "Rev: 2" in header and "Sheet: 2" in header, text
    assert header.count("Approved by") == 1, text  # the second section's table repeats the first's rows


def test_a_paragraph_repeated_within_one_header_is_kept(tmp_path: Path) -> None:
    _footers(tmp_path / "memo.docx", [[("Harbour Works Ltd",), ("Berth 4",), ("Harbour Works Ltd",)]])
    assert _footer_lines(tmp_path / "memo.docx") == ["Harbour Works Ltd", "Berth 4", "Harbour Works Ltd"]


def test_an_if_field_holding_a_page_field_keeps_the_words_it_shows(tmp_path: Path) -> None:
    """{IF {PAGE} > 1 "Harbour Board — Annual Report 2025" ""} shows a title, not a number."""
    title = "Harbour Board — Annual Report 2025"
    _footers(
        tmp_path / "report.docx",
        [[("{", "= IF ", "{", "= PAGE ", "|", "2", "}", f'= > 1 "{title}" ""', "|", title, "}")]],
    )
    assert _footer_lines(tmp_path / "report.docx") == [title]


def test_a_field_inside_an_if_fields_instruction_shows_nothing(tmp_path: Path) -> None:
    """{IF {DOCPROPERTY Status} = "Draft" "DRAFT – not for circulation" ""}: "Draft", the inner field's value, is
    part of the instruction, in a footer as in the body."""
    import docx

    shown = "DRAFT – not for circulation"
    pieces = ("{", "= IF ", "{", "= DOCPROPERTY Status ", "|", "Draft", "}", f'= = "Draft" "{shown}" ""', "|", shown)
    _footers(tmp_path / "memo.docx", [[(*pieces, "}", " | Page ", "#")]])
    assert _footer_lines(tmp_path / "memo.docx") == [shown]
    word = docx.Document()
    _runs(word.add_paragraph(), "Status: ", *pieces, "}")
    word.save(str(tmp_path / "body.docx"))
    assert read_document(tmp_path, tmp_path / "body.docx").text == f"Status: {shown}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Harbour manual – Page {n}", ["Harbour manual"]),
        ("- {n} -", []),
        ("{n}", []),
        ("p. {n} | Harbour manual", ["Harbour manual"]),
        ("Harbour manual, pg. {n}", ["Harbour manual"]),
    ],
)
def test_a_typed_page_number_standing_apart_is_left_out(tmp_path: Path, line: str, expected: list[str]) -> None:
    """Each section's footer differs only by its typed page number: read once, without it."""
    _footers(tmp_path / "manual.docx", [[(line.format(n=n),)] for n in (1, 2, 3)])
    assert _footer_lines(tmp_path / "manual.docx") == expected


@pytest.mark.parametrize(
    "line",
    [
        "Page Street 4",
        "Page 7 of the handbook",
        "P 2 of 3 drafts approved",
        "Side 4 of 10 was removed in the revision",
        "See section 4.2 and page 7 of the manual",
        "Founded 2025",
    ],
)
def test_a_typed_number_in_prose_is_kept(tmp_path: Path, line: str) -> None:
    _footers(tmp_path / "manual.docx", [[(line,)]])
    assert _footer_lines(tmp_path / "manual.docx") == [line]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (("Page ", "#", " of the handbook"), "Page of the handbook"),
        (("This report has ", "##", " pages in total."), "This report has pages in total."),
        (("Chapter ", "#", ": Operations"), "Chapter: Operations"),
        (("See section 4.2 and page ", "#"), "See section 4.2 and page"),
        (("Harbour manual – Page ", "#"), "Harbour manual"),
    ],
)
def test_a_page_field_in_prose_takes_only_its_number(tmp_path: Path, pieces: tuple[str, ...], expected: str) -> None:
    _footers(tmp_path / "manual.docx", [[pieces]])
    assert _footer_lines(tmp_path / "manual.docx") == [expected]


def test_a_section_field_in_prose_takes_only_its_number(tmp_path: Path) -> None:
    import docx

    from tests.ingest.test_docx_header_text import _page

    word = docx.Document()
    paragraph = word.sections[0].footer.paragraphs[0]
    _runs(paragraph, "Chapter ")
    _page(paragraph, "SECTION", "3")
    _runs(paragraph, ": Operations")
    word.add_paragraph("The crane arrives on 14 March.")
    word.save(str(tmp_path / "manual.docx"))
    assert _footer_lines(tmp_path / "manual.docx") == ["Chapter: Operations"]


def test_a_body_heading_named_footer_is_cited_apart_from_the_page_footer(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Footer", level=1)
    word.add_paragraph("The footer of the quay wall is cast in place.")
    word.sections[0].footer.paragraphs[0].text = "Harbour Works Ltd"
    word.save(str(tmp_path / "spec.docx"))
    doc = read_document(tmp_path, tmp_path / "spec.docx")
    body, margin = doc.text.index("The footer"), doc.text.index("Harbour Works")
    assert doc.layout.place(body, body + 10).where == "§ Footer ¶1"
    assert doc.layout.place(margin, margin + 10).where == "§ Page footer ¶1"
