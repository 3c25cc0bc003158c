"""How an index run reports what it is doing: named phases as they start, and files as they are committed.

The core only calls these callbacks; the faces draw them (a bar on a terminal, one plain line per phase in a log,
the chat's bar), so no run ever shows a bare count with no word of what it counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int, str], None]
"""Called as progress(files_done, files_to_embed, current_path)."""


@dataclass(frozen=True)
class Phase:
    """A step of an index run, reported as it starts, so that a face can always say what is happening."""

    name: str
    """scanning, reading, model, export, embedding or writing."""
    label: str
    """What to show a person: "reading 12 files", "preparing model (one-time export)", "embedding 310 passages"."""
    total: int | None = None
    """Files this run reads and embeds, once the scan has counted them (what `Progress` counts up to)."""


Phases = Callable[[Phase], None]
"""Called with each Phase as it starts."""


def rounded(n: int) -> int:
    """An estimate to two significant figures (2,113 -> 2,100), so that it does not look exact."""
    return n if n < 100 else round(n, 2 - len(str(n)))
