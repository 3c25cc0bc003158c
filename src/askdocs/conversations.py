"""Saved conversations: each one a JSON file in INDEX/chats/NAME.json, written atomically, reopened as Answers."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from askdocs.answering.types import Answer, Citation
from askdocs.errors import UsageError
from askdocs.retrieval import Hit
from askdocs.store.files import atomic_write_bytes
from askdocs.store.records import Passage
from askdocs.text.excerpt import Preview
from askdocs.text.safe import clean

FORMAT = 1
CHATS_FOLDER = "chats"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TEXT_FIELDS = ("short", "rewritten", "kind")
_LIST_FIELDS = ("dates", "reasons", "unsupported")
_HIT_FIELDS = ("related",)
"""Optional fields of Answer, kept when the answer code provides them: strings, lists of strings, passages."""
MAX_FILE_BYTES = 64 * 2**20
"""A saved chat larger than this is refused unread (hundreds of long answers take a few MB)."""
MAX_TEXT = 200_000
"""Characters kept of any one string of a saved chat (a longer one is cut and ends with "…")."""
MAX_ITEMS = 1000
"""Citations, passages, notes... kept per answer of a saved chat."""


@dataclass(frozen=True)
class Exchange:
    """One question and the answer it got, with how long answering took."""

    answer: Answer
    seconds: float = 0.0
    asked_at: float = 0.0
    previews: Mapping[int, Preview] = field(default_factory=dict)
    """Where each passage's preview opened when the answer was shown, by passage id: kept, because the index may
    since have been rebuilt and its ids given to other passages."""

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
    dated = []
    for path in folder.glob("*.json"):
        try:
            if path.is_file() and _NAME.match(path.stem):
                dated.append((path.stat().st_mtime_ns, path.stem))
        except OSError:  # removed meanwhile, or unreadable: not offered
            continue
    return [stem for _, stem in sorted(dated, reverse=True)]


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
    """Read a saved conversation; a missing, damaged or hostile file is a one-line UsageError naming it. The file
    may have been edited by hand: every field is type-checked, strings are cleaned of escape sequences and
    controls (file paths excepted: they are shown through `safe.name`) and cut at MAX_TEXT characters."""
    path = chat_path(index, name)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{path} is over {MAX_FILE_BYTES // 2**20} MB: not a conversation askdocs saved")
        raw = json.loads(path.read_text(encoding="utf-8-sig"))  # a hand edit may add a byte-order mark
    except FileNotFoundError:
        raise UsageError(f"no saved conversation {name!r} in {path.parent}") from None
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad UTF-8, bad JSON, a 5,000-digit number
        raise UsageError(f"{path} cannot be read as a conversation ({_one_line(exc)})") from None
    try:
        return conversation_from_dict(raw, name)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise UsageError(f"{path} is not a conversation askdocs can read ({_one_line(exc)})") from None


def _one_line(exc: BaseException) -> str:
    return " ".join(clean(f"{type(exc).__name__}: {exc}", lines=False).split())[:300]


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
            {
                "seconds": e.seconds,
                "asked_at": e.asked_at,
                "answer": answer_to_dict(e.answer),
                "previews": [{"passage": pid, **dataclasses.asdict(v)} for pid, v in e.previews.items()],
            }
            for e in conversation.exchanges
        ],
    }


def conversation_from_dict(raw: dict[str, Any], name: str) -> Conversation:
    """A Conversation from its JSON; ValueError (saying which exchange and field) when any part is malformed."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError(f"expected format {FORMAT}")
    items = raw["exchanges"]
    if not isinstance(items, list):
        raise ValueError("'exchanges' is not a list")
    exchanges = []
    for number, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict) or not isinstance(item.get("answer"), dict):
                raise ValueError("no 'answer' object")
            seconds, asked = _number(item, "seconds", 0.0), _number(item, "asked_at", 0.0)
            previews = {_integer(v.get("passage"), "passage"): _build(Preview, v) for v in _objects(item, "previews")}
            exchanges.append(Exchange(answer_from_dict(item["answer"]), seconds, asked, previews))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"exchange {number}: {_one_line(exc)}") from None
    return Conversation(name, tuple(exchanges), _number(raw, "created", 0.0))


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
    """An Answer from its JSON, every field checked (see `load`); unknown keys are ignored."""
    if not isinstance(raw, dict):
        raise TypeError("an answer is not an object")
    extra: dict[str, Any] = {name: _text(raw[name]) for name in _TEXT_FIELDS if isinstance(raw.get(name), str)}
    extra.update({name: tuple(_text(v) for v in _items(raw, name)) for name in _LIST_FIELDS if name in raw})
    extra.update({name: tuple(_hit_from_dict(h) for h in _items(raw, name)) for name in _HIT_FIELDS if name in raw})
    if "confidence" in raw:
        extra["confidence"] = _number(raw, "confidence", 0.0)
    return Answer(
        question=_text(raw["question"]),
        text=_text(raw["text"]),
        found=_flag(raw["found"], "found"),
        citations=tuple(_build(Citation, c) for c in _items(raw, "citations")),
        hits=tuple(_hit_from_dict(h) for h in _items(raw, "hits")),
        notes=tuple(_text(n) for n in _items(raw, "notes")),
        **extra,
    )


def _hit_to_dict(hit: Hit) -> dict[str, Any]:
    d = dataclasses.asdict(hit)
    d["passage"] = dataclasses.asdict(hit.passage)
    return d


def _hit_from_dict(raw: dict[str, Any]) -> Hit:
    if not isinstance(raw, dict):
        raise TypeError("a passage hit is not an object")
    return _build(Hit, raw, passage=_build(Passage, raw["passage"]))


_KEPT_AS_IS = {"path"}
"""String fields not cleaned on load: a file's real name, needed to open it (displays go through `safe.name`)."""


def _build(cls: type, raw: object, **given: Any) -> Any:
    """An instance of the frozen dataclass `cls` from a JSON object, each field checked against its annotation
    (int, float, str, bool, or one of them or None); missing fields with a default take it, others are an error."""
    if not isinstance(raw, dict):
        raise TypeError(f"a {cls.__name__.lower()} is not an object")
    values: dict[str, Any] = dict(given)
    for f in dataclasses.fields(cls):
        if f.name in values or (f.name not in raw and _has_default(f)):
            continue
        kind = (f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))).replace(" ", "")
        value = raw[f.name]
        if value is None and kind.endswith("|None"):
            values[f.name] = None
        elif kind.startswith("int"):
            values[f.name] = _integer(value, f.name)
        elif kind.startswith("float"):
            values[f.name] = _number(raw, f.name, 0.0)
        elif kind.startswith("str"):
            values[f.name] = _text(value, keep=f.name in _KEPT_AS_IS)
        elif kind.startswith("bool"):
            values[f.name] = _flag(value, f.name)
        else:
            raise TypeError(f"{cls.__name__}.{f.name} cannot be read")
    return cls(**values)


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _text(value: object, *, keep: bool = False) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    cut = len(value) > MAX_TEXT
    value = value[:MAX_TEXT] if keep else clean(value[:MAX_TEXT])
    return value + "…" * cut


def _integer(value: object, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -(2**53) <= value <= 2**53:
        raise TypeError(f"{field_name!r} is not a whole number")
    return value


def _number(raw: dict[str, Any], key: str, default: float) -> float:
    """A finite number, or `default` when the key is missing; text, lists, NaN or infinities are errors."""
    value = raw.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        raise TypeError(f"{key!r} is out of range")  # 10**400 would overflow a float
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TypeError(f"{key!r} is not a finite number")
    return float(value)


def _flag(value: object, field_name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{field_name!r} is not true or false")
    return value


def _objects(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The objects listed under `key` (see `_items`); anything else in the list is an error."""
    found = _items(raw, key)
    if not all(isinstance(v, dict) for v in found):
        raise TypeError(f"{key!r} holds something that is not an object")
    return found


def _items(raw: dict[str, Any], key: str) -> list[Any]:
    """The list under `key` (empty when missing), at most MAX_ITEMS long."""
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} is not a list")
    return value[:MAX_ITEMS]
