"""A column's name may read as a number with a short unit ("1 Mo", "30 Yr", "1990s", "24h"): such a first-row cell
is a value only over a column of the same kind ("51 m" over "38 m"), so real header rows keep naming their columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text


def _rows(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(tmp_path, path)
    sentences, _ = chunk_text(doc.text, whole_lines=True)
    return [s.text for s in sentences if doc.layout.citable(s.start, s.end)]


def test_treasury_yield_columns_are_named_by_their_maturities(tmp_path: Path) -> None:
    text = (
        "Date,1 Mo,2 Mo,3 Mo,6 Mo,1 Yr,2 Yr,5 Yr,10 Yr,30 Yr\n"
        "01/02/2024,5.55,5.54,5.46,5.24,4.80,4.33,3.93,3.95,4.08\n"
        "01/03/2024,5.54,5.55,5.48,5.25,4.81,4.33,3.90,3.91,4.05\n"
    )
    rows = _rows(tmp_path, "yields.csv", text)
    assert rows[0].startswith("Date: 01/02/2024 | 1 Mo: 5.55 | 2 Mo: 5.54")
    assert rows[1].endswith("10 Yr: 3.91 | 30 Yr: 4.05")


@pytest.mark.parametrize("names", [("1970s", "1980s", "1990s"), ("5K", "10K", "21K"), ("24h", "7d", "30d")])
def test_decades_and_other_unit_like_names_head_their_columns(tmp_path: Path, names: tuple[str, ...]) -> None:
    text = f"Country,{','.join(names)}\nJapan,3.2,4.1,1.5\nChile,2.0,3.3,6.1\n"
    rows = _rows(tmp_path, "growth.csv", text)
    assert rows[0] == f"Country: Japan | {names[0]}: 3.2 | {names[1]}: 4.1 | {names[2]}: 1.5"


def test_sizes_as_names_over_counts(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "stock.csv", "Item,S,M,XL,2XL\nShirt,4,7,2,1\nCoat,1,0,3,2\n")
    assert rows == ["Item: Shirt | S: 4 | M: 7 | XL: 2 | 2XL: 1", "Item: Coat | S: 1 | M: 0 | XL: 3 | 2XL: 2"]


def test_a_measure_over_measures_is_still_a_data_row(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "birds.csv", "Albatross,51 m\nPetrel,38 m\nTern,12 m\n")
    assert rows == ["Albatross | 51 m", "Petrel | 38 m", "Tern | 12 m"]
