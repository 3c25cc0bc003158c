"""Each document format read from a small real file (tests/data, made by tests/data/make_data.py): the text askdocs
indexes, its metadata, and the landmarks (pages, headings) citations point at."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askdocs.errors import UnreadableDocument
from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text

DATA = Path(__file__).parents[1] / "data"
FORMATS = DATA / "formats"
BROKEN = DATA / "broken"


def _read(name: str):  # noqa: ANN202 - a Document
    return read_document(FORMATS, FORMATS / name)


def _offset(doc, phrase: str) -> int:  # noqa: ANN001
    at = doc.text.find(phrase)
    assert at >= 0, phrase
    return at


def test_pdf_text_comes_page_by_page_without_running_headers_or_footers() -> None:
    doc = _read("report.pdf")
    assert doc.title == "Harbour Council Annual Report 2024" and doc.author == "Harbour Council"
    assert doc.layout.kind == "pdf" and len(doc.layout.pages) == 3
    assert doc.layout.page(_offset(doc, "close for repairs on 14 March")) == 1
    assert doc.layout.page(_offset(doc, "hired twelve extra crew")) == 2
    assert doc.layout.page(_offset(doc, "cost 4.2 million dollars")) == 3
    assert "Annual Report 2024" not in doc.text and "Page 2" not in doc.text
    assert [h[2] for h in doc.layout.headings] == ["Section 1: The bridge", "Section 2: Ferries", "Section 3: Costs"]
    assert doc.layout.place(_offset(doc, "cost 4.2 million dollars")).section == "Section 3: Costs"


def test_pdf_columns_drawn_line_by_line_across_the_page_are_read_one_after_the_other() -> None:
    doc = _read("report.pdf")
    left = "The ferry operator hired twelve extra crew and leased two boats from the northern service for the summer."
    right = "Cyclists may take their bikes on board at no charge, and the last boat leaves the north pier at midnight."
    assert left in doc.text and right in doc.text
    assert doc.text.index(left) < doc.text.index(right)


def test_pdf_sentences_point_into_the_extracted_text_and_give_their_page() -> None:
    doc = _read("report.pdf")
    sentences, _ = chunk_text(doc.text, target_words=100, max_words=200, overlap_sentences=1)
    cost = next(s for s in sentences if "4.2 million" in s.text)
    assert doc.text[cost.start : cost.end] == cost.text
    place = doc.layout.place(cost.start, cost.end)
    assert (place.where, place.page, place.offsets_in) == ("p.3", 3, "extracted text")
    assert doc.layout.place(0, len(doc.text)).where == "pp.1-3"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scanned.pdf", "scanned.pdf: no text layer; OCR is not enabled, skipped"),
        ("encrypted.pdf", "encrypted.pdf: encrypted PDF (a password is needed), skipped"),
        ("damaged.pdf", "damaged.pdf: damaged PDF"),
    ],
)
def test_pdfs_without_usable_text_are_one_line_skips_naming_the_file(name: str, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_document(BROKEN, BROKEN / name)
    assert reason in str(error.value) and "\n" not in str(error.value)


def test_a_pdf_with_some_pages_scanned_is_indexed_with_a_warning_naming_the_pages(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(72, 700, "The first page has a text layer.")
    c.showPage()
    c.rect(72, 600, 200, 100, fill=1)  # a picture, no text
    c.showPage()
    c.save()
    doc = read_document(tmp_path, path)
    assert doc.text == "The first page has a text layer."
    assert doc.warning is not None and "mixed.pdf" in doc.warning and "page(s) 2 have no text layer" in doc.warning


def test_docx_gives_headings_paragraphs_and_tables_in_order() -> None:
    doc = _read("minutes.docx")
    assert doc.title == "Harbour Council minutes, 3 March 2024" and doc.author == "Council clerk"
    assert doc.tags == ("minutes", "bridge")
    assert [h[2] for h in doc.layout.headings] == ["Harbour Council minutes", "Budget", "Ferries"]
    assert "Item: Cables | Cost: 3.1 million" in doc.text  # the table's rows name their cells by its header row
    budget = _offset(doc, "approved a repair budget")
    assert doc.layout.place(budget).where == "§ Budget ¶1"
    assert doc.layout.place(_offset(doc, "Item: Paint | Cost: 1.1")).where == "§ Budget ¶4"
    assert doc.layout.place(_offset(doc, "The motion was carried")).section == "Ferries"


def test_html_citations_name_the_section_not_a_line_of_extracted_text() -> None:
    doc = _read("harbour-bridge-closure.html")
    assert doc.title == "Harbour bridge to close for eleven weeks" and doc.published == "2024-03-01"
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert [h[2] for h in doc.layout.headings][1:] == ["Getting across", "Who pays"]
    place = doc.layout.place(_offset(doc, "A shuttle bus"))
    assert (place.where, place.section, place.offsets_in) == ("§ Getting across ¶2", "Getting across", "extracted text")


def test_epub_chapters_are_read_in_spine_order_with_their_headings() -> None:
    doc = _read("book.epub")
    assert (doc.title, doc.author, doc.published) == ("The Lighthouse Keeper", "Mara Quinn", "1998-06-01")
    assert doc.text.index("rowed to the island") < doc.text.index("storm of 1953")
    assert doc.layout.place(_offset(doc, "The keeper kept it lit")).where == "§ The storm ¶2"


def test_a_damaged_word_file_or_book_is_a_one_line_skip(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    (tmp_path / "bad.epub").write_bytes(buffer.getvalue())
    for name, what in [("bad.docx", "damaged Word file"), ("bad.epub", "damaged EPUB")]:
        with pytest.raises(UnreadableDocument, match=what) as error:
            read_document(tmp_path, tmp_path / name)
        assert name in str(error.value) and "\n" not in str(error.value)


def test_headings_stand_alone_as_sentences_so_they_can_be_left_out_of_evidence(tmp_path: Path) -> None:
    for name in ["minutes.docx", "harbour-bridge-closure.html", "book.epub", "notes.md"]:
        shutil.copy(FORMATS / name, tmp_path / name)
        doc = read_document(tmp_path, tmp_path / name)
        sentences, _ = chunk_text(doc.text, target_words=100, max_words=200, overlap_sentences=1)
        spans = {(s.start, s.end) for s in sentences}
        for start, end, _text in doc.layout.headings:
            assert (start, end) in spans, (name, _text)
        assert not any(doc.layout.is_heading(s.start, s.end) for s in sentences if s.text.endswith("."))


def test_an_index_from_before_pages_and_sections_asks_for_a_rebuild(tmp_path: Path) -> None:
    import sqlite3

    from askdocs.errors import IndexUnusable
    from askdocs.store.index_store import IndexStore

    IndexStore.create(tmp_path, "all-MiniLM-L6-v2").close()
    with sqlite3.connect(tmp_path / "askdocs.sqlite3") as conn:
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    with pytest.raises(IndexUnusable) as error:
        IndexStore.open(tmp_path)
    message = str(error.value)
    assert "older askdocs" in message and "pages and sections" in message
    assert message.endswith("run: askdocs index --rebuild")


@pytest.mark.slow  # a subprocess
def test_the_format_libraries_load_only_when_such_a_file_is_read() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom askdocs.cli import main\nimport askdocs.indexer, askdocs.store.index_store\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {'pdfminer', 'docx', 'trafilatura'})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["report.pdf", "minutes.docx", "book.epub"]), st.data())
def test_a_cut_or_corrupted_file_is_read_or_skipped_in_one_line(name: str, data: st.DataObject) -> None:
    whole = (FORMATS / name).read_bytes()
    cut = data.draw(st.integers(0, len(whole)))
    flip = data.draw(st.integers(0, len(whole) - 1))
    damaged = bytearray(whole[:cut] if data.draw(st.booleans()) else whole)
    if flip < len(damaged):
        damaged[flip] ^= 0xFF
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(bytes(damaged))
        try:
            doc = read_document(Path(tmp), path)
        except UnreadableDocument as error:
            assert name in str(error) and "\n" not in str(error)
            return
        assert doc.text.strip() and all(0 <= p <= len(doc.text) for p in doc.layout.pages)


def test_empty_pages_at_the_end_do_not_point_past_the_text() -> None:
    from askdocs.ingest.layout import TextBuilder

    builder = TextBuilder("pdf")
    for text in ["First page.", "", "Third page.", ""]:
        builder.new_page()
        builder.paragraph(text)
    layout, text = builder.layout(), builder.text()
    assert text == "First page.\n\nThird page."
    assert layout.pages == (0, 13, 13, len(text))
    assert [layout.page(text.index(w)) for w in ("First", "Third")] == [1, 3]


def test_an_epub_cannot_pull_in_other_files_through_xml_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET VALUE")
    with zipfile.ZipFile(FORMATS / "book.epub") as book:
        parts = {name: book.read(name) for name in book.namelist()}
    opf = parts["OEBPS/book.opf"].decode()
    opf = opf.replace("<package", f'<!DOCTYPE package [<!ENTITY x SYSTEM "file://{secret}">]>\n<package', 1)
    parts["OEBPS/book.opf"] = opf.replace("The Lighthouse Keeper", "&x;").encode()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with zipfile.ZipFile(corpus / "evil.epub", "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    doc = read_document(corpus, corpus / "evil.epub")
    assert "TOP SECRET" not in doc.title and "TOP SECRET" not in doc.text


def test_a_word_or_web_tables_header_row_is_a_label_never_cited(tmp_path: Path) -> None:
    """The first row of a Word table and a web table's row of <th> cells name the columns: kept in the text (their
    words belong to the rows below) and recorded as label lines, which are never cited; the data rows are."""
    import docx

    from askdocs.ingest.documents import read_document

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    word = docx.Document()
    word.add_paragraph("The trust holds two funds.")
    table = word.add_table(rows=3, cols=2)
    rows = (("Fund", "Balance"), ("Roof fund", "9,000 pounds"), ("Organ fund", "2,500 pounds"))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for cell in table.rows[0].cells:  # the header row, bold
        cell.paragraphs[0].runs[0].bold = True
    word.save(str(corpus / "acc.docx"))
    (corpus / "acc.html").write_text(
        "<html><head><title>Accounts</title></head><body><article><h1>Accounts</h1><p>The trust holds two funds and"
        " reports them every year to its members.</p><table><tr><th>Fund</th><th>Balance</th></tr>"
        "<tr><td>Roof fund</td><td>9,000 pounds</td></tr><tr><td>Organ fund</td><td>2,500 pounds</td></tr></table>"
        "</article></body></html>",
        encoding="utf-8",
    )
    for name, cells in (
        ("acc.docx", "Fund: Roof fund | Balance: 9,000 pounds"),
        ("acc.html", "Roof fund | 9,000 pounds"),
    ):
        doc = read_document(corpus, corpus / name)
        header = doc.text.index("Fund | Balance")
        row = doc.text.index(cells)
        assert doc.layout.labelled(header, header + len("Fund | Balance")), name
        assert not doc.layout.citable(header, header + len("Fund | Balance")), name
        assert doc.layout.citable(row, row + len(cells)), name


def test_a_word_file_that_unpacks_to_a_huge_body_is_skipped_without_reading_it(tmp_path: Path) -> None:
    """A zip bomb: a small file whose document.xml unpacks past 64 MB is a one-line skip, not hours of embedding."""
    body = "<w:p><w:r><w:t>" + "word " * 1000 + "</w:t></w:r></w:p>"
    with (
        zipfile.ZipFile(FORMATS / "minutes.docx") as real,
        zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in real.infolist():
            part = real.read(item.filename)
            if item.filename == "word/document.xml":
                xml = part.decode("utf-8")
                at = xml.index("<w:body>") + len("<w:body>")
                part = (xml[:at] + body * 14_000 + xml[at:]).encode("utf-8")
            bomb.writestr(item, part)
    assert (tmp_path / "bomb.docx").stat().st_size < 1024 * 1024  # far under max_file_mb
    with pytest.raises(UnreadableDocument, match=r"too large Word file \(word/document.xml unpacks to 67 MB\)"):
        read_document(tmp_path, tmp_path / "bomb.docx")
    assert read_document(FORMATS, FORMATS / "minutes.docx").text  # a real one is read as before
    with (
        zipfile.ZipFile(FORMATS / "minutes.docx") as real,
        zipfile.ZipFile(tmp_path / "pictures.docx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in real.infolist():
            bomb.writestr(item, real.read(item.filename))
        for n in range(5):  # five "pictures" of 60 MB each: every part under the limit, all of them far over
            bomb.writestr(f"word/media/image{n}.png", bytes(60 * 1024 * 1024))
    with pytest.raises(UnreadableDocument, match=r"too large Word file \(its \d+ parts unpack to 30\d MB\)"):
        read_document(tmp_path, tmp_path / "pictures.docx")


def test_a_readers_long_complaint_is_cut_after_a_whole_word() -> None:
    """A parser's message quoted in a skip line ends at a word with an ellipsis, never mid-word or mid-quote."""
    long = ValueError(
        "unexpected end of data while reading the 'word/document.xml' part of the package at offset 1234567"
    )
    message = str(UnreadableDocument.damaged("corpus/a.docx", "Word file", long))
    assert message.startswith("corpus/a.docx: damaged Word file (unexpected end of data") and message.endswith(
        "…), skipped"
    )
    reason = message.split("(", 1)[1].rsplit(")", 1)[0]
    assert len(reason) <= 80 and reason[:-1] in str(long) and str(long)[len(reason) - 1] == " "
    assert str(UnreadableDocument.damaged("b.pdf", "PDF", KeyError())) == "b.pdf: damaged PDF (KeyError), skipped"
