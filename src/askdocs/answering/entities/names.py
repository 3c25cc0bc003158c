"""Names: capitalised runs of words (people, places, organisations, nicknames), by explainable rules
over capitalisation, quotes and the words around them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askdocs.answering.entities.span import Span
from askdocs.lang.en import EN
from askdocs.text.normalize import strip_possessive

_DEMONYM = re.compile(r"(?:an|ese|ish)$")

_TOKEN = re.compile(r"(?P<acr>[A-Z](?:\.[A-Z])+\.?)|(?P<word>\w+(?:[-’']\w+)*)|(?P<punct>\S)")
_OPEN_QUOTES = frozenset("‘“\"'«")
_CLOSE_QUOTES = frozenset("’”\"'»")

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


def tokens_of(text: str) -> list[_Token]:
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
        if not (tok.capital or (tok.kind == "word" and tok.text.lower() in EN.name_connectors)):
            return None
        j += 1
    return None


def _nickname(tokens: list[_Token], i: int, j: int, text: str) -> str:
    return strip_possessive(text[tokens[i + 1].start : tokens[j - 1].end])


def _name_word(tok: _Token, masked: set[int]) -> bool:
    return tok.capital and tok.start not in masked and tok.text.lower() not in EN.month_or_day


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
                and tokens[nxt].text in EN.name_connectors
                and _name_word(tokens[nxt + 1], masked)
                and tokens[nxt + 1].text.lower() not in EN.sentence_words
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
        spanish = lower in EN.spanish_articles and first < run.last
        if lower in EN.sentence_words and not spanish and (initial or lower in {"the", "a", "an"}):
            first += 1
            continue
        break
    titled = False
    for k in range(run.last - 1, first - 1, -1):
        if tokens[k].text in EN.titles:
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
    if before in EN.place_prepositions:
        return not (before == "to" and first >= 2 and tokens[first - 2].text.lower() in EN.not_place_before_to)
    if before == "of" and first >= 2:
        noun = tokens[first - 2].text.lower()
        return noun in EN.place_nouns or noun.rstrip("s") in EN.place_nouns or noun == "cities" or noun == "countries"
    if before in {"and", "or", ","} and previous is not None and previous.kind == "place":
        return text[previous.end : tokens[first].start].strip() in {",", "and", "or", ", and", ", or"}
    return False


def _classify(words: list[_Token], titled: bool, nickname: str, place: bool, demonym_next: bool) -> str | None:
    surface = [w.text for w in words]
    if len(words) == 1 and (surface[0] in EN.organisation_words or (demonym_next and _DEMONYM.search(surface[0]))):
        return None
    if any(w in EN.organisation_words for w in surface):
        return "org"
    if titled or nickname:
        return "person"
    if any(w in EN.place_name_words for w in surface) or place:
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


def name_spans(text: str, tokens: list[_Token], masked: set[int]) -> list[Span]:
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
            nxt is not None and nxt.kind == "word" and nxt.text[0].islower() and nxt.text not in EN.sentence_words
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
