"""English word lists for news stories and press releases: the lines they open with (a byline, "FOR IMMEDIATE
RELEASE", an embargo) and the words no dateline's place holds. The defaults of the Lexicon's fields of those names."""

from __future__ import annotations

BYLINE_OPENERS: tuple[str, ...] = (
    "by", "written by", "posted by", "story by", "reporting by", "words by", "published", "published on",
    "posted on", "updated", "last updated", "first published",
)  # fmt: skip
"""What opens a news story's byline or date line ("By Jane Doe | March 3, 2024", "Published March 3, 2024"): no such
line is a title, and its date is the story's."""
RELEASE_LINES: tuple[str, ...] = ("for immediate release", "press release", "news release", "media release")
"""The line a press release opens with ("FOR IMMEDIATE RELEASE", "Press Release: 28 July 2025", "PRESS RELEASE
2025/14"), alone, before a date or a reference number: no such line is a title, the heading after it is."""
EMBARGO_OPENERS: tuple[str, ...] = ("embargoed until", "embargoed till", "embargo until", "under embargo until")
"""What opens a press release's embargo line ("EMBARGOED UNTIL 00:01 BST, 4 September 2025"), before the time it may
be published: no such line is a title."""
EMBARGO_ENDS: tuple[str, ...] = ("further notice", "release")
"""Words besides a time, a month's or a weekday's name that end an embargo ("Embargoed until further notice",
"Embargoed until release"): after an embargo opener, only a line holding one of them or a time is an embargo line;
"Embargoed Until Dawn" is a novel's title."""
NOT_PLACE_WORDS: frozenset[str] = frozenset({
    "in", "on", "at", "by", "of", "for", "from", "to", "with", "into", "onto", "upon", "near", "after", "before",
    "since", "until", "till", "during", "over", "under", "and", "or", "but", "a", "an", "as", "if", "when", "while",
})  # fmt: skip
"""Words no place in a dateline holds: "In Paris, 3 May 2024 - ..." or "On Tuesday, 3 May 2024 - ..." opens a
sentence, not a story dated by its dateline."""
