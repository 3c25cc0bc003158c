"""PDF files: text page by page through pdfminer.six, whose layout analysis keeps columns apart (see docs/formats.md
for the comparison that chose it). Lines are joined into paragraphs, running headers and footers repeated on most
pages are dropped, and the offset where each page starts is kept so citations give the page."""

from __future__ import annotations

import bisect
import io
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UnreadableDocument
from askdocs.ingest.layout import Layout, TextBuilder
from askdocs.ingest.man_page import printed_man_page
from askdocs.ingest.pdf_boxes import ENDS_SENTENCE, Box, Line, overlap, page_boxes, part_of, reaches, same_size
from askdocs.ingest.pdf_caps import caps_headings
from askdocs.ingest.pdf_probe import ENCRYPTED, NO_PAGES, NO_TEXT_LAYER

_SENTENCE_END = re.compile(r"\w[.!?]['\"’”)\]]*(?:\s+(?![.])|$)")
"""A sentence's end inside a paragraph (not an index's dot leaders, "asn1_der. . . . 18")."""
_HEADING_SCALE = 1.15
_HEADING_CHARS = 120
_PITCH_TOLERANCE = 0.1
"""How far (a share of the line pitch) the distance between two lines may be from the pitch for them to be lines of
one paragraph; a paragraph gap of a blank line, or even a few points, is more."""


@dataclass(frozen=True)
class PdfText:
    """The extracted text, its layout (page starts), title and author as recorded, and pages without text (the
    creation date is not taken as a publication date: it is usually when the file was exported)."""

    text: str
    layout: Layout
    title: str | None
    author: str | None
    empty_pages: tuple[int, ...]
    heading: str | None = None
    """The largest heading of the first page with text: the title a reader sees there, when none is recorded (a
    small line above it, a journal's name or a report number, is no title)."""
    man_title: str | None = None
    """The NAME section of a man page printed to PDF ("cp - copy files and directories"): its title, unless a title
    other than the page's name is recorded."""
    man_page: str | None = None
    """That man page's name ("cp")."""


def read_pdf(data: bytes, path: Path) -> PdfText:
    """Text of every page; UnreadableDocument (one line, naming the file) for an encrypted, damaged or scanned PDF."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about odd fonts are not the user's concern
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        sides = []
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            result = device.get_result()
            pages.append(page_boxes(result))
            sides.append((result.x0, result.x1))
        info = document.info[0] if document.info else {}
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(f"{path}: {ENCRYPTED}, skipped") from None
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file; every one means "skip it"
        raise UnreadableDocument.damaged(path, "PDF", exc) from None
    if not pages:
        raise UnreadableDocument(f"{path}: {NO_PAGES}, skipped")
    builder = TextBuilder("pdf")
    running = _running_lines(pages)
    body = _body_size(pages)
    kept = [
        caps_headings([part for box in boxes if not _is_running(box, running) for part in _split_headings(box, body)])
        for boxes in pages
    ]
    gaps = [_line_gaps(boxes, body) for boxes in kept]
    document_pitch = _pitch([gap for page in gaps for gap in page])
    empty = []
    heading: str | None = None
    titled = False
    last: Box | None = None  # the previous page's last paragraph, when nothing came after it
    flows = [
        _join_columns(_join_wrapped(boxes, body, _pitch(gaps[n]) or document_pitch, sides[n]), body)
        for n, boxes in enumerate(kept)
    ]
    for number, joined in enumerate(flows, start=1):
        builder.new_page()
        if number < len(flows) and flows[number]:
            joined = _aside_first(joined, flows[number][0], body)
        if joined and not titled:  # the first page with text
            heading, titled = _largest_heading(joined, body), True
        for i, box in enumerate(joined):
            if _is_heading(box, body):
                builder.heading(box.text)
            elif i == 0 and last is not None and _runs_on(last, box):
                builder.run_on(box.text)
            else:
                builder.paragraph(box.text, label=box.label)
        last = joined[-1] if joined and not _is_heading(joined[-1], body) else None
        if not pages[number - 1]:
            empty.append(number)
    text = builder.text()
    if not text.strip():
        raise UnreadableDocument(f"{path}: {NO_TEXT_LAYER}, skipped")
    first = next((boxes for boxes in pages if boxes), [])
    name, named = printed_man_page([(box.text, box.margin) for box in first]) or (None, None)
    title, author = _info(info, "Title"), _info(info, "Author")
    return PdfText(text, builder.layout(), title, author, tuple(empty), heading, named, name)


def _line_gaps(boxes: list[Box], body: float) -> list[float]:
    """The baseline-to-baseline distances between each line of body text on a page and the next line below it in
    reading order (inside a text box or the first line of the next one), in the same column: the line pitch and,
    less often, paragraph gaps."""
    out = []
    previous: Line | None = None
    for box in boxes:
        if _is_heading(box, body) or not box.lines:
            previous = None
            continue
        for line in box.lines:
            if previous is not None and same_size(previous, line) and overlap(previous, line):
                gap = previous.base - line.base
                if 0 < gap <= 3 * line.size:
                    out.append(gap)
            previous = line
    return out


def _pitch(gaps: list[float]) -> float | None:
    """The line pitch: the distance most lines are from the next (the smaller on a tie, a paragraph gap being the
    larger), when at least two pairs of lines agree on it."""
    ordered = sorted(gaps)
    best = (0, 0)
    for gap in ordered:
        near = (
            bisect.bisect_left(ordered, gap * (1 - _PITCH_TOLERANCE)),
            bisect.bisect_right(ordered, gap * (1 + _PITCH_TOLERANCE)),
        )
        if near[1] - near[0] > best[1] - best[0]:
            best = near
    if best[1] - best[0] < 2:
        return None
    return ordered[(best[0] + best[1]) // 2]


def _join_wrapped(boxes: list[Box], body: float, pitch: float | None, sides: tuple[float, float]) -> list[Box]:
    """The page's text boxes with a box joined to the one before when its first line is that box's last line
    wrapped: pdfminer puts lines more than half a line height apart in separate boxes, so body text set one and a
    half or double spaced comes one box per line. A line continues the one above when it is one line pitch below it
    (the page's own; a larger gap is a paragraph break), in the same column and size, set in the same font (or
    starting in the font the line above ends in), not indented from the column's left edge (an indented first line
    starts a paragraph), and the line above had no room left for its first word (a short line ends a paragraph)."""
    if pitch is None:
        return boxes
    return _join_when(
        boxes, body, lambda last, box, mates: _continues(last.lines[-1], box.lines[0], pitch, mates, sides)
    )


def _join_when(boxes: list[Box], body: float, goes_on: Callable[[Box, Box, list[Line]], bool]) -> list[Box]:
    """The page's boxes with each joined to the one before when neither is a heading and `goes_on` (the box
    before, the box, the lines of the page's text) says it is the rest of its paragraph."""
    mates = [line for box in boxes if not _is_heading(box, body) for line in box.lines]
    out: list[Box] = []
    for box in boxes:
        last = out[-1] if out else None
        if (
            last is not None
            and last.lines
            and box.lines
            and not _is_heading(last, body)
            and not _is_heading(box, body)
            and goes_on(last, box, mates)
        ):
            out[-1] = _joined(last, box)
        else:
            out.append(box)
    return out


def _continues(above: Line, line: Line, pitch: float, mates: list[Line], sides: tuple[float, float]) -> bool:
    """Whether `line` is the next line of the paragraph `above` is the last line of (see _join_wrapped)."""
    if not (same_size(above, line) and overlap(above, line)):
        return False
    if above.fonts[2] != line.fonts[2] and above.fonts[1] != line.fonts[0]:
        return False
    if abs(above.base - line.base - pitch) > _PITCH_TOLERANCE * pitch:
        return False
    column = [m for m in mates if same_size(m, line) and overlap(m, line)]
    left = min(m.x0 for m in column)
    right = _right_edge(column, left, sides)
    if line.x0 > left + line.size / 2:
        return False
    return above.x1 + line.size / 2 + line.word > right


def _right_edge(column: list[Line], left: float, sides: tuple[float, float]) -> float:
    """Where the lines of a column end when full: where they end when they are justified (three or more end together
    at the right), else as far from the page's right side as the column starts from its left side, or further when a
    line ends beyond that (the longest line alone is no measure: on a page of short lines it would look full)."""
    ends = sorted((m.x1 for m in column), reverse=True)
    if len(ends) >= 3 and ends[0] - ends[2] <= 1:
        return ends[0]
    return max(ends[0], sides[1] - (left - sides[0]))


def _joined(first: Box, second: Box) -> Box:
    """Two boxes as one paragraph; a word hyphenated across the line end is joined as inside a box."""
    if re.search(r"\w-$", first.text) and second.text[:1].islower():
        text = first.text[:-1] + second.text
    else:
        text = f"{first.text} {second.text}"
    chars = first.chars + second.chars
    size = (first.size * first.chars + second.size * second.chars) / chars if chars else first.size
    key = re.sub(r"\d+", "#", text.lower())
    lines = first.lines + second.lines
    return Box(text, key, first.margin and second.margin, size, chars, lines, opens_column=first.opens_column)


def _join_columns(boxes: list[Box], body: float) -> list[Box]:
    """The page's boxes with a paragraph that a column break cuts in two made whole: a box that opens a column of a
    run the page's reading order found (see pdf_order.column_order: a pull quote or a side box beside the text opens
    none), starting right of the box before and higher up the page, joined to it when it is the rest of its sentence
    (see _runs_on), as a sentence going on over a page break is, and the line above had no room left for its
    first word (a short line, as in a list of options beside their meanings, ends its paragraph), and the two
    hold a sentence's end (a table's columns, or an index's, are no sentences)."""

    def goes_on(last: Box, box: Box, mates: list[Line]) -> bool:
        return bool(
            box.opens_column
            and box.lines[0].x0 >= last.lines[-1].x1
            and box.lines[0].base > last.lines[-1].base
            and _runs_on(last, box)
            and _full(last.lines[-1], box.lines[0], mates)
            and _SENTENCE_END.search(f"{last.text} {box.text}")
        )

    return _join_when(boxes, body, goes_on)


def _full(line: Line, after: Line, mates: list[Line]) -> bool:
    """Whether `line` had no room left for the first word of `after`: it reaches within that word (and a space) of
    the right edge of its column, the furthest any line of its size under or over it ends short of `after` (a
    line across the page above the columns is not one of them)."""
    return reaches(line, after.word, [m for m in mates if m.x1 <= after.x0])


def _aside_first(boxes: list[Box], after: Box, body: float) -> list[Box]:
    """The page's boxes with its last box moved before the paragraph before it when it is set beside that paragraph
    (right of its lines, from above its last line: a pull quote or a side note opening no column), ends its own
    paragraph, and the paragraph is cut mid-sentence by the page break, going on in `after`, the next page's first
    box: the sentence is whole again and the aside is not run on into the next page's text."""
    if len(boxes) < 2:
        return boxes
    before, last = boxes[-2], boxes[-1]
    if not (before.lines and last.lines and after.lines) or last.opens_column:
        return boxes
    if _is_heading(before, body) or _is_heading(last, body):
        return boxes
    beside = min(line.x0 for line in last.lines) >= max(line.x1 for line in before.lines)
    beside = beside and last.lines[0].base > before.lines[-1].base
    beside = beside and last.lines[-1].base < before.lines[0].base + before.lines[0].size
    if not beside or not _runs_on(before, after):
        return boxes
    mates = [line for box in boxes if not _is_heading(box, body) for line in box.lines]
    word = after.lines[0].word
    if reaches(last.lines[-1], word, mates) and _runs_on(last, after) or not reaches(before.lines[-1], word, mates):
        return boxes
    return [*boxes[:-2], last, before]


def _runs_on(last: Box, first: Box) -> bool:
    """Whether `first`, a page's first paragraph, is the rest of `last`, the previous page's last one: a sentence
    broken by the page break. `last` ends in no mark that ends a sentence, `first` starts with a small letter, and
    both are set in one size (a footnote or a page number between them is no continuation). A box of fewer than
    two letters (a page number no footer rule caught, as in a two-page file) is never run on."""
    if sum(c.isalpha() for c in last.text) < 2 or last.row or first.row:
        return False
    sized = not (last.lines and first.lines) or same_size(last.lines[-1], first.lines[0])
    return sized and not ENDS_SENTENCE.search(last.text) and first.text[:1].islower()


def _body_size(pages: list[list[Box]]) -> float:
    """The font size most of the document's characters are set in, counted line by line (a box holding a heading and
    its paragraph has a mean size that no text is set in)."""
    sizes: Counter[float] = Counter()
    for boxes in pages:
        for box in boxes:
            for line in box.lines:
                sizes[round(line.size, 1)] += line.chars
            if not box.lines:
                sizes[round(box.size, 1)] += box.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _split_headings(box: Box, body: float) -> list[Box]:
    """`box` as a heading and paragraphs when pdfminer put a heading in one text box with the text around it (it
    groups lines by distance, not size): a run of lines set larger than the body text that makes a heading by itself
    (see _is_heading) and holds two letters or more (a drop cap is no heading) becomes its own box; else `box`."""
    large = [body > 0 and line.size >= body * _HEADING_SCALE for line in box.lines]
    if all(large) or not any(large):
        return [box]
    runs: list[list[Line]] = []
    for i, line in enumerate(box.lines):
        if i and large[i] == large[i - 1]:
            runs[-1].append(line)
        else:
            runs.append([line])
    out: list[Box] = []
    merge = False
    for run in runs:
        part = part_of(box, run)
        heading = _is_heading(part, body) and sum(c.isalpha() for c in part.text) >= 2
        if merge and not heading:
            out[-1] = part_of(box, list(out[-1].lines) + run)
        else:
            out.append(part)
        merge = not heading
    return [part for part in out if part.text]


def _is_heading(box: Box, body: float) -> bool:
    """A short line set clearly larger than the body text, not ending like a sentence: a section heading. A question
    of one or two printed lines ("What changed?") is one too; so is a short line of capitals above a paragraph."""
    return not box.row and (box.heading or _sized_heading(box, body))


def _sized_heading(box: Box, body: float) -> bool:
    """A heading by its size (see _is_heading)."""
    return (
        body > 0
        and box.size >= body * _HEADING_SCALE
        and len(box.text) <= _HEADING_CHARS
        and (box.text[-1] not in ".,;!?" or (box.text[-1] == "?" and len(box.lines) <= 2))
    )


def _largest_heading(boxes: list[Box], body: float) -> str | None:
    """The text of the heading set largest among `boxes` (the first of equals), if any holds two letters or more."""
    headings = [b for b in boxes if not b.row and _sized_heading(b, body) and sum(c.isalpha() for c in b.text) >= 2]
    return max(headings, key=lambda b: b.size).text if headings else None


def _running_lines(pages: list[list[Box]]) -> dict[str, float]:
    """Texts in the page margins that repeat on at least half of the pages (and at least 3), headers and footers,
    with the font size they are mostly set in."""
    if len(pages) < 3:
        return {}
    seen = Counter(key for boxes in pages for key in {b.key for b in boxes if b.margin})
    running = {key for key, n in seen.items() if n >= max(3, len(pages) / 2)}
    sizes: dict[str, Counter[float]] = {}
    for box in (b for boxes in pages for b in boxes if b.margin and b.key in running):
        sizes.setdefault(box.key, Counter())[round(box.size, 1)] += 1
    return {key: counted.most_common(1)[0][0] for key, counted in sizes.items()}


def _is_running(box: Box, running: dict[str, float]) -> bool:
    """Whether `box` is a running header or footer: in a page margin, with the words and about the size of one (the
    title on page 1 that a running footer repeats in small type is not one)."""
    size = running.get(box.key)
    return box.margin and size is not None and abs(box.size - size) <= 0.1 * max(box.size, size)


def _info(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    if value is None:
        return None
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        value = decode_text(value)
    text = " ".join(str(value).split())
    return text or None
