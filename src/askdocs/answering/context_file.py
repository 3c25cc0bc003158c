"""Context files: the earlier turns of a conversation read from JSON (`ask --context`), as a list of turns, JSON
Lines, {"turns": [...]}, a saved conversation or `ask --json` output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from askdocs.answering.followup import Turn, turn_from_text
from askdocs.errors import UsageError, os_reason


def _turn(item: Any, where: str) -> Turn:
    """The turn one item of a context file records (`where` names the file in errors)."""
    if not isinstance(item, dict):
        raise UsageError(f"{where}: each turn must be an object with a question")
    if isinstance(item.get("answer"), dict):  # a saved conversation's exchange
        item = {**item["answer"], "answer": item["answer"].get("text", "")}
    question = item.get("question")
    answer = item.get("answer", item.get("text", ""))
    if not isinstance(question, str) or not question.strip():
        raise UsageError(f'{where}: each turn needs a non-empty "question"')
    short = item.get("short") if isinstance(item.get("short"), str) else None
    question = item.get("rewritten") if isinstance(item.get("rewritten"), str) else question
    found = item.get("found", True) is not False
    return turn_from_text(
        question, str(answer or "") if found else "", short if found else None, str(item.get("kind", ""))
    )


def _unreadable(exc: BaseException) -> str:
    """Why JSON that parses no further cannot be read, in plain words."""
    return "nested too deeply to be a list of turns" if isinstance(exc, RecursionError) else "a number is too long"


def load_turns(path: Path) -> list[Turn]:
    """Earlier turns from a JSON list, JSON Lines, {"turns": [...]}, a saved conversation or `ask --json` output."""
    try:
        raw = path.read_text(encoding="utf-8-sig")  # a shell that redirects output may begin it with a BOM
    except OSError as exc:
        raise UsageError(f"cannot read context file {path}: {os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise UsageError(f"cannot read context file {path}: not UTF-8 text") from None
    try:
        data: Any = json.loads(raw) if raw.strip() else []
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON or JSON Lines ({exc.msg}, line {exc.lineno})") from None
        except (RecursionError, ValueError) as exc:
            raise UsageError(f"{path}: {_unreadable(exc)}") from None
    except (RecursionError, ValueError) as exc:  # nesting too deep, a number of thousands of digits
        raise UsageError(f"{path}: {_unreadable(exc)}") from None
    if isinstance(data, dict):
        data = data.get("turns", data.get("exchanges", [data]))
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a list of turns")
    # `ask --json -` writes {"error", "line"} for a line it could not ask: no turn, not a broken file
    return [_turn(item, str(path)) for item in data if not _error_record(item)]


def _error_record(item: Any) -> bool:
    """Whether an item is the error line `ask --json -` writes for a bad input line (no question was asked)."""
    return isinstance(item, dict) and "error" in item and "question" not in item and "answer" not in item
