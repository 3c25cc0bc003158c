"""Files the last index runs skipped (binary, empty, too large), with why: so they stop counting as new."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from askdocs.store.files import atomic_write_bytes

SKIPPED_FILE = "skipped.json"


@dataclass(frozen=True)
class Skipped:
    """A corpus file as it was when skipped: the same size and time next run mean it is still skipped."""

    size: int
    mtime: float
    reason: str


def load(folder: Path) -> dict[str, Skipped]:
    """The skipped files recorded in an index folder, by corpus-relative name; empty when none or unreadable."""
    try:
        data = json.loads((folder / SKIPPED_FILE).read_text(encoding="utf-8"))
        return {str(name): Skipped(int(v["size"]), float(v["mtime"]), str(v["reason"])) for name, v in data.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save(folder: Path, skipped: dict[str, Skipped]) -> None:
    """Record `skipped` (replacing what was there), atomically."""
    data = {name: s.__dict__ for name, s in sorted(skipped.items())}
    atomic_write_bytes(folder / SKIPPED_FILE, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
