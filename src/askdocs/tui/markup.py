"""Pure text for the chat's widgets: answers as Markdown with clickable [n] markers, one-line source labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from askdocs.answering import Answer, Citation
from askdocs.retrieval import Hit
from askdocs.store.records import Passage
from askdocs.text.excerpt import Preview, flattened, from_start
from askdocs.text.safe import clean, flat, name
from askdocs.transcript import located, place
from askdocs.tui.sources import SourceRef

CITE_SCHEME = "cite:"
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
_MARKER = re.compile(r"\\\[(\d+)\\\]")


def escape(text: str) -> str:
    """Backslash every Markdown punctuation mark so document text renders exactly as written."""
    return _SPECIAL.sub(r"\\\1", text)


def snippet(text: str, width: int = 100) -> str:
    """One line of at most `width` characters, without escape sequences or controls, the text's lines kept apart
    (see flattened)."""
    flat = flattened(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def answer_markdown(answer: Answer) -> str:
    """The answer's text with each [n] turned into a link that opens citation n, each cited sentence on a line of its
    own (a hard line break, as `ask` prints it); a leading short answer in bold."""
    paragraphs = [
        _MARKER.sub(_link, escape(p.strip())).replace("\n", "\\\n")
        for p in clean(answer.by_sentence()).split("\n\n")
        if p.strip()
    ]
    if answer.found and answer.short and answer.short.strip() and len(paragraphs) > 1:
        paragraphs[0] = f"**{paragraphs[0]}**"
    return "\n\n".join(paragraphs)


def _link(match: re.Match[str]) -> str:
    return f"[\\[{match[1]}\\]]({CITE_SCHEME}{match[1]})"


def rewritten(answer: Answer) -> str | None:
    """The question as the core searched it, when it differs from what was typed, without controls."""
    value = clean(answer.searched_as, lines=False).strip() if answer.searched_as else ""
    return value or None


def citation_ref(citation: Citation, *, first_of_document: bool = True) -> SourceRef:
    """A citation's entry: its number, where in the document, the quote; the first of a document names it above."""
    flag = "" if citation.status == "ok" else f"  ({citation.status} since indexed)"
    label = f'[{citation.n}] {spot(citation)}  "{snippet(citation.quote, 90)}"{flag}'
    if first_of_document:
        label = f"{name(citation.path)}\n{label}"
    return SourceRef(
        citation.path,
        citation.start,
        citation.end,
        citation.line,
        label,
        citation.status,
        citation.where,
        citation.column,
    )


def spot(citation: Citation) -> str:
    """Where in its document a citation points, the document being named above it: "line 12", "p.3", "§ Budget"."""
    where = citation.where
    if citation.line is not None and (not where or where.startswith("line ")):
        return f"line {citation.line}" + (
            f", column {citation.column}" if citation.column and citation.column > 1 else ""
        )
    return snippet(where, 60)


def citation_refs(citations: Sequence[Citation]) -> list[SourceRef]:
    """Citations by document: each document once, at its first citation, with its other citations under it."""
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(citation.path, []).append(citation)
    return [citation_ref(c, first_of_document=i == 0) for group in groups.values() for i, c in enumerate(group)]


def hit_ref(hit: Hit, shown_path: str, shown: Preview | None = None) -> SourceRef:
    """A retrieved passage with its fused score and cosine similarity, for the passages view (ctrl+t); its label
    opens at the `shown` preview's sentence when there is one."""
    p = hit.passage
    dense = "  keywords only" if hit.dense_score is None else f"  cosine {hit.dense_score:.2f}"
    shown = shown or from_start(p.text, p.start, p.line)
    where = located(shown_path, shown.line, shown.where or p.where, shown.column)
    label = f"{hit.rank}. {where}  score {hit.score:.4f}{dense}\n   {snippet(shown.text, 90)}"
    return _opened_at(p, shown, label)


def _opened_at(passage: Passage, shown: Preview, label: str) -> SourceRef:
    """A passage to open where its preview starts (its best sentence, or its first words), as its label names it."""
    where = shown.where or passage.where
    return SourceRef(passage.path, shown.start, shown.end, shown.line, label, where=where, column=shown.column)


def related_refs(
    hits: Sequence[Hit], shown_path: Callable[[str], str], limit: int, previews: Mapping[int, Preview] | None = None
) -> list[SourceRef]:
    """The closest passages of a refusal, no scores: each document once, at its best passage, opened at the
    sentence its preview names (by passage id) when there is one."""
    refs: list[SourceRef] = []
    seen: set[str] = set()
    for hit in hits:
        p = hit.passage
        if p.path in seen:
            continue
        seen.add(p.path)
        shown = (previews or {}).get(p.id) or from_start(p.text, p.start, p.line)
        where = located(shown_path(p.path), shown.line, shown.where or p.where, shown.column)
        label = f"{where}\n   {snippet(shown.text, 90)}"
        refs.append(_opened_at(p, shown, label))
        if len(refs) == limit:
            break
    return refs


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def answer_plain(answer: Answer) -> str:
    """The answer as plain text with its sources listed, for the clipboard."""
    lines = [clean(answer.by_sentence())]
    if answer.found:
        lines += ["", "Sources:"]
        lines += [f'[{c.n}] {place(c)} "{flat(c.quote)}"' for c in answer.citations]
    else:
        lines += [f"({clean(reason, lines=False)})" for reason in answer.reasons]
    return "\n".join(lines)
