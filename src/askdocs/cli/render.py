"""Plain-text and JSON renderings of answers, hits and index facts, shared by the subcommands."""

from __future__ import annotations

import json
from typing import Any

from askdocs.answer import Answer, display_path
from askdocs.retrieval import Hit
from askdocs.store import IndexInfo


def snippet(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def hit_line(hit: Hit, corpus: Any) -> str:
    p = hit.passage
    dense = "" if hit.dense_score is None else f" cos={hit.dense_score:.2f}"
    return f"{hit.rank}. {display_path(corpus, p.path)}:{p.line} (score {hit.score:.4f}{dense})\n   {snippet(p.text)}"


def answer_text(answer: Answer, corpus: Any) -> str:
    """The answer, then its sources, or the not-found sentence and related passages clearly labelled."""
    lines = [answer.text]
    if answer.found:
        lines += ["", "Sources:"]
        for c in answer.citations:
            flag = "" if c.status == "ok" else f"  ({c.status} since indexed)"
            lines.append(f'[{c.n}] {c.path}:{c.line} "{c.quote}"{flag}')
        lines += [f"note: {n}" for n in answer.notes]
    elif answer.hits:
        lines += ["", "Related passages (they do not answer the question):"]
        lines += [hit_line(h, corpus) for h in answer.hits[:3]]
    return "\n".join(lines)


def answer_json(answer: Answer, corpus: Any, info: IndexInfo) -> dict[str, Any]:
    passages = []
    for h in answer.hits:
        d = h.as_dict()
        d["path"] = display_path(corpus, h.passage.path)
        passages.append(d)
    return {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "citations": [c.as_dict() for c in answer.citations],
        "passages": passages,
        "notes": list(answer.notes),
        "index": info.as_dict(),
    }


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
