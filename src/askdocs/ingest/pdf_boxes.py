"""The text boxes of a PDF page as pdfminer lays them out, each with its printed lines and their geometry: what
the PDF reader (askdocs.ingest.pdf) joins into paragraphs, tells headings by and drops running headers from."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

MARGIN = 0.1
"""Top and bottom share of a page where running headers and footers are looked for."""
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-z])")
ENDS_SENTENCE = re.compile(r"[.!?…:]['\"’”)\]]*$")
"""A paragraph's end that ends its sentence (a closing quote or bracket may follow the mark)."""


@dataclass(frozen=True)
class Line:
    """One printed line of a text box: where it is, to tell a wrapped line from the start of a new paragraph."""

    x0: float
    x1: float
    base: float
    """The baseline most of its characters sit on (points from the bottom of the page)."""
    size: float
    word: float
    """The width of its first word: had the line before room for it, that line ended its paragraph."""
    fonts: tuple[str, str, str]
    """The fonts of its first and last characters and of most of them: a line of program code under a line of prose
    does not go on from it."""
    chars: int = 0
    raw: str = ""
    """Its text as pdfminer gives it, to make a box of some of a box's lines (a heading set above its body text)."""


@dataclass(frozen=True)
class Box:
    """One text box of a page: its text as one paragraph, where it sits and how large it is set."""

    text: str
    key: str
    """The text with digits folded, to recognise "Page 3" and "Page 4" as the same running footer."""
    margin: bool
    size: float
    """The mean font size of its characters, to tell headings (larger than the body text) from paragraphs."""
    chars: int
    lines: tuple[Line, ...] = ()
    """Its printed lines, top first (none for vertical text)."""
    heading: bool = False
    """A heading by its form, whatever its size: a short line of capitals standing alone above a paragraph ("BUGS")."""
    opens_column: bool = False
    """It opens a column right of a gutter on a page read in columns (see askdocs.ingest.pdf_order): the only box
    a sentence cut by a column break goes on in."""
    row: bool = False
    """A table's row, its cells joined (see askdocs.ingest.pdf_tables): never a heading, never joined to another box."""
    label: bool = False
    """A table's header row: kept in the text, never cited."""


def same_size(a: Line, b: Line) -> bool:
    """Whether two lines are set in about one size."""
    return abs(a.size - b.size) <= 0.1 * max(a.size, b.size)


def overlap(a: Line, b: Line) -> bool:
    """Whether two lines share some of their width, one over the other."""
    return min(a.x1, b.x1) > max(a.x0, b.x0)


def reaches(line: Line, word: float, mates: list[Line]) -> bool:
    """Whether `line` had no room left for a word `word` wide: it reaches within that word (and a space) of the
    furthest any of `mates` of its size under or over it ends (`line` among them)."""
    right = max((m.x1 for m in mates if same_size(m, line) and overlap(m, line)), default=line.x1)
    return line.x1 + line.size / 2 + word > right


def page_boxes(layout: Any) -> list[Box]:
    """The text boxes of one page in reading order, each as one paragraph (wrapped lines joined)."""
    from pdfminer.layout import LTChar, LTCurve, LTTextContainer

    from askdocs.ingest.pdf_order import column_order
    from askdocs.ingest.pdf_tables import TableBlock, with_tables

    height = layout.height or 1
    out = []
    opens = False  # a column's opening box without text hands its mark to the next box
    rules = [(e.x0, e.x1, e.y0) for e in layout if isinstance(e, LTCurve) and e.y1 - e.y0 <= 2]
    texts = with_tables([e for e in layout if isinstance(e, LTTextContainer)], rules)
    for element, opening in column_order(texts, layout.width, rules):
        opens = opens or opening
        if isinstance(element, TableBlock):
            out += table_boxes(element, height)
            opens = False
            continue
        text = box_text(element.get_text())
        if not text:
            continue
        margin = element.y1 >= height * (1 - MARGIN) or element.y0 <= height * MARGIN
        sizes = [c.size for line in element for c in line if isinstance(c, LTChar)]
        size = sum(sizes) / len(sizes) if sizes else 0.0
        key = re.sub(r"\d+", "#", text.lower())
        out.append(Box(text, key, margin, size, len(sizes), printed_lines(element), opens_column=opens))
        opens = False
    return out


def table_boxes(block: Any, height: float) -> list[Box]:
    """A table's rows as boxes, one a row (see askdocs.ingest.pdf_table_rows.row_texts)."""
    from askdocs.ingest.pdf_table_rows import chars, row_texts

    out = []
    texts = [[box_text(cell.get_text()) if cell is not None else "" for cell in cells] for cells in block.rows]
    for cells, (text, label) in zip(block.rows, row_texts(texts, block.named), strict=True):
        if not text:
            continue
        boxes = [cell for cell in cells if cell is not None]
        margin = max(b.y1 for b in boxes) >= height * (1 - MARGIN) or min(b.y0 for b in boxes) <= height * MARGIN
        sizes = [c.size for b in boxes for c in chars(b)]
        size = sum(sizes) / len(sizes) if sizes else 0.0
        key = re.sub(r"\d+", "#", text.lower())
        out.append(Box(text, key, margin, size, len(sizes), row=True, label=label))
    return out


LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
"""Typeset ligatures as the letters they join ("ﬁ" is "fi"): a word set with one is no word the search or a
question knows ("ﬁle" is not "file"). LaTeX and groff set them."""


def box_text(raw: str) -> str:
    """One paragraph of a text box's (or some of its lines') text: wrapped lines joined, a word broken by a hyphen at
    a line end made whole, ligatures as their letters."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").translate(LIGATURES).strip()
    return " ".join(" ".join(_HYPHENATED.sub(r"\1", raw).split("\n")).split())


def printed_lines(box: Any) -> tuple[Line, ...]:
    """The horizontal lines of a text box with their geometry."""
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    out = []
    for line in box:
        if not isinstance(line, LTTextLineHorizontal):
            return ()
        chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
        if not chars:
            continue
        bases = Counter(round(c.matrix[5], 1) if c.upright else round(line.y0, 1) for c in chars)
        first: list[Any] = []
        for item in line:
            if item.get_text().strip():
                if isinstance(item, LTChar):
                    first.append(item)
            elif first:
                break
        word = first[-1].x1 - first[0].x0 if first else 0.0
        size = sum(c.size for c in chars) / len(chars)
        fonts = (chars[0].fontname, chars[-1].fontname, Counter(c.fontname for c in chars).most_common(1)[0][0])
        base = bases.most_common(1)[0][0]
        out.append(Line(chars[0].x0, chars[-1].x1, base, size, word, fonts, len(chars), line.get_text()))
    return tuple(out)


def part_of(box: Box, lines: list[Line]) -> Box:
    """Some lines of `box` as a box of their own, opening a column when `box` does and they start with its first."""
    text = box_text("".join(line.raw for line in lines))
    chars = sum(line.chars for line in lines)
    size = sum(line.size * line.chars for line in lines) / chars if chars else box.size
    opens = box.opens_column and bool(lines) and bool(box.lines) and lines[0] is box.lines[0]
    return Box(text, re.sub(r"\d+", "#", text.lower()), box.margin, size, chars, tuple(lines), opens_column=opens)
