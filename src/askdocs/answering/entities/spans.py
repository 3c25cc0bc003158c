"""Spans: the pieces of a sentence that can answer a question (people, places, organisations, nicknames, dates,
counts, money, ages), found by explainable rules over capitalisation, quotes, numbers and the words around them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from askdocs.answering.entities.amounts import find_amounts
from askdocs.answering.query import vocabulary
from askdocs.ingest.dates import DateRange, find_dates

KINDS = ("person", "place", "org", "group", "name", "nickname", "date", "count", "money", "percent", "age", "thing")


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


# --- vocabulary -------------------------------------------------------------------------------

_SENTENCE_WORDS = vocabulary("""
    a an the and but or nor so yet for if when where while who whom whose which what why how that this these those
    there here then now also still however meanwhile following after before during earlier later another some many
    most several both each every such other others all any no not only even just although though as since because
    unlike despite according in on at by to from with without into over under of off up out about against between
    it its he she they we i you his her their our my your him them us me is are was were be been being has have had
    do does did will would can could should may might must shall one two three first last next new
    """)
_CONNECTORS = vocabulary("de del la las los y van von der den da di do dos das du le bin ibn al")
_SPANISH_ARTICLES = vocabulary("el la los las de del")
_TITLES = vocabulary("""
    President Vice General Chief Minister Prime Senator Governor Mayor Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Judge Justice
    Captain Colonel Lieutenant Sergeant Major Officer Secretary King Queen Prince Princess Pope Sheriff Commander
    Agent Inspector Detective Sir Lady Lord Father Bishop Cardinal Rabbi Imam Admiral Ambassador Deputy Representative
    Rep. Sen. Gov. Gen. Col. Capt. Lt. Sgt. Prof. Professor Chancellor Premier Commissioner Director Superintendent
    """)
_ORG_WORDS = vocabulary("""
    Cartel Army Police Administration Agency Embassy Consulate Government Ministry Department Unit Forces Force
    Office Party Company Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC Bank University College School Court Council
    Commission Committee Association Union Institute Foundation Group Organization Organisation Service Services Bureau
    Guard Navy Congress Senate Parliament Assembly Federation League Club Network Times Post News Press Agency
    Authority Directorate Secretariat Cabinet Coalition Front Movement Alliance Brigade Battalion Regiment Squad
    Command Gang Clan Syndicate Enterprises Holdings Airlines Hospital
    """)
_PLACE_WORDS = vocabulary("""
    City Beach County Province River Island Islands Mountain Mountains Lake Bay Coast Valley Street Avenue Square
    Republic Kingdom Airport Port District Region Gulf Ocean Sea Park Mount Cape Peninsula Desert Canyon Border
    Highway Road Boulevard Plaza Harbour Harbor Township Village Town Municipality Prefecture Oblast Territory
    """)
PLACE_NOUNS = vocabulary("""
    hospital capital city town village port border prison jail airport hotel school region state country coast
    house home office station embassy consulate court church market square street area district province valley
    mountains desert island base camp barracks headquarters neighbourhood neighborhood territory municipality
    highway road bridge harbour harbor beach park farm ranch
    """)
_PLACE_PREPS = vocabulary("in at near from to into outside inside across throughout toward towards within")
_NOT_PLACE_BEFORE_TO = vocabulary("according due thanks owing next close said told say says talked spoke")
_MONTH_OR_DAY = vocabulary("""
    january february march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
    """)
_DEMONYM = re.compile(r"(?:an|ese|ish)$")

_TOKEN = re.compile(r"(?P<acr>[A-Z](?:\.[A-Z])+\.?)|(?P<word>\w+(?:[-’']\w+)*)|(?P<punct>\S)")
_OPEN_QUOTES = frozenset("‘“\"'«")
_CLOSE_QUOTES = frozenset("’”\"'»")

_COMMON_PLACE = re.compile(
    r"\b(?:in|at|to|into|near|from|outside|inside|toward|towards)\s+"
    r"(?P<np>(?:(?:the|a|an|his|her|their|its)\s+)?(?:[A-Za-z][\w-]*\s+)?(?P<noun>"
    + "|".join(sorted(PLACE_NOUNS, key=len, reverse=True))
    + r"))\b(?!\s+of\s+[A-Z])"
)


GROUP_NOUNS = vocabulary(
    """residents authorities soldiers troops police officials forces gunmen henchmen men women people citizens officers
    agents investigators prosecutors protesters witnesses journalists analysts experts lawmakers members villagers
    locals civilians bystanders families relatives neighbours neighbors workers students militants rebels
    master minister chief director president mayor governor official spokesman spokeswoman manager captain commander
    officer judge secretary ambassador founder owner leader boss head chairman chairwoman editor reporter"""
)
_GROUP = re.compile(
    r"\b(?P<np>(?:(?:[Tt]he|[Aa]n?)\s+)?(?:(?:[a-z]+|[A-Z][a-z]+an)\s+)?(?:"
    + "|".join(sorted(GROUP_NOUNS))
    + r")(?P<of>\s+of\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)?)\b"
)


def fold(text: str) -> str:
    """Lowercase, without accents and with plain quotes: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()


def strip_possessive(word: str) -> str:
    return word[:-2] if len(word) > 3 and word[-2] in "’'" and word[-1] in "sS" else word


def is_heading(text: str) -> bool:
    """A title line rather than a sentence: short and without closing punctuation."""
    stripped = text.strip()
    return bool(stripped) and stripped[-1] not in '.!?…"”’)' and len(stripped.split()) <= 12


# --- tokens and capitalised runs ------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    kind: str  # acr, word, punct

    @property
    def capital(self) -> bool:
        return self.kind == "acr" or (self.kind == "word" and self.text[0].isupper())


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end(), m.lastgroup or "punct") for m in _TOKEN.finditer(text)]


def _quoted_at(tokens: list[_Token], i: int) -> int | None:
    """If tokens[i] opens a quoted run of 1-4 capitalised words, the index of its closing quote."""
    if i >= len(tokens) or tokens[i].text not in _OPEN_QUOTES:
        return None
    j = i + 1
    while j < len(tokens) and j - i <= 5:
        tok = tokens[j]
        if tok.text in _CLOSE_QUOTES and j > i + 1:
            return j
        if not (tok.capital or (tok.kind == "word" and tok.text.lower() in _CONNECTORS)):
            return None
        j += 1
    return None


def _nickname(tokens: list[_Token], i: int, j: int, text: str) -> str:
    return strip_possessive(text[tokens[i + 1].start : tokens[j - 1].end])


def _name_word(tok: _Token, masked: set[int]) -> bool:
    return tok.capital and tok.start not in masked and tok.text.lower() not in _MONTH_OR_DAY


@dataclass
class _Run:
    first: int
    last: int
    nickname: str = ""
    nick_end: int = -1
    possessive: bool = False


def _runs(tokens: list[_Token], text: str, masked: set[int]) -> list[_Run]:
    """Maximal runs of capitalised words, with Spanish particles and an inner “nickname” allowed inside."""
    runs: list[_Run] = []
    i = 0
    while i < len(tokens):
        if not _name_word(tokens[i], masked):
            i += 1
            continue
        run = _Run(i, i)
        j = i
        while True:
            if tokens[j].kind == "word" and strip_possessive(tokens[j].text) != tokens[j].text:
                run.possessive = True
                break
            nxt = j + 1
            if nxt < len(tokens) and _name_word(tokens[nxt], masked) and tokens[nxt].start - tokens[j].end <= 1:
                j = nxt
                continue
            if (
                nxt + 1 < len(tokens)
                and tokens[nxt].text in _CONNECTORS
                and _name_word(tokens[nxt + 1], masked)
                and tokens[nxt + 1].text.lower() not in _SENTENCE_WORDS
            ):
                j = nxt + 1
                continue
            close = _quoted_at(tokens, nxt)
            if close is not None and close + 1 < len(tokens) and _name_word(tokens[close + 1], masked):
                run.nickname = _nickname(tokens, nxt, close, text)
                j = close + 1
                continue
            break
        run.last = j
        runs.append(run)
        i = j + 1
    return runs


def _trailing_nickname(tokens: list[_Token], run: _Run, text: str) -> None:
    """A “nickname” right after a name (optionally after a comma) belongs to it."""
    k = run.last + 1
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    close = _quoted_at(tokens, k)
    if close is not None and not run.possessive:
        run.nickname = run.nickname or _nickname(tokens, k, close, text)
        run.nick_end = close


def _trim(tokens: list[_Token], run: _Run) -> tuple[int, bool]:
    """Index of the first name word after leading sentence words and titles; whether a title was dropped."""
    first = run.first
    initial = all(t.kind == "punct" for t in tokens[:first])
    while first <= run.last:
        lower = tokens[first].text.lower()
        spanish = lower in _SPANISH_ARTICLES and first < run.last
        if lower in _SENTENCE_WORDS and not spanish and (initial or lower in {"the", "a", "an"}):
            first += 1
            continue
        break
    titled = False
    for k in range(run.last - 1, first - 1, -1):
        if tokens[k].text in _TITLES:
            first, titled = k + 1, True
            break
    return first, titled


def _place_context(tokens: list[_Token], first: int, previous: Span | None, text: str) -> bool:
    """Preceded by "in", "at", "the city of", or listed right after another place."""
    if first == 0:
        return False
    before = tokens[first - 1].text.lower()
    if before == "the" and first >= 2:
        before = tokens[first - 2].text.lower()
        first -= 1
    if before in _PLACE_PREPS:
        return not (before == "to" and first >= 2 and tokens[first - 2].text.lower() in _NOT_PLACE_BEFORE_TO)
    if before == "of" and first >= 2:
        noun = tokens[first - 2].text.lower()
        return noun in PLACE_NOUNS or noun.rstrip("s") in PLACE_NOUNS or noun == "cities" or noun == "countries"
    if before in {"and", "or", ","} and previous is not None and previous.kind == "place":
        return text[previous.end : tokens[first].start].strip() in {",", "and", "or", ", and", ", or"}
    return False


def _classify(words: list[_Token], titled: bool, nickname: str, place: bool, demonym_next: bool) -> str | None:
    surface = [w.text for w in words]
    if len(words) == 1 and (surface[0] in _ORG_WORDS or (demonym_next and _DEMONYM.search(surface[0]))):
        return None
    if any(w in _ORG_WORDS for w in surface):
        return "org"
    if titled or nickname:
        return "person"
    if any(w in _PLACE_WORDS for w in surface) or place:
        return "place"
    if len(words) >= 2 and not all(w.kind == "acr" or w.text.isupper() for w in words):
        return "person"
    return "name"


def _quoted(tokens: list[_Token], run: _Run) -> bool:
    """The run is a name standing alone in quotes: the arrest of “El Tolin”."""
    before = tokens[run.first - 1].text if run.first > 0 else ""
    after = tokens[run.last + 1].text if run.last + 1 < len(tokens) else ""
    return before in _OPEN_QUOTES and after in _CLOSE_QUOTES


def _in_quotes(word: _Token, run: _Run, text: str) -> bool:
    """Whether a word of the run is part of its inner “nickname”."""
    return bool(run.nickname) and word.text in run.nickname.split() and _between_quotes(text, word.start)


def _between_quotes(text: str, pos: int) -> bool:
    opened = max(text.rfind(q, 0, pos) for q in _OPEN_QUOTES)
    closed = max(text.rfind(q, 0, pos) for q in ("”", "’") if q not in _OPEN_QUOTES)
    return opened > closed


def _name_spans(text: str, tokens: list[_Token], masked: set[int]) -> list[Span]:
    spans: list[Span] = []
    covered = -1
    for run in _runs(tokens, text, masked):
        if run.first <= covered:
            continue
        if _quoted(tokens, run):
            start, end = tokens[run.first].start, tokens[run.last].end
            nick = strip_possessive(text[start:end])
            spans.append(Span("nickname", nick, start, start + len(nick), nick, nick))
            continue
        _trailing_nickname(tokens, run, text)
        covered = run.nick_end
        first, titled = _trim(tokens, run)
        if first > run.last:
            continue
        words = tokens[first : run.last + 1]
        nxt = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
        if len(words) == 1 and nxt is not None and re.fullmatch(r"\d{1,4}", nxt.text):
            spans.append(Span("name", text[words[0].start : nxt.end], words[0].start, nxt.end))
            continue
        previous = spans[-1] if spans else None
        demonym_next = (
            nxt is not None and nxt.kind == "word" and nxt.text[0].islower() and nxt.text not in _SENTENCE_WORDS
        )
        kind = _classify(words, titled, run.nickname, _place_context(tokens, first, previous, text), demonym_next)
        if kind is None:
            continue
        start, end = words[0].start, words[-1].end
        name = strip_possessive(" ".join(w.text for w in words if w.kind != "punct" and not _in_quotes(w, run, text)))
        if run.possessive:
            end = start + len(name)
        if kind == "place" and previous is not None and previous.kind == "place":
            between = text[previous.end : start]
            if between.strip() == "," and "\n" not in between:
                merged = text[previous.start : end]
                spans[-1] = Span("place", merged, previous.start, end, merged)
                continue
        spans.append(Span(kind, text[start:end], start, end, name, run.nickname))
    return spans


# --- numbers, dates and common-noun places -----------------------------------------------------


def _overlaps(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def _number_spans(text: str, taken: list[Span]) -> list[Span]:
    return [
        Span(a.kind, text[a.start : a.end], a.start, a.end, a.shown, unit=a.unit)
        for a in find_amounts(text, [(t.start, t.end) for t in taken])
    ]


def _date_spans(text: str) -> list[Span]:
    return [Span("date", m.text, m.start, m.end, m.text, range=m.range) for m in find_dates(text)]


def _common_places(text: str, taken: list[Span]) -> list[Span]:
    out = []
    for m in _COMMON_PLACE.finditer(text):
        start, end = m.span("np")
        if not _overlaps(start, end, taken):
            out.append(Span("place", text[start:end], start, end, text[start:end]))
    return out


def _groups(text: str, taken: list[Span]) -> list[Span]:
    """People named by what they are: "local residents", "Mexican authorities", "the soldiers"."""
    out = []
    for m in _GROUP.finditer(text):
        start, end = m.span("np")
        words = text[start:end].split()
        lead = 1 if words[0].lower() in {"the", "a", "an"} else 0
        if len(words) > lead + 1 and words[lead].lower() in _SENTENCE_WORDS:
            start = text.index(words[lead + 1], start + len(" ".join(words[: lead + 1])))
        head_end = m.start("of") if m.group("of") else end
        if not _overlaps(start, head_end, taken):
            out.append(Span("group", text[start:end], start, end, text[start:end]))
    return out


def find_spans(text: str) -> list[Span]:
    """Every candidate answer in a sentence, in text order; headings yield none."""
    if is_heading(text):
        return []
    dates = _date_spans(text)
    tokens = _tokens(text)
    masked = {t.start for t in tokens if any(d.start <= t.start < d.end for d in dates)}
    names = _name_spans(text, tokens, masked)
    spans = dates + names
    spans += _number_spans(text, spans)
    spans += _common_places(text, spans)
    spans += _groups(text, spans)
    return sorted(spans, key=lambda s: (s.start, -s.end))


def question_entities(question: str) -> tuple[str, ...]:
    """The names a question mentions ("El Duranguillo", "U.S. Embassy"), without its dates."""
    found = []
    for span in find_spans(question.rstrip("?!. ") + "."):
        if span.kind in {"person", "place", "org", "name", "nickname"}:
            found.append(span.name or span.text)
            if span.nickname and fold(span.nickname) != fold(span.name):
                found.append(span.nickname)
    return tuple(dict.fromkeys(found))
