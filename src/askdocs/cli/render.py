"""Plain-text and JSON renderings of answers, hits and index facts, shared by the subcommands."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from askdocs.ingest.documents import display_path
from askdocs.text.safe import clean, name

if TYPE_CHECKING:  # the answer machinery is imported by the commands that answer, not by `status`
    from askdocs.answering import Answer
    from askdocs.retrieval import Hit
    from askdocs.store.records import IndexInfo


def say(text: str, *, err: bool = False) -> None:
    """Print human-facing text with every escape sequence and control character but newline and tab removed."""
    click.echo(clean(text), err=err)


def snippet(text: str, width: int = 160) -> str:
    """One line of at most `width` characters, safe for a terminal."""
    flat = " ".join(clean(text, lines=False).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def hit_line(hit: Hit, corpus: Any) -> str:
    p = hit.passage
    dense = "" if hit.dense_score is None else f" cos={hit.dense_score:.2f}"
    where = name(display_path(corpus, p.path))
    return f"{hit.rank}. {where}:{p.line} (score {hit.score:.4f}{dense})\n   {snippet(p.text)}"


def answer_text(answer: Answer, corpus: Any) -> str:
    """The answer, then its sources, or the not-found sentence and related passages clearly labelled."""
    lines = [f"(read as: {clean(answer.rewritten, lines=False)})", ""] if answer.rewritten else []
    lines.append(clean(answer.text))
    if answer.found:
        lines += ["", "Sources:"]
        for c in answer.citations:
            flag = "" if c.status == "ok" else f"  ({c.status} since indexed)"
            lines.append(f'[{c.n}] {name(c.path)}:{c.line} "{clean(c.quote, lines=False)}"{flag}')
        lines += [f"note: {clean(n, lines=False)}" for n in answer.notes]
        lines += [f"unsupported (cites no evidence): {clean(u, lines=False)}" for u in answer.unsupported]
        return "\n".join(lines)
    lines += [f"({clean(r, lines=False)})" for r in answer.reasons]
    related = answer.related or answer.hits
    if related:
        lines += ["", "Related passages (they do not answer the question):"]
        lines += [hit_line(h, corpus) for h in related[:3]]
    return "\n".join(lines)


def _passages(hits: tuple[Hit, ...], corpus: Any) -> list[dict[str, Any]]:
    out = []
    for h in hits:
        d = h.as_dict()
        d["path"] = display_path(corpus, h.passage.path)
        out.append(d)
    return out


def answer_json(answer: Answer, corpus: Any, info: IndexInfo) -> dict[str, Any]:
    """One object per answer; `related` is filled only when the documents do not answer the question."""
    return {
        "question": answer.question,
        "rewritten": answer.rewritten,
        "kind": answer.kind,
        "dates": list(answer.dates),
        "answer": answer.text,
        "short": answer.short,
        "found": answer.found,
        "confidence": answer.confidence,
        "reasons": list(answer.reasons),
        "citations": [c.as_dict() for c in answer.citations],
        "unsupported": list(answer.unsupported),
        "passages": _passages(answer.hits, corpus),
        "related": _passages(answer.related, corpus),
        "notes": list(answer.notes),
        "index": info.as_dict(),
    }


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
