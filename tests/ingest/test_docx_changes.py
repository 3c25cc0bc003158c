"""Word files with tracked changes read as they would with the changes accepted: text typed with changes on (an
insertion, a move's new place) is read, text deleted or moved away is not (python-docx's own paragraph text left
insertions out, so "The summer fair will raise money for the ." was cited without its words)."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document


def _changed(parent, tag: str, text: str, removed: bool = False) -> None:  # noqa: ANN001
    """Append a tracked change of `tag` ("ins", "del", "moveTo", "moveFrom") holding one run of `text`."""
    from docx.oxml.ns import qn
    from lxml import etree

    change = etree.SubElement(parent, qn(f"w:{tag}"))
    change.set(qn("w:id"), str(len(parent)))
    change.set(qn("w:author"), "Editor")
    run = etree.SubElement(change, qn("w:r"))
    etree.SubElement(run, qn("w:delText" if removed else "w:t")).text = text


def _plain(parent, text: str) -> None:  # noqa: ANN001
    from docx.oxml.ns import qn
    from lxml import etree

    run = etree.SubElement(parent, qn("w:r"))
    words = etree.SubElement(run, qn("w:t"))
    words.text = text
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    fair = document.add_paragraph("The summer fair will raise money for the ")
    _changed(fair._p, "ins", "children's playground")
    _changed(fair._p, "del", "church roof", removed=True)
    _plain(fair._p, ".")
    moved = document.add_paragraph("Stalls open at ")
    _changed(moved._p, "moveFrom", "nine", removed=True)
    _changed(moved._p, "moveTo", "ten")
    _plain(moved._p, " o'clock.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "Stall", "Cakes"
    table.cell(0, 1).text = "Run by"
    _changed(table.cell(1, 1).paragraphs[0]._p, "ins", "Mrs Okafor")
    (tmp_path / "fair.docx").write_bytes(b"")
    document.save(tmp_path / "fair.docx")

    text = read_document(tmp_path, tmp_path / "fair.docx").text
    assert "The summer fair will raise money for the children's playground." in text
    assert "church roof" not in text
    assert "Stalls open at ten o'clock." in text and "nine" not in text
    assert "Mrs Okafor" in text


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_placeholders_fallback_copies_and_ruby_readings_are_no_text(tmp_path: Path) -> None:
    """Reading every run of a paragraph (for the insertions) must not read what the page does not show as its text:
    a content control's placeholder, the fallback copy beside content Word gives in a newer form, a ruby's reading
    above its characters; a control holding what was typed, and a hyperlink, still read."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    client = document.add_paragraph("Client: ")
    control = etree.SubElement(client._p, qn("w:sdt"))
    etree.SubElement(etree.SubElement(control, qn("w:sdtPr")), qn("w:showingPlcHdr"))
    _plain(etree.SubElement(control, qn("w:sdtContent")), "Click or tap here to enter text.")
    typed = document.add_paragraph("Agent: ")
    filled = etree.SubElement(typed._p, qn("w:sdt"))
    etree.SubElement(filled, qn("w:sdtPr"))
    _plain(etree.SubElement(filled, qn("w:sdtContent")), "Ruth Okafor")
    tick = document.add_paragraph("Tick ")
    alternate = etree.SubElement(tick._p, f"{{{_MC}}}AlternateContent")
    _plain(etree.SubElement(alternate, f"{{{_MC}}}Choice", Requires="w14"), "X")
    _plain(etree.SubElement(alternate, f"{{{_MC}}}Fallback"), "X")
    _plain(tick._p, " done.")
    kanji = document.add_paragraph()
    ruby = etree.SubElement(kanji._p, qn("w:ruby"))
    _plain(etree.SubElement(ruby, qn("w:rt")), "かんじ")
    _plain(etree.SubElement(ruby, qn("w:rubyBase")), "漢字")
    _plain(kanji._p, "です。")
    document.save(tmp_path / "form.docx")

    text = read_document(tmp_path, tmp_path / "form.docx").text
    assert "Click or tap" not in text and "Agent: Ruth Okafor" in text
    assert "Tick X done." in text and "漢字です。" in text and "かんじ" not in text
