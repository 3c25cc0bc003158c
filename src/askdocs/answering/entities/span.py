"""Span: a piece of a sentence that can answer a question."""

from __future__ import annotations

from dataclasses import dataclass

from askdocs.ingest.dates import DateRange
from askdocs.text.normalize import fold


@dataclass(frozen=True)
class Span:
    """A candidate answer inside one sentence; `text == sentence[start:end]`."""

    kind: str
    text: str
    start: int
    end: int
    name: str = ""
    """How an answer shows it: a person without titles, "Altar, Sonora", "10 million pesos"."""
    nickname: str = ""
    unit: tuple[str, ...] = ()
    """For counts and amounts, the words after the number: ("soldiers", "wounded")."""
    range: DateRange | None = None

    @property
    def label(self) -> str:
        """The display form with the nickname in quotes: Francisco Torres (“El Duranguillo”)."""
        shown = self.name or self.text
        return f"{shown} (“{self.nickname}”)" if self.nickname and fold(self.nickname) != fold(shown) else shown


def overlaps(start: int, end: int, spans: list[Span]) -> bool:
    """Whether `start..end` overlaps any of `spans`."""
    return any(start < s.end and s.start < end for s in spans)
