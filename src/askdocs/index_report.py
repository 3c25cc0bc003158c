"""What one `askdocs index` run did: counts, warnings, the encoder used, and its one-line summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from askdocs.text.counts import count


@dataclass
class IndexReport:
    """What one `askdocs index` run did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Files this run read and left out (binary, empty, too large, unreadable): each named in a warning."""
    passages: int = 0
    """Passages embedded in this run."""
    total_documents: int = 0
    total_passages: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    encoder: str = ""
    """How this run's vectors were computed ("onnx-fp32", "onnx-int8", "torch"); empty if nothing was embedded."""
    notes: list[str] = field(default_factory=list)
    """What the run decided about the encoder (an export made, a check failed)."""

    def summary(self) -> str:
        encoder = f" with {self.encoder}" if self.encoder else ""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged"
            f"{f', {self.skipped} skipped' if self.skipped else ''}; "
            f"{count(self.passages, 'passage')} embedded{encoder} ({count(self.total_documents, 'document')}, "
            f"{count(self.total_passages, 'passage')} in the index) in {self.seconds:.1f}s"
        )
