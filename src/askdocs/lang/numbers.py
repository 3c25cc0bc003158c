"""Numbers written as words: English cardinals and ordinals with the digits that write them ("twelve": "12",
"twelfth": "12th"), for Lexicon.number_forms."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

CARDINALS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
)  # fmt: skip
TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
TENTHS = ("thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth")


MEASURE_UNITS = (
    "seconds?", "minutes?", "hours?", "days?", "weeks?", "months?", "years?", "decades?", "centur(?:y|ies)",
    "metres?", "meters?", "kilometres?", "kilometers?", "miles?", "feet", "foot", "inch(?:es)?", "yards?",
    "grams?", "kilos?", "kilograms?", "tonnes?", "tons?", "litres?", "liters?", "gallons?", "acres?", "hectares?",
    "storeys?", "stories", "floors?", "laps?",
)  # fmt: skip
"""Units of time, length, weight and size that a number written as a word measures ("one hour", "a mile",
"three-storey"; regular-expression pieces)."""
AMBIGUOUS_NUMBER_WORDS = frozenset({"one", "first", "second"})
"""Number words that are as often something else ("one of them", "at first", "a second"): no digits stand for them."""


def number_forms() -> Mapping[str, str]:
    """Numbers as words with the digits that write them ("twelve": "12", "twelfth": "12th", "ninety": "90"), but
    for AMBIGUOUS_NUMBER_WORDS."""
    forms = {word: str(n) for n, word in enumerate(CARDINALS, start=1)}
    forms |= {word: str(n) for n, word in zip(range(30, 100, 10), TENS, strict=True)}
    ordinals = [*enumerate(ORDINALS, start=1), *zip(range(30, 100, 10), TENTHS, strict=True)]
    for n, word in ordinals:
        suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        forms[word] = f"{n}{suffix}"
    return MappingProxyType({word: digits for word, digits in forms.items() if word not in AMBIGUOUS_NUMBER_WORDS})
