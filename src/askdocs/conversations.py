"""Saved conversations: each one a JSON file in INDEX/chats/NAME.json, written atomically, reopened as Answers."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from askdocs.answering.types import Answer, Citation
from askdocs.errors import UsageError
from askdocs.retrieval import Hit
from askdocs.store.files import atomic_write_bytes
from askdocs.store.records import Passage

FORMAT = 1
CHATS_FOLDER = "chats"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TEXT_FIELDS = ("short", "rewritten", "kind")
_LIST_FIELDS = ("dates", "reasons", "unsupported")
_HIT_FIELDS = ("related",)
"""Optional fields of Answer, kept when the answer code provides them: strings, lists of strings, passages."""


@dataclass(frozen=True)
class Exchange:
    """One question and the answer it got, with how long answering took."""

    answer: Answer
    seconds: float = 0.0
    asked_at: float = 0.0

    @property
    def question(self) -> str:
        return self.answer.question


@dataclass(frozen=True)
class Conversation:
    """A named list of exchanges; the name is the file name under INDEX/chats/."""

    name: str
    exchanges: tuple[Exchange, ...] = ()
    created: float = field(default_factory=time.time)

    def add(self, exchange: Exchange) -> Conversation:
        return dataclasses.replace(self, exchanges=(*self.exchanges, exchange))

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(e.answer for e in self.exchanges)


def check_name(name: str) -> str:
    """A conversation name is a plain file name: letters, digits, '.', '_' and '-', at most 64 characters."""
    if not _NAME.match(name) or name.endswith(".json"):
        raise UsageError(f"bad conversation name {name!r} (use letters, digits, '.', '_' or '-')")
    return name


def new_name(now: float | None = None) -> str:
    """A fresh name from the local time, e.g. chat-20240702-153000."""
    return time.strftime("chat-%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))


def chats_folder(index: Path) -> Path:
    return index / CHATS_FOLDER


def chat_path(index: Path, name: str) -> Path:
    return chats_folder(index) / f"{check_name(name)}.json"


def names(index: Path) -> list[str]:
    """Saved conversations, most recently saved first."""
    folder = chats_folder(index)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.json") if p.is_file() and _NAME.match(p.stem)]
    files.sort(key=lambda p: (p.stat().st_mtime_ns, p.stem), reverse=True)
    return [p.stem for p in files]


def last_name(index: Path) -> str | None:
    """The most recently saved conversation, if any."""
    found = names(index)
    return found[0] if found else None


def exists(index: Path, name: str) -> bool:
    return chat_path(index, name).is_file()


def save(index: Path, conversation: Conversation) -> Path:
    """Write the conversation to a temporary file and rename it into place, so a crash never leaves half a file."""
    path = chat_path(index, conversation.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(conversation_to_dict(conversation), ensure_ascii=False, indent=1)
    atomic_write_bytes(path, data.encode("utf-8"), mode=0o600, prefix=f".{conversation.name}")
    return path


def load(index: Path, name: str) -> Conversation:
    """Read a saved conversation; a missing or damaged file is a one-line UsageError."""
    path = chat_path(index, name)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no saved conversation {name!r} in {path.parent}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} cannot be read as a conversation ({exc})") from None
    try:
        return conversation_from_dict(raw, name)
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{path} is not a conversation askdocs can read ({type(exc).__name__}: {exc})") from None


def open_or_new(index: Path, name: str | None, *, resume: bool = False) -> Conversation:
    """The named conversation (empty if not saved yet), the last one with `resume`, else a fresh one."""
    if name and resume:
        raise UsageError("use either --session NAME or --resume, not both")
    if resume:
        name = last_name(index)
        if name is None:
            raise UsageError(f"no saved conversation to resume in {chats_folder(index)}")
        return load(index, name)
    if name is None:
        return Conversation(new_name())
    return load(index, name) if exists(index, name) else Conversation(check_name(name))


# -- JSON shapes --------------------------------------------------------------------------------------


def conversation_to_dict(conversation: Conversation) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "name": conversation.name,
        "created": conversation.created,
        "exchanges": [
            {"seconds": e.seconds, "asked_at": e.asked_at, "answer": answer_to_dict(e.answer)}
            for e in conversation.exchanges
        ],
    }


def conversation_from_dict(raw: dict[str, Any], name: str) -> Conversation:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError(f"expected format {FORMAT}")
    exchanges = tuple(
        Exchange(answer_from_dict(e["answer"]), float(e.get("seconds", 0.0)), float(e.get("asked_at", 0.0)))
        for e in raw["exchanges"]
    )
    return Conversation(name, exchanges, float(raw.get("created", 0.0)))


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The parts of an Answer worth keeping: text, citations and the passages behind it."""
    out: dict[str, Any] = {
        "question": answer.question,
        "text": answer.text,
        "found": answer.found,
        "citations": [dataclasses.asdict(c) for c in answer.citations],
        "hits": [_hit_to_dict(h) for h in answer.hits],
        "notes": list(answer.notes),
    }
    if answer.short is not None:
        out["short"] = answer.short
    if answer.rewritten is not None:
        out["rewritten"] = answer.rewritten
    out["kind"] = answer.kind
    out.update(dates=list(answer.dates), reasons=list(answer.reasons), unsupported=list(answer.unsupported))
    out["related"] = [_hit_to_dict(h) for h in answer.related]
    out["confidence"] = float(answer.confidence)
    return out


def answer_from_dict(raw: dict[str, Any]) -> Answer:
    extra: dict[str, Any] = {name: raw[name] for name in _TEXT_FIELDS if isinstance(raw.get(name), str)}
    extra.update({name: tuple(str(v) for v in raw[name]) for name in _LIST_FIELDS if name in raw})
    extra.update({name: tuple(_hit_from_dict(h) for h in raw[name]) for name in _HIT_FIELDS if name in raw})
    if "confidence" in raw:
        extra["confidence"] = float(raw["confidence"])
    return Answer(
        question=str(raw["question"]),
        text=str(raw["text"]),
        found=bool(raw["found"]),
        citations=tuple(Citation(**c) for c in raw.get("citations", [])),
        hits=tuple(_hit_from_dict(h) for h in raw.get("hits", [])),
        notes=tuple(str(n) for n in raw.get("notes", [])),
        **extra,
    )


def _hit_to_dict(hit: Hit) -> dict[str, Any]:
    d = dataclasses.asdict(hit)
    d["passage"] = dataclasses.asdict(hit.passage)
    return d


def _hit_from_dict(raw: dict[str, Any]) -> Hit:
    fields = {k: v for k, v in raw.items() if k != "passage"}
    return Hit(passage=Passage(**raw["passage"]), **fields)
