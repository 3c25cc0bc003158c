"""Word tables whose rows, cells or cell paragraphs sit inside content controls or custom XML (a form's filled-in
values), made plain for python-docx, which reads only a table's own rows and a row's own cells."""

from __future__ import annotations

from typing import Any


def placeholder(control: Any) -> bool:
    """Whether a content control (w:sdt) still shows its placeholder text, not the document's."""
    from docx.oxml.ns import qn

    return control.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None


def lift_rows_and_cells(body: Any) -> None:
    """Take the rows, cells and cell paragraphs out of the content controls and custom XML around them (w:tbl >
    w:sdt > w:tr, w:tr > w:sdt > w:tc, w:tc > w:sdt > w:p: a form's filled-in values), in place and in order, for
    python-docx's rows and cells see only their own children; rows in a control showing its placeholder are left
    out, cells and paragraphs in one kept (the table's grid holds) without their text."""
    from docx.oxml.ns import qn

    control, custom, content, run, props, table = (
        qn(f"w:{tag}") for tag in ("sdt", "customXml", "sdtContent", "r", "customXmlPr", "tbl")
    )
    for element in list(body.iter(table, qn("w:tr"), qn("w:tc"))):
        wrapped = [child for child in element if child.tag in (control, custom)]
        while wrapped:
            wrapper = wrapped.pop(0)
            inner = wrapper.find(content) if wrapper.tag == control else wrapper
            lifted = [child for child in (inner if inner is not None else []) if child.tag != props]
            if wrapper.tag == control and placeholder(wrapper) and element.tag == table:
                lifted = []  # whole rows of placeholder text: left out
            elif wrapper.tag == control and placeholder(wrapper):
                for text in [r for child in lifted for r in child.iter(run)]:
                    text.getparent().remove(text)
            for child in lifted:
                wrapper.addprevious(child)
            element.remove(wrapper)
            wrapped = [child for child in lifted if child.tag in (control, custom)] + wrapped
