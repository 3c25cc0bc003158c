"""Counts in words for people: "1 file", "2,110 passages"."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """ "1 file", "2,110 passages" (nouns that take a plain s)."""
    return f"{n:,} {noun}{'s' * (n != 1)}"
