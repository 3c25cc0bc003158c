"""A Word file's page headers and footers: which ones the pages show, each distinct text once per document (a header
repeated by every section or page is one letterhead, not many), without page numbers (PAGE, NUMPAGES fields and the
"Page ... of ..." around them), so a letterhead's address or a report's title is found without flooding answers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
"""Fields that number pages: their value differs from page to page and says nothing of the document."""
SECTION_FIELDS = frozenset({"SECTION"})
"""Fields that number sections, as changing: "Section {SECTION}" loses its word "Section" too, "Page" does not."""
_PAGE_WORDS = r"(?:pages?|pg|p|seite|pagina|página|sida|side|strona)"
_NUMBER_WORD = r"(?:\s*(?:no\b|nr\b|n°|number\b)\.?|\s*#)?"
_OF = r"(?:\b(?:of|von|de|sur|di|van|av|af|z)\b|/)"
_LITERAL = re.compile(rf"\b{_PAGE_WORDS}\b\.?{_NUMBER_WORD}\s*\d+\s*{_OF}\s*\d+\b", re.IGNORECASE)
"""A page number typed, not a field: "Page 3 of 30" (both numbers, so "Page 3 of the report" stays)."""
_LITERAL_ALONE = re.compile(rf"{_PAGE_WORDS}\.?{_NUMBER_WORD}\s*\d+", re.IGNORECASE)
"""A paragraph that is a typed page number and nothing else: "Page 3", "p. 12"."""
_SEPARATORS = "|-–—·•,:;/，、"
_BRACKETS = re.compile(r"[(\[（【]\s*[)\]）】]")
_TEXT_TYPES = ("w:t", "w:tab", "w:br", "w:cr", "w:ptab", "w:noBreakHyphen")
"""The elements of a run that python-docx reads as its text."""


@dataclass
class Margins:
    """The headers and footers to read, each the root of a cleaned copy of its part and the part itself (which
    resolves its styles), read after the body: the headers (the first page's first), then the footers."""

    headers: list[tuple[Any, Any]] = field(default_factory=list)
    footers: list[tuple[Any, Any]] = field(default_factory=list)


def margins(document: Any, known: Iterable[str] = ()) -> Margins:
    """The headers and footers of `document` the pages show, in the order of the sections (a section without its
    own one shows the previous section's; a first-page one only where the section has a different first page, an
    even-page one only where the document has different odd and even pages), each paragraph once: one read in an
    earlier part, or in `known` (the document's title, the body's first line), or holding nothing but a page number
    is left out, and so is a part left with no text."""
    out = Margins()
    seen = {_key(text) for text in known if _key(text)}
    parts: list[Any] = []
    for kind, part in _shown_parts(document):
        if any(part is done for done in parts):
            continue
        parts.append(part)
        root = _cleaned(part)
        kept = False
        for paragraph in _shown_paragraphs(root):
            key = _key(_text(paragraph))
            if key in seen:
                _rewrite(paragraph, "")
            elif key:
                seen.add(key)
                kept = True
        if kept:
            (out.footers if kind == "footer" else out.headers).append((root, part))
    return out


def _key(text: str) -> str:
    """A paragraph's text as compared for repeats: its white space single, its case folded."""
    return " ".join(text.split()).casefold()


def _shown_parts(document: Any) -> Iterator[tuple[str, Any]]:
    """("header" or "footer", part) for each header and footer the pages show, section by section,
    headers before footers, a first page's before the others', the footers after all headers."""
    from docx.oxml.ns import qn

    even = document.settings.odd_and_even_pages_header_footer
    current: dict[tuple[str, str], str] = {}
    footers: list[Any] = []
    for section in document.sections:
        sect = section._sectPr
        for kind in ("header", "footer"):
            for reference in sect.iterchildren(qn(f"w:{kind}Reference")):
                current[(kind, reference.get(qn("w:type"), "default"))] = reference.get(qn("r:id"), "")
        types = (["first"] if section.different_first_page_header_footer else []) + ["default"]
        types += ["even"] if even else []
        for kind in ("header", "footer"):
            for shown in types:
                part = document.part.related_parts.get(current.get((kind, shown), ""))
                if part is None or not str(part.content_type).endswith(f".{kind}+xml"):  # no such part, or no header
                    continue
                if kind == "header":
                    yield "header", part
                else:
                    footers.append(part)
    for part in footers:
        yield "footer", part


def _cleaned(part: Any) -> Any:
    """A copy of the part's root (w:hdr, w:ftr) without page numbers, its rows and cells out of content controls
    as the body's are (askdocs.ingest.docx_forms)."""
    from docx.oxml import parse_xml

    from askdocs.ingest.docx_forms import lift_rows_and_cells

    root = parse_xml(part.blob)
    lift_rows_and_cells(root)
    for paragraph in list(root.iter(_qn("w:p"))):
        text = _text(paragraph)
        page, section = _marks(text)
        if _mark_page_fields(paragraph, page, section):
            _rewrite(paragraph, _without_page_numbers(_text(paragraph), page, section))
        elif _LITERAL.search(text) or _LITERAL_ALONE.fullmatch(text.strip()):
            _rewrite(paragraph, _without_page_numbers(_LITERAL.sub(page, text), page, section, alone=True))
    return root


def _marks(text: str) -> tuple[str, str]:
    """Two characters of the private use area the text does not hold: where its page and section fields stood."""
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return next(free), next(free)


def _shown_paragraphs(root: Any) -> list[Any]:
    """The paragraphs the part shows (in its tables and text boxes too)."""
    from askdocs.ingest.docx_text import shown

    return [p for p in root.iter(_qn("w:p")) if shown(p, root)]


def _text(paragraph: Any) -> str:
    from docx.text.paragraph import Paragraph

    from askdocs.ingest.docx_text import paragraph_text

    return paragraph_text(Paragraph(paragraph, None))


def _mark_page_fields(paragraph: Any, page: str, section: str) -> bool:
    """Put a mark run (`page` or `section`) in place of each page or section field of the paragraph's own runs (a
    simple field, w:fldSimple, or a field of runs from its w:fldChar "begin" to its "end", the instruction in
    w:instrText); a field holding one ("{= {PAGE} - 1}", "{IF {PAGE} = 1 ...}") counts as one; whether any."""
    found = False
    for simple in list(paragraph.iter(_qn("w:fldSimple"))):
        kind = _field_kind(simple.get(_qn("w:instr"), ""))
        if _own(simple, paragraph) and kind:
            simple.addprevious(_run(section if kind == "section" else page))
            simple.getparent().remove(simple)
            found = True
    frames: list[tuple[list[str], list[Any], list[str]]] = []
    fields: list[tuple[list[Any], str]] = []
    for run in [r for r in paragraph.iter(_qn("w:r")) if _own(r, paragraph)]:
        for frame in frames:
            frame[1].append(run)
        for child in run:
            kind = child.get(_qn("w:fldCharType")) if child.tag == _qn("w:fldChar") else None
            if kind == "begin":
                frames.append(([], [run], []))
            elif child.tag == _qn("w:instrText") and frames:
                frames[-1][0].append(child.text or "")
            elif kind == "end" and frames:
                instruction, runs, inner = frames.pop()
                found_kind = _field_kind("".join(instruction)) or (inner[0] if inner else None)
                if found_kind:
                    fields.append((runs, found_kind))
                    if frames:
                        frames[-1][2].append("page")  # the enclosing field's result is a page number's too
    for runs, kind in reversed(fields):  # an enclosing field before those inside it, which go with it
        if runs[0].getparent() is None:
            continue
        runs[0].addprevious(_run(section if kind == "section" else page))
        for run in runs:
            if run.getparent() is not None:
                run.getparent().remove(run)
        found = True
    return found


def _field_kind(instruction: str) -> str | None:
    """ "page" for a field numbering pages, "section" for one numbering sections, else None."""
    words = instruction.split()
    name = words[0].upper() if words else ""
    return "page" if name in PAGE_FIELDS else "section" if name in SECTION_FIELDS else None


def _without_page_numbers(text: str, page: str, section: str, alone: bool = False) -> str:
    """A paragraph's text without its page fields (marked `page`, `section`) and the words that tell them ("Page
    2 of 5", "Page No. 2", "第 2 页"), nor the separators right beside them ("Confidential | Page 2" is
    "Confidential", "A | Page 2 | B" is "A | B"), nor those left at its ends; empty when no word stays, or with
    `alone` when the whole text is a typed page number."""
    if alone and _LITERAL_ALONE.fullmatch(text.strip()):
        return ""
    text = _numbers(page, section).sub(page, text).replace(section, page)
    seps = re.escape(_SEPARATORS)
    beside = re.compile(rf"[ \t]*(?:([{seps}])[ \t]*)?{page}(?:[ \t]*{page})*(?:[ \t]*([{seps}]))?[ \t]*")

    def join(match: re.Match[str]) -> str:
        inside = match.start() > 0 and match.end() < len(text)
        return f" {match[1]} " if match[1] and match[2] and inside else " "

    text = _BRACKETS.sub(" ", beside.sub(join, text))
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip(_SEPARATORS + " \t\n")
    return text if any(c.isalnum() for c in text) else ""


@lru_cache(maxsize=8)
def _numbers(page: str, section: str) -> re.Pattern[str]:
    """Page and section numbers (marked `page`, `section`) with their words: "Page 2 of 5 pages", "p. 2", "2 /
    5", "Seite 2 von 5", "Page 2 of 41" (its total typed), "Section 3", "第 2 页"; "Page 2 of the handbook" keeps
    "the handbook"."""
    mark = f"[{page}{section}]"
    total = rf"\s*{_OF}\s*(?:{mark}|\d+\b)(?:\s*\b(?:pages|seiten|páginas|pagine)\b)?"
    return re.compile(
        rf"\b{_PAGE_WORDS}\b\.?{_NUMBER_WORD}\s*{page}\s+(?:of|von|de)\s+(?!{mark}|\d)"
        rf"|(?:\b{_PAGE_WORDS}\b\.?{_NUMBER_WORD}\s*)?{page}(?:{total})?"
        rf"|(?:\bsection\b\.?{_NUMBER_WORD}\s*)?{section}(?:{total})?"
        rf"|[第共]?\s*{mark}\s*(?:页|頁|ページ|페이지)",
        re.IGNORECASE,
    )


def _rewrite(paragraph: Any, text: str) -> None:
    """Make the paragraph's own text `text` in one run, its other text elements taken out (its drawings, text
    boxes and properties kept)."""
    for element in [e for tag in _TEXT_TYPES for e in paragraph.iter(_qn(tag))]:
        if _own(element, paragraph):
            element.getparent().remove(element)
    if text:
        paragraph.append(_run(text))


def _own(element: Any, paragraph: Any) -> bool:
    """Whether `element` is of the paragraph itself, not of a paragraph in a text box inside it."""
    parent = element.getparent()
    while parent is not None and parent.tag != _qn("w:p"):
        parent = parent.getparent()
    return parent is paragraph


def _run(text: str) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    shown = OxmlElement("w:t")
    shown.text = text
    shown.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(shown)
    return run


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
