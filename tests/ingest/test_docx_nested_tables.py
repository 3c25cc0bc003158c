"""Word files: a table nested in a table's cell is read after the row holding it, as a top-level table is (its
words were lost)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.normalize import CELL_SEPARATOR


def _citable(corpus: Path, name: str) -> list[str]:
    """The sentences the index stores and may cite for a file."""
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def _fill(table: Any, rows: list[tuple[str, ...]]) -> None:
    for row, cells in zip(table.rows, rows, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text


def test_a_table_nested_in_a_cell_next_to_text_is_read_after_its_row_each_word_once(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("The labs and their kit.")
    outer = word.add_table(rows=3, cols=2)
    _fill(outer, [("Room", "Equipment"), ("Lab 4", "Kit list:"), ("Lab 5", "Empty since the move.")])
    inner = outer.cell(1, 1).add_table(rows=3, cols=2)  # after the cell's paragraph "Kit list:"
    _fill(inner, [("Item", "Count"), ("Centrifuge", "2 units"), ("Microscope", "5 units")])
    for box in inner.rows[0].cells:
        box.paragraphs[0].runs[0].bold = True  # Word's header row: the rows below name their cells
    word.add_paragraph("The kit is checked each May.")
    word.save(str(tmp_path / "labs.docx"))
    doc = read_document(tmp_path, tmp_path / "labs.docx")
    order = ["Lab 4 | Kit list:", "Item | Count", "Item: Centrifuge | Count: 2 units", "Lab 5", "checked each May"]
    at = [doc.text.index(part.replace(" | ", CELL_SEPARATOR)) for part in order]
    assert at == sorted(at), doc.text
    for once in ("Centrifuge", "Microscope", "Kit list", "Empty since"):
        assert doc.text.count(once) == 1, once
    assert CELL_SEPARATOR.join(["Item: Microscope", "Count: 5 units"]) in _citable(tmp_path, "labs.docx")


def test_a_table_nested_two_levels_deep_is_read_once_in_order(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    outer = word.add_table(rows=2, cols=1)
    _fill(outer, [("Site A",), ("Site B",)])
    middle = outer.cell(0, 0).add_table(rows=2, cols=2)
    _fill(middle, [("Building", "North hall"), ("Keys", "See below")])
    deepest = middle.cell(1, 1).add_table(rows=2, cols=2)
    _fill(deepest, [("Spare key", "Drawer 3 of the front desk"), ("Master key", "The caretaker's safe")])
    word.save(str(tmp_path / "sites.docx"))
    doc = read_document(tmp_path, tmp_path / "sites.docx")
    parts = ["Site A", "North hall", "See below", "Drawer 3 of the front desk", "The caretaker's safe", "Site B"]
    at = [doc.text.index(part) for part in parts]
    assert at == sorted(at), doc.text
    assert all(doc.text.count(part) == 1 for part in parts), doc.text
    # read as a top-level table is: the bare first row a label line, the rows below it cited
    assert CELL_SEPARATOR.join(["Master key", "The caretaker's safe"]) in _citable(tmp_path, "sites.docx")
