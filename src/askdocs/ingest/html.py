"""Web pages: the article text through trafilatura (menus and footers dropped), block by block, with its headings
kept as section landmarks so a citation can say "§ Budget" instead of a line of text that is not in the file."""

from __future__ import annotations

import html
import re
from typing import Any

from askdocs.ingest.layout import Layout, TextBuilder
from askdocs.text.normalize import CELL_SEPARATOR

_BLOCKS = frozenset({"p", "quote", "code", "lb"})
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_META = re.compile(r"<meta\b[^>]{0,2000}>", re.IGNORECASE)
_NAMED = re.compile(r"""\b(?:name|property|itemprop|http-equiv)\s*=\s*(["'])(.{1,100}?)\1""", re.IGNORECASE)
_DATE_NAMES = ("date", "time", "publish", "created", "modified", "issued")
"""Words in a <meta>'s name that mark it as a date (`date`, `article:published_time`, `dcterms.created`)."""
_CONTENT = re.compile(r"""\bcontent\s*=\s*(["'])(.{1,200}?)\1""", re.IGNORECASE | re.DOTALL)


def read_html(raw: str, kind: str = "html") -> tuple[str, Layout, dict[str, Any]]:
    """Main text, its layout and the page's metadata (title, date, author, tags) of one HTML page."""
    import trafilatura

    found = trafilatura.bare_extraction(
        raw, include_comments=False, include_tables=True, favor_precision=True, with_metadata=True
    )
    builder = TextBuilder(kind)
    meta: dict[str, Any] = {}
    if found is not None and not isinstance(found, dict):
        if found.body is not None:
            add_blocks(builder, found.body)
        date = _as_written(raw, found.date) if found.date else None
        meta = {"title": found.title, "date": date, "author": found.author, "tags": found.tags or ()}
    return builder.text(), builder.layout(), meta


def _as_written(raw: str, found: str) -> str:
    """The page's own <meta> text of the date trafilatura found, when that text is a numeric date that reads both
    ways ("03/04/2024": trafilatura reads it day first), so it is read month first with a warning, as in any other
    file; trafilatura's ISO date when another date <meta> gives that day plainly, or none reads both ways."""
    from askdocs.ingest.published import both_readings, parse_publication_date

    ambiguous = None
    for tag in _META.findall(raw[:200_000]):
        named, content = _NAMED.search(tag), _CONTENT.search(tag)
        if not named or not content or not any(word in named[2].lower() for word in _DATE_NAMES):
            continue
        value = html.unescape(content[2]).strip()
        readings = both_readings(value)
        if readings is None:
            plain = parse_publication_date(value)
            if plain is not None and plain.isoformat() == found:
                return found
        elif found in (day.isoformat() for day in readings) and ambiguous is None:
            ambiguous = value
    return ambiguous or found


def add_blocks(builder: TextBuilder, root: Any) -> None:
    """Walk an element tree (trafilatura's or XHTML's), one block per heading, paragraph, list item and table row."""
    for element in root:
        tag = _tag(element)
        if not tag:  # comments and processing instructions
            continue
        if tag in _HEADINGS:
            builder.heading(_text(element))
        elif tag in ("list", "ul", "ol"):
            for item in element:
                if _tag(item) in ("item", "li"):
                    builder.paragraph("- " + _text(item))
        elif tag == "table":
            for row in element.iter("row", "tr", "{*}tr"):
                found = [c for c in row if _tag(c) in ("cell", "td", "th")]
                head = bool(found) and all(_tag(c) == "th" or c.get("role") == "head" for c in found)
                builder.paragraph(CELL_SEPARATOR.join(t for t in map(_text, found) if t), label=head)
        elif tag in _BLOCKS or tag not in ("div", "section", "article", "main", "body", "blockquote"):
            builder.paragraph(_text(element))
        else:
            if (element.text or "").strip():
                builder.paragraph(element.text or "")
            add_blocks(builder, element)
            continue
        if (element.tail or "").strip():
            builder.paragraph(element.tail or "")


def _tag(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _text(element: Any) -> str:
    """All the text inside an element, whitespace made single spaces."""
    return " ".join("".join(element.itertext()).split())
