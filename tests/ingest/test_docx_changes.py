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
