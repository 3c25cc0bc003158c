"""Headings a PDF sets in capitals in its body's size (a man page's "BUGS", "SEE ALSO"): told from the paragraph
pdfminer.six put them in or from the text around them by their form and place, not their size."""

from __future__ import annotations

from dataclasses import replace

from askdocs.ingest.pdf_boxes import ENDS_SENTENCE, Box, Line, box_text, part_of

_CAPS_HEADING_CHARS, _CAPS_HEADING_WORDS = 40, 5
"""The longest line of capitals taken for a heading ("SEE ALSO", "REPORTING BUGS"), in characters and words."""


def _is_caps_heading(text: str) -> bool:
    """A short line of capitals not ending like a sentence ("BUGS", "SEE ALSO", "2. RESULTS"): a section heading
    when it stands alone above a paragraph, as a man page's are, set in the body's size and often its font."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and len(text) <= _CAPS_HEADING_CHARS
        and len(text.split()) <= _CAPS_HEADING_WORDS
        and text[-1] not in ".,;!?"
    )


def _prose(box: Box) -> bool:
    """Whether a box reads as text, not as another heading or a label: it holds small letters."""
    return any(c.islower() for c in box.text)


def caps_headings(boxes: list[Box]) -> list[Box]:
    """A page's boxes with each short line of capitals (see _is_caps_heading) that stands above a paragraph made a
    heading of its own: a man page's section, neither a sentence of its own nor, when pdfminer put a heading set in
    the body size in one box with its text, the first words of its first sentence ("BUGS The compressed file ...").
    Not the first words of a paragraph ("THE UN AND NATO" / "agreed on Tuesday to ...") nor a word a sentence runs
    into and on from ("read the label marked" / "WARNING" / "on the side"): the text before it, if any, ends a
    sentence or stands a paragraph gap above it, and the text after it opens capitalised or is set in another
    font (a man page's bold "NAME" above "gzip, gunzip, zcat - ...")."""
    out: list[Box] = []
    for i, box in enumerate(boxes):
        before = out[-1] if out else None
        if box.row:
            out.append(box)
            continue
        if len(box.lines) >= 2 and _is_caps_heading(box_text(box.lines[0].raw)):
            head, rest = part_of(box, [box.lines[0]]), part_of(box, list(box.lines[1:]))
            if rest.text and _heads(before, head, rest):
                out += [replace(head, heading=True), rest]
                continue
        elif (
            i + 1 < len(boxes)
            and len(box.lines) <= 1
            and _is_caps_heading(box.text)
            and _heads(before, box, boxes[i + 1])
        ):
            box = replace(box, heading=True)
        out.append(box)
    return out


def _heads(before: Box | None, box: Box, after: Box) -> bool:
    """Whether a line of capitals `box` heads the text `after` it (see caps_headings). One set in the body's font and
    margin heads it only when it is no field ("REF: CLAIM 12345") and what follows holds a sentence: a name over a
    signature's or an address's lines ("JANE DOE" / "Claims Manager") is part of them."""
    apart = bool(box.lines) and _set_apart(box.lines[0], after)
    if not _prose(after) or (_opens_small(after) and not apart):
        return False
    if not apart and (":" in box.text.strip().rstrip(":") or not ENDS_SENTENCE.search(after.text)):
        return False
    return before is None or before.heading or bool(ENDS_SENTENCE.search(before.text)) or _gap_above(before, box)


def _set_apart(line: Line, after: Box) -> bool:
    """Whether a line of capitals is set apart from the text after it: in another font (a man page's bold "NAME"
    above "gzip, gunzip, zcat - ..."), or starting left of it (a man page printed in one font, its body indented):
    a heading, even above a paragraph that opens in small letters."""
    if not after.lines:
        return False
    first = after.lines[0]
    return line.fonts[2] != first.fonts[2] or line.x0 < first.x0 - _INDENT * first.size


def _opens_small(box: Box) -> bool:
    """Whether a box's first character is a small letter: it goes on with a sentence, it does not open one (one
    opening on a year, a sum or a dash does not tell)."""
    return box.text.lstrip()[:1].islower()


_INDENT = 1.0
"""How far left of the text after it, in that text's size, a line of capitals starts to be set out as a heading."""


def _gap_above(before: Box, box: Box) -> bool:
    """Whether more than a line and a half of its size stands between `before`'s last printed line and `box`'s
    first: a paragraph gap, not the pitch of the lines of one paragraph."""
    if not before.lines or not box.lines:
        return False
    line = box.lines[0]
    return before.lines[-1].base - line.base > _PARAGRAPH_GAP * line.size


_PARAGRAPH_GAP = 1.6
"""Baseline distance, in a line's size, past which two lines are in paragraphs apart: lines are set at 1.2 or so."""
