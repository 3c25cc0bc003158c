"""The text of a Word paragraph as the page shows it (tracked changes accepted, no placeholder, fallback copy or
ruby reading), and whether an element inside a part is shown at all: shared by the body's, the notes' and the page
headers' readers."""

from __future__ import annotations

from typing import Any

from askdocs.ingest.docx_forms import placeholder as _placeholder

_REMOVED = ("w:del", "w:moveFrom", "w:rt", "mc:Fallback")
"""Runs that are no text of the page: tracked changes taken out ("church roof" struck through), a ruby's reading
above its characters, and the fallback copy of content Word also gives in a newer form (both hold the runs)."""


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as it reads with its tracked changes accepted: the runs inserted ("w:ins", "w:moveTo"),
    in hyperlinks, fields and content controls count, those deleted or moved away do not, nor a ruby's reading, a
    fallback copy, or a content control's placeholder ("Click or tap here to enter text."); python-docx's own text
    leaves insertions out ("raise money for the ." where "children's playground" was typed with changes on). A
    paragraph inside a text box is not part of this one (see askdocs.ingest.docx._text_boxes). A field's instruction
    shows nothing, a field inside it neither ({IF {DOCPROPERTY Status} = "Draft" "DRAFT" ""} reads "DRAFT")."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    own = paragraph._p
    removed = {clark(tag) for tag in _REMOVED}
    nested, control = qn("w:p"), qn("w:sdt")
    out = []
    fields: list[bool] = []  # per field open, whether its result is being read (not its instruction)
    for run in own.iter(qn("w:r")):
        parent = run.getparent()
        while parent is not None and parent is not own and parent.tag not in removed and parent.tag != nested:
            if parent.tag == control and _placeholder(parent):
                break
            parent = parent.getparent()
        if parent is not own:
            continue
        for mark in run.iterchildren(qn("w:fldChar")):
            kind = mark.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        if all(fields):
            out.append(Run(run, paragraph).text)
    return "".join(out)


def shown(element: Any, top: Any, apart: frozenset[str] = frozenset()) -> bool:
    """Whether `element` inside `top` is content of it the page shows: under no fallback copy nor text deleted or
    moved away with changes on, nor a content control showing its placeholder, nor an element of a tag in `apart`."""
    removed = {clark(tag) for tag in ("w:del", "w:moveFrom", "mc:Fallback")} | apart
    control = clark("w:sdt")
    parent = element.getparent()
    while parent is not None and parent is not top and parent.tag not in removed:
        if parent.tag == control and _placeholder(parent):
            return False
        parent = parent.getparent()
    return parent is top


def clark(tag: str) -> str:
    """A prefixed tag ("w:del", "mc:Fallback") in lxml's {namespace}name form."""
    from docx.oxml.ns import qn

    if tag.startswith("mc:"):
        return "{http://schemas.openxmlformats.org/markup-compatibility/2006}" + tag[3:]
    return qn(tag)
