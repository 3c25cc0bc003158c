"""Markdown read for people: front matter becomes metadata, markup is taken out of the text, headings become section
landmarks, and every line of the text that is indexed maps back to its line in the file."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from askdocs.ingest.layout import Layout
from askdocs.ingest.titles import TITLE_CHARS
from askdocs.text.normalize import CELL_PIPE, CELL_SEPARATOR, shortened

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_END = frozenset({"---", "..."})
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"\s{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"\s{0,3}(?:=+|-+)[ \t]*$")
_REF_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^(\s*)[*+](?=\s)")
_QUOTE = re.compile(r"^\s{0,3}(?:>[ \t]?)+")
_ITEM = re.compile(r"\s*(?:[-*+]|(\d{1,9})[.)])(?:[ \t]|$)")
"""A line that opens a list item: a bullet, or a number and a full stop or a bracket, then a space."""
_BACKSLASH_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\\$")
"""A backslash at a line's end, not itself escaped: a hard line break when the paragraph goes on after it."""
_HARD_BREAK = re.compile(r" {2,}$|" + _BACKSLASH_BREAK.pattern)
"""A hard line break at a line's end: two spaces or more, or a backslash (not itself escaped)."""
_CODE_INDENT = 4
"""The indent of a line of indented code (outside a list), in columns."""
_IMAGES_ALONE = re.compile(r"\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+$")
"""A line of images alone, each maybe a link (a README's badges: "[![Build status](...)](...)"): its alt texts are
labels, never a sentence to cite nor the file's title."""
_LINK = r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|!?\[[^\]]*\]\([^)]*\)|\[[^\]]+\]\[[^\]]*\]"
"""A link, an image, an image that is a link (a badge) or a reference link."""
_LINKS_ALONE = re.compile(rf"\s*(?:{_LINK})(?:[\s•·|,/–—-]*(?:{_LINK}))*[\s•·|]*$")
"""A line of links alone, maybe set apart by bullets or bars (a README's "[English](README.md) • [中文](README.zh.md)"
or "[Docs](...) | [Chat](...)"): labels that name other pages, never a sentence to cite nor the file's title."""
_HTML_ALONE = re.compile(r"\s*(?:(?:<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)\s*)+$")
"""A line of HTML tags alone, no words outside them (`<div align="center"><img src="logo.png" alt="Click"></div>`,
`</p>`): markup, never a sentence to cite nor the file's title."""
_HTML_OPENING = re.compile(r"\s{0,3}</?[A-Za-z][\w-]*(?:\s|/?>|$)")
"""A line that opens on an HTML tag: raw HTML, whose words (a centred tagline) are no title while a heading follows."""
_TABLE_ROW = re.compile(r"^\s*\|(.*\|.*?)\|?\s*$")
"""A table row: its cells between the outer pipes (at least one pipe inside)."""
_CELL_PIPE = re.compile(r"(?<!\\)\|")
"""A pipe between two cells (an escaped one, `\\|`, is text)."""
_OWN_PIPE = re.compile(r"(?<!\S)\\\|(?!\S)")
"""A cell's own pipe (escaped) standing apart: written CELL_PIPE, so that the cell is not read as two."""
_ESCAPABLE = "\\`*_{}[]()#+-.!>~|"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PRIVATE = 0xF0000
"""Escaped characters are parked in a private-use plane while markup is removed, then put back."""
_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]+)\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)"), r"\1"),  # link: its text
    (re.compile(r"\[([^\]]+)\]\[[^\]\n]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S), r"\2"),  # strong
    (re.compile(r"[ \t]?~~(?=\S)(.+?)(?<=\S)~~", re.S), ""),  # strikethrough: struck out, so not said
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.S), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.S), r"\1"),  # emphasis
)


@dataclass(frozen=True)
class Markdown:
    """The text to index (no front matter, no markup), its layout (line map, headings) and the front matter."""

    text: str
    layout: Layout
    meta: dict[str, object]


def front_matter(lines: list[str]) -> tuple[dict[str, object], int]:
    """The YAML block between `---` lines at the top, as a dict, and how many lines it takes (0 if none)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in _FRONT_END:
            return _yaml("\n".join(lines[1:i])), i + 1
    return {}, 0


def _yaml(block: str) -> dict[str, object]:
    """The front matter's fields; `key: value` lines when it is not valid YAML. Dates stay as written (YAML would
    build them, and raise on "2025-02-30"): askdocs reads them as it reads every other date, and skips a bad one."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_scalar)
    try:
        data = yaml.load(block, Loader=Loader)  # noqa: S506 - a SafeLoader that leaves dates as text
    except (yaml.YAMLError, ValueError, OverflowError):
        data = None
    if isinstance(data, dict):
        return {str(k).lower(): v for k, v in data.items()}
    pairs = (line.split(":", 1) for line in block.splitlines() if ":" in line)
    return {k.strip().lower(): v.strip().strip("\"'") for k, v in pairs}


def metadata(meta: dict[str, object]) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """Title, date (as written), author and tags from front matter fields."""
    title = meta.get("title")
    date = meta.get("date", meta.get("published"))
    author = meta.get("author", meta.get("authors"))
    tags = meta.get("tags", meta.get("keywords", ()))
    if isinstance(date, datetime.date):
        date = date.isoformat()
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,;]", tags)]
    tag_list = tuple(str(t).strip() for t in tags if str(t).strip()) if isinstance(tags, list | tuple) else ()
    return (
        str(title).strip() if title else None,
        str(date) if date else None,
        str(author).strip() if author else None,
        tag_list,
    )


def read_markdown(source: str) -> Markdown:
    """Markdown as the text askdocs indexes: markup removed (offsets stay exact in that text), a line map to the
    file, headings as (start, end, text) on lines of their own."""
    lines = _LINE_BREAK.split(source)
    meta, skip = front_matter(lines)
    out = _Out()
    fence: str | None = None
    paragraph: list[tuple[str, int, bool]] = []  # each line, its file line, and whether a soft break comes before it
    header_rows: set[int] = set()  # file lines of tables' header rows and of badges: labels, never cited
    in_table = False  # inside a table's rows (after its rule, until a blank line): pipes part cells
    listed = False  # inside a list (since an item, until a paragraph or heading not indented): indents are not code
    shape: _Shape | None = None  # how the paragraph's last line stands

    def flush() -> None:
        if paragraph:
            texts = _inline_block([t for t, _, _ in paragraph])
            for text, (_, number, soft) in zip(texts, paragraph, strict=True):
                out.line(text, number, label=number in header_rows, soft=soft)
            paragraph.clear()

    i = skip
    while i < len(lines):
        line, number = lines[i], i + 1
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if fence is not None:  # code is kept as written, without its fences
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence:
                fence = None
                line = ""
            out.line(line, number)
        elif (opening := _FENCE.match(line)) is not None:
            flush()
            fence = opening.group(1)[0]
            out.line("", number)
        elif (atx := _ATX.match(line)) is not None:
            flush()
            listed = False
            out.heading(_inline(atx.group(1) or ""), number)
        elif line.strip() and not paragraph and _SETEXT.match(nxt) and not _TABLE_RULE.match(line):
            listed = False
            out.heading(_inline(line.strip()), number)
            out.line("", number + 1)
            i += 1
        elif not line.strip() or _REF_DEFINITION.match(line) or _TABLE_RULE.match(line) or _SETEXT.match(line):
            flush()
            in_table = number - 1 in header_rows and _TABLE_RULE.match(line) is not None  # a header's rule
            out.line("", number)
        else:
            raw, line = line, _QUOTE.sub("", line, count=1)  # a quoted line says its words without the > marks
            row = _TABLE_ROW.match(line)  # a table row keeps its cells as "cell | cell", without the outer pipes
            header = "|" in line and _TABLE_RULE.match(nxt) is not None  # with or without its outer pipes
            cells = _cells(row.group(1) if row else line) if row or ((header or in_table) and "|" in line) else None
            if header or _IMAGES_ALONE.match(line) or _LINKS_ALONE.match(line) or _HTML_ALONE.match(line):
                header_rows.add(number)
            before = shape if paragraph else None
            item = _opens_item(line, listed or before is None)
            listed = item or (listed and (before is not None or _indent(line) > 0))
            shape = _shape(raw, line, item, cells is not None or number in header_rows, before, listed)
            soft = before is not None and _soft_break(before, shape)
            if before is not None and _breaks_on(paragraph[-1][0], before, shape):
                paragraph[-1] = (paragraph[-1][0][:-1] + " ", *paragraph[-1][1:])
            paragraph.append((cells if cells is not None else _BULLET.sub(r"\1-", line, count=1), number, soft))
        i += 1
    flush()
    return Markdown(out.text(), out.layout(skip), meta)


def heading_title(md: Markdown) -> str | None:
    """The first heading, when every line with words above it is a label (badges, links alone, HTML tags alone) or
    raw HTML (a README that opens on its logo and tagline set in HTML, then "# Click"): such lines are no title, the
    heading is (cut as a first line's title is). None when a line of prose comes first, when the heading opens the
    text (its first line is the title), or there is no heading."""
    if not md.layout.headings:
        return None
    start, _, heading = md.layout.headings[0]
    pos, opening = 0, False
    for line in md.text[:start].split("\n"):
        if line.strip() and not (_HTML_OPENING.match(line) or md.layout.labelled(pos, pos + len(line))):
            return None
        opening = opening or bool(line.strip())
        pos += len(line) + 1
    return shortened(heading, TITLE_CHARS) if opening else None


@dataclass(frozen=True)
class _Shape:
    """How a line of a paragraph stands, for CommonMark's soft breaks: its quote depth, whether it opens a list item,
    stands apart (a table row, a label line, a line of indented code), or ends on a hard break."""

    depth: int
    item: bool
    apart: bool
    code: bool
    hard_end: bool


def _opens_item(line: str, listed: bool) -> bool:
    """Whether a line opens a list item: a bullet does; a number does in a list or where no paragraph goes on, and
    else only 1 (CommonMark: "... in\n2024. The year after" goes on with its paragraph)."""
    m = _ITEM.match(line)
    return m is not None and (m.group(1) is None or listed or int(m.group(1)) == 1)


def _shape(raw: str, line: str, item: bool, row_or_label: bool, before: _Shape | None, listed: bool) -> _Shape:
    """The shape of a paragraph's line: `raw` as written, `line` without its quote marks, whether it opens a list
    `item`; `before`, the shape of the line before in its paragraph (None for its first line); `listed`, whether a
    list holds it (its indent is no code: an item's own paragraphs are indented)."""
    marks = _QUOTE.match(raw)
    code = _indent(line) >= _CODE_INDENT and (before.code if before is not None else not listed)
    return _Shape(
        depth=marks.group(0).count(">") if marks else 0,
        item=item,
        apart=row_or_label or code,
        code=code,
        hard_end=_HARD_BREAK.search(line) is not None,
    )


def _soft_break(before: _Shape, after: _Shape) -> bool:
    """Whether the line break between two lines of a paragraph is soft (CommonMark): the lines are one run of text
    unless either stands apart, the first ends on a hard break (two spaces, a backslash), or the second opens a
    list item or a deeper block quote."""
    return not (before.apart or after.apart or before.hard_end or after.item or after.depth > before.depth)


def _breaks_on(text: str, before: _Shape, after: _Shape) -> bool:
    """Whether `text`, a paragraph's line, ends on a backslash that is a hard line break (CommonMark): the line after
    it would run on but for the backslash. The backslash is markup, so it is made a space (the line keeps its
    length), as two trailing spaces are; elsewhere (at a paragraph's end, in code) it is text and stays."""
    return _BACKSLASH_BREAK.search(text) is not None and _soft_break(replace(before, hard_end=False), after)


def _indent(line: str) -> int:
    """How many columns a line is indented by (a tab to the next multiple of four)."""
    expanded = line.expandtabs(_CODE_INDENT)
    return len(expanded) - len(expanded.lstrip())


def _cells(inner: str) -> str:
    """A table row's cells as "cell | cell", each without the padding that lines up the file's columns."""
    parts = [_OWN_PIPE.sub(CELL_PIPE, part.strip()) for part in _CELL_PIPE.split(inner.strip().removesuffix("|"))]
    return CELL_SEPARATOR.join(parts)


def _inline_block(lines: list[str]) -> list[str]:
    """Markup removed from a paragraph; emphasis and links may span lines, the line count stays the same."""
    cleaned = _inline("\n".join(lines)).split("\n")
    return cleaned if len(cleaned) == len(lines) else [_inline(line) for line in lines]


def _inline(text: str) -> str:
    """Text without inline markup: links keep their text, emphasis and code marks go, escapes are resolved."""
    if any(ord(c) >= _PRIVATE for c in text):  # the file uses the parking plane itself: resolve escapes plainly
        return _ESCAPE.sub(r"\1", _markup_free(text))
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + _ESCAPABLE.index(m.group(1))), text)
    parts = []
    pos = 0
    for m in _CODE.finditer(text):  # code spans keep their content untouched
        parts.append(_markup_free(text[pos : m.start()]))
        code = m.group(2)
        parts.append(code[1:-1] if len(code) > 2 and code[0] == code[-1] == " " else code)
        pos = m.end()
    parts.append(_markup_free(text[pos:]))
    joined = "".join(parts)
    return "".join(_ESCAPABLE[ord(c) - _PRIVATE] if ord(c) >= _PRIVATE else c for c in joined)


def _markup_free(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


class _Out:
    """The derived text line by line, each line remembering its file line; headings stand between blank lines."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._numbers: list[int] = []
        self._length = 0
        self._headings: list[tuple[int, int, str]] = []
        self._labels: list[tuple[int, int]] = []
        self._soft: list[int] = []

    def line(self, text: str, number: int, *, label: bool = False, soft: bool = False) -> None:
        """Add a line of the text from file line `number`; `soft`: a soft break joins it to the line before."""
        if soft and self._lines:
            self._soft.append(self._length)
        if label and text.strip():
            start = self._length + (1 if self._lines else 0)
            self._labels.append((start, start + len(text)))
        self._length += len(text) + (1 if self._lines else 0)
        self._lines.append(text)
        self._numbers.append(number)

    def heading(self, text: str, number: int) -> None:
        text = text.strip()
        if self._lines and self._lines[-1].strip():
            self.line("", number)
        if text:
            start = self._length + (1 if self._lines else 0)
            self.line(text, number)
            self._headings.append((start, start + len(text), text))
            self.line("", number)
        else:
            self.line("", number)

    def text(self) -> str:
        return "\n".join(self._lines)

    def layout(self, skipped: int) -> Layout:
        identity = skipped == 0 and self._numbers == list(range(1, len(self._numbers) + 1))
        numbers = () if identity else tuple(self._numbers)
        return Layout(
            "markdown",
            headings=tuple(self._headings),
            lines=numbers,
            labels=tuple(self._labels),
            soft_breaks=tuple(self._soft),
        )
