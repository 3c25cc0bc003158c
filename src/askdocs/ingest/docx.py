"""Word files (.docx) through python-docx: paragraphs and tables in document order (those in content controls, a
cover page's, too), heading styles kept as section landmarks so a citation can say "minutes.docx § Budget", a text
box's paragraphs after the paragraph anchoring it, then the footnotes and endnotes, each under a heading of its own
("§ Footnote 2 ¶1"), and last the page headers and footers, under "Page header" and "Page footer" (see
askdocs.ingest.docx_headers), so a letterhead never moves the body's paragraph numbers."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest.docx_forms import lift_rows_and_cells
from askdocs.ingest.docx_forms import placeholder as _placeholder
from askdocs.ingest.docx_headers import margins
from askdocs.ingest.docx_notes import read_notes as _notes
from askdocs.ingest.docx_text import paragraph_text
from askdocs.ingest.docx_text import shown as _shown
from askdocs.ingest.layout import Layout, TextBuilder
from askdocs.text.normalize import cell_text

KIND = "Word file"
"""What a skip line calls a .docx file: `damaged Word file (...)`."""
_MAX_PART_BYTES = 64 * 1024 * 1024
"""A part of a Word file (word/document.xml above all) larger than this unpacked is a zip bomb, not a document:
python-docx would hold all of it in memory and every paragraph would be embedded. As askdocs.ingest.epub's chapters."""
_MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""All parts together, unpacked (python-docx loads every part, pictures too): many parts each under the limit."""


@dataclass(frozen=True)
class DocxText:
    """The text, its layout (headings, paragraphs) and the file's own title, author and keywords."""

    text: str
    layout: Layout
    title: str | None
    author: str | None
    tags: tuple[str, ...]


def read_docx(data: bytes, path: Path) -> DocxText:
    """Headings, paragraphs, table rows ("cell | cell", "name: cell | name: cell" under a header row, or "key:
    value"; a table nested in a cell after the row holding it), text boxes' paragraphs after their anchors, and then
    footnotes and endnotes as text; then the page headers and the footers (each paragraph once, without page numbers
    nor the title's or first line's repeat); UnreadableDocument for a damaged file."""
    import docx

    _refuse_a_bomb(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        lift_rows_and_cells(document.element.body)
        builder = TextBuilder("docx")
        title = None
        for block in _blocks(document.element.body, document._body):
            if hasattr(block, "rows"):
                _table(builder, block)
            else:
                title = _paragraph(builder, block, title)
            _text_boxes(builder, block)
        props = document.core_properties
        first = builder.text().split("\n\n", 1)[0]  # a header repeating the title or first line adds nothing
        pages = margins(document, (props.title or "", title or "", first))
        _notes(builder, document)
        for heading, read in (("Page header", pages.headers), ("Page footer", pages.footers)):
            if read:
                builder.heading(heading)
            for root, part in read:
                _margin(builder, root, part)
        keywords = props.keywords or ""
    except Exception as exc:  # python-docx, zipfile and lxml all raise their own errors on a damaged file
        raise UnreadableDocument.damaged(path, KIND, exc) from None
    tags = tuple(t.strip() for t in keywords.replace(";", ",").split(",") if t.strip())
    if not (props.title or title or first):  # no body: the file's name, not "Page header" or "Footnote 1"
        from askdocs.ingest.titles import readable

        title = readable(path.stem)
    return DocxText(builder.text(), builder.layout(), props.title or title, props.author or None, tags)


class _Story:
    """What a header's or footer's paragraphs and tables are read in: the part that resolves their styles."""

    def __init__(self, part: Any) -> None:
        self.part = part


def _margin(builder: TextBuilder, root: Any, part: Any) -> None:
    """A header's or footer's paragraphs and tables (`root`, a cleaned copy of `part`'s) in order, text boxes after
    their anchors; a heading style in it reads as a paragraph, as it names no section of the body."""
    for block in _blocks(root, _Story(part)):
        if hasattr(block, "rows"):
            _table(builder, block)
        else:
            builder.paragraph(paragraph_text(block))
        _text_boxes(builder, block)


def _blocks(container: Any, parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of `container` (the body, a content control's content) in order, those inside
    content controls around whole paragraphs and tables (w:sdt: a cover page's title, subtitle and boxes) and custom
    XML (w:customXml) too, which python-docx's iter_inner_content skips; a control still showing its placeholder
    ("[Document title]") is left out, its text boxes too."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    paragraph, table, control, custom = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:customXml")
    for child in container.iterchildren():
        if child.tag == paragraph:
            yield Paragraph(child, parent)
        elif child.tag == table:
            yield Table(child, parent)
        elif child.tag == control and not _placeholder(child):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, parent)
        elif child.tag == custom:
            yield from _blocks(child, parent)


def _paragraph(builder: TextBuilder, paragraph: Any, title: str | None) -> str | None:
    """Add a body paragraph, as a heading when its style is a heading's or the title's; the document's title so
    far (`title`), or this paragraph's text when it is the first in the Title style."""
    style = _style(paragraph)
    text = paragraph_text(paragraph)
    if style == "title":
        title = title or " ".join(text.split()) or None
        builder.heading(text)
    elif style.startswith("heading"):
        builder.heading(text)
    else:
        builder.paragraph(text)
    return title


def _text_boxes(builder: TextBuilder, block: Any) -> None:
    """The text boxes anchored in `block` (a paragraph, or a table's cells) after it, their paragraphs and tables
    in order, each box's own boxes after their anchors (a newsletter's boxed story, a side note): a box floats beside
    the text, so its words are not run into the anchoring paragraph's sentence. A box is read once: Word gives the
    DrawingML box (wps:txbx) and a VML copy (v:textbox) in mc:Fallback, which is skipped, as is a box deleted with
    changes on. A heading style in a box reads as a paragraph, so the body after it stays under its own section."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    own = block._element
    box = qn("w:txbxContent")
    for content in own.iter(box):
        if not _shown(content, own, frozenset({box})):  # a fallback copy, a deletion, a box in a box (read later)
            continue
        for child in content.iterchildren(qn("w:p"), qn("w:tbl")):
            inner = Table(child, block) if child.tag == qn("w:tbl") else Paragraph(child, block)
            if isinstance(inner, Table):
                _table(builder, inner)
            else:
                builder.paragraph(paragraph_text(inner))
            _text_boxes(builder, inner)


def _refuse_a_bomb(data: bytes, path: Path) -> None:
    """UnreadableDocument when a part would unpack to more than _MAX_PART_BYTES, or all of them to more than
    _MAX_TOTAL_BYTES (as the zip entries say; zipfile never unpacks more than an entry says); a file that is no zip
    at all is left to python-docx to call damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    largest = max(parts, key=lambda i: i.file_size, default=None)
    total = sum(i.file_size for i in parts)
    if largest is not None and largest.file_size > _MAX_PART_BYTES:
        unpacked = f"{largest.filename} unpacks to {largest.file_size / 1024 / 1024:,.0f} MB"
    elif total > _MAX_TOTAL_BYTES:
        unpacked = f"its {len(parts)} parts unpack to {total / 1024 / 1024:,.0f} MB"
    else:
        return
    raise UnreadableDocument(f"{path}: too large {KIND} ({unpacked}), skipped")


def _style(paragraph: Any) -> str:
    try:
        return (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        return ""


def _table(builder: TextBuilder, table: Any) -> None:
    """One line per row; a cell merged over several columns (which python-docx repeats) is given once. When Word
    marks the row that reads as the columns' names (by the CSV reader's rule, csv_table.header_at, which does not
    doubt a marked row for a measure whose unit comes again below it, "Station | 24h" over "Oslo | 3h", nor for
    reading as a fact) as a header row (repeated atop each page, or bold throughout; for a table of two columns, not
    by its table style alone), each row below it names its cells as a CSV row does ("Name: Albatross | Length:
    51 m"); a table of two columns whose first row does not read as names (or, unmarked, reads as a fact: "Owner |
    Jane Smith") and whose first column holds distinct labels is read as keys and values ("Owner: Jane Smith"); any
    other table keeps its bare rows ("Size | S | M", "Country | Capital" unmarked). The first row of a bare table
    and a header row with any row above it are label lines: kept in the text, never cited. A table nested in a cell
    is read the same way, after the row holding it."""
    from askdocs.ingest.csv_table import header_at
    from askdocs.ingest.table_rows import keys_and_values, row_lines

    rows = [_cells(row) for row in table.rows]
    # a first row a table style sets in bold is no fact of keys and values ("Client | Contact Person")
    found = header_at(rows, facts=not _first_row_styled_bold(table)) if len(rows) > 1 else None
    two = all(len(cells) == 2 for cells in rows)  # a table style's bold first row marks "Project | Apollo" too
    header = found if found is not None and _marked_header(table, found, styles=not two) else None
    if header is None and found is None and len(rows) > 1:  # a marked row keeps a unit its column repeats: "24h"
        trusted = header_at(rows, marked=True)
        header = trusted if trusted is not None and _marked_header(table, trusted, styles=not two) else None
    keys = header is None and found is None and keys_and_values(rows)  # "Country | Capital" reads as names: no keys
    seen: list[Any] = []
    for row, (text, label) in zip(table.rows, row_lines(rows, header, keys), strict=True):
        builder.paragraph(text, label=label)
        for inner in _inner_tables(row, seen):
            _table(builder, inner)


def _inner_tables(row: Any, seen: list[Any]) -> Iterator[Any]:
    """The tables nested in a row's cells, left to right, each read after the row holding it (a cell's own text
    stays in the row's line): a cell merged down over rows (which python-docx repeats) gives its tables once, by
    `seen`, the nested tables given so far."""
    from docx.oxml.ns import qn
    from docx.table import Table

    for box in _unique(row.cells):
        for child in box._tc.iterchildren(qn("w:tbl")):
            if not any(child is done for done in seen):
                seen.append(child)
                yield Table(child, box)


def _marked_header(table: Any, at: int, *, styles: bool = True) -> bool:
    """Whether Word shows row `at` as a header: "repeat as header row" (w:tblHeader), or every run of text in it
    bold (directly, by its character or paragraph style, or, with `styles`, by the table style's first-row
    formatting)."""
    from docx.oxml.ns import qn

    row = table.rows[at]
    props = row._tr.trPr
    marked = props.find(qn("w:tblHeader")) if props is not None else None
    if marked is not None and marked.get(qn("w:val"), "1").lower() not in ("0", "false", "off"):
        return True
    styled = styles and at == 0 and _first_row_styled_bold(table)
    runs = [(run, p) for box in _unique(row.cells) for p in box.paragraphs for run in p.runs if run.text.strip()]
    return bool(runs) and all(_bold(run, paragraph, styled) for run, paragraph in runs)


def _bold(run: Any, paragraph: Any, styled: bool) -> bool:
    """Whether a run shows bold: its own setting first, then its character style's, its paragraph style's, and the
    table style's first row (`styled`)."""
    for bold in (run.bold, _style_bold(run), _style_bold(paragraph)):
        if bold is not None:
            return bool(bold)
    return styled


def _style_bold(item: Any) -> bool | None:
    try:
        return item.style.font.bold if item.style is not None else None
    except (KeyError, AttributeError, ValueError):
        return None


def _first_row_styled_bold(table: Any) -> bool:
    """Whether the table's style sets its first row bold and the table turns that formatting on (w:tblLook)."""
    from docx.oxml.ns import qn

    try:
        props = table._tbl.tblPr
        look = props.find(qn("w:tblLook")) if props is not None else None
        if look is None:
            return False
        if look.get(qn("w:firstRow")) is not None:
            on = look.get(qn("w:firstRow")) in ("1", "true", "on")
        else:
            on = bool(int(look.get(qn("w:val"), "0"), 16) & 0x0020)
        style = table.style
        if not on or style is None:
            return False
        for conditional in style.element.iterchildren(qn("w:tblStylePr")):
            if conditional.get(qn("w:type")) == "firstRow":
                bold = conditional.find(f"{qn('w:rPr')}/{qn('w:b')}")
                return bold is not None and bold.get(qn("w:val"), "1").lower() not in ("0", "false", "off")
    except (KeyError, AttributeError, ValueError):
        return False
    return False


def _unique(cells: Any) -> list[Any]:
    """A row's cells, a merged cell once."""
    out: list[Any] = []
    for box in cells:
        if not out or box._tc is not out[-1]._tc:
            out.append(box)
    return out


def _cells(row: Any) -> list[str]:
    """A row's cells, one per column of the table's grid: a cell merged over several columns holds its text in the
    first of them, the others are empty (so each cell stays under its column's name)."""
    out: list[str] = []
    previous = None
    for box in row.cells:
        out.append(cell_text("\n".join(map(paragraph_text, box.paragraphs))) if box._tc is not previous else "")
        previous = box._tc
    return out
