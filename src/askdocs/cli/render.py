"""Plain-text and JSON renderings of answers, hits and index facts, shared by the subcommands."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from askdocs.ingest.documents import display_path
from askdocs.text.excerpt import flattened, from_start
from askdocs.text.safe import clean, flat

if TYPE_CHECKING:  # the answer machinery is imported by the commands that answer, not by `status`
    from askdocs.answering import Answer
    from askdocs.config import Settings
    from askdocs.retrieval import Hit
    from askdocs.store.filters import Filter, Undated
    from askdocs.store.index_store import IndexStore
    from askdocs.store.records import IndexInfo
    from askdocs.text.excerpt import Preview


def say(text: str, *, err: bool = False) -> None:
    """Print human-facing text with every escape sequence and control character but newline and tab removed."""
    click.echo(clean(text), err=err)


def warn_if_corpus_missing(settings: Settings, doing: str = "answering from", elsewhere: bool = False) -> bool:
    """One warning line on stderr when the corpus folder is gone (or, `elsewhere`, is not the index's own): the
    index still answers (or lists, `doing`), but the paths it cites are not its files. True when it warned."""
    from askdocs.project import missing_corpus

    if (problem := missing_corpus(settings, doing=doing, elsewhere=elsewhere)) is not None:
        say(f"askdocs: warning: {problem}", err=True)
        return True
    return False


def snippet(text: str, width: int = 160) -> str:
    """One line of at most `width` characters, safe for a terminal, the text's lines kept apart (see flattened)."""
    flat = flattened(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def cosine(value: float) -> str:
    """A cosine with two decimals, never "-0.00" for a hair below zero."""
    return f"{round(value, 2) + 0.0:.2f}"


def stale(status: str) -> str:
    """What follows a source whose file is no longer what was indexed: "  (changed since indexed)"; else nothing."""
    return "" if status == "ok" else f"  ({status} since indexed)"


def hit_line(hit: Hit, corpus: Any, shown: Preview | None = None, status: str = "ok", n: int | None = None) -> str:
    """A retrieved passage on two lines: its number in the list (`n`, else its rank), where it is and how it ranked
    (and whether its file changed since), then its text (from the `shown` preview's sentence when given)."""
    from askdocs.transcript import located

    p = hit.passage
    dense = ", keywords only" if hit.dense_score is None else f" cos={cosine(hit.dense_score)}"
    shown = shown or from_start(p.text, p.start, p.line)
    where = located(display_path(corpus, p.path), shown.line, shown.where or p.where, shown.column)
    return f"{n or hit.rank}. {where} (score {hit.score:.4f}{dense}){stale(status)}\n   {snippet(shown.text)}"


RELATED_SHOWN = 3
"""Related passages a refusal lists."""


def answer_text(answer: Answer, corpus: Any, previews: Mapping[int, Preview] | None = None) -> str:
    """The answer with its [n] markers, then where each [n] is, or the not-found sentence and related passages
    clearly labelled (each opening on its sentence in `previews`, by passage id, when there). A source repeats its
    quote only when the body does not already show it (an LLM's words), so no sentence is printed twice."""
    from askdocs.transcript import place

    lines = [f"(read as: {clean(answer.rewritten, lines=False)})", ""] if answer.rewritten else []
    lines.append(clean(answer.by_sentence()))
    if answer.found:
        lines += ["", "Sources:"]
        for c in answer.citations:
            quote = "" if c.quote in answer.text else f'  "{flat(c.quote)}"'
            lines.append(f"[{c.n}] {place(c)}{quote}{stale(c.status)}")
        lines += [f"note: {clean(n, lines=False)}" for n in answer.notes]
        lines += [f"unsupported (cites no evidence): {clean(u, lines=False)}" for u in answer.unsupported]
        return "\n".join(lines)
    lines += [f"({clean(r, lines=False)})" for r in answer.reasons]
    related = answer.related or answer.hits
    if related:
        lines += ["", "Related passages (not judged to answer the question):"]
        shown = related[:RELATED_SHOWN]
        lines += [hit_line(h, corpus, (previews or {}).get(h.passage.id), n=n) for n, h in enumerate(shown, 1)]
    return "\n".join(lines)


def _passages(hits: Sequence[Hit], corpus: Any, previews: Mapping[int, Preview] | None = None) -> list[dict[str, Any]]:
    """Passages as JSON, each with the sentence its preview opens on (`match`) when `previews` (by id) has it."""
    out = []
    for h in hits:
        d = h.as_dict()
        d["path"] = display_path(corpus, h.passage.path)
        if previews and (shown := previews.get(h.passage.id)) is not None:
            d["match"] = match_json(shown, h.passage.where)
            d["line"] = d["line"] if shown.file_line else None  # a line of extracted text is no file line
        out.append(d)
    return out


def match_json(shown: Preview, where: str) -> dict[str, Any]:
    """The sentence a passage's preview opens on, as JSON: its line and column, offsets, and where a person finds
    it (the passage's `where` when the preview has none of its own); the line is null, as a citation's, for the
    formats whose text is extracted (HTML, PDF, Word, EPUB)."""
    return {
        "line": shown.line if shown.file_line else None,
        "column": shown.column,
        "start": shown.start,
        "end": shown.end,
        "where": shown.where or where,
    }


def iso_time(seconds: float) -> str | None:
    """Seconds since the epoch as ISO 8601 in UTC with its offset ("2026-12-02T07:21:52+00:00"); None when unknown."""
    if not seconds:
        return None
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).isoformat(timespec="seconds")


def index_json(info: IndexInfo) -> dict[str, Any]:
    """The index facts for JSON output, times as ISO 8601."""
    return {**info.as_dict(), "created": iso_time(info.created), "updated": iso_time(info.updated)}


def filter_json(scope: Filter | None, undated: Undated | None = None) -> dict[str, Any] | None:
    """The --since/--until/--path filter as JSON, with how many documents its dates leave out only for want of a
    publication date (`undated`), or None when there is no filter."""
    if scope is None:
        return None
    return {
        "since": scope.since.isoformat() if scope.since else None,
        "until": scope.until.isoformat() if scope.until else None,
        "paths": list(scope.paths),
        "undated_left_out": undated.count if undated is not None else 0,
    }


def note_undated(undated: Undated, corpus: Any) -> None:
    """One `note:` line on stderr when a date filter leaves out documents only for want of a publication date,
    naming the first few as the other output names paths; nothing when it leaves out none."""
    if undated.count:
        say("note: " + undated.note(lambda path: display_path(corpus, path)), err=True)


def answer_json(
    answer: Answer,
    corpus: Any,
    info: IndexInfo,
    scope: Filter | None = None,
    previews: Mapping[int, Preview] | None = None,
    undated: Undated | None = None,
) -> dict[str, Any]:
    """One object per answer; `related` is filled only when the documents do not answer the question; passages
    carry their `match` sentence when `previews` (by passage id) are given; `undated` counts in `filter`."""
    return {
        "question": answer.question,
        "rewritten": answer.rewritten,
        "kind": answer.kind,
        "dates": list(answer.dates),
        "answer": answer.by_sentence(),  # each cited sentence on a line, as `ask` prints it: the citations' quotes
        # are the documents' own text, line breaks and all
        "short": answer.short,
        "found": answer.found,
        "confidence": answer.confidence,
        "reasons": list(answer.reasons),
        "citations": [c.as_dict() for c in answer.citations],
        "unsupported": list(answer.unsupported),
        "passages": _passages(answer.hits, corpus, previews),
        "related": _passages(answer.related, corpus, previews),
        "notes": list(answer.notes),
        "filter": filter_json(scope, undated),
        "index": index_json(info),
    }


def dumps(obj: Any) -> str:
    """JSON on one line, non-ASCII letters as they are, controls and bidi overrides escaped (see safe.json_text);
    every non-ASCII letter escaped when standard output cannot write it (a Latin-1 terminal), so the value is kept."""
    import sys

    from askdocs.text.safe import json_text, writes_unicode

    return json_text(json.dumps(obj, ensure_ascii=not writes_unicode(sys.stdout)))


def warn_all(warnings: Sequence[str]) -> None:
    """What is amiss but does not stop a question (the index still answers), one line each on standard error."""
    for warning in warnings:
        say(f"askdocs: warning: {clean(warning, lines=False)}", err=True)


def export_notes(settings: Settings, encoder: str) -> list[str]:
    """The warnings of the index's ONNX export (see askdocs.encoders.onnx.export_warnings), their advice naming the
    folders given: questions take the slower PyTorch model when its record is gone or from another version."""
    from askdocs.encoders.onnx import export_warnings
    from askdocs.project import with_folders

    return [with_folders(w, settings) for w in export_warnings(settings.index, encoder)]


def warn_export(settings: Settings, encoder: str) -> None:
    """Warn, as `status` does, when questions take the slower PyTorch model (see `export_notes`)."""
    warn_all(export_notes(settings, encoder))


def warn_unsaved(settings: Settings, store: IndexStore) -> None:
    """One warning line when the FAISS file the searches rebuilt could not be saved (a full disk, a read-only
    folder, a folder in its place): they were served from the vectors rebuilt in memory, as the next ones will be."""
    from askdocs.project import with_folders
    from askdocs.store.vector_log import UNSAVED

    if (reason := store.unsaved_vectors()) is not None:  # with_folders: on a read-only folder, what makes it writable
        warn_all([with_folders(f"{reason}; {UNSAVED}", settings)])
