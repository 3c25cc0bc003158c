"""A Word file's page headers and footers: which ones the pages show, what an earlier one held not again (a header
repeated by every section or page is one letterhead, not many), without page numbers (PAGE, NUMPAGES fields and the
"Page ... of ..." around them where they stand apart, typed ones too), so a letterhead's address or a report's title
is found without flooding answers, and no word of prose is lost."""

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
_TYPED = re.compile(rf"\b{_PAGE_WORDS}\b\.?{_NUMBER_WORD}\s*\d+\b(?:\s*{_OF}\s*\d+\b)?(?:\s*\bpages\b)?", re.IGNORECASE)
"""A page number typed, not a field ("Page 3", "p. 12", "Page 3 of 30"): left out only where it stands apart, at
the paragraph's ends or beside a separator ("Page 3 of the report says" and "P 2 of 3 drafts" stay)."""
_TYPED_ALONE = re.compile(
    rf"[-–—\s]*(?:{_PAGE_WORDS}\b\.?{_NUMBER_WORD}\s*)?\d{{1,3}}(?:\s*{_OF}\s*\d+)?[-–—\s]*", re.IGNORECASE
)
"""A paragraph that is a typed page number and nothing else: "Page 3", "p. 12", "- 3 -", "3" (not a year)."""
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
    even-page one only where the document has different odd and even pages), each line once: a paragraph outside
    tables read in an earlier part or in `known` (the document's title, the body's first line), or a table whose
    every row line was, is left out (a repeat within one part is kept: a table's "Prepared by | J. Smith" over
    "Approved by | J. Smith" keeps both rows whole), as is a paragraph of a page number alone, and a part left
    with no text."""
    out = Margins()
    seen = {_key(text) for text in known if _key(text)}
    parts: list[Any] = []
    for kind, part in _shown_parts(document):
        if any(part is done for done in parts):
            continue
        parts.append(part)
        root = _cleaned(part)
        lines: set[str] = set()
        for paragraph in _shown_paragraphs(root):
            key = "" if _in_table(paragraph, root) else _key(_text(paragraph))
            if key in seen:
                _rewrite(paragraph, "")
            elif key:
                lines.add(key)
        for table in _top_tables(root):
            rows = [row for row in _row_keys(table) if row]
            if rows and all(row in seen for row in rows):
                table.getparent().remove(table)
            else:
                lines.update(rows)
        seen |= lines
        if lines:
            (out.footers if kind == "footer" else out.headers).append((root, part))
    return out


def _in_table(element: Any, root: Any) -> bool:
    """Whether `element` lies in a table of `root` (its text is compared as the table's rows, not alone)."""
    parent = element.getparent()
    while parent is not None and parent is not root:
        if parent.tag == _qn("w:tbl"):
            return True
        parent = parent.getparent()
    return False


def _top_tables(root: Any) -> list[Any]:
    """The tables of `root` the part shows that lie in no other table."""
    from askdocs.ingest.docx_text import shown

    return [t for t in root.iter(_qn("w:tbl")) if not _in_table(t, root) and shown(t, root)]


def _row_keys(table: Any) -> list[str]:
    """Each row of `table` as one line ("cell | cell"), compared as _key compares paragraphs."""
    return [
        _key(" | ".join(" ".join(_text(p) for p in cell.iter(_qn("w:p"))) for cell in row.iterchildren(_qn("w:tc"))))
        for row in table.iterchildren(_qn("w:tr"))
    ]


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
        page, section, gone = _marks(text)
        if _mark_page_fields(paragraph, page, section):
            _rewrite(paragraph, _without_page_numbers(_text(paragraph), page, section, gone))
        elif _TYPED_ALONE.fullmatch(text.strip()) and (_TYPED.search(text) or not _in_table(paragraph, root)):
            _rewrite(paragraph, "")  # a bare "2" in a table's cell is a value ("Rev | 2"), not a page number
        elif _TYPED.search(text):
            _rewrite(paragraph, _without_page_numbers(text, page, section, gone, typed=True))
    return root


def _marks(text: str) -> tuple[str, str, str]:
    """Three characters of the private use area the text does not hold: where its page and section fields stood,
    and where a number left prose."""
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return next(free), next(free), next(free)


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
    w:instrText); a field holding one counts as one where it shows a number ("{= {PAGE} - 1}"), not where it shows
    words ({IF {PAGE} > 1 "Annual Report" ""}); whether any."""
    found = False
    for simple in list(paragraph.iter(_qn("w:fldSimple"))):
        kind = _field_kind(simple.get(_qn("w:instr"), ""))
        if _own(simple, paragraph) and kind:
            simple.addprevious(_run(section if kind == "section" else page))
            simple.getparent().remove(simple)
            found = True
    frames: list[_Frame] = []
    fields: list[tuple[list[Any], str]] = []
    for run in [r for r in paragraph.iter(_qn("w:r")) if _own(r, paragraph)]:
        for frame in frames:
            frame.runs.append(run)
        for child in run:
            kind = child.get(_qn("w:fldCharType")) if child.tag == _qn("w:fldChar") else None
            if kind == "begin":
                frames.append(_Frame(runs=[run]))
            elif kind == "separate" and frames:
                frames[-1].shown = True
            elif child.tag == _qn("w:instrText") and frames:
                frames[-1].instruction += child.text or ""
            elif child.tag == _qn("w:t"):
                for frame in reversed(frames):  # an inner field's result in an instruction shows in no result
                    if not frame.shown:
                        break
                    frame.result += child.text or ""
            elif kind == "end" and frames:
                frame = frames.pop()
                found_kind = _field_kind(frame.instruction)
                if not found_kind and frame.inner and _NUMBER.fullmatch(frame.result.strip()):
                    found_kind = "page"  # {= {PAGE} - 1}: a page number computed; an IF's words stay
                if found_kind:
                    fields.append((frame.runs, found_kind))
                    if frames:
                        frames[-1].inner = True
    for runs, kind in reversed(fields):  # an enclosing field before those inside it, which go with it
        if runs[0].getparent() is None:
            continue
        runs[0].addprevious(_run(section if kind == "section" else page))
        for run in runs:
            if run.getparent() is not None:
                run.getparent().remove(run)
        found = True
    return found


@dataclass
class _Frame:
    """A field of runs being read: its instruction, runs, shown result, and whether a page field is inside it."""

    runs: list[Any]
    instruction: str = ""
    result: str = ""
    shown: bool = False
    inner: bool = False


_NUMBER = re.compile(r"[-–—(\[]?\s*(?:\d+|[ivxlcdm]+)\s*[-–—)\].]?", re.IGNORECASE)
"""A field's shown result that is a page number: "2", "iv", "- 2 -"."""


def _field_kind(instruction: str) -> str | None:
    """ "page" for a field numbering pages, "section" for one numbering sections, else None."""
    words = instruction.split()
    name = words[0].upper() if words else ""
    return "page" if name in PAGE_FIELDS else "section" if name in SECTION_FIELDS else None


def _without_page_numbers(text: str, page: str, section: str, gone: str, typed: bool = False) -> str:
    """A paragraph's text without its page fields (marked `page`, `section`; with `typed`, its typed page numbers)
    and, where the number stands apart (at the paragraph's ends or beside a separator), the words that tell it
    ("Page 2 of 5", "Page No. 2", "第 2 页") and the separators beside it ("Confidential | Page 2" is "Confidential",
    "A | Page 2 | B" is "A | B"); in prose a field's number alone goes ("Page {PAGE} of the handbook" is "Page of
    the handbook") and a typed one stays; empty when no word stays."""
    phrases = _TYPED if typed else _numbers(page, section)

    def phrase(match: re.Match[str]) -> str:
        if _apart(text, match.start(), match.end()) or re.search("[页頁ページ페이지]", match[0]):
            return page
        return match[0] if typed else re.sub(f"[{page}{section}]+", gone, match[0])

    text = phrases.sub(phrase, text)
    seps = re.escape(_SEPARATORS)
    beside = re.compile(rf"[ \t]*(?:([{seps}])[ \t]*)?{page}(?:[ \t]*{page})*(?:[ \t]*([{seps}]))?[ \t]*")

    def join(match: re.Match[str]) -> str:
        inside = match.start() > 0 and match.end() < len(text)
        return f" {match[1]} " if match[1] and match[2] and inside else " "

    text = beside.sub(join, text)
    text = re.sub(rf"[ \t]*{gone}[ \t]*(?=[,.;:!?)\]])", "", text).replace(gone, " ")
    text = _BRACKETS.sub(" ", text)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip(_SEPARATORS + " \t\n")
    return text if any(c.isalnum() for c in text) else ""


def _apart(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands apart: at an end of its line or beside a separator (",", ":" or ";" after a
    word; the others with a space around them) or in brackets, on both sides."""
    seps = re.escape(_SEPARATORS)
    before = re.search(rf"(?:^|\n|[,;:，、(\[]|(?:^|\s)[{seps}])[ \t]*$", text[:start])
    after = re.match(rf"[ \t]*(?:$|\n|[)\]]|[{seps}](?:\s|$))", text[end:])
    return before is not None and after is not None


@lru_cache(maxsize=8)
def _numbers(page: str, section: str) -> re.Pattern[str]:
    """Page and section numbers (marked `page`, `section`) with the words that may tell them: "Page 2 of 5
    pages", "p. 2", "2 / 5", "Seite 2 von 5", "Page 2 of 41" (its total typed), "Section 3", "第 2 页"."""
    mark = f"[{page}{section}]"
    total = rf"\s*{_OF}\s*(?:{mark}|\d+\b)(?:\s*\b(?:pages|seiten|páginas|pagine)\b)?"
    return re.compile(
        rf"[第共]?\s*{mark}\s*(?:页|頁|ページ|페이지)"
        rf"|(?:\b(?:{_PAGE_WORDS}|section)\b\.?{_NUMBER_WORD}\s*)?{mark}(?:{total})?",
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
