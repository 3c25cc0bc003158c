"""A table cell's own pipe: a row's cells are joined by " | " in the indexed text, so a cell holding "Mon-Fri | Sat"
was read (and cited) as two cells, the second without its column's name. Written "¦" in a cell of any table
format, it stays one cell; a cell's line breaks were already one space, and still are."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.normalize import CELL_SEPARATOR


def _rows(corpus: Path, name: str) -> list[str]:
    """The citable sentences askdocs would store for a file, as the index splits them."""
    doc = read_document(corpus, corpus / name)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks, whole_lines=doc.layout.kind == "csv")
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("hours.csv", 'Shop,Hours | days,City\nBakery,"Mon-Fri 8-18 | Sat\n9-13",Leeds\nButcher,|,York\n'),
        ("hours.tsv", 'Shop\tHours | days\tCity\nBakery\t"Mon-Fri 8-18 | Sat\n9-13"\tLeeds\nButcher\t|\tYork\n'),
    ],
)
def test_a_csv_cell_holding_a_pipe_or_a_line_break_is_one_cell_of_one_sentence(
    tmp_path: Path, name: str, data: str
) -> None:
    (tmp_path / name).write_text(data, encoding="utf-8")
    assert _rows(tmp_path, name) == [
        "Shop: Bakery | Hours ¦ days: Mon-Fri 8-18 ¦ Sat 9-13 | City: Leeds",
        "Shop: Butcher | Hours ¦ days: ¦ | City: York",
    ]
    doc = read_document(tmp_path, tmp_path / name)
    assert [len(line.split(CELL_SEPARATOR)) for line in doc.text.splitlines() if line] == [3, 3, 3]


def test_a_pipe_inside_a_cell_of_markdown_html_or_word_is_one_cell(tmp_path: Path) -> None:
    """An escaped pipe in a Markdown table's cell, a pipe in a web page's or a Word table's cell; a pipe inside a
    word ("a|b") parts nothing and is kept."""
    import docx

    (tmp_path / "hours.md").write_text(
        "| Shop | Hours |\n|------|-------|\n| Florist | Tue \\| Thu |\n| Grocer | a\\|b |\n", encoding="utf-8"
    )
    (tmp_path / "hours.html").write_text(
        "<html><body><table><tr><th>Shop</th><th>Hours</th></tr><tr><td>Florist</td><td>Tue | Thu</td></tr>"
        "<tr><td>Grocer</td><td>a|b</td></tr></table></body></html>",
        encoding="utf-8",
    )
    word = docx.Document()
    table = word.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("Shop", "Hours"), ("Florist", "Tue | Thu"), ("Grocer", "a|b")), strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            box.text = text
    for box in table.rows[0].cells:  # the header row, bold
        box.paragraphs[0].runs[0].bold = True
    word.save(str(tmp_path / "hours.docx"))
    for name in ("hours.md", "hours.html"):
        assert _rows(tmp_path, name) == ["Florist | Tue ¦ Thu", "Grocer | a|b"], name
    assert _rows(tmp_path, "hours.docx") == ["Shop: Florist | Hours: Tue ¦ Thu", "Shop: Grocer | Hours: a|b"]
