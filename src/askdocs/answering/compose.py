"""Compose: the extractive answer a reader sees: the short answer first (when the model is sure of one), then the
cited sentences, each with its [n]."""

from __future__ import annotations

from collections.abc import Sequence


def join_words(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compose(shorts: Sequence[tuple[str, int]], quotes: Sequence[tuple[int, str]]) -> str:
    """Markdown text from (short answer, citation number) pairs and (citation number, quote) pairs."""
    body = " ".join(f"{quote} [{n}]" for n, quote in quotes)
    if not shorts:
        return body
    lead = join_words([f"{text} [{n}]" for text, n in shorts])
    return f"{lead}\n\n{body}"
