"""Excerpts: where in a passage a search or question matches, so a preview opens on that sentence, not the start."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from askdocs.lang.en import STOPWORDS
from askdocs.text.gaps import Runs, closed, closing
from askdocs.text.hyphens import BREAK, broken_at, rejoined
from askdocs.text.normalize import CELL_SEPARATOR, words
from askdocs.text.run_on import runs_on
from askdocs.text.safe import clean, unquoted
from askdocs.text.stem import stem


class Piece(Protocol):
    """A stored sentence as a preview needs it: document offsets, the line it starts on in the file, its text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Preview:
    """What a one-line preview of a passage shows: its text from the best sentence on, and the line and document
    offsets of that sentence (the passage's own when its first sentence is best or none matches)."""

    text: str
    line: int
    start: int
    end: int
    column: int | None = None
    """The column of `start` on its file line, for text and Markdown files (see Retriever.column); else None."""
    where: str = ""
    """Where the preview's sentence is, as a citation of it would say ("p.3", "§ Grants ¶2"); empty: unknown."""
    file_line: bool = True
    """Whether `line` is a line of the file (text, Markdown, CSV), not one of text extracted from it (HTML, PDF,
    Word, EPUB), which JSON gives as null, as a citation's."""


@dataclass(frozen=True)
class Shown:
    """A passage to preview: its document, text, document offset and line, and its sentences in order."""

    document: str
    text: str
    start: int
    line: int
    sentences: Sequence[Piece]
    soft_breaks: Sequence[int] | None = None
    """The document's soft line breaks (Markdown's, see Layout.soft_breaks) as ascending document offsets; None: not
    known (the lines tell)."""
    lead: str = ""
    """What stands before the passage on its first line, when it starts inside a line: that line is measured whole."""
    blanked: Runs = ()
    """The runs of spaces escape sequences left in the document (Layout.blanked, document offsets): a preview shows
    each closed (askdocs.text.gaps); none known, the text as it is."""


def _stems(text: str) -> set[str]:
    """The stems of a text's content words, a word broken over a line end by a hyphen read whole."""
    return {stem(w) for w in words(rejoined(text)) if w not in STOPWORDS}


def query_words(query: str) -> dict[str, str]:
    """The content words of a query by stem (the first word of each stem), as previews compare them: what a
    caller weighs (see `previews`' `weights`)."""
    out: dict[str, str] = {}
    for word in words(rejoined(query)):
        if word not in STOPWORDS:
            out.setdefault(stem(word), word)
    return out


def previews(
    passages: Sequence[Shown],
    query: str,
    weights: Mapping[str, float] | None = None,
    ranked: Sequence[tuple[str, int]] = (),
    cited: Collection[tuple[str, int]] = (),
) -> list[Preview]:
    """Previews of passages in a list for `query`. Each opens on the best-ranked of its sentences in `ranked`
    (document, start offset; best first: the sentences an answerer ranked) that is `cited` or shares a content word
    of the query (a shortlist runs deep: its low places may share nothing), else on its sentence whose distinct
    content words of the query weigh most (`weights` by stem, say by rarity; 1 each when not given; the first of
    equals). Overlapping passages of one document do not open on one sentence twice: a passage whose sentences
    that would be chosen were all shown above opens on its own start."""
    wanted = _stems(query)
    rank = {place: n for n, place in reversed(list(enumerate(ranked)))}
    shown: set[tuple[str, int]] = set()
    out = []
    for p in passages:
        fresh = [s for s in p.sentences if s.start < p.start + len(p.text) and (p.document, s.start) not in shown]
        found = _chosen(p.document, fresh, wanted, weights, rank, cited)
        if found is None:
            out.append(from_start(p.text, p.start, p.line, p.soft_breaks, p.lead, p.blanked))
            continue
        shown.add((p.document, found.start))
        if found.start <= p.start:  # the passage's first sentence: its own start is the preview
            out.append(from_start(p.text, p.start, p.line, p.soft_breaks, p.lead, p.blanked))
            continue
        before, text = p.text[: found.start - p.start], p.text[found.start - p.start :]
        lead = _lead(p.lead + closed(before, p.blanked, p.start))
        out.append(
            Preview(_shown(text, found.start, p.soft_breaks, lead, p.blanked), found.line, found.start, found.end)
        )
    return out


def _chosen(
    document: str,
    sentences: Sequence[Piece],
    wanted: set[str],
    weights: Mapping[str, float] | None,
    rank: Mapping[tuple[str, int], int],
    cited: Collection[tuple[str, int]],
) -> Piece | None:
    """The sentence of `sentences` (a passage's, less those shown above) its preview opens on (see `previews`):
    the best-ranked one that is cited or shares a query word, else the one whose shared query words weigh most;
    None when none shares a word of the query."""
    shared = {s.start: wanted & _stems(s.text) for s in sentences}
    placed = [s for s in sentences if (document, s.start) in rank and (shared[s.start] or (document, s.start) in cited)]
    if placed:
        return min(placed, key=lambda s: rank[(document, s.start)])
    best, found = 0.0, None
    for sentence in sentences:
        words = shared[sentence.start]
        score = sum(weights.get(w, 1.0) for w in words) if weights is not None else float(len(words))
        if score > best:
            best, found = score, sentence
    return found


def past_header(passage: Shown, header_end: int) -> Shown:
    """The passage from its first sentence that ends past its document's header (the "Title: ..." lines a text
    file opens with, never cited), so that its preview does not open on them; as it is when it starts past it."""
    if passage.start >= header_end:
        return passage
    rest = [s for s in passage.sentences if s.end > header_end]
    if not rest or not passage.start < rest[0].start < passage.start + len(passage.text):
        return passage
    first = rest[0]
    text = passage.text[first.start - passage.start :]
    return Shown(passage.document, text, first.start, first.line, rest, passage.soft_breaks, blanked=passage.blanked)


def from_start(
    text: str,
    start: int,
    line: int,
    soft_breaks: Sequence[int] | None = None,
    lead: str = "",
    blanked: Runs = (),
) -> Preview:
    """The preview of a passage (its text, document offset and line; its document's soft line breaks, as document
    offsets, when known; what stands before it on its first line; the runs escape sequences left in its document)
    shown from its first words."""
    return Preview(_shown(text, start, soft_breaks, _lead(lead), blanked), line, start, start + len(text))


def _shown(text: str, start: int, soft_breaks: Sequence[int] | None, lead: int, blanked: Runs) -> str:
    """`flattened` of `text` (at document offset `start`) with the runs of spaces escape sequences left closed, as a
    quote closes them (none before a comma), its soft line breaks found in the closed text."""
    shown, moved = closing(text, blanked, start)
    soft = _within(soft_breaks, start, text)
    return flattened(shown, None if soft is None else frozenset(map(moved, soft)), lead)


def _lead(before: str) -> int:
    """How many characters (each run of spaces as one) stand on a line before the text that follows `before`."""
    words = " ".join(before.rsplit("\n", 1)[-1].split())
    return len(words) + 1 if words else 0


def _within(soft_breaks: Sequence[int] | None, start: int, text: str) -> frozenset[int] | None:
    """The soft line breaks (ascending document offsets) that fall inside `text`, which starts at document offset
    `start`, as offsets into it."""
    if soft_breaks is None:
        return None
    first, last = bisect.bisect_left(soft_breaks, start), bisect.bisect_left(soft_breaks, start + len(text))
    return frozenset(o - start for o in soft_breaks[first:last])


LINE_SEPARATOR = " · "
"""What stands between two lines of the document in a one-line preview: list items, table rows, a heading and its
text, paragraphs. A middle dot, which every terminal encoding askdocs meets (Latin-1, the Windows code pages) has."""
WRAP_WIDTHS = range(40, 121)
"""The widths text is wrapped at: a text whose longest line is outside them (a list of short lines, a file with one
paragraph a line) is not wrapped, and every line break of it is kept."""
_BULLET = re.compile(r"^\s*[-*+•‣◦▪]\s+(?=\S)")
"""A list item's bullet, which the separator stands for once a list's lines are kept apart."""
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(?=\S)")
"""A numbered list item ("1. Sign up"): kept apart from the line before, its number kept."""
_SETS_APART = ",;:-–—"
"""Marks that end a line and already set it apart from the next ("stops, in order:"): a space follows them."""


def flattened(text: str, soft_breaks: Collection[int] | None = None, lead: int = 0) -> str:
    """`text` on one line for a preview, without escape sequences or controls, its lines kept apart by " · " where
    the document broke them on purpose (list items, table rows, headings, paragraphs), so that "Kestrel Point 17:00"
    and "Static Orchard" do not run together; the lines of a wrapped paragraph run on, as one text, as the sentence
    splitter reads them. `soft_breaks`, when the format says (Markdown), are the offsets in `text` of the line
    breaks inside a paragraph: exactly those run on. `lead`: how many characters (runs of spaces as one) stand
    before `text` on its first line, when it opens inside a line (a preview opening on a sentence mid-paragraph), so
    that the first line is measured whole: else its wrap reads as a short line's break."""
    soft = _soft_ends(text, soft_breaks)
    lines = [" ".join(clean(line, lines=False).split()) for line in unquoted(text).splitlines()]
    widths = [len(line) + (lead if k == 0 and lead > 0 else 0) for k, line in enumerate(lines)]
    width = max(widths, default=0)
    joints: list[tuple[str, str, int]] = []  # each line, how it follows the one before (_joint's word), paragraph
    last = ""  # the line before, when no blank line came since (a blank line starts a paragraph)
    paragraph = 0
    for k, line in enumerate(lines):
        if line:
            if not last:
                joint, paragraph = "break", paragraph + 1
            elif soft is not None:
                joint = ("hyphen" if broken_at(last, line) else "mark") if soft[k - 1] else "break"
            else:
                joint = _joint(last, line, width, widths[k - 1])
            joints.append((line, joint, paragraph))
        last = line
    listed = _lists(joints)
    out: list[str] = []
    for line, joint, paragraph in joints:
        if out and joint == "hyphen":  # a word broken over the line end: whole again, without a typesetter's hyphen
            out[-1] = (out[-1][:-1] if out[-1].endswith(BREAK) else out[-1]) + line
        elif out and (joint in ("mark", "run") or (joint == "wrap" and paragraph not in listed)):
            out[-1] += " " + line
        else:
            out.append(_BULLET.sub("", line, count=1))
    return LINE_SEPARATOR.join(out)


_INNER_END = re.compile(r"[a-z0-9][.!?][\"'”’)\]]*\s+[\"“‘(]?[A-Z]")
"""A sentence ending inside a line, the next opening on it: prose, which a list's items are not."""


def _lists(joints: list[tuple[str, str, int]]) -> frozenset[int]:
    """The paragraphs (of `joints`: line, joint, paragraph) whose wrapped-looking lines are a list's long items, each
    kept on its own: two lines or more of them, every one opening capitalised or with a number, and nothing that
    shows running prose, neither a line the sentence runs on into (in lower case, after "the") nor a sentence
    ending inside a line. A wrapped paragraph whose lines happen to open on names ("said the minister" / "Jane
    Smith ...") runs on."""
    out = set()
    for paragraph, group in itertools.groupby(joints, key=lambda joint: joint[2]):
        members = list(group)
        wraps = [line for line, joint, _ in members if joint == "wrap"]
        prose = any(joint in ("run", "hyphen") for _, joint, _ in members) or any(
            _INNER_END.search(line) for line, _, _ in members
        )
        if len(wraps) > 1 and not prose and all(line[0].isupper() or line[0].isdigit() for line in wraps):
            out.add(paragraph)
    return frozenset(out)


def _soft_ends(text: str, soft_breaks: Collection[int] | None) -> list[bool] | None:
    """For each line of `text` (as str.splitlines counts them), whether the line break that ends it is one of
    `soft_breaks` (offsets into `text`); None when they are not known."""
    if soft_breaks is None:
        return None
    soft = frozenset(soft_breaks)
    pieces = text.splitlines(keepends=True)
    ends = itertools.accumulate(len(piece) for piece in pieces)
    return [end - len(piece) + len(piece.splitlines()[0]) in soft for piece, end in zip(pieces, ends, strict=True)]


def _joint(line: str, after: str, width: int, length: int) -> str:
    """How `after` follows `line`: "break" (kept apart) when it starts a list item or a table row, or `line` is a
    Markdown heading; "hyphen" when `line` ends on a word that `after` finishes (see askdocs.text.hyphens); "mark"
    when `line` ends in a mark that sets them apart already; "run" when the sentence runs on into `after` (see
    askdocs.text.run_on); "wrap" when `line` was wrapped (the first word of
    `after` would not have fit on it, the longest line of the text giving the width, in WRAP_WIDTHS), unless every
    such line of the text starts capitalised, as the long items of a list do; else "break". `length`: how long
    `line` is on its line of the document."""
    if _BULLET.match(after) or _NUMBERED.match(after) or after.startswith("|") or line.startswith("#"):
        return "break"
    if CELL_SEPARATOR in line and CELL_SEPARATOR in after:  # two rows of a table, however long
        return "break"
    if broken_at(line, after):
        return "hyphen"
    if line[-1] in _SETS_APART:
        return "mark"
    if runs_on(line, after):  # as the sentences were split
        return "run"
    wrapped = width in WRAP_WIDTHS and length + 1 + len(after.split(maxsplit=1)[0]) > width
    return "wrap" if wrapped else "break"
