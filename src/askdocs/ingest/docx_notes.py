"""A Word file's footnotes and endnotes, read after the body, each note under a heading of its own ("§ Footnote 2
¶1"), numbered as the page shows them."""

from __future__ import annotations

from typing import Any

from askdocs.ingest.layout import TextBuilder

NOTES = (("footnotes", "footnote", "Footnote"), ("endnotes", "endnote", "Endnote"))
"""The notes read after the body: the relationship naming the part, its notes' element, and the heading each note
is indexed under with its number, which its citations name ("§ Footnote 2 ¶1"; a heading is never cited)."""
_NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
"""Notes of these types are the rule above the notes and its continuation across pages, never text."""


def read_notes(builder: TextBuilder, document: Any) -> None:
    """Each note of the body's footnotes and endnotes parts, paragraph by paragraph, under a heading of its own
    ("Footnote 2": its number as the page shows it, by the order the body refers to the notes), as the notes stand
    apart from the body on the page; a note without text adds nothing. The parts are read as the body is
    (python-docx's parser, no entities), and were counted in the zip-bomb limits."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from askdocs.ingest.docx_text import paragraph_text, shown

    for kind, element, heading in NOTES:
        reltype = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"
        part = next(
            (r.target_part for r in document.part.rels.values() if r.reltype == reltype and not r.is_external), None
        )
        if part is None:
            continue
        root = part.element if hasattr(part, "element") else parse_xml(part.blob)
        notes = [note for note in root.iterchildren(qn(f"w:{element}")) if note.get(qn("w:type")) not in _NOT_NOTES]
        order = _referred(document, qn(f"w:{element}Reference"))
        notes.sort(key=lambda note: order.get(note.get(qn("w:id"), ""), len(order)))  # stable: others in file order
        for number, note in enumerate(notes, start=1):
            texts = [paragraph_text(Paragraph(p, None)) for p in note.iter(qn("w:p")) if shown(p, note)]
            if any(text.strip() for text in texts):
                builder.heading(f"{heading} {number}")
                for text in texts:
                    builder.paragraph(text)


def _referred(document: Any, tag: str) -> dict[str, int]:
    """The ids of the notes the body refers to (`tag`: w:footnoteReference), each with its place in that order."""
    from docx.oxml.ns import qn

    order: dict[str, int] = {}
    for reference in document.element.body.iter(tag):
        order.setdefault(reference.get(qn("w:id"), ""), len(order))
    return order
