"""What answering hands out: an Answer and its Citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from askdocs.text.hyphens import rejoined
from askdocs.text.safe import unquoted

if TYPE_CHECKING:
    from askdocs.retrieval import Hit

NOT_FOUND_TEXT = "I could not find an answer to that in the documents."


@dataclass(frozen=True)
class Citation:
    """One cited sentence: `quote` is `document_text[start:end]` in the indexed text (`offsets_in` says which text
    that is), each run of spaces an escape sequence left there closed (askdocs.text.gaps); `line` is the file's
    1-based line for text and Markdown files (None for the extracted formats, whose lines of extracted text would
    point elsewhere in the file), `where` is what a person looks for."""

    n: int
    path: str
    start: int
    end: int
    line: int | None
    quote: str
    score: float
    status: str = "ok"
    """'ok', or 'changed' / 'missing' when the file on disk differs from what was indexed."""
    where: str = ""
    """Where a person finds the sentence in the original: "line 12", "p.3", "§ Budget ¶2" (empty: `line`)."""
    page: int | None = None
    """The 1-based page, for PDF files."""
    section: str | None = None
    """The nearest heading before the sentence (Markdown, HTML, Word, EPUB)."""
    offsets_in: str = "file"
    """What `start`/`end` index: "file" (a text file's own text), "text without markup" (Markdown) or
    "extracted text" (HTML, PDF, Word, EPUB): always the document's indexed text."""
    column: int | None = None
    """The 1-based column of the quote's first character on its file line, for text files (from the offsets) and
    Markdown (found in the line); None where it cannot be known: it tells apart the sentences of one long line."""

    def location(self) -> str:
        """The path with the line ("notes.md:12", "notes.txt:12:340" past a line's start) for text files, else
        with `where` ("report.pdf p.3")."""
        if self.line is not None and (not self.where or self.where.startswith("line ")):
            return f"{self.path}:{self.line}" + (f":{self.column}" if self.column and self.column > 1 else "")
        return f"{self.path} {self.where}"

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "quote": self.quote,
            "score": round(self.score, 4),
            "status": self.status,
            "where": self.where,
            "page": self.page,
            "section": self.section,
            "offsets_in": self.offsets_in,
            "column": self.column,
        }


@dataclass(frozen=True)
class Answer:
    """What the user reads: the text with [n] markers, its citations, and the passages behind it."""

    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    notes: tuple[str, ...] = field(default=())
    short: str | None = None
    """The bare answer, e.g. "Francisco Torres (“El Duranguillo”) and Luis Edgar Herrera (“El Tolín”)"."""
    rewritten: str | None = None
    """The question after follow-up resolution, when earlier turns changed it."""
    dates: tuple[str, ...] = ()
    """ISO dates or ranges the question was read as being about."""
    related: tuple[Hit, ...] = ()
    """For a question the documents do not answer: the closest passages, to be shown as related only."""
    unsupported: tuple[str, ...] = ()
    """Sentences of an LLM-written answer that cite no valid evidence."""
    kind: str = "other"
    """The question's kind: who, where, when, how_many, how_much, how_old, how_measure, which, what, why, how, ..."""
    reasons: tuple[str, ...] = ()
    """Why the answer was given or refused, in words."""
    confidence: float = 0.0
    ranked: tuple[tuple[str, int], ...] = ()
    """The sentences the answer ranked (cited ones first), best first, as (document path, start offset): a listed
    passage's preview opens on the best of them it holds that is cited or shares a word of the question
    (Retriever.answer_previews). Not kept with a saved chat, which keeps the previews themselves."""
    cited: tuple[tuple[str, int], ...] = ()
    """Where the cited sentences are (document path, start offset): a preview may open on one of them though it
    shares no word of the question."""

    @property
    def searched_as(self) -> str | None:
        """The question as it was searched, when a follow-up's rewrite made it differ from what was asked."""
        value = (self.rewritten or "").strip()
        return value if value and value != self.question.strip() else None

    def by_sentence(self) -> str:
        """The text with each cited sentence on a line of its own, its [n] at its end: how `ask`, the chat and an
        exported chat lay out an answer, so two citations never read as one sentence. A sentence a text file wraps
        over lines is one line here, without the ">" marks of an e-mail reply's quoted lines, a word it breaks with a
        hyphen whole."""
        body = self.text
        for c in self.citations:
            line = " ".join(rejoined(unquoted(c.quote)).split())
            body = body.replace(f"{c.quote} [{c.n}] ", f"{line} [{c.n}]\n").replace(
                f"{c.quote} [{c.n}]", f"{line} [{c.n}]"
            )
        return body
