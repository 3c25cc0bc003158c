"""Counts in words for people: "1 file", "2,110 passages"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 file", "2,110 passages"; `plural` for nouns that do not take a plain s ("1 query", "2 queries")."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
