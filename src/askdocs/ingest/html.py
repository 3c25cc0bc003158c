"""Web pages: the article text through trafilatura (menus and footers dropped), block by block, with its headings
kept as section landmarks so a citation can say "§ Budget" instead of a line of text that is not in the file."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

from askdocs.ingest.layout import Layout, TextBuilder
from askdocs.text.normalize import CELL_SEPARATOR, cell_text

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
        raw,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=True,
        # the page's markup only: the extensive search also reads dates off the text, where "On 22 May 2005, ..."
        # is an event the page tells of, not the day it was published
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": datetime.date.today().isoformat(),
        },
    )
    builder = TextBuilder(kind)
    meta: dict[str, Any] = {}
    if found is not None and not isinstance(found, dict):
        if found.body is not None:
            restore_headings(found.body, raw)
            add_blocks(builder, found.body)
        date = _as_written(raw, found.date) if found.date else None
        meta = {"title": found.title, "date": date, "author": found.author, "tags": found.tags or ()}
    kept = builder.text().strip()
    if not kept or _WHOLE_PAGE.search(raw[:200_000]) is None:
        plain = TextBuilder(kind)  # a fragment of a page, too little for trafilatura, or a page it kept nothing of
        boilerplate = plain_blocks(plain, raw)
        if (not kept or not boilerplate) and len(plain.text().split()) > len(builder.text().split()):
            # the markup's own text; its title only from a heading of its own, never from its first line
            builder, meta = plain, {**meta, "title": meta.get("title") or _first_heading(plain), FROM_MARKUP: True}
    return builder.text(), builder.layout(), meta


FROM_MARKUP = "from_markup"
"""A key of read_html's metadata: the text is the markup's own (see plain_blocks), not trafilatura's article, so
a title is not taken from its first line."""


def _first_heading(builder: TextBuilder) -> str | None:
    headings = builder.layout().headings
    return headings[0][2] if headings else None


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
                    builder.paragraph("- " + _spaced_text(item))  # a list inside it: "Boats Early boat ..."
        elif tag == "table":
            for row in element.iter("row", "tr", "{*}tr"):
                found = [c for c in row if _tag(c) in ("cell", "td", "th")]
                head = bool(found) and all(_tag(c) == "th" or c.get("role") == "head" for c in found)
                cells = (cell_text(_text(c)) for c in found)
                builder.paragraph(CELL_SEPARATOR.join(t for t in cells if t), label=head)
        elif tag in _BLOCKS or tag not in ("div", "section", "article", "main", "body", "blockquote"):
            builder.paragraph(_spaced_text(element))  # "on board<lb/>and at the quay": not "boardand"
        else:
            if (element.text or "").strip():
                builder.paragraph(element.text or "")
            add_blocks(builder, element)
            continue
        if (element.tail or "").strip():
            builder.paragraph(element.tail or "")


_NOT_TEXT = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
"""Elements whose content is no text a reader sees: left out when a page's markup is read without trafilatura."""


def plain_blocks(builder: TextBuilder, raw: str) -> bool:
    """The text of a page's markup, block by block, without its scripts and styles nor its menus, headers, footers,
    sidebars and forms: what a fragment of a page ("<p>The ferry leaves at nine.</p>") holds when trafilatura, which
    looks for an article, finds none. Words outside any block, and those after a block up to the next one ("The
    ferry leaves at <b>nine</b>."), are one paragraph; a block's blocks inside it (a <dl>'s terms, a nested list)
    are read apart by spaces. Whether the markup had any of those menus, headers, footers, sidebars or forms."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", raw, count=1))
    except (etree.ParserError, ValueError):
        return False
    for element in list(root.iter(*_NOT_TEXT, etree.Comment, etree.ProcessingInstruction)):
        if element.getparent() is not None:
            element.drop_tree()
    boilerplate = [e for e in root.iter(*_BOILERPLATE) if _page_level(e)]
    if boilerplate:
        from copy import deepcopy

        kept = deepcopy(root)
        for element in [e for e in kept.iter(*_BOILERPLATE) if _page_level(e)]:
            element.drop_tree()
        if (body := kept.find("body")) is not None and "".join(body.itertext()).strip():
            root = kept
        else:  # a page wrapped whole in a <form> (as ASP.NET's are): nothing is left without it
            boilerplate = []
    body = root.find("body")
    if body is not None:
        _plain_children(builder, body)
    return bool(boilerplate)


_BOILERPLATE = ("nav", "header", "footer", "aside", "form")
"""A page's menus, banners, footers, sidebars and forms: left out of the markup's own text, as trafilatura does."""
_OWN_PARTS = ("article", "main", "section")
"""Where a header, an aside or a form is a part of the text (an article's byline, a note), not the page's."""


def _page_level(element: Any) -> bool:
    """Whether a menu, banner, footer, sidebar or form is the page's own, outside any article, main part or section,
    and holds none of them nor the page's <h1>: boilerplate, dropped from the markup's text."""
    if element.getparent() is None or any(_tag(a) in _OWN_PARTS for a in element.iterancestors()):
        return False
    return next(element.iter("main", "article", "h1"), None) is None


_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "blockquote", "center", "details", "figure"})


def _plain_children(builder: TextBuilder, parent: Any) -> None:
    """The blocks inside `parent` (see plain_blocks): words between blocks gathered into one paragraph."""
    run = [parent.text or ""]

    def flush() -> None:
        if text := " ".join("".join(run).split()):
            builder.paragraph(text)
        run.clear()

    for element in parent:
        tag, tail = _tag(element), element.tail or ""
        if not tag:
            run.append(tail)
            continue
        if tag == "br" or not (_separates(element) or tag in _CONTAINERS or tag in _HEADINGS or tag in _NOT_TEXT):
            run += [" " if tag == "br" else _spaced_text(element), tail]  # inside the line: "<big>I</big>t"
            continue
        flush()
        if tag in _HEADINGS:
            builder.heading(_spaced_text(element))
        elif tag in ("ul", "ol"):
            for item in element:
                if _tag(item) == "li" and (text := _spaced_text(item)):
                    builder.paragraph("- " + text)
        elif tag == "table":
            add_blocks(builder, [_tailless(element)])
        elif tag in _CONTAINERS:
            _plain_children(builder, element)
        elif text := _spaced_text(element):
            builder.paragraph(text)
        run.append(tail)  # saved: a table's was taken off for add_blocks
    flush()


def _tailless(element: Any) -> Any:
    """`element` without the text after it, which its parent's walk reads."""
    element.tail = None
    return element


def _spaced_text(element: Any) -> str:
    """The text inside an element, its blocks' texts apart by a space ("Ferry" and "A boat ..." of a <dl>, not
    "FerryA boat ..."), white space made single spaces."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        parts.append((node.text or "") if _tag(node) else "")
        for child in node:
            apart = " " if _separates(child) else ""
            parts.append(apart)
            walk(child)
            parts.append(apart)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


_SEPARATING_TAGS = (
    "p div li dd dt dl ul ol list item lb br table tr td th row cell h1 h2 h3 h4 h5 h6 head pre blockquote"
    " section article figure figcaption hr address"
)
_SEPARATING = frozenset(_SEPARATING_TAGS.split())
"""Blocks, HTML's and trafilatura's, whose text reads apart from the words around it; every other element (a link,
an EPUB's <big> drop capital, <font>, <ins>, <wbr>, <ruby>, a tag no list knows) is inside a line of text."""
_IN_LINE_OF = frozenset({"p", "item", "cell"})


def _separates(element: Any) -> bool:
    """Whether an element's text reads apart from the words around it: a block's does; trafilatura's <quote> only
    when it stands as a block, not inside a paragraph, list item or cell (an inline <q>: "a good start", not
    "a good start ,")."""
    tag = _tag(element)
    if tag == "quote":
        return not any(_tag(a) in _IN_LINE_OF for a in element.iterancestors())
    return tag in _SEPARATING


_SOURCE_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SOURCE_BLOCKS = ("p", "li", "table", "pre", "blockquote", "dd", "dt", "figcaption")
_EXTRACTED_BLOCKS = frozenset({"head", "p", "list", "table", "quote", "code"})
_NOT_CONTENT = frozenset({"nav", "aside", "footer", "form"})
"""Where a page's headings name menus, sidebars and forms, never a section of its text."""
_KEY_WORDS = 8
"""Words of a block that tell it from the others when the page and the extracted text are matched up."""


def restore_headings(body: Any, raw: str) -> None:
    """Put back into trafilatura's `body` the page's headings it dropped, each before the first block it kept of
    that heading's section: on a short page, or one without an article container, trafilatura keeps only the
    paragraphs and tables, dropping the page's <h1> (whatever its <title>) and every heading after it, so every
    citation lost its section ("¶4" for "§ Accounts ¶4"). Only headings between two blocks it kept come back, and
    before its first block only a heading right before it (the page's own, not a menu's or a sidebar's); none
    from a page's <nav>, <aside>, <footer> or <form>, and none where it kept a heading of its own."""
    source = _page_order(raw)
    if not source:
        return
    at = 0  # where the next block of the body is looked for in the page
    started = kept_heading = False
    for element in _extracted_blocks(body):
        if _tag(element) == "head":
            kept_heading = True
            continue
        key = _key(element)
        found = next((i for i in range(at, len(source)) if key and source[i] == ("block", key)), None)
        if found is None:
            continue
        gap = source[at:found]
        if not started:  # only a heading right before it: not the menus' or the sidebar's above the article
            gap = gap[next((i for i in range(len(gap) - 1, -1, -1) if gap[i][0] == "block"), -1) + 1 :][-1:]
        headings = [text for kind, text in gap if kind == "head"]
        if headings and not kept_heading:
            parent = element.getparent()
            index = parent.index(element)
            for n, text in enumerate(headings):
                head = parent.makeelement("head", {})
                head.text = text
                parent.insert(index + n, head)
        at, started, kept_heading = found + 1, True, False


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_WHOLE_PAGE = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
"""What a whole page opens with: a file without any of them is a fragment of one."""


def _page_order(raw: str) -> list[tuple[str, str]]:
    """The page's headings ("head", text) and blocks ("block", key) in document order; none when it cannot be
    parsed. A table is one block (its first cell), as are a list item and a paragraph."""
    from lxml import etree
    from lxml import html as lxml_html

    try:  # lxml refuses a str that declares its encoding (XHTML's `<?xml ... encoding="utf-8"?>`)
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", raw, count=1))
    except (etree.ParserError, ValueError):
        return []
    out: list[tuple[str, str]] = []
    for element in root.iter(*_SOURCE_HEADINGS, *_SOURCE_BLOCKS):
        if element.tag in _SOURCE_HEADINGS:
            aside = any(a.tag in _NOT_CONTENT for a in element.iterancestors())
            if not aside and (text := _text(element)):
                out.append(("head", text))
        elif key := _key(next(element.iter("td", "th"), element) if element.tag == "table" else element):
            out.append(("block", key))
    return out


def _extracted_blocks(body: Any) -> list[Any]:
    """The headings, paragraphs, lists, tables, quotes and code of trafilatura's body in order, none inside
    another; a list stands for its first item and a table for its first cell when matched with the page."""
    out: list[Any] = []
    for element in body.iter():
        inside = any(_tag(a) in _EXTRACTED_BLOCKS for a in element.iterancestors())
        if _tag(element) in _EXTRACTED_BLOCKS and not inside:
            out.append(element)
    return out


def _key(element: Any) -> str:
    """The first words of a block, case and punctuation aside: the same for a page's block and trafilatura's copy
    of it (a list by its first item, a table by its first cell)."""
    tag = _tag(element)
    if tag in ("list", "table"):
        first = next((e for e in element.iter() if _tag(e) in ("item", "cell", "li", "td", "th")), None)
        element = element if first is None else first
    words = re.findall(r"\w+", _text(element).casefold())
    return " ".join(words[:_KEY_WORDS])


def _tag(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _text(element: Any) -> str:
    """All the text inside an element, whitespace made single spaces."""
    return " ".join("".join(element.itertext()).split())
