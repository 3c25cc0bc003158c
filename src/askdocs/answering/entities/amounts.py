"""Amounts: counts with what they count ("four soldiers"), money, percentages and ages, found by patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askdocs.text.normalize import vocabulary


@dataclass(frozen=True)
class Amount:
    """A number in a text: `shown` is how an answer gives it ("around 60 men"), `unit` the words after it."""

    kind: str
    start: int
    end: int
    shown: str
    unit: tuple[str, ...] = ()


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen"
)
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|half\s+a|a\s+dozen|several\s+dozens?|dozens|hundreds|thousands"
    rf"|millions|(?:{_NUMBER_WORDS})(?:[-\s](?:{_NUMBER_WORDS}))*)"
)
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)s?)?"
_QUALIFIER = (
    r"(?:(?:around|about|some|nearly|almost|over|more\s+than|fewer\s+than|less\s+than|at\s+least|up\s+to|"
    r"approximately|roughly|an\s+estimated|at\s+most|as\s+many\s+as|only|just)\s+)?"
)
_CURRENCY = (
    r"(?:(?:U\.?S\.?|US|American|Mexican|Canadian|Australian|Hong\s+Kong)\s+)?"
    r"(?:pesos?|dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|renminbi|rupees?|reais|real|francs?|dinars?|"
    r"rubles?|roubles?|lira|won|bitcoins?)"
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MONEY = _compile(
    rf"(?<![\w$€£¥]){_QUALIFIER}(?:(?:US\$|\$|€|£|¥|MXN\s?|USD\s?|EUR\s?)\s?{_NUM}{_SCALE}(?:\s+{_CURRENCY})?"
    rf"|{_NUM}{_SCALE}\s+{_CURRENCY})\b"
)
_PERCENT = _compile(rf"(?<![\w.]){_QUALIFIER}{_NUM}\s*(?:%|percent\b|per\s+cent\b)")
_AGE = _compile(
    rf"\b(?:{_NUM}[-\s]years?[-\s]old|aged\s+{_NUM}|{_NUM}\s+years?\s+old|age\s+of\s+{_NUM}|{_NUM}[-\s]month[-\s]old)\b"
)
_COUNT = _compile(rf"(?<![\w.,$-]){_QUALIFIER}{_NUM}{_SCALE}(?![\w%-]|[.,]\d)")
_UNIT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]*)")
_NOT_COUNT_BEFORE = vocabulary("this that the every no any each which someone no-one")


def _unit(text: str, end: int) -> tuple[str, ...]:
    units = []
    pos = end
    for _ in range(2):
        m = _UNIT_WORD.match(text, pos)
        if m is None:
            break
        units.append(m.group(1).lower())
        pos = m.end()
    return tuple(units)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def find_amounts(text: str, taken: list[tuple[int, int]]) -> list[Amount]:
    """Money, percentages, ages and counts in a text, outside the `taken` (start, end) ranges."""
    out: list[Amount] = []
    for kind, pattern in (("money", _MONEY), ("percent", _PERCENT), ("age", _AGE)):
        for m in pattern.finditer(text):
            if not _overlaps(m.start(), m.end(), taken + [(o.start, o.end) for o in out]):
                out.append(Amount(kind, m.start(), m.end(), m.group(), _unit(text, m.end())))
    for m in _COUNT.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, taken + [(o.start, o.end) for o in out]) or re.fullmatch(r"(?:19|20)\d\d", m.group()):
            continue
        before = text[max(0, start - 12) : start].split()
        if before and before[-1].lower() in _NOT_COUNT_BEFORE and m.group().lower().startswith("one"):
            continue
        unit = _unit(text, end)
        if m.group().lower() in {"hundreds", "thousands", "millions", "dozens"} and not unit:
            continue
        shown = text[start:end]
        if unit:
            unit_match = _UNIT_WORD.match(text, end)
            if unit_match is not None:
                shown = text[start : unit_match.end()]
        out.append(Amount("count", start, end, shown, unit))
    return out
