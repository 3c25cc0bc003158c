"""A Word file's page headers and footers: which ones the pages show, each distinct text once per document (a header
repeated by every section or page is one letterhead, not many), without page numbers (PAGE, NUMPAGES fields and the
"Page ... of ..." around them), so a letterhead's address or a report's title is found without flooding answers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"})
"""Fields that number pages or sections: their value differs from page to page and says nothing of the document."""
_MARK = "\ue000"
"""Where a page field stood in a paragraph's text while its words around it ("Page", "of") are taken out."""
_PAGE_NUMBER = re.compile(
    rf"(?:\b(?:pages?|pg|p|section|seite|pagina|página|sida|side|strona)\b\.?\s*)?{_MARK}"
    rf"(?:\s*(?:\b(?:of|von|de|sur|di|van|av|af|z)\b|/)\s*{_MARK})?",
    re.IGNORECASE,
)
"""A page field with the words a page number is written with: "Page 2 of 5", "p. 2", "2 / 5", "Seite 2 von 5"."""
_SEPARATORS = "|-–—·•,:;/"
_SEPARATOR_RUN = re.compile(rf"\s*([{re.escape(_SEPARATORS)}])(?:\s*[{re.escape(_SEPARATORS)}])+\s*")
_TEXT_TYPES = ("w:t", "w:tab", "w:br", "w:cr", "w:ptab", "w:noBreakHyphen")
"""The elements of a run that python-docx reads as its text."""


@dataclass
class Margins:
    """The headers and footers to read, each the root of a cleaned copy of its part and the part itself (which
    resolves its styles): the one the first page shows (read before the body, as the page shows it), those other
    pages show, and the footers (both read after the body)."""

    first: list[tuple[Any, Any]] = field(default_factory=list)
    later: list[tuple[Any, Any]] = field(default_factory=list)
    footers: list[tuple[Any, Any]] = field(default_factory=list)


def margins(document: Any) -> Margins:
    """The headers and footers of `document` the pages show, in the order of the sections (a section without its
    own one shows the previous section's; a first-page one only where the section has a different first page, an
    even-page one only where the document has different odd and even pages), each distinct text once: a part whose
    paragraphs were all read in an earlier one, or that holds no text but page numbers, is left out."""
    out = Margins()
    seen: set[str] = set()
    parts: list[Any] = []
    for kind, part in _shown_parts(document):
        if any(part is done for done in parts):
            continue
        parts.append(part)
        root = _cleaned(part)
        texts = {text for text in _paragraphs(root) if text}
        if not texts or texts <= seen:
            continue
        seen |= texts
        where = out.footers if kind == "footer" else out.first if kind == "first page" else out.later
        where.append((root, part))
    return out


def _shown_parts(document: Any) -> Iterator[tuple[str, Any]]:
    """("first page", "header" or "footer", part) for each header and footer the pages show, section by section,
    headers before footers, a first page's before the others', the footers after all headers."""
    from docx.oxml.ns import qn

    even = document.settings.odd_and_even_pages_header_footer
    current: dict[tuple[str, str], str] = {}
    footers: list[Any] = []
    for k, section in enumerate(document.sections):
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
                    yield "first page" if k == 0 and shown == types[0] else "header", part
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
        if _mark_page_fields(paragraph):
            _rewrite(paragraph, _without_page_numbers(_text(paragraph)))
    return root


def _paragraphs(root: Any) -> list[str]:
    """The text of each paragraph the part shows (in its tables and text boxes too), its white space made single."""
    from askdocs.ingest.docx_text import shown

    return [" ".join(_text(p).split()) for p in root.iter(_qn("w:p")) if shown(p, root)]


def _text(paragraph: Any) -> str:
    from docx.text.paragraph import Paragraph

    from askdocs.ingest.docx_text import paragraph_text

    return paragraph_text(Paragraph(paragraph, None))


def _mark_page_fields(paragraph: Any) -> bool:
    """Put a mark run in place of each page field of the paragraph's own runs (a simple field, w:fldSimple, or a
    field of runs from its w:fldChar "begin" to its "end", the instruction in w:instrText); whether there was any."""
    found = False
    for simple in list(paragraph.iter(_qn("w:fldSimple"))):
        if _own(simple, paragraph) and _page_field(simple.get(_qn("w:instr"), "")):
            simple.addprevious(_run(_MARK))
            simple.getparent().remove(simple)
            found = True
    frames: list[tuple[list[str], list[Any]]] = []
    fields: list[list[Any]] = []
    for run in [r for r in paragraph.iter(_qn("w:r")) if _own(r, paragraph)]:
        for frame in frames:
            frame[1].append(run)
        for child in run:
            kind = child.get(_qn("w:fldCharType")) if child.tag == _qn("w:fldChar") else None
            if kind == "begin":
                frames.append(([], [run]))
            elif child.tag == _qn("w:instrText") and frames:
                frames[-1][0].append(child.text or "")
            elif kind == "end" and frames:
                instruction, runs = frames.pop()
                if _page_field("".join(instruction)):
                    fields.append(runs)
    for runs in fields:
        if runs[0].getparent() is None:  # inside a page field already taken out
            continue
        runs[0].addprevious(_run(_MARK))
        for run in runs:
            if run.getparent() is not None:
                run.getparent().remove(run)
        found = True
    return found


def _page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in PAGE_FIELDS


def _without_page_numbers(text: str) -> str:
    """A paragraph's text without its page fields (marked) and the words that tell them ("Page 2 of 5"), nor the
    separators left at its ends or doubled ("Confidential | Page 2" is "Confidential"); empty when no word stays."""
    text = _PAGE_NUMBER.sub(" ", text).replace(_MARK, " ")
    text = _SEPARATOR_RUN.sub(r" \1 ", text).strip(_SEPARATORS + " \t\n")
    return text if any(c.isalnum() for c in text) else ""


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
