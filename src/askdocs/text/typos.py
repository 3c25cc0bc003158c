"""Typos: whether a name typed is likely a slip for another (a letter or two astray), not another word or number,
so that an error suggests only a name the user likely meant."""

from __future__ import annotations

import re

LONG_NAME = 8
"""Names this long or longer may have two slips (edits); shorter ones one."""
_NUMBER = re.compile(r"\d+")
_PARTS = re.compile(r"[^\W_]+")
"""The parts of a name: its runs of letters and digits ("trialJ-out": "trialJ", "out")."""


def edit_distance(a: str, b: str) -> int:
    """The fewest insertions, deletions, substitutions and swaps of two neighbouring characters that make `a` into
    `b` (Damerau-Levenshtein, each substring edited once): "corpsu" is one edit from "corpus"."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        prev, before, row = before, row, [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], prev[j - 2] + 1)
    return row[-1]


def plausible_typo(typed: str, name: str) -> bool:
    """Whether `typed` reads as `name` mistyped: at most one edit apart (two in a name of LONG_NAME or more
    characters; case aside), the same numbers in both ("data-2023" is no slip for "data-2024"), and no part of the
    name replaced whole ("notes-a" for "notes-b" is another folder, not a typo)."""
    a, b = typed.casefold(), name.casefold()
    if a == b:
        return True
    limit = 2 if len(a) >= LONG_NAME else 1
    if edit_distance(a, b) > limit or _NUMBER.findall(a) != _NUMBER.findall(b):
        return False
    parts, others = _PARTS.findall(a), _PARTS.findall(b)
    if len(parts) != len(others):
        return _separated(parts, others, limit)
    return all(x == y or edit_distance(x, y) < max(len(x), len(y)) for x, y in zip(parts, others, strict=True))


def _separated(parts: list[str], others: list[str], limit: int) -> bool:
    """Whether two names of different numbers of parts differ by a separator typed or left out ("my-docs" for
    "mydocs") and slips within `limit`, but not by a whole part ("reports-a" is another folder than "reports"):
    leaving a part out of the name with more of them would bring the two closer."""
    joined, other = "".join(parts), "".join(others)
    slips = edit_distance(joined, other)
    if slips > limit:
        return False
    more, fewer = (parts, other) if len(parts) > len(others) else (others, joined)
    return not any(edit_distance("".join(more[:i] + more[i + 1 :]), fewer) < slips for i in range(len(more)))
