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


@pytest.mark.parametrize(
    "text",
    [
        "Bolt, 2 pcs\nNut, 10 pcs\nWasher, 7\n",  # a count whose unit comes again below it
        "Bolt,2 pcs\nNut,10 pcs\nWasher,7 pcs\n",
        "Bolt,5 kg\nNut,3 kg\nWasher,7\n",
        "Bolt,2 pcs,steel\nNut,10 pcs,brass\nWasher,7,zinc\n",  # beside words over words
        "Bolt;2 pcs\nNut;10 pcs\nWasher;7\n",
    ],
)
def test_a_first_row_with_a_measure_whose_unit_comes_again_below_is_data(tmp_path: Path, text: str) -> None:
    """ "Bolt, 2 pcs" over "Nut, 10 pcs" named the columns on "Bolt: Nut | 2 pcs: 10 pcs" when most cells below
    were bare numbers: a unit a value below it shares shows the first row's measure to be a value too."""
    rows = _rows(tmp_path, "parts.csv", text)
    assert len(rows) == 3 and rows[0].startswith("Bolt | "), rows
    assert rows[1].startswith("Nut | "), rows


@pytest.mark.parametrize(
    ("head", "below"),
    [
        ("Station,24h", "Oslo,5\nBergen,7"),
        ("Nutrient,100g", "Energy,250\nFat,12"),
        ("Name,Team,100m", "Anna,Red,12.1\nBo,Blue,11.8"),
        ("Athlete,Country,400m", "Anna,Norway,52.1\nBo,Kenya,49.8"),
        ("Drug,5 mg", "Aspirin,3\nIbuprofen,4"),
        ("Runner,5K", "Anna,21.3\nBo,19.9"),
        ("City,1h", "Oslo,2.1\nRome,3.3"),
        ("Site,2m", "North,4.1\nSouth,3.9"),
        ("Well,100 m", "North,12\nSouth,15"),
        ("Fund,1Y", "Alpha,4.2\nBeta,3.1"),
        ("Item,1 kg", "Apples,3.20\nPears,2.80"),
        ("Tariff,1 kWh", "Day,0.32\nNight,0.18"),
        ("Phone,4G", "Nokia,1\nApple,0"),
        ("Country,1990s", "Chile,3.1\nPeru,2.2"),
        ("Bolt,2 pcs", "Nut,10\nWasher,7"),  # no sign below that "2 pcs" is a count: it may name its column
    ],
)
def test_a_lone_measure_over_plain_numbers_names_its_column(tmp_path: Path, head: str, below: str) -> None:
    """A first row of a word and a number with a unit ("Station, 24h") over words and plain numbers is a header
    row, as "Station, 24h, 7d" is: nothing below shows the measure to be a value."""
    rows = _rows(tmp_path, "table.csv", f"{head}\n{below}\n")
    names = head.split(",")
    first = below.split("\n")[0].split(",")
    assert rows[0] == " | ".join(f"{name}: {cell}" for name, cell in zip(names, first, strict=True)), rows
    assert len(rows) == 2, rows


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Part,Weight (kg)\nBolt,0.2\nNut,0.1\n", "Part: Bolt | Weight (kg): 0.2"),  # a unit in the name
        ("Part,Count\nBolt,2\nNut,10\n", "Part: Bolt | Count: 2"),  # words over numbers
        ("Part,Qty\nBolt,2 pcs\nNut,10 pcs\n", "Part: Bolt | Qty: 2 pcs"),  # measures under a word
        ("Part,Pack,Count\nBolt,2 pcs,40\nNut,10 pcs,12\n", "Part: Bolt | Pack: 2 pcs | Count: 40"),
        ("Station,24h,7d\nOslo,5,31\nBergen,7,40\n", "Station: Oslo | 24h: 5 | 7d: 31"),  # a series of measures
        ("Part,Count,2XL\nShirt,4,1\nCoat,1,2\n", "Part: Shirt | Count: 4 | 2XL: 1"),  # "Count" over numbers
    ],
)
def test_header_rows_with_units_or_over_numbers_still_name_their_columns(tmp_path: Path, text: str, first: str) -> None:
    rows = _rows(tmp_path, "table.csv", text)
    assert rows[0] == first, rows
    assert len(rows) == 2, rows


def test_a_data_only_file_of_words_and_numbers_has_no_header(tmp_path: Path) -> None:
    rows = _rows(tmp_path, "parts.csv", "Bolt,2\nNut,10\nWasher,7\n")
    assert rows == ["Bolt | 2", "Nut | 10", "Washer | 7"]
