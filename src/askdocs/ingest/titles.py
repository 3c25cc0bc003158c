"""Titles: what a document is called, from its metadata, the header lines a text file opens with, or its first
line as a last resort."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from askdocs.ingest.encoding import BOM
from askdocs.ingest.header import header_end
from askdocs.lang.en import EN, Lexicon
from askdocs.text.normalize import shortened

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_HEADER = re.compile(r"^(title|date|published|author)\s*:\s*(.+?)\s*$", re.I | re.M)
_SUBJECT = re.compile(r"^[ \t]*(?:subject|re)[ \t]*:[ \t]*(\S.*?)\s*$", re.I | re.M)
"""A "Subject:" line, or a memo's "Re:" line: what the message or memo is about."""
_ADDRESSED = re.compile(r"^[ \t]*(?:to|from|date|cc|re|subject)[ \t]*:", re.I | re.M)
_KEY = re.compile(r"([A-Za-z][A-Za-z-]{0,30})[ \t]*:(?:\s|$)")
_COLUMNS = re.compile(r"\S(?: {6,}|\t)\S")
"""Words set apart by a run of spaces or a tab: a line laid out in columns, as a letterhead or an RFC's first lines
("Network Working Group        J. Postel"), which is no title."""
_RULE_LINE = re.compile(r"([=\-~`#*^\"+'_.:])\1{2,}")
"""A rule ("=====", a reStructuredText title's overline or underline): markup in any file, never a title."""
_RST_MARKUP_LINE = re.compile(_RULE_LINE.pattern + r"|\.\.(?:\s.*)?|:[\w -]+:(?:\s.*)?")
"""A line of a reStructuredText file's markup, never its title: a rule, a directive, target or comment (".. meta::",
".. _installation:") or a field (":description: ..."). Only in a .rst file: elsewhere ":rocket: Rocket Launcher"
or ".. and more notes" is a line of text."""
_OPENING = r"(?<![^\W_]|-)"
"""Opening the name, or a word set apart by other than a hyphen."""
_NOT_AFTER_OPENING_LETTER = rf"(?<!{_OPENING}[^\W\d_])"
"""Not right after a single letter that opens the name or a word set apart by other than a hyphen."""
_LETTER_WORD = "".join(sorted(EN.letter_words | {w.upper() for w in EN.letter_words}))
_SMALL_WORD = "|".join(sorted(EN.stopwords, key=len, reverse=True))
_JOINED_WORDS = re.compile(
    rf"_+|{_NOT_AFTER_OPENING_LETTER}-+(?!\d)|(?<!\d){_NOT_AFTER_OPENING_LETTER}-+"
    rf"|(?<={_OPENING}[{_LETTER_WORD}])-+(?=[^\W\d_])|-+(?=(?i:{_SMALL_WORD})(?![^\W_]))"
)
"""What joins the words of a file or column name ("life_expectancy", "tide-times", "loans-2023"): read as a space.
Kept: a hyphen between digits ("2023-01-05", "2019-2020"), and one after a single letter that opens the name or a
word set apart otherwise ("x-ray", "e-mail", "B-52", "I-95"): the hyphen of a word ("section-a-notes" is three
words); but not before a small word ("q-and-a"), nor after a letter that is a word ("a-guide-to-loans") unless a
number follows."""
_OPENER = "|".join(w.replace(" ", r"\s+") for w in sorted(EN.byline_openers, key=len, reverse=True))
_BYLINE = re.compile(
    rf"^(?:(?P<by>(?i:{_OPENER}))\b[ \t]*:?[ \t]*(?P<rest>[^\n]{{1,100}})|(?P<date>[A-Z0-9][^\n]{{5,40}}))$"
)
"""A line a news story opens with besides its title: a byline ("By Jane Doe | March 3, 2024", "By Staff Reporter,
March 14, 2023"), a date line ("Published March 3, 2024") or a date alone."""
_NAME = re.compile(r"(?:[A-Z][\w.’'-]*|de|da|del|van|von|der|la|le|bin|al|and|&)(?:\s+|$)")
_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
_AGENCY = r"\([A-Z][\w .&-]*\)"
_REGION = r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'’ -]*[A-Z]{_REGION}(?:,\s*|\s+)"
    rf"(?:(?P<day>{_DAY}),?\s*(?:{_AGENCY})?|{_AGENCY}\s*[-—–]\s*(?P<later>{_DAY}))\s*[-—–:]"
)
"""A wire story's dateline, its place in capitals then its day, before or after the agency: "PARIS, Feb 20, 2025
(Reuters) -", "CHICAGO (Reuters) - March 3, 2025 -", "DAYTON, Ohio, 3 March 2025 —"."""
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_TITLED_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}(?:,\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})?)"
    rf"(?:,\s*(?P<day>{_DAY}),?\s*(?:{_AGENCY})?|\s+{_AGENCY}\s*[-—–]\s*(?P<later>{_DAY}))\s*(?:[—–]|--?(?=\s))"
)
"""A dateline whose place is written in title case, as press releases write it: one to three capitalised words, a
region after a comma if any, then a comma, the day and a dash ("Langley, 28 July 2025 - ", "Fort Worth, Texas,
3 September 2025 – "). Only a dash ends it: "Paris, 3 May 2024 was the day ..." is a sentence."""
_LATER_DATE = re.compile(
    r"\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+(?P<month>[A-Z][a-z]{2,8})\b|(?P<named>[A-Z][a-z]{2,8})\.?\s+\d{1,4}\b"
    r"|\d{4}-\d{2}-\d{2})"
)
"""A date right after a dateline's dash: the end of a lifespan or a range ("7 February 1812 – 9 June 1870")."""
BYLINE_LINES = 8
"""The first lines of a file looked through for a byline or a date line."""
TITLE_LINES = 12
"""The first lines of a file searched for one that reads as a title (past header lines and column layouts)."""


def text_metadata(text: str) -> tuple[str | None, str | None]:
    """Title and date from front matter or the header lines at the top of a text file (`Title:`, `Date:`, in its
    header or its first eight lines; a header's `Subject:` is the title when it has no `Title:`)."""
    match = _FRONT_MATTER.match(text[:2000])
    end = 0 if match else header_end(text)
    first = "\n".join(text[:2000].splitlines()[:8])  # a date line may follow a byline that is no "Key:" line
    block = match.group(1) if match else text[:end] + "\n" + first if end else first
    fields = {m.group(1).lower(): m.group(2).strip("\"' ") for m in _HEADER.finditer(block)}
    if end and "title" not in fields and (line := _headline(text[:end])):
        fields["title"] = line
    memo = match or end or len(_ADDRESSED.findall(first)) >= 2  # a header, or a memo's lines ("MEMORANDUM")
    subject = _SUBJECT.search(block) if memo else None
    date = fields.get("date") or fields.get("published")
    if date is None:  # a news story's byline, date line or dateline: "By Jane Doe | March 3, 2024"
        date = _opening_date(first.splitlines()[:BYLINE_LINES])
    return fields.get("title") or (subject.group(1) if subject else None), date


def _opening_date(lines: list[str], lexicon: Lexicon = EN) -> str | None:
    """The day the first of a file's first `lines` to give one gives, as a byline, a date line, a press release's
    line or a dateline, as an ISO date, else None. A dateline with its place in title case counts only where it opens
    the story: the first line of its first paragraph, under no lines but headings (a headline, a subheading) and the
    lines a story opens with (a byline, "FOR IMMEDIATE RELEASE"), and not followed by another (a timeline's)."""
    start = 0  # where the line's paragraph starts
    own: list[int] = []  # the lines above that are no byline nor release line
    for number, line in enumerate(lines):
        if not line.strip():
            start = number + 1
            continue
        (bylined, day), (released, on) = byline(line, lexicon), release_line(line, lexicon)
        if found := day or on or _dated(line, _opens(lines, own, start, number, lexicon), lexicon):
            return found
        if not (bylined or released):
            own.append(number)
    return None


def _opens(lines: list[str], own: list[int], start: int, number: int, lexicon: Lexicon = EN) -> bool:
    """Whether line `number`, in the paragraph from `start`, opens the story (see _opening_date): the `own` lines
    above it (no byline nor release line) are headings, each its paragraph's, or one right above it; and the line
    under it, in its paragraph, is no dateline."""
    above = [n for n in own if n >= start]
    paragraphs: dict[int, list[str]] = {}
    first = 0
    for n, line in enumerate(lines[:start]):
        first = n + 1 if not line.strip() else first
        if n in own:
            paragraphs.setdefault(first, []).append(line)
    if len(above) > 1 or not all(_heading(" ".join(p), lexicon) for p in paragraphs.values()):
        return False
    if above and not _heading(lines[above[0]], lexicon):  # "... when we arrived in" over "Brussels, 3 May 2024 - "
        return False
    below = lines[number + 1] if number + 1 < len(lines) else ""
    return not _TITLED_DATELINE.match(below.strip())


def _heading(text: str, lexicon: Lexicon = EN) -> bool:
    """Whether `text` reads as a headline or a subheading, not a sentence's lines: a few words, not ending as a
    sentence does (a full stop after a word) nor mid-sentence (a comma, "in", "of", "the")."""
    words = text.split()
    if not words or len(words) > _HEADING_WORDS or text.rstrip()[-1] in ",;":
        return False
    last = words[-1]
    if last.endswith(".") and "." not in last[:-1] and last[:-1] not in lexicon.abbreviations:
        return False
    last = last.strip("\"'’”)").lower()
    return last not in lexicon.line_end_words and last not in lexicon.place_prepositions


_HEADING_WORDS = 25
"""The most words a headline or subheading over a dateline has."""


def _dated(line: str, opens: bool = True, lexicon: Lexicon = EN) -> str | None:
    """The day a wire story's dateline opening `line` gives (see _DATELINE), or, where the line `opens` the story
    (see _opening_date), one with its place in title case (see _TITLED_DATELINE) whose place holds no word of a
    sentence's ("In Paris", "On Tuesday"), as an ISO date, else None. A date after its dash makes it a lifespan or
    a range ("Portsmouth, 7 February 1812 – 9 June 1870"), no dateline."""
    from askdocs.ingest.published import parse_publication_date

    line = line.strip()
    match = _DATELINE.match(line)
    if match is None and opens and (titled := _TITLED_DATELINE.match(line)):
        words = re.findall(r"[^\W\d_]+", titled["place"].lower())
        match = None if any(w in lexicon.not_place_words or w in lexicon.month_or_day for w in words) else titled
    if match is not None and (later := _LATER_DATE.match(line, match.end())):
        month = (later["month"] or later["named"] or "").lower()
        match = match if month and month not in lexicon.month_or_day else None
    day = parse_publication_date(match["day"] or match["later"]) if match else None
    return day.isoformat() if day else None


def _headline(header: str, lexicon: Lexicon = EN) -> str | None:
    """The header's first line when it is the story's headline, not a field: a "key" no header has, before a
    value of words ("Borneo bridge collapse: death toll reaches four" over "Source:" and "Published:" lines)."""
    line = header.strip().split("\n", 1)[0].strip()
    key = line.split(":", 1)[0].strip().lower()
    if key in lexicon.header_keys or key in lexicon.mail_header_keys or key in lexicon.title_skipped_keys:
        return None
    return line if _worded(line) else None


def byline(line: str, lexicon: Lexicon = EN) -> tuple[bool, str | None]:
    """Whether `line` is a byline or a date line (see _BYLINE), and the day it gives when it names one with its
    year ("March 3, 2024"): a byline names someone ("By Jane Doe"; not "By the time we arrived" nor "By Monday"),
    a date line ("Updated ...") and a line of its own a date, nothing else."""
    from askdocs.ingest.published import parse_publication_date

    match = _BYLINE.match(line.strip())
    if match is None:
        return False, None
    if match["date"] is not None:  # a line that is only a date: its words are the date's
        alone = _date_alone(match["date"])
        return alone is not None, alone
    day = parse_publication_date(match["rest"])
    if match["by"].split()[-1].lower() == "by":
        head = re.split(r"\s*[|,;·•—–(]\s*|\s+-\s+", match["rest"], maxsplit=1)[0]
        names = _NAME.findall(head + " ")
        named = bool(names) and "".join(names).strip() == head.strip() and len(names) <= 8
        if not named or any(n.strip().lower() in lexicon.month_or_day for n in names):
            return False, None
        return True, day.isoformat() if day else None
    return day is not None, day.isoformat() if day else None


_DATE_WORDS = EN.month_or_day | {"am", "pm", "gmt", "utc", "bst", "est", "edt", "pst", "pdt", "cet", "updated", "th"}


def _date_alone(text: str) -> str | None:
    """The day `text` gives as an ISO date when it holds a date and nothing else (a weekday, a time), else None."""
    from askdocs.ingest.published import parse_publication_date

    day = parse_publication_date(text)
    if day is None or [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _DATE_WORDS]:
        return None
    return day.isoformat()


@lru_cache(maxsize=8)
def _release_patterns(lines: tuple[str, ...], openers: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of a press release's line (one of `lines`, then what follows it) and of its embargo line (one of
    `openers`, then the time): see release_line."""

    def either(phrases: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))

    pattern = r"[\W_]*(?i:{})(?![^\W_])[\s:|,—–-]*(?P<rest>.*?)[\W_]*"
    return re.compile(pattern.format(either(lines))), re.compile(pattern.format(either(openers)))


def release_line(line: str, lexicon: Lexicon = EN) -> tuple[bool, str | None]:
    """Whether `line` is one a press release opens with, no title, and the day it gives: a release line ("FOR
    IMMEDIATE RELEASE", "Press release", alone or before a reference number or a date, which it gives) or an embargo
    line ("EMBARGOED UNTIL 00:01 BST, 4 September 2025", in capitals, or naming a time: a figure, a month or a weekday,
    or one of the Lexicon's `embargo_ends`, "until further notice"; "Embargoed Until Dawn" is a novel's title). An
    embargo gives no date: it names when the release may be published, not when it was written."""
    released, embargoed = _release_patterns(lexicon.release_lines, lexicon.embargo_openers)
    text = line.strip()
    if match := released.fullmatch(text):
        rest = match["rest"]
        alone = _date_alone(rest) if rest else None
        if alone is None and rest and (number := _REFERENCE.match(rest)):  # "PRESS RELEASE 2025/14"
            rest = rest[number.end() :].strip(" \t:|,—–-")
            alone = _date_alone(rest) if rest else None
        return not rest or alone is not None, alone
    if match := embargoed.fullmatch(text):
        rest = match["rest"]
        words = re.findall(r"[^\W\d_]+", rest)
        named = any(w[0].isupper() and w.lower() in lexicon.month_or_day for w in words) or any(
            re.search(rf"(?<![^\W_]){re.escape(end)}(?![^\W_])", rest, re.I) for end in lexicon.embargo_ends
        )
        return text.isupper() or any(c.isdigit() for c in rest) or named, None
    return False, None


_REFERENCE = re.compile(r"(?i:no\.?|nr\.?|number|ref\.?|reference)?\s*[:#]?\s*[A-Z]{0,5}[-/]?\d[\w/.-]*(?![\w/.-])")
"""A press release's reference number after its release line ("2025/14", "No. 14", "PR-2025-014")."""


def given_title(title: str | None, lexicon: Lexicon = EN) -> str | None:
    """A title from a file's metadata, or None when it is empty or a placeholder a tool wrote for want of one
    ("untitled", "Microsoft Word - notes.docx"): the document then gets the title other files get."""
    title = " ".join((title or "").replace(BOM, "").split())
    folded = title.casefold()
    if folded in lexicon.placeholder_titles or folded.startswith(lexicon.placeholder_title_prefixes):
        return None
    return title or None


def first_line_title(
    text: str,
    fallback: str,
    lexicon: Lexicon = EN,
    labelled: Callable[[int, int], bool] | None = None,
    rst: bool = False,
    headed: bool = False,
) -> str:
    """The first line that reads as a title, without markdown heading marks, as a title of last resort (a long one
    cut after a whole word, with an ellipsis): among the first TITLE_LINES lines, not a header line ("To: All
    staff", "Date: ...") nor one laid out in columns (an RFC's "Network Working Group      J. Postel"); else the
    first line. A line `labelled` (start, end) calls a label (a README's badges) is never the title, nor is a line
    of markup (a rule; in a reStructuredText file, `rst`, a directive or a field: see _RST_MARKUP_LINE), nor one
    of the fields a file opens with (`headed`: the text follows a header; see _opening_fields)."""
    markup = _RST_MARKUP_LINE if rst else _RULE_LINE
    lines, pos = [], 0
    fields = _opening_fields(text, headed)
    for number, raw in enumerate(text.splitlines(keepends=True)):
        line = raw.rstrip("\r\n")
        if number >= fields and not (labelled and line.strip() and labelled(pos, pos + len(line))):
            lines.append(line.strip().lstrip("#").strip())
        pos += len(raw)
    laid_out = False  # the paragraph so far has a line laid out in columns: its other lines belong to the layout
    seen = 0
    for line in lines:
        if not line or _HEADER.match(line) or markup.fullmatch(line) or _opening(line, lexicon):
            laid_out = laid_out and bool(line)
            continue
        seen += 1
        if seen > TITLE_LINES:
            break
        laid_out = laid_out or bool(_COLUMNS.search(line))
        key = _KEY.match(line)
        if not laid_out and (key is None or key.group(1).lower() not in lexicon.title_skipped_keys):
            return shortened(line, TITLE_CHARS)
    first = next((line for line in lines if line and not _HEADER.match(line) and not markup.fullmatch(line)), None)
    return shortened(first, TITLE_CHARS) if first else fallback


def _opening(line: str, lexicon: Lexicon = EN) -> bool:
    """Whether `line` is one a news story or a press release opens with besides its title: a byline, a date line or
    a release or embargo line."""
    return byline(line, lexicon)[0] or release_line(line, lexicon)[0]


def _opening_fields(text: str, headed: bool = False) -> int:
    """How many lines of fields a file opens with (a Debian copyright or control file, a package's metadata): when
    its first line is a "Key: value" line whose value is no words, and the second a key's or a value carried on over
    an indented line, or when, `headed` (the text follows a header), it opens on such a carried-on value (the rest
    of the header's last field), its paragraphs of fields, each opening on a key, with their indented lines, hold no
    title ("Format: https://www.debian.org/...", "Files: *"), and a file holding nothing else is titled by its name.
    A letter's or a message's keys are read by `text_metadata`."""
    lines = text[:_FIELDS_READ].splitlines()
    carried = headed and len(lines) > 1 and not lines[0] and lines[1][:1] in " \t"  # right after the header's end
    start = next((number for number, line in enumerate(lines) if line.strip()), 0)  # blank lines above it
    opening = [line for line in lines[start : start + _FIELDS_LOOKED] if line.strip()][:2]
    fields = len(opening) == 2 and bool(_KEY.match(opening[0])) and not _worded(opening[0])
    if not (carried or (fields and (_KEY.match(opening[1]) or _carried(opening[1])))):
        return 0
    past = len(text) > _FIELDS_READ
    lines = lines[:-1] if past else lines  # the last line read may be cut short
    for number, line in enumerate(lines[start:], start):
        if not line.strip():
            after = next((rest for rest in lines[number + 1 :] if rest.strip()), "#" if past else "")
            if not (_KEY.match(after) or after.startswith("#")):  # the next paragraph is no fields: it may hold one
                return number
        elif not (_KEY.match(line) or _carried(line) or line.startswith("#")):  # "#": a comment among fields
            return number
    return len(text.splitlines()) if past else len(lines)  # fields as far as it was read


def _carried(line: str) -> bool:
    """An indented line that carries a field's value on."""
    return line[:1] in " \t" and bool(line.strip())


def _worded(line: str) -> bool:
    """A "Key: value" line whose value reads as words, two or more and no address: a title ("Recipe: Lemon tart",
    "Study: New Evidence Suggests ...") over its fields, as before."""
    value = line.split(":", 1)[1].split()
    words = [word for word in value if any(c.isalpha() for c in word)]
    return len(words) >= 2 and not any("://" in word or "@" in word for word in value)


_FIELDS_READ = 20_000
"""The characters of a file's opening fields read for its title: fields past them are taken for fields too."""
_FIELDS_LOOKED = 4
"""The lines looked at for a file's first two fields: a lone field may stand apart ("Format: ...", a blank line)."""


TITLE_CHARS = 120
"""The longest title taken from a document's first line."""


def readable(stem: str) -> str:
    """A file or column name as words: underscores and hyphens as spaces (bar those of `_JOINED_WORDS`: "x-ray",
    "2023-01-05"), capitalised when it is all in lower case ("life_expectancy" -> "Life expectancy",
    "library-loans-2023" -> "Library loans 2023", "GDP_by_country" -> "GDP by country") and does not open with a
    dotted name, a command's, a man page's or a version's, kept as written ("gzip.1", "v2.1 notes")."""
    words = " ".join(_JOINED_WORDS.sub(" ", stem).split())
    dotted = "." in words.split(" ", 1)[0]
    return words[:1].upper() + words[1:] if words.islower() and not dotted else words
