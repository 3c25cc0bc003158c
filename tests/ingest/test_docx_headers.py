"""Word files: the page headers and footers are read once per document, without page numbers, after the body
under "Page header" and "Page footer" (a letterhead's address was never found), so the body's paragraph numbers
stay as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text


def _citable(corpus: Path, name: str) -> list[str]:
    """The sentences the index stores and may cite for a file."""
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def _field(paragraph: Any, instruction: str, shown: str, simple: bool = False) -> None:
    """A field at the paragraph's end as Word writes it: w:fldSimple, or runs from its "begin" to its "end"."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if simple:
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}"><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
            )
        )
        return
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} \\* MERGEFORMAT </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{shown}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{run}</w:r>"))


def _letter(path: Path, letterhead: list[str], footer: bool = False) -> None:
    import docx

    word = docx.Document()
    for n, line in enumerate(letterhead):
        paragraph = word.sections[0].header.paragraphs[0] if n == 0 else word.sections[0].header.add_paragraph()
        paragraph.text = line
    if footer:
        foot = word.sections[0].footer
        foot.paragraphs[0].text = "Confidential | Page "
        _field(foot.paragraphs[0], "PAGE", "1")
        foot.paragraphs[0].add_run(" of ")
        _field(foot.paragraphs[0], "NUMPAGES", "2", simple=True)
        _field(foot.add_paragraph(), "PAGE", "1")  # a page number alone
    word.add_paragraph("Dear Ms Rowe,")
    word.add_paragraph("The new crane will be delivered on 14 March.")
    word.save(str(path))


def test_a_letterhead_is_read_after_the_body_and_moves_no_body_paragraphs_number(tmp_path: Path) -> None:
    _letter(tmp_path / "plain.docx", [])
    _letter(tmp_path / "letter.docx", ["Harbour Works Ltd", "12 Quay Street, Bristol BS1 4DJ"])
    plain = read_document(tmp_path, tmp_path / "plain.docx")
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert doc.text == plain.text + "\n\nPage header\n\nHarbour Works Ltd\n\n12 Quay Street, Bristol BS1 4DJ", doc.text
    assert "12 Quay Street, Bristol BS1 4DJ" in _citable(tmp_path, "letter.docx")
    at = doc.text.index("The new crane")
    assert doc.layout.place(at, at + 9).where == plain.layout.place(at, at + 9).where == "¶2"
    at = doc.text.index("12 Quay Street")
    assert doc.layout.place(at, at + 9).where == "§ Page header ¶2"
    assert doc.title == plain.title  # the body's, not "Harbour Works Ltd"


def test_a_footer_is_read_at_the_end_without_its_page_numbers(tmp_path: Path) -> None:
    _letter(tmp_path / "letter.docx", ["Harbour Works Ltd"], footer=True)
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert doc.text.endswith("14 March.\n\nPage header\n\nHarbour Works Ltd\n\nPage footer\n\nConfidential"), doc.text
    at = doc.text.index("Confidential")
    assert doc.layout.place(at, at + len("Confidential")).where == "§ Page footer ¶1"
    assert (
        "Page " not in doc.text.replace("Page header", "").replace("Page footer", "")
        and doc.text.count("Harbour Works Ltd") == 1
    )


def test_a_footer_of_page_numbers_alone_and_an_empty_header_add_nothing(tmp_path: Path) -> None:
    import docx

    _letter(tmp_path / "plain.docx", [])
    word = docx.Document(str(tmp_path / "plain.docx"))
    word.sections[0].header.paragraphs[0].text = "  "
    _field(word.sections[0].footer.paragraphs[0], "PAGE", "1")
    word.sections[0].footer.add_paragraph("- ")
    _field(word.sections[0].footer.paragraphs[1], "PAGE", "1")
    word.save(str(tmp_path / "numbered.docx"))
    plain = read_document(tmp_path, tmp_path / "plain.docx")
    numbered = read_document(tmp_path, tmp_path / "numbered.docx")
    assert (numbered.text, numbered.layout, numbered.title) == (plain.text, plain.layout, plain.title)


def test_a_header_two_sections_share_is_read_once(tmp_path: Path) -> None:
    import docx
    from docx.enum.section import WD_SECTION

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Harbour Board — Annual Report 2025"
    word.add_paragraph("The harbour handled 2.1 million tonnes.")
    second = word.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = True  # no header of its own: the first section's, as Word makes it
    word.add_paragraph("Appendix: the tonnage by quay.")
    third = word.add_section(WD_SECTION.NEW_PAGE)
    third.header.is_linked_to_previous = False  # a header of its own, the same text
    third.header.paragraphs[0].text = "Harbour Board — Annual Report 2025"
    word.add_paragraph("Appendix: the ships by flag.")
    word.save(str(tmp_path / "report.docx"))
    doc = read_document(tmp_path, tmp_path / "report.docx")
    assert doc.text.count("Annual Report 2025") == 1
    assert doc.text.startswith("The harbour handled")
    assert doc.text.endswith("ships by flag.\n\nPage header\n\nHarbour Board — Annual Report 2025")


def test_a_different_first_page_header_is_read_before_the_others(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    section = word.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Harbour Works Ltd, 12 Quay Street, Bristol"
    section.header.paragraphs[0].text = "Crane order 4471, continued"
    word.add_paragraph("The new crane will be delivered on 14 March.")
    word.save(str(tmp_path / "letter.docx"))
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert doc.text.startswith("The new crane")
    first, later = (doc.text.index(p) for p in ("12 Quay Street", "Crane order 4471"))
    assert doc.layout.place(first, first + 10).where == "§ Page header ¶1"
    assert doc.layout.place(later, later + 10).where == "§ Page header ¶2"

    section.different_first_page_header_footer = False  # the first page's header is then shown on no page
    word.save(str(tmp_path / "letter.docx"))
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert "Quay Street" not in doc.text and doc.text.endswith(
        "14 March.\n\nPage header\n\nCrane order 4471, continued"
    )


def test_a_header_laid_out_as_a_table_keeps_its_address_not_its_page_number(tmp_path: Path) -> None:
    import docx
    from docx.shared import Inches

    word = docx.Document()
    header = word.sections[0].header
    table = header.add_table(rows=1, cols=2, width=Inches(6))
    table.cell(0, 0).text = "Harbour Works Ltd"
    table.cell(0, 1).text = "Page "
    _field(table.cell(0, 1).paragraphs[0], "PAGE", "1")
    table.cell(0, 1).add_paragraph("12 Quay Street, Bristol")
    word.add_paragraph("The new crane will be delivered on 14 March.")
    word.save(str(tmp_path / "letter.docx"))
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert doc.text.endswith("14 March.\n\nPage header\n\nHarbour Works Ltd | 12 Quay Street, Bristol"), doc.text


def test_an_even_page_header_is_read_only_where_odd_and_even_pages_differ(tmp_path: Path) -> None:
    import docx

    for different in (True, False):
        word = docx.Document()
        word.settings.odd_and_even_pages_header_footer = different
        word.sections[0].header.paragraphs[0].text = "Harbour Board minutes"
        word.sections[0].even_page_header.paragraphs[0].text = "Meeting of 3 June 2025"
        word.add_paragraph("The board approved the new crane.")
        word.save(str(tmp_path / "minutes.docx"))
        doc = read_document(tmp_path, tmp_path / "minutes.docx")
        assert doc.text.startswith("The board approved") and "Page header\n\nHarbour Board minutes" in doc.text
        assert ("Meeting of 3 June 2025" in doc.text) is different


def test_a_page_number_in_words_galleries_content_control_is_left_out(tmp_path: Path) -> None:
    """Word's "Page X of Y" gallery puts the footer's paragraph in a content control (w:sdt, docPartObj)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    word = docx.Document()
    footer = word.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.text = "Harbour Works Ltd, registered in England no. 0451233 | Page "
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "3")
    control = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Page Numbers (Bottom of Page)"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    paragraph._p.addprevious(control)
    control[1].append(paragraph._p)
    word.add_paragraph("The new crane will be delivered on 14 March.")
    word.save(str(tmp_path / "letter.docx"))
    doc = read_document(tmp_path, tmp_path / "letter.docx")
    assert doc.text.endswith("\n\nPage footer\n\nHarbour Works Ltd, registered in England no. 0451233"), doc.text


def test_a_file_of_a_header_alone_is_titled_by_its_name_not_the_header_heading(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Harbour Works Ltd"
    word.save(str(tmp_path / "crane_order.docx"))
    doc = read_document(tmp_path, tmp_path / "crane_order.docx")
    assert doc.text == "Page header\n\nHarbour Works Ltd"
    assert doc.title == "Crane order"
