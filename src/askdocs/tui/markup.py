"""Pure text for the chat's widgets: answers as Markdown with clickable [n] markers, one-line source labels."""

from __future__ import annotations

import re

from askdocs.answering import Answer, Citation
from askdocs.retrieval import Hit
from askdocs.text.safe import clean, name
from askdocs.tui.backend import SourceRef

CITE_SCHEME = "cite:"
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
_MARKER = re.compile(r"\\\[(\d+)\\\]")


def escape(text: str) -> str:
    """Backslash every Markdown punctuation mark so document text renders exactly as written."""
    return _SPECIAL.sub(r"\\\1", text)


def snippet(text: str, width: int = 100) -> str:
    """One line of at most `width` characters, without escape sequences or controls."""
    flat = " ".join(clean(text, lines=False).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def answer_markdown(answer: Answer) -> str:
    """The answer's text with each [n] turned into a link that opens citation n; a leading short answer in bold."""
    paragraphs = [_MARKER.sub(_link, escape(p.strip())) for p in clean(answer.text).split("\n\n") if p.strip()]
    if answer.found and answer.short and answer.short.strip() and len(paragraphs) > 1:
        paragraphs[0] = f"**{paragraphs[0]}**"
    return "\n\n".join(paragraphs)


def _link(match: re.Match[str]) -> str:
    return f"[\\[{match[1]}\\]]({CITE_SCHEME}{match[1]})"


def rewritten(answer: Answer) -> str | None:
    """The question as the core searched it, when it differs from what was typed."""
    value = clean(answer.rewritten, lines=False) if answer.rewritten else None
    if value and value.strip() and value.strip() != answer.question.strip():
        return value.strip()
    return None


def citation_ref(citation: Citation) -> SourceRef:
    flag = "" if citation.status == "ok" else f"  ({citation.status} since indexed)"
    label = f'[{citation.n}] {name(citation.path)}:{citation.line}  "{snippet(citation.quote, 90)}"{flag}'
    return SourceRef(citation.path, citation.start, citation.end, citation.line, label, citation.status)


def hit_ref(hit: Hit, shown_path: str) -> SourceRef:
    """A retrieved passage: where it is, its fused score and cosine similarity, and how it begins."""
    p = hit.passage
    dense = "" if hit.dense_score is None else f"  cosine {hit.dense_score:.2f}"
    label = f"{hit.rank}. {name(shown_path)}:{p.line}  score {hit.score:.4f}{dense}\n   {snippet(p.text, 90)}"
    return SourceRef(p.path, p.start, p.end, p.line, label)


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def answer_plain(answer: Answer) -> str:
    """The answer as plain text with its sources listed, for the clipboard."""
    lines = [clean(answer.text)]
    if answer.found:
        lines += ["", "Sources:"]
        lines += [f'[{c.n}] {name(c.path)}:{c.line} "{clean(c.quote, lines=False)}"' for c in answer.citations]
    return "\n".join(lines)
