"""Where a stretch of indexed text sits for a person: the page of a PDF, the section of a web page or Word file, the
line of a text file. Stored with each document (as JSON) so citations can say where to look in the original."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from askdocs.text.gaps import CONTROL

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"
"""A byte order mark (or zero-width no-break space) that extracted text can carry: never part of the indexed text."""
FILE_KINDS = frozenset({"text", "markdown", "csv"})
"""Formats whose citations give the file's own line number."""
OFFSETS_IN = {"text": "file", "markdown": "text without markup", "csv": "rows as text"}
"""What a citation's offsets index into, by kind; every other kind: the text extracted from the file."""


@dataclass(frozen=True)
class Place:
    """Where an offset of the indexed text is in the original: its page (PDF), its section, and a short label."""

    where: str
    """What a person looks for: "line 12", "p.3", "pp.3-4", "§ Budget ¶2", "¶4"."""
    page: int | None = None
    section: str | None = None
    offsets_in: str = "file"


@dataclass(frozen=True)
class Layout:
    """The landmarks of one document's indexed text; offsets are Python string indices into that text."""

    kind: str = "text"
    """text, markdown, csv, html, pdf, docx or epub."""
    pages: tuple[int, ...] = ()
    """Offset where each page starts (PDF), first page first."""
    headings: tuple[tuple[int, int, str], ...] = ()
    """(start, end, heading text) of every heading, in order; heading spans are never cited as sentences."""
    paragraphs: tuple[int, ...] = ()
    """Offset where each paragraph starts (extracted formats), to count paragraphs inside a section."""
    lines: tuple[int, ...] = ()
    """File line (1-based) of each line of the indexed text, when the text is derived from a file (Markdown, the
    rows of a CSV file)."""
    labels: tuple[tuple[int, int], ...] = ()
    """(start, end) of lines that name what follows without saying anything (a table's header row, "Fund |
    Balance"): kept in the text, never cited as sentences."""
    header_end: int = 0
    """Where the header lines a text file opens with ("Title: ...", "Date: ...") end; 0 when it has none. They
    are never cited and no preview opens on them (see askdocs.ingest.header)."""
    soft_breaks: tuple[int, ...] | None = None
    """Offsets of the line breaks inside a paragraph, which run its lines on as one text (Markdown's soft breaks,
    in the indexed text); None when the format does not say (plain text), and the lines themselves tell."""
    blanked: tuple[tuple[int, int, int], ...] = ()
    """(start, end, kind) of the spaces that stand for escape sequences or controls the file held (askdocs.text.safe.
    blank_runs): closed in what is shown as a terminal showed them (askdocs.text.gaps: an escape sequence's to
    nothing, a control's to a space at most), kept in the text so offsets hold."""

    def line(self, text: str, offset: int) -> int:
        """The 1-based line of `offset`: in the file for text and Markdown, in the indexed text otherwise."""
        return self.line_finder(text)(offset)

    def line_finder(self, text: str) -> Callable[[int], int]:
        """`line` for many offsets of one text: the line breaks are found once (CRLF, CR and LF count as one)."""
        breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        mapped = self.lines

        def find(offset: int) -> int:
            here = 1 + bisect.bisect_left(breaks, min(offset, len(text)))
            return mapped[min(here, len(mapped)) - 1] if mapped else here

        return find

    def first_line(self) -> int | None:
        """The file line of the indexed text's first line when each next line of the text is the next line of the
        file (Markdown after its front matter), so a view can number the text as the file is; else None."""
        first = self.lines[0] if self.lines else 1
        return first if all(n == first + i for i, n in enumerate(self.lines)) else None

    def column(self, text: str, offset: int) -> int | None:
        """The 1-based column of `offset` on its line, for text files, whose offsets are the file's own; None for
        formats whose indexed text is not the file's (Markdown without markup, extracted text)."""
        if self.kind != "text":
            return None
        return offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))

    def is_heading(self, start: int, end: int) -> bool:
        """True when `text[start:end]` lies inside a heading (a heading names a section; it is not evidence)."""
        i = bisect.bisect_right(self.headings, (start, float("inf"))) - 1
        return i >= 0 and self.headings[i][0] <= start and end <= self.headings[i][1]

    def stored(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` is stored as a sentence: not inside a heading nor the header. A label line is
        stored (its words name the columns of the rows below it) but never cited (`labelled`)."""
        return end > self.header_end and not self.is_heading(start, end)

    def labelled(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` lies inside a label line (a table's header row): context, never evidence."""
        i = bisect.bisect_right(self.labels, (start, float("inf"))) - 1
        return i >= 0 and self.labels[i][0] <= start and end <= self.labels[i][1]

    def citable(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` may be cited: stored, and not a label line."""
        return self.stored(start, end) and not self.labelled(start, end)

    def section(self, offset: int) -> str | None:
        """The nearest heading at or before `offset`."""
        i = bisect.bisect_right(self.headings, (offset, float("inf"))) - 1
        return self.headings[i][2] if i >= 0 else None

    def page(self, offset: int) -> int | None:
        """The 1-based page holding `offset`, for paged formats."""
        return bisect.bisect_right(self.pages, offset) if self.pages else None

    def place(self, start: int, end: int | None = None, line: int = 1) -> Place:
        """Where `text[start:end]` is; `line` is its stored line number, used by text and Markdown files."""
        section = self.section(start)
        offsets_in = OFFSETS_IN.get(self.kind, "extracted text")
        if self.kind in FILE_KINDS:
            return Place(f"line {line}", None, section, offsets_in)
        page = self.page(start)
        if page is not None:
            last = self.page(max(start, (end or start) - 1)) or page
            return Place(f"p.{page}" if last == page else f"pp.{page}-{last}", page, section, offsets_in)
        return Place(self._paragraph_label(start, section), None, section, offsets_in)

    def _paragraph_label(self, offset: int, section: str | None) -> str:
        """The label "§ Heading ¶n" (n counted from the heading), or "¶n" from the top when no heading precedes."""
        i = bisect.bisect_right(self.headings, (offset, float("inf"))) - 1
        since = self.headings[i][1] if i >= 0 else 0
        count = bisect.bisect_right(self.paragraphs, offset) - bisect.bisect_left(self.paragraphs, since)
        para = f"¶{count}" if count > 0 else ""
        if section is None:
            return para or "¶1"
        return f"§ {section} {para}".rstrip()

    # -- storage -------------------------------------------------------------------------------
    def to_json(self) -> str:
        data: dict[str, object] = {"kind": self.kind}
        for name in ("pages", "headings", "paragraphs", "lines", "labels"):
            value = getattr(self, name)
            if value:
                data[name] = [list(v) if isinstance(v, tuple) else v for v in value]
        if self.blanked:  # one flat list: a log file records 100,000 runs and more, read on every search
            data["runs"] = [n for run in self.blanked for n in run]
        if self.header_end:
            data["header_end"] = self.header_end
        if self.soft_breaks is not None:
            data["soft_breaks"] = list(self.soft_breaks)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | None) -> Layout:
        """The stored layout; a plain text layout when nothing (or nothing readable) was stored."""
        try:
            data = json.loads(raw or "{}")
            soft = data.get("soft_breaks")
            return cls(
                kind=str(data.get("kind", "text")),
                pages=tuple(int(v) for v in data.get("pages", ())),
                headings=tuple((int(s), int(e), str(t)) for s, e, t in data.get("headings", ())),
                paragraphs=tuple(int(v) for v in data.get("paragraphs", ())),
                lines=tuple(int(v) for v in data.get("lines", ())),
                labels=tuple((int(s), int(e)) for s, e in data.get("labels", ())),
                blanked=_runs(data),
                header_end=int(data.get("header_end", 0)),
                soft_breaks=None if soft is None else tuple(int(v) for v in soft),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()


def _runs(data: dict[str, object]) -> tuple[tuple[int, int, int], ...]:
    """A stored layout's runs: (start, end, kind) from its flat list, or (start, end) pairs an index recorded before
    it told escape sequences from controls, each read as a control's (askdocs.text.gaps.CONTROL)."""
    flat = data.get("runs")
    if isinstance(flat, list):
        if len(flat) % 3 or not all(type(n) is int for n in flat):
            raise ValueError("runs")
        numbers = iter(flat)
        return tuple(zip(numbers, numbers, numbers, strict=True))
    return tuple((int(s), int(e), CONTROL) for s, e in data.get("blanked", ()))  # type: ignore[attr-defined]


class TextBuilder:
    """Builds an extracted text block by block, recording headings, paragraphs and page starts as it goes."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._parts: list[str] = []
        self._length = 0
        self.pages: list[int] = []
        self.headings: list[tuple[int, int, str]] = []
        self.paragraphs: list[int] = []
        self.labels: list[tuple[int, int]] = []

    def _add(self, text: str) -> int:
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start

    def new_page(self) -> None:
        """The next block starts a new page."""
        self.pages.append(self._length + (2 if self._parts else 0))

    def run_on(self, text: str) -> None:
        """The rest of the last paragraph, broken off by the page that starts here (a sentence going on over the
        page): joined to it with a space (or whole again, a word hyphenated at the page end), the page starting at
        `text`, so the sentence reads on instead of being cut in two; a paragraph of its own when no text came
        before."""
        text = " ".join(text.replace(_BOM, "").split())
        if not text:
            return
        if not self._parts:
            self.paragraph(text)
            return
        last = self._parts[-1]
        if re.search(r"\w-$", last) and text[:1].islower():
            self._parts[-1] = last[:-1]
            self._length -= 1
        else:
            self._parts.append(" ")
            self._length += 1
        if self.pages and self.pages[-1] > self._length:  # new_page counted a paragraph break that is not there
            self.pages[-1] = self._length
        self._parts.append(text)
        self._length += len(text)

    def heading(self, text: str) -> None:
        text = " ".join(text.replace(_BOM, "").split())
        if text:
            start = self._add(text)
            self.headings.append((start, start + len(text), text))

    def paragraph(self, text: str, *, label: bool = False) -> None:
        """A paragraph; a `label` (a table's header row) is kept in the text and recorded as never cited."""
        text = text.replace(_BOM, "").strip()
        if text:
            start = self._add(text)
            self.paragraphs.append(start)
            if label:
                self.labels.append((start, start + len(text)))

    def text(self) -> str:
        return "".join(self._parts)

    def layout(self) -> Layout:
        pages = tuple(min(p, self._length) for p in self.pages)  # empty pages at the end start at the end
        return Layout(self.kind, pages, tuple(self.headings), tuple(self.paragraphs), labels=tuple(self.labels))
