"""One loader per format: a file's bytes read by its suffix into the text askdocs indexes, its layout and the
metadata the file gives (title, date, author, tags)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from askdocs.ingest.encoding import decode
from askdocs.ingest.header import header_end
from askdocs.ingest.layout import Layout
from askdocs.ingest.man_page import labels, man_title, own_title
from askdocs.ingest.titles import first_line_title, given_title, readable, text_metadata
from askdocs.text import safe

PLAIN_SUFFIXES = frozenset({".txt", ".text", ".rst"})
"""Read as the text they are: a reStructuredText file's markup (underlined headings, tables in columns) reads as
plain text's does."""
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = PLAIN_SUFFIXES | MARKDOWN_SUFFIXES
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
EPUB_SUFFIXES = frozenset({".epub"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
DECODED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES
"""Formats read as text (see askdocs.ingest.encoding): binary or blank is told from their first bytes."""
SUFFIXES = DECODED_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | EPUB_SUFFIXES
READER_VERSIONS: dict[str, str] = {
    **dict.fromkeys(TEXT_SUFFIXES, "2"),
    **dict.fromkeys(HTML_SUFFIXES | EPUB_SUFFIXES, "1"),
    **dict.fromkeys(PDF_SUFFIXES, "2"),
    ".docx": "7",
    ".csv": "3",
    ".tsv": "3",
}
"""The version of the reader of each file type, "1" as indexes began (and for a type an index did not record):
`askdocs index` re-reads a file of a type whose version differs from the one its index recorded, so an upgrade's
new reading (Word footnotes, table column names and tracked insertions; CSV header rows; a first row of measures
whose units recur below, "Bolt, 2 pcs" over "Nut, 10 pcs", read as data; Word at "4": a first row that is the fact
of a table of keys and values, "Owner | Jane Smith"; at "5": text boxes, and content controls around paragraphs, a
cover page's; at "6": content controls around a table's rows, a row's cells, a cell's paragraphs; at "7": tables
nested in a cell, page headers and footers; plain text and Markdown at "2": a log's stamped lines as entries;
PDF at "2": a table's rows, and two columns whose headings start level read column by column) reaches unchanged
files, once. Bump a type's version when its reader reads the same file differently, the sentence splitter's
reading included (askdocs.text.sentences: a change to how lines join into sentences reaches the types whose text
keeps lines, LINES_KEPT: plain text and Markdown, and Word, whose paragraphs' manual line breaks are split by the
same rule)."""
LINES_KEPT = TEXT_SUFFIXES | DOCX_SUFFIXES
"""The types whose text keeps lines that the sentence splitter joins or breaks by its rule: a plain text or
Markdown file's lines, a Word paragraph's manual line breaks (Shift+Enter). A change to that rule bumps each one's
version in READER_VERSIONS."""
DERIVED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES
"""Formats read as text whose indexed text is derived from the file's (markup taken out, rows named): its offsets
index that text, not the file."""


@dataclass(frozen=True)
class Loaded:
    """What a format's loader makes of a file's bytes."""

    text: str
    layout: Layout
    title: str | None = None
    date: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    warning: str | None = None


def load(data: bytes, path: Path) -> Loaded:
    """The indexed text of one file, by format: the file's text, or text derived from it with its layout. A text
    file has its escape sequences blanked (safe.blank_runs), each a run of spaces its layout records, so offsets stay
    the file's; a Markdown, HTML or CSV file's format reads its text as a terminal showed it (safe.read_as_shown),
    the runs closed, as its indexed text is derived and its offsets index that; `blanked` does the rest."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from askdocs.ingest.pdf import read_pdf

        pdf = read_pdf(data, path)
        pages = ", ".join(map(str, pdf.empty_pages))
        warning = f"{path}: page(s) {pages} have no text layer (OCR is not enabled)" if pdf.empty_pages else None
        recorded = given_title(pdf.title)
        if pdf.man_page and recorded and own_title(recorded, pdf.man_page):
            recorded = None  # "CP(1)" recorded: the NAME section says more
        title = recorded or pdf.man_title or pdf.heading
        return Loaded(pdf.text, pdf.layout, title, None, pdf.author, (), warning)
    if suffix in DOCX_SUFFIXES:
        from askdocs.ingest.docx import read_docx

        word = read_docx(data, path)
        return Loaded(word.text, word.layout, word.title, None, word.author, word.tags)
    if suffix in EPUB_SUFFIXES:
        from askdocs.ingest.epub import read_epub

        book = read_epub(data, path)
        return Loaded(book.text, book.layout, book.title, book.date, book.author)
    text, warning = decode(data, path)
    if suffix in DERIVED_SUFFIXES:  # an HTML parser would drop ESC and keep the rest of a sequence as text
        text, runs = safe.read_as_shown(text), ()
    else:  # the indexed text is the file's, its offsets too
        text, runs = safe.blank_runs(text)
    if suffix in CSV_SUFFIXES:
        from askdocs.ingest.csv_table import read_table

        table = read_table(text, path)
        warnings = "; ".join(w for w in (warning, table.warning) if w) or None
        return Loaded(table.text, table.layout, table.title, warning=warnings)
    if suffix in HTML_SUFFIXES:
        from askdocs.ingest.html import FROM_MARKUP, read_html

        text, layout, meta = read_html(text)
        tags = tuple(str(t) for t in meta.get("tags") or ())
        title = meta.get("title") or (readable(path.stem) if meta.get(FROM_MARKUP) else None)  # not its first line
        return Loaded(text, layout, title, meta.get("date"), meta.get("author"), tags, warning)
    if suffix in MARKDOWN_SUFFIXES:
        from askdocs.ingest.markdown import heading_title, metadata, read_markdown

        md = read_markdown(text)
        title, date, author, tags = metadata(md.meta)
        layout = md.layout
        if not md.meta:
            title, date = text_metadata(md.text)
            layout = replace(layout, header_end=header_end(md.text))
        title = title or heading_title(md)
        return Loaded(md.text, layout, title, date, author, tags, warning)
    title, date = text_metadata(text)
    layout = Layout(header_end=header_end(text), labels=labels(text), blanked=runs)  # the file's offsets
    return Loaded(text, layout, title or man_title(text), date, warning=warning)


def title_from_lines(loaded: Loaded, fallback: str, rst: bool = False) -> str:
    """The title a file's first lines give, past its header and its label lines (a README's badges) and, in a
    reStructuredText file (`rst`), its directives and fields."""
    skip = loaded.layout.header_end
    return first_line_title(
        loaded.text[skip:],
        fallback,
        labelled=lambda a, b: loaded.layout.labelled(skip + a, skip + b),
        rst=rst,
        headed=skip > 0,
    )


def blanked(loaded: Loaded) -> Loaded:
    """`loaded` without terminal escape sequences and control characters, whatever its format: in its text each is
    made spaces, so that offsets and lines still point into the file (see safe.blank); each metadata value is made
    one line of words."""
    headings = tuple((start, end, _flat(name)) for start, end, name in loaded.layout.headings)
    text, runs = safe.blank_runs(loaded.text)  # none left in a text file's, which were taken out as it was read
    return replace(
        loaded,
        text=text,
        layout=replace(loaded.layout, headings=headings, blanked=loaded.layout.blanked or runs),  # names are shown
        title=_flat(loaded.title) if loaded.title is not None else None,
        date=_flat(loaded.date) if loaded.date is not None else None,
        author=_flat(loaded.author) if loaded.author is not None else None,
        tags=tuple(tag for tag in map(_flat, loaded.tags) if tag),
    )


def _flat(text: str) -> str:
    """A line of metadata without escape sequences or controls, each run of white space one space."""
    return " ".join(safe.blank(text).split())
