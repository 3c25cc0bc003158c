"""How an index run reports what it is doing: named phases as they start, passages as batches are embedded, and
files as they are committed or skipped.

The core only calls these callbacks; the faces draw them (a bar on a terminal, plain lines in a log, the chat's
bar), so no run ever shows a bare count with no word of what it counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int, str], None]
"""Called as progress(files_done, files_to_embed, current_path) when a file is committed (or skipped, when no
`Skips` callback is given)."""
Skips = Callable[[int, int, str, str], None]
"""Called as skipped(files_done, files_to_embed, path, reason) when a file is left out (unreadable, over
max_file_mb, no text): it counts as done, but nothing of it is in the index."""


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


@dataclass(frozen=True)
class PassageCount:
    """Passages embedded so far in a run, reported after each batch: it moves inside one big file too, whose
    passages are embedded in several batches while the file count stays put."""

    done: int
    expected: int
    """Passages this run embeds: exact once every file is read, else an estimate from the bytes read so far."""
    exact: bool

    @property
    def label(self) -> str:
        """What to show: "embedding passages 512/2,110", or "512/~2,100" while the total is an estimate."""
        return f"embedding passages {self.done:,}/{'' if self.exact else '~'}{self.expected:,}"


Passages = Callable[[PassageCount], None]
"""Called with the new count after each embedded batch."""


@dataclass(frozen=True)
class Listeners:
    """The callbacks of one run; those not given do nothing (a skipped file then goes to `progress`)."""

    progress: Progress | None = None
    phase: Phases | None = None
    skipped: Skips | None = None
    passages: Passages | None = None

    def on_phase(self, phase: Phase) -> None:
        if self.phase is not None:
            self.phase(phase)

    def on_file(self, done: int, total: int, path: str, skipped: str | None = None) -> None:
        """A file is done: committed, or (with the reason in `skipped`) left out."""
        if skipped is not None and self.skipped is not None:
            self.skipped(done, total, path, skipped)
        elif self.progress is not None:
            self.progress(done, total, path)

    def on_passages(self, count: PassageCount) -> None:
        if self.passages is not None:
            self.passages(count)


def rounded(n: int) -> int:
    """An estimate to two significant figures (2,113 -> 2,100), so that it does not look exact."""
    return n if n < 100 else round(n, 2 - len(str(n)))
