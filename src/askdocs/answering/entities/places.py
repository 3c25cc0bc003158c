"""Places and groups named by common nouns: "in the capital", "local residents", "the soldiers"."""

from __future__ import annotations

import re

from askdocs.answering.entities.span import Span, overlaps
from askdocs.lang.en import EN

_COMMON_PLACE = re.compile(
    r"\b(?:in|at|to|into|near|from|outside|inside|toward|towards)\s+"
    r"(?P<np>(?:(?:the|a|an|his|her|their|its)\s+)?(?:[A-Za-z][\w-]*\s+)?(?P<noun>"
    + "|".join(sorted(EN.place_nouns, key=len, reverse=True))
    + r"))\b(?!\s+of\s+[A-Z])"
)

_GROUP = re.compile(
    r"\b(?P<np>(?:(?:[Tt]he|[Aa]n?)\s+)?(?:(?:[a-z]+|[A-Z][a-z]+an)\s+)?(?:"
    + "|".join(sorted(EN.group_nouns))
    + r")(?P<of>\s+of\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)?)\b"
)


def common_places(text: str, taken: list[Span]) -> list[Span]:
    out = []
    for m in _COMMON_PLACE.finditer(text):
        start, end = m.span("np")
        if not overlaps(start, end, taken):
            out.append(Span("place", text[start:end], start, end, text[start:end]))
    return out


def groups(text: str, taken: list[Span]) -> list[Span]:
    """People named by what they are: "local residents", "Mexican authorities", "the soldiers"."""
    out = []
    for m in _GROUP.finditer(text):
        start, end = m.span("np")
        words = text[start:end].split()
        lead = 1 if words[0].lower() in {"the", "a", "an"} else 0
        if len(words) > lead + 1 and words[lead].lower() in EN.sentence_words:
            start = text.index(words[lead + 1], start + len(" ".join(words[: lead + 1])))
        head_end = m.start("of") if m.group("of") else end
        if not overlaps(start, head_end, taken):
            out.append(Span("group", text[start:end], start, end, text[start:end]))
    return out
