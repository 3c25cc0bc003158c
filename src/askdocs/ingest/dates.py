"""Dates in questions and passages: explicit, relative to a publication date, or anaphoric.

Questions such as "Who was arrested on July 2?" need evidence about that date ranked first, and
passages express dates as "2 July", "on Tuesday", "the same day", "last year" and so on.
"""

import bisect
import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from askdocs.ingest.date_ranges import (
    MAX_ANCHOR_DAYS,
    ONE_DAY,
    DateMention,
    DateRange,
    guess_year,
    one_day,
    whole_month,
    whole_year,
    within_calendar,
)
from askdocs.ingest.relative_dates import ANAPHORIC_RULES, RELATIVE_RULES, Relative, Shift
from askdocs.lang.en import EN

__all__ = [
    "DateMention",
    "DateRange",
    "find_dates",
    "resolve_document_dates",
]

# --- patterns ------------------------------------------------------------------------------

_MONTHS = {name[:3]: number for number, name in enumerate(EN.months, start=1)}
"""Month numbers by the first three letters of the name."""


def _month_alternative(name: str) -> str:
    """ "jan(?:uary)?", "june?", "sep(?:t(?:ember)?)?": the name or its abbreviation."""
    if name == "september":
        return "sep(?:t(?:ember)?)?"
    return name if len(name) == 3 else f"{name}?" if len(name) == 4 else f"{name[:3]}(?:{name[3:]})?"


MONTH_PATTERN = r"(?P<month>" + "|".join(map(_month_alternative, EN.months)) + r")\b"
WEEKDAY_PATTERN = r"(?:" + "|".join(EN.weekdays) + r")"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.]\d)"
_DAYNUM2 = r"(?:\s*(?:-|–|—|to|through|until)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.]\d))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d-])"
_COUNT_NOUNS = r"(?:" + "|".join(EN.count_nouns) + ")"


def compile_rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_YEAR_TAIL = rf"(?:(?:,\s*|\s+){_YEAR})?"
_MONTH_DAY_RE = compile_rule(
    rf"(?<![\w-])(?:{WEEKDAY_PATTERN},?\s+)?{MONTH_PATTERN}\.?\s+{_DAYNUM}{_DAYNUM2}{_YEAR_TAIL}"
)
_DAY_MONTH_RE = compile_rule(
    rf"(?<![\w,.-])(?:{WEEKDAY_PATTERN},?\s+)?(?:the\s+)?{_DAYNUM}{_DAYNUM2}\s+(?:of\s+)?{MONTH_PATTERN}\.?{_YEAR_TAIL}"
)
_MONTH_YEAR_RE = compile_rule(rf"(?<![\w-]){MONTH_PATTERN}\.?(?:,\s*|\s+)(?:of\s+)?{_YEAR}")
_MONTH_ALONE_RE = compile_rule(
    r"\b(?P<prep>in|since|until|till|during|from|through|by|before|after|of|early|late|mid)[\s-]+"
    rf"(?:early\s+|late\s+|mid-?)?(?P<d>{MONTH_PATTERN})(?!['’]s)"
)
_NOT_A_YEAR_AFTER = rf"(?![-–/]\d|\s*%|\s+{_COUNT_NOUNS}\b|,\d)"
"""What makes a four-digit number that could be a year a count or a part of something else ("2021 votes", "2010%")."""
_BARE_YEAR_RE = compile_rule(
    rf"\b(?:in|since|by|of|until|till|before|after|during|from|through)\s+(?P<d>(?:19|20)\d{{2}})\b{_NOT_A_YEAR_AFTER}"
)
_CELL_YEAR_RE = compile_rule(
    r"^(?P<d>(?:19|20)\d{2})(?= \| )|(?:^|(?<= \| ))(?:[a-z]+ )?year: (?P<y>(?:19|20)\d{2})(?= \| |$)"
)
"""A year alone in a table row's first cell, the row's key ("2019 | Japan | 84.4"), or in a cell its column's name
calls a year (a CSV row, "Country: Japan | Year: 2019 | ..."): the row is that year's (a table row's cells stand
apart by " | ", askdocs.text.normalize.CELL_SEPARATOR). A year-like number in another cell may be a price, a height
or a count ("ThinkPad X1 | 1999")."""
_YEAR_SPAN_RE = compile_rule(
    r"\b(?P<prep>between|from|in|during|of|since|until|through|by|before|after|the|for)\s+"
    r"(?P<d>(?P<a>(?:19|20)\d{2})(?:\s*[-–—]\s*|\s+(?P<word>and|to|until|till|through)\s+)(?P<b>(?:19|20)\d{2}|\d{2}))"
    rf"(?![\w%/-]|[.,]\d){_NOT_A_YEAR_AFTER}"
)
"""A span of years after a preposition or "the": "between 2005 and 2008", "from 2005 to 2008", "in 2005-2008",
"the 2007-08 season" (a bare "1990-2010" may be pages, times or a reference)."""
_YEAR_LIST_RE = compile_rule(
    rf"(?<=(?:19|20)\d\d)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<d>(?:19|20)\d{{2}})\b{_NOT_A_YEAR_AFTER}"
)
"""A year that continues a list of years ("in 2005 and 2008", "in 2005, 2006 or 2007") whose first is a year after
a preposition (see `_LIST_HEAD`)."""
_LIST_HEAD = compile_rule(
    r"\b(?:in|since|by|of|until|till|before|after|during|from|through)\s+(?:19|20)\d{2}"
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:19|20)\d{2})*$"
)
_DECADE_RE = compile_rule(r"\b(?P<d>(?:19|20)\d0s)\b")
_ISO_RE = compile_rule(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_NUMERIC_RE = compile_rule(
    r"(?:\b(?P<prep>on|since|by|until|before|after|from)\s+)?"
    r"(?<![\d/.-])(?P<d>(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?)(?![\d/])"
)
_WEEKDAY_RE = compile_rule(rf"\b(?P<d>(?:(?P<mod>last|this|next|past)\s+)?(?P<wd>{WEEKDAY_PATTERN}))\b")
_PRECEDING_WORD_RE = re.compile(r"(\w+)\W*$")


# --- candidates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A match before overlap removal; kind is "absolute", "relative" or "anaphoric"."""

    start: int
    end: int
    kind: str
    range: DateRange | None = None
    shift: Callable[[DateRange], DateRange] | None = None


def _span(match: re.Match[str]) -> tuple[int, int]:
    """Span of the date itself, leaving out a leading preposition when the pattern marks one."""
    if "d" in match.re.groupindex and match.group("d") is not None:
        return match.span("d")
    return match.span()


def _absolute(match: re.Match[str], rng: DateRange | None) -> _Candidate | None:
    return None if rng is None else _Candidate(*_span(match), "absolute", rng)


def month_number(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _day_range(
    month: int, day: int, last_day: int | None, year: int | None, ref: datetime.date | None
) -> DateRange | None:
    """A day (or "2-4") in a month; the year comes from the text, else from the reference."""
    known = year is not None
    if year is None:
        year, known = guess_year(month, day, ref)
    try:
        start = datetime.date(year, month, day)
        end = datetime.date(year, month, last_day) if last_day is not None else start
    except ValueError:
        return None
    return DateRange(start, end, known) if end >= start else None


def _month_day(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """Handle "July 2", "2 July", "July 2-4, 2021", "Tuesday, 6 July 2021"."""
    month_word, year = match.group("month"), match.group("year")
    if month_word.islower() and month_word in EN.ambiguous_lowercase_months and year is None:
        return None
    day2 = match.group("day2")
    rng = _day_range(
        month_number(month_word),
        int(match.group("day")),
        int(day2) if day2 else None,
        int(year) if year else None,
        ref,
    )
    return _absolute(match, rng)


def _month_year(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    return _absolute(match, whole_month(int(match.group("year")), month_number(match.group("month"))))


def _month_alone(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """Handle "in May": only a capitalised month after a preposition, never "by May" (a surname)."""
    word = match.group("month")
    if not word[0].isupper():
        return None
    if word.lower() == "may" and match.group("prep").lower() not in EN.may_prepositions:
        return None
    month = month_number(word)
    year, known = guess_year(month, 1, ref)
    return _absolute(match, whole_month(year, month, known))


def _bare_year(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    return _absolute(match, whole_year(int(match.group("d"))))


def _cell_year(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """A year alone in the first cell of a table's row, or in its Year column, not one alone on a line (a number
    in a list of them)."""
    if " | " not in match.string:
        return None
    if match.group("y") is None:
        return _bare_year(match, ref)
    return _Candidate(*match.span("y"), "absolute", whole_year(int(match.group("y"))))


def _year_span(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """The years from the first to the last, both whole. "and" joins a span only after "between" (else it lists
    years); two digits after a dash only for the next year ("2007-08"), never a month ("2005-08")."""
    first, last, word = int(match.group("a")), match.group("b"), (match.group("word") or "").lower()
    if word == "and" and match.group("prep").lower() != "between":
        return None
    if len(last) == 2:
        if word or int(last) != (first + 1) % 100:
            return None
        end = first + 1
    else:
        end = int(last)
    if end <= first:
        return None
    return _absolute(match, DateRange(datetime.date(first, 1, 1), datetime.date(end, 12, 31)))


def _listed_year(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """A year that goes on from a list whose first year is dated ("in 2005 and 2008"): not one after any number."""
    if _LIST_HEAD.search(match.string, max(0, match.start() - 120), match.start()) is None:
        return None
    return _bare_year(match, ref)


def _decade(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    first = int(match.group("d")[:4])
    return _absolute(match, DateRange(datetime.date(first, 1, 1), datetime.date(first + 9, 12, 31)))


def _iso(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    try:
        day = datetime.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
    return _absolute(match, one_day(day))


def _numeric(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """Handle "07/02" and "7/2/2021" (US month/day order); "1/2" alone is taken as a fraction."""
    a, b, year = match.group("a"), match.group("b"), match.group("year")
    if year is None and match.group("prep") is None and len(a) == 1 and len(b) == 1:
        return None
    full_year = None
    if year is not None:
        full_year = int(year) if len(year) == 4 else (2000 if int(year) < 70 else 1900) + int(year)
    if not 1 <= int(a) <= 12:
        return None
    return _absolute(match, _day_range(int(a), int(b), None, full_year, ref))


def _weekday(match: re.Match[str], ref: datetime.date | None) -> _Candidate | None:
    """Handle "Tuesday", "last Tuesday", "next Tuesday"; names like "Super Tuesday" are skipped."""
    before = _PRECEDING_WORD_RE.search(match.string[max(0, match.start() - 20) : match.start()])
    if match.group("mod") is None and before and before.group(1).lower() in EN.named_weekday_prefixes:
        return None
    rng = None
    if ref is not None:
        target = EN.weekdays.index(match.group("wd").lower())
        back = (ref.weekday() - target) % 7
        mod = (match.group("mod") or "").lower()
        if mod == "next":
            day = ref + ((target - ref.weekday()) % 7 or 7) * ONE_DAY
        else:
            day = ref - ((back or 7) if mod == "last" else back) * ONE_DAY
        rng = one_day(day)
    return _Candidate(*_span(match), "relative", rng)


def _relative_handler(resolve: Relative) -> Callable[[re.Match[str], datetime.date | None], _Candidate]:
    def handle(match: re.Match[str], ref: datetime.date | None) -> _Candidate:
        return _Candidate(*_span(match), "relative", resolve(ref, match) if ref is not None else None)

    return handle


def _anaphoric_handler(shift: Shift) -> Callable[[re.Match[str], datetime.date | None], _Candidate]:
    def handle(match: re.Match[str], ref: datetime.date | None) -> _Candidate:
        return _Candidate(*_span(match), "anaphoric", shift=lambda anchor: shift(anchor, match))

    return handle


_Handler = Callable[[re.Match[str], datetime.date | None], _Candidate | None]
_DIGIT_GATE = re.compile(r"\d")
_MONTH_GATE = compile_rule(rf"\b{MONTH_PATTERN}")
_WEEKDAY_GATE = compile_rule(rf"\b{WEEKDAY_PATTERN}\b")
_WORDED_GATE = compile_rule(
    r"\b(?:today|tonight|tomorrow|yesterday|this|last|next|ago|days?|date|nights?|mornings?|afternoons?"
    r"|evenings?|weeks?|weekends?|months?|years?)\b"
)
_GATES = {"digit": _DIGIT_GATE, "month": _MONTH_GATE, "weekday": _WEEKDAY_GATE, "worded": _WORDED_GATE}
"""What a text must hold for a rule to be tried: every rule needs a digit, a month or weekday name, or one of the
words of a relative phrase. Most sentences hold none of them; checking four patterns before some forty made
dating several times cheaper (a test checks the gates change nothing)."""
_RULES: list[tuple[re.Pattern[str], _Handler, tuple[str, ...]]] = [
    (_ISO_RE, _iso, ("digit",)),
    (_MONTH_DAY_RE, _month_day, ("digit", "month")),
    (_DAY_MONTH_RE, _month_day, ("digit", "month")),
    (_MONTH_YEAR_RE, _month_year, ("digit", "month")),
    (_NUMERIC_RE, _numeric, ("digit",)),
    (_MONTH_ALONE_RE, _month_alone, ("month",)),
    (_YEAR_SPAN_RE, _year_span, ("digit",)),
    (_BARE_YEAR_RE, _bare_year, ("digit",)),
    (_CELL_YEAR_RE, _cell_year, ("digit",)),
    (_YEAR_LIST_RE, _listed_year, ("digit",)),
    (_DECADE_RE, _decade, ("digit",)),
    (_WEEKDAY_RE, _weekday, ("weekday",)),
    *((compile_rule(rf"\b(?:{p})\b"), _relative_handler(f), ("worded",)) for p, f in RELATIVE_RULES),
    *((compile_rule(rf"\b(?:{p})\b"), _anaphoric_handler(f), ("worded",)) for p, f in ANAPHORIC_RULES),
]


@functools.cache
def _rules_for(present: frozenset[str]) -> list[tuple[int, re.Pattern[str], _Handler]]:
    """The rules (with their priority) whose needs are all in `present`: one list per combination of gates."""
    return [(i, pattern, handler) for i, (pattern, handler, needs) in enumerate(_RULES) if present.issuperset(needs)]


def _candidates(text: str, reference: datetime.date | None, *, gated: bool = True) -> list[_Candidate]:
    """Every rule's matches, then the longest non-overlapping ones in text order (earlier rules win ties)."""
    present = frozenset(name for name, gate in _GATES.items() if not gated or gate.search(text) is not None)
    found: list[tuple[int, int, _Candidate]] = []
    for priority, pattern, handler in _rules_for(present):
        for match in pattern.finditer(text):
            candidate = within_calendar(handler, match, reference)
            if candidate is not None and candidate.end > candidate.start:
                found.append((candidate.start - candidate.end, priority, candidate))
    found.sort(key=lambda item: (item[0], item[2].start, item[1]))
    chosen: list[_Candidate] = []
    starts: list[int] = []  # of the chosen, which never overlap: in order, so their ends ascend too
    ends: list[int] = []
    for _, _, cand in found:  # free when the last chosen starting before its end ends by its start (bisection:
        at = bisect.bisect_left(starts, cand.end)  # comparing with every chosen one was quadratic in a long text)
        if at == 0 or ends[at - 1] <= cand.start:
            chosen.insert(at, cand)
            starts.insert(at, cand.start)
            ends.insert(at, cand.end)
    return chosen


@dataclass
class _Anchors:
    """The latest dates an anaphor can point to: explicit ones first, relative ones as a fallback."""

    explicit: DateRange | None = None
    relative: DateRange | None = None

    def target(self) -> DateRange | None:
        return self.explicit or self.relative

    def note(self, kind: str, rng: DateRange | None) -> None:
        if rng is None or rng.days > MAX_ANCHOR_DAYS:
            return
        if kind == "relative":
            self.relative = rng
        else:
            self.explicit = rng


def _resolve(text: str, reference: datetime.date | None, anchors: _Anchors) -> list[DateMention]:
    """Resolve the candidates of one text in order, updating `anchors` as explicit dates go by."""
    mentions = []
    for cand in _candidates(text, reference):
        rng = cand.range
        if cand.kind == "anaphoric":
            target = anchors.target()
            rng = within_calendar(cand.shift, target) if cand.shift is not None and target is not None else None
        anchors.note(cand.kind, rng)
        relative = cand.kind != "absolute"
        mentions.append(DateMention(text[cand.start : cand.end], cand.start, cand.end, rng, relative))
    return mentions


def find_dates(
    text: str, *, reference: datetime.date | None = None, previous: DateRange | None = None
) -> list[DateMention]:
    """All date mentions in text, in order; relative ones use `reference`, anaphoric ones the last
    explicit date earlier in `text`, else `previous`."""
    return _resolve(text, reference, _Anchors(explicit=previous))


def resolve_document_dates(
    sentences: list[str],
    *,
    reference: datetime.date | None,
) -> list[list[DateMention]]:
    """find_dates over a document's sentences, carrying the latest explicit date into later sentences."""
    anchors = _Anchors()
    return [_resolve(sentence, reference, anchors) for sentence in sentences]
