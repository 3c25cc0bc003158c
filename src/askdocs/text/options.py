"""Command options as people and manuals write them ("-v", "--invert-match", groff's "‐p"): one pattern, so that
the question's reading, the follow-ups and the names found in a text agree on what is an option."""

from __future__ import annotations

import re

DASHES = "‐‑–−"
"""Dashes a typesetter or a keyboard puts for a hyphen (groff's "‐p", an en dash typed for "-p")."""
_HYPHENS = str.maketrans(dict.fromkeys(DASHES, "-"))
ANY_DASH = "\\-" + DASHES
"""A hyphen or one of `DASHES`, for a regular expression's character class."""
OPTION = re.compile(rf"(?<![\w{ANY_DASH}])[{ANY_DASH}]{{1,2}}[A-Za-z][\w{ANY_DASH}]*")
"""An option as a question or a manual writes it: "-v", "--invert-match", "‐p"; not the hyphen inside a word."""


def plain(option: str) -> str:
    """An option with its dashes as hyphens: "‐‐invert‐match" is "--invert-match"."""
    return option.translate(_HYPHENS)


def options_in(text: str) -> list[str]:
    """The options a text names, in order, dashes as hyphens ("What does grep -v do?": ["-v"])."""
    return [plain(m.group()) for m in OPTION.finditer(text)]
