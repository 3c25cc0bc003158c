"""Word content controls that hold whole paragraphs and tables (w:sdt in the body: the cover page Word inserts holds
its title, subtitle and boxes in one) and custom XML around paragraphs are read in document order; they were left
out (python-docx's iter_inner_content skips them). A control still showing its placeholder ("[Document title]") is
not read, nor a text box inside one."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from tests.ingest.test_docx_text_boxes import _NS, _box_run


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _control(content: str, *, placeholder: bool = False, gallery: str | None = None) -> str:
    """A content control around `content`: showing its placeholder, or a building block of `gallery`."""
    props = "<w:showingPlcHdr/>" * placeholder
    if gallery:
        props += f'<w:docPartObj><w:docPartGallery w:val="{gallery}"/><w:docPartUnique/></w:docPartObj>'
    return f"<w:sdt {_NS}><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def _report(path: Path) -> None:
    """A report whose cover page (a control of the Cover Pages gallery) holds its title, a boxed note and a table,
    then a subtitle control showing its placeholder (with a box), custom XML around a paragraph, and a paragraph
    with an inline control showing its placeholder around a box."""
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    cover = (
        f"<w:p>{_run('Harbour Board Annual Report')}</w:p>"
        f"<w:p>{_run('Prepared for the town council.')}{_box_run(['The harbour master signed this report.'])}</w:p>"
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        f"<w:tc><w:p>{_run('Year')}</w:p></w:tc><w:tc><w:p>{_run('2024')}</w:p></w:tc></w:tr></w:tbl>"
        + _control(f"<w:p>{_run('Issued in March.')}</w:p>")  # a control in a control
    )
    blocks = [
        _control(cover, gallery="Cover Pages"),
        _control(f"<w:p>{_run('[Document subtitle]')}{_box_run(['Type the abstract here.'])}</w:p>", placeholder=True),
        f'<w:customXml {_NS} w:element="budget"><w:p>{_run("The quay wall cost two million.")}</w:p></w:customXml>',
        f"<w:p {_NS}>{_run('The ferry timetable follows.')}"
        f"{_control(_box_run(['Click or tap here to add a note.']), placeholder=True)}</w:p>",
    ]
    for block in blocks:
        word.element.body.sectPr.addprevious(parse_xml(block))
    word.add_paragraph("The summer timetable starts in May.")
    word.save(str(path))


def test_a_cover_page_and_custom_xml_are_read_in_order_placeholders_not(tmp_path: Path) -> None:
    _report(tmp_path / "report.docx")
    text = read_document(tmp_path, tmp_path / "report.docx").text
    assert text == (
        "Harbour Board Annual Report\n\nPrepared for the town council.\n\nThe harbour master signed this report.\n\n"
        "Year | 2024\n\nIssued in March.\n\nThe quay wall cost two million.\n\nThe ferry timetable follows.\n\n"
        "The summer timetable starts in May."
    )


def _form(path: Path, rows: str) -> None:
    """A Word file holding one table of two columns whose rows are `rows` (XML)."""
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    table = f"<w:tbl {_NS}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    word.element.body.sectPr.addprevious(parse_xml(table))
    word.save(str(path))


def _cell(text: str) -> str:
    return f"<w:tc><w:p>{_run(text)}</w:p></w:tc>"


def test_a_form_value_in_a_control_inside_a_cell_is_read(tmp_path: Path) -> None:
    """w:tc > w:sdt > w:p: the value a form's user typed into a cell's control."""
    value = "<w:tc>" + _control(f"<w:p>{_run('Jane Smith')}</w:p>") + "</w:tc>"
    _form(tmp_path / "form.docx", f"<w:tr>{_cell('Owner')}{value}</w:tr><w:tr>{_cell('Vessel')}{_cell('Tern')}</w:tr>")
    assert read_document(tmp_path, tmp_path / "form.docx").text == "Owner: Jane Smith\n\nVessel: Tern"


def test_rows_in_a_control_inside_a_table_are_read_a_placeholder_row_blank(tmp_path: Path) -> None:
    """w:tbl > w:sdt > w:tr (a repeating section's rows) and w:tbl > w:customXml > w:tr; a control still showing
    its placeholder keeps its row but not its text."""
    rows = (
        f"<w:tr>{_cell('Owner')}{_cell('Jane Smith')}</w:tr>"
        + _control(f"<w:tr>{_cell('Vessel')}{_cell('Tern')}</w:tr>")
        + f'<w:customXml w:element="berth"><w:tr>{_cell("Berth")}{_cell("Quay 4")}</w:tr></w:customXml>'
        + _control(f"<w:tr>{_cell('Click here')}{_cell('Enter text')}</w:tr>", placeholder=True)
    )
    _form(tmp_path / "form.docx", rows)
    assert read_document(tmp_path, tmp_path / "form.docx").text == (
        "Owner: Jane Smith\n\nVessel: Tern\n\nBerth: Quay 4"
    )


def test_cells_in_a_control_inside_a_row_are_read(tmp_path: Path) -> None:
    """w:tr > w:sdt > w:tc: a row whose cells a control holds, each under its column."""
    rows = (
        f"<w:tr>{_cell('Owner')}{_control(_cell('Jane Smith'))}</w:tr>"
        f"<w:tr>{_control(_cell('Vessel') + _cell('Tern'))}</w:tr>"
    )
    _form(tmp_path / "form.docx", rows)
    assert read_document(tmp_path, tmp_path / "form.docx").text == "Owner: Jane Smith\n\nVessel: Tern"
