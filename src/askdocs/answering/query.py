"""Query: a question broken into its kind, words, phrases, names and dates, which retrieval and answering honour."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askdocs.ingest.dates import DateRange, find_dates
from askdocs.lang.en import EN, STOPWORDS
from askdocs.lang.en_questions import REQUEST_CLOSINGS, REQUEST_FRAMES
from askdocs.text.normalize import WORD, fts_quote, strip_possessive, words

_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']{2,80})[\"“”‘’']")
_MONTHS = "|".join((*EN.months, *EN.month_abbreviations))
_DATE_PHRASE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{_MONTHS}))\b", re.I)
_UNITS = "|".join(EN.question_units)
_SCALES = "|".join(EN.scale_words)
_NUMBER_PHRASE = re.compile(rf"\b\d[\d,.]*(?:\s+(?:{_SCALES})(?:\s+(?:{_UNITS}))?|\s+(?:{_UNITS}))\b", re.I)
_PARTICLE = r"(?:de|del|della|la|van|von|der|den|da|di|du|dos)"
_NAME_WORD = r"[A-ZÀ-Þ][\w’'-]+"
_NAME = re.compile(rf"\b{_NAME_WORD}(?:(?:\s+{_PARTICLE}\b)*\s+{_NAME_WORD})+")
"""Capitalised words in a row, with lowercase particles between them ("Luis de la Cruz"): a particle is a whole
word with a capitalised name after it, so "Stroustrup design" or "Lovelace lament" do not join "de" or "la"."""
_OPENING_WORDS = (EN.auxiliaries - {"will"}) | {"who", "whom", "whose", "what", "when", "where", "which", "why", "how"}
"""Words a question opens on that are no part of a name written after them ("Did Mozart ...", "Was Ada Lovelace");
not "will", which opens names as often ("Will Smith starred in what?")."""
_OPTION = re.compile(r"(?<![\w\-‐‑–−])[\-‐‑–−][A-Za-z](?![\w\-‐‑–−])")
"""A command's one-letter option ("mkdir -p"): a term, where a letter alone is none."""
_JOINED = re.compile(r"\b[^\W_]+(?:_[^\W_]+)+\b")
"""A name joined by underscores ("max_wal_size"): its words are terms, and together a phrase."""
_ASKED = re.compile(r"^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?P<name>[^?]+?)\s*\??\s*$", re.I)
_CAPITAL = re.compile(r"^[\"“‘'(]?[A-ZÀ-Þ]")
NAME_PARTICLES = EN.name_connectors | {"of"}
"""Lowercase words that sit inside names ("Luis de la Cruz", "Bank of England")."""
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in EN.question_kinds
)
_HEAD = re.compile(
    r"\b(?:(?:which|what)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+(?P<of>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+of\b"
    r"|(?P<wh>which|what|how\s+many|how\s+much)\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?(?P<head>[a-z][\w-]*))",
    re.I,
)
_NEXT = re.compile(r"\s+(?P<word>[^\W\d_][\w-]*)(?:\s+(?P<after>[\w’'-]+))?")
_WH_NOUN = re.compile(r"(?:what|which)\s+[^\W\d_]+", re.I)
_COMPOUND_WORDS = 3
"""The most words read as one noun after "which" or "what" ("time zone", "cartel leader", "date palm")."""


@dataclass(frozen=True)
class Query:
    """The question as typed, plus the exact terms and phrases found in it."""

    text: str
    terms: tuple[str, ...]
    """Content words, lowercased, stopwords removed, in order of first appearance."""
    phrases: tuple[str, ...]
    """Multi-word units that should match together: quoted text, names, dates, amounts."""
    kind: str = "other"
    """who, where, when, how_many, how_much, how_old, how_measure, which, what, why, how, yesno or other."""
    head: str | None = None
    """The noun the question asks for: "cartel" in "Which cartel ...", "soldiers" in "How many soldiers ..."."""
    dates: tuple[DateRange, ...] = ()
    """Dates the question is about ("on July 2", "in October 2019"), resolved where the text allows."""
    date_words: tuple[str, ...] = ()
    """Words of the question that belong to its date expressions (matched by date, not as words)."""
    entities: tuple[str, ...] = ()
    """Names the question mentions: people, places, organisations, nicknames."""

    @property
    def fts(self) -> str:
        """An FTS5 MATCH expression: any term or phrase may match; BM25 rewards those that do."""
        parts = [fts_quote(p) for p in self.phrases] + [fts_quote(t) for t in self.terms]
        return " OR ".join(dict.fromkeys(parts))

    @property
    def content_terms(self) -> tuple[str, ...]:
        """Terms other than the words of date expressions."""
        return tuple(t for t in self.terms if t not in self.date_words)


def question_kind(text: str) -> str:
    """What the question asks for, from its wording alone: the question word that comes first ("Who scored when
    AZ won?" asks who, not when), the kind listed first when two wordings start at the same word ("what number
    of" asks how many, not what), unless it is a "when" or "where" opening a clause before a comma and the main
    clause after it asks something ("When AZ won, who scored?"; "When did AZ win, and who scored?" asks when)."""
    found = [(m.start(), i) for i, (kind, pattern) in enumerate(_KINDS) if (m := _kind_match(kind, pattern, text))]
    if not found:
        return "other"
    start, first = min(found)
    # "Can you tell me who founded it?" asks who; "Will Smith starred in what?" asks what ("Will" opens a name)
    inner = (_EMBEDDED.search(text) or _WILL_NAME.match(text)) if _KINDS[first][0] == "yesno" else None
    if inner is not None and (asked := question_kind(text[inner.end() :])) != "other":
        return asked
    clause = _CLAUSE.match(text, start)
    if clause is not None and clause.group(1).lower() not in EN.auxiliaries:
        # "When AZ beat NEC, who scored?": the question is the main clause's, after the comma
        rest = question_kind(text[clause.end() :])
        if rest != "other":
            return rest
    return _KINDS[first][0]


_EMBEDDED = re.compile(
    rf"\b(?:{'|'.join(sorted(EN.embedding_verbs))})\s+(?:(?:me|us)\s+)?(?=(?:who|whom|whose|what|when|where|which|why|how)\b)",
    re.I,
)
"""A question put inside a yes/no one, after a verb of knowing or telling: the question starts where it ends."""
_WILL_NAME = re.compile(r"\s*Will\s+[A-ZÀ-Þ][\w’'-]*\b")
"""A question opening on "Will" and a capitalised word, which may be a name ("Will Smith") as well as a yes/no
question's verb ("Will Herrera be freed?")."""
_CLAUSE = re.compile(r"(?i:when|where)\s+([\w'’-]+)[^,?]*,(?!\s*(?i:and|or|but)\b)")
"""A "when" or "where" that opens a clause ending at a comma (not one joining a second question with "and"), and
the word after it."""


def _kind_match(kind: str, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first wording of a kind in `text`, but for "what" or "which" and a noun that only opens a longer noun
    ("What time zone ...?" asks which time zone, not when; "What country code ...?" asks for a code, not where); a
    time's noun only opens one of `EN.time_compounds` ("What time tomorrow ...?" still asks when)."""
    for match in pattern.finditer(text):
        if not _WH_NOUN.fullmatch(match[0]):
            return match
        if not (_time_compound(text, match.end()) if kind == "when" else _goes_on(text, match.end())):
            return match
    return None


_WHEN = dict(_KINDS)["when"]
"""The wording of a "when" question ("what year", "when"), as `_KINDS` compiles it."""


def _time_compound(text: str, end: int) -> str | None:
    """The word after a time's noun ending at `end` when the two make one of `EN.time_compounds` ("zone" of "time
    zone", "Zone" of "Time Zone"), lowercase; None otherwise."""
    words = text[:end].split()
    found = _NEXT.match(text, end)
    if not words or found is None:
        return None
    word = found["word"].lower()
    return word if f"{words[-1].lower()} {word}" in EN.time_compounds else None


def _goes_on(text: str, end: int) -> str | None:
    """The word after a noun ending at `end` when it goes on with that noun ("zone" of "time zone", "palm" of "date
    palm"): a lowercase word that is no function word and no verb by its form ("What year ended ...?", "What year
    saw ...?", "What day marks the ...?", "What date appears on ...?"); None otherwise, or after a plural."""
    noun = text[:end].split()[-1].lower() if text[:end].split() else ""
    if reads_plural(noun):
        return None
    found = _NEXT.match(text, end)
    if found is None or not found["word"].islower():
        return None
    word, after = found["word"], found["after"] or ""
    if word in STOPWORDS or word in EN.sentence_words or word in EN.verb_heads or word in EN.word_forms:
        return None  # "What year did ...", "Which body first ...", "What year took ...", "What year began ..."
    if word.endswith("ed") and not word.endswith("eed"):
        return None  # "What year ended the war?"
    # a verb taking an object: "What year saw the ...", "Which team beat Ajax?", "What date appears on ..."
    if after[:1].isupper() or after[:1].isdigit() or after.lower() in EN.determiners:
        return None
    if reads_plural(word) and after and after.lower() not in EN.auxiliaries:
        return None  # "time zones are ..." goes on; "day falls in ...", "memorial honors people" do not
    return word


def reads_plural(word: str) -> bool:
    """Whether a lowercase word reads as a plural or a verb's -s form ("zones", "marks"; not "glass", "status")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) or word in EN.word_forms


def question_head(text: str) -> str | None:
    """The noun right after which / what / how many / how much, if there is one, with the words that go on with it
    after which or what ("time zone" of "Which time zone ...?"; "the time zone of" too)."""
    match = _HEAD.search(text)
    if match is None:
        return None
    head = (match.group("of") or match.group("head")).lower()
    verb = head.endswith(("ed", "ing")) or head in EN.verb_heads
    if head in EN.not_heads or (verb and match.group("of") is None):
        return None
    if match.group("head") and match.group("wh").lower() in ("which", "what"):
        end, words = match.end("head"), [head]
        timed = _WHEN.fullmatch(f"what {head}")  # "time zone", not "time tomorrow"
        while len(words) < _COMPOUND_WORDS and (word := (_time_compound if timed else _goes_on)(text, end)):
            timed = None
            words.append(word)
            end = _NEXT.match(text, end).end("word")  # type: ignore[union-attr]
        head = " ".join(words)
    return head


def asked_thing(text: str) -> str | None:
    """The noun a "which X" or "what X" question asks for ("yacht" of "Which yacht took line honours?", "time zone"),
    when it names no person ("Which player scored?"); None for any other question."""
    match = _HEAD.search(text)
    if match is None or not match.group("head") or match.group("wh").lower() not in ("which", "what"):
        return None
    head = question_head(text)
    return None if head is None or person_noun(head.split()[-1]) else head


def _singulars(word: str) -> tuple[str, ...]:
    """A lowercase noun and the singulars it may be a plural of: "players", "judges", "actresses", "chairmen" (but
    for a thing's word: "specimen"); never a singular that only a plural's last two letters make ("words": "wor")."""
    word = EN.word_forms.get(word, word)
    forms = (word, word[:-1], *([word[:-2]] if word.endswith("es") else [])) if word.endswith("s") else (word,)
    men = [word[: -len(p)] + one for p, one in EN.person_plural_endings if word.endswith(p)]
    return forms if word in EN.thing_nouns else (*forms, *men)


def person_noun(word: str) -> bool:
    """Whether a lowercase noun may name a person: a noun for people, a title, or a noun with a person's ending
    ("player", "scientist", "chairman", "chairmen") that is no thing's (`EN.thing_nouns`: "river", "computer",
    "process") and has no ending never a person's ("darkness"; but "baroness", `EN.person_sense_nouns`)."""
    return any(
        w in EN.person_nouns
        or w.capitalize() in EN.titles
        or (w.endswith(EN.thing_noun_endings) and w in EN.person_sense_nouns)
        or (w.endswith(EN.person_noun_endings) and not w.endswith(EN.thing_noun_endings) and w not in EN.thing_nouns)
        for w in _singulars(word)
    )


def person_sense(word: str) -> bool:
    """Whether a lowercase noun may name a person though it asks for a thing ("tenor", "anchor", "copper": by
    WordNet, a thing first), or is a person's noun (`person_noun`): an answer to "Which tenor ...?" may be a
    person's name."""
    return person_noun(word) or any(w in EN.person_sense_nouns for w in _singulars(word))


def parse_query(text: str) -> Query:
    """Split a question into content terms and exact phrases, and note its kind, dates and names."""
    from askdocs.answering.entities import question_entities

    text = " ".join(text.split())
    phrases: list[str] = []
    for pattern in (_QUOTED, _DATE_PHRASE, _NUMBER_PHRASE, _NAME, _JOINED):
        for match in pattern.finditer(text):
            phrase = match.group(1) if pattern is _QUOTED else match.group(0)
            if pattern is _NAME and match.start() == len(text) - len(text.lstrip()):
                phrase = _without_opening_word(phrase)
            if len(WORD.findall(phrase)) >= 2 or pattern is _QUOTED:
                phrases.append(phrase.strip())
    terms = [w for w in map(strip_possessive, words(text)) if w not in STOPWORDS and len(w) > 1 or w.isdigit()]
    terms += ["-" + option[1] for option in _OPTION.findall(text)]
    mentions = find_dates(text)
    dates = tuple(dict.fromkeys(m.range for m in mentions if m.range is not None))
    date_words = tuple(dict.fromkeys(w for m in mentions for w in words(m.text)))
    return Query(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(p for p in phrases if fts_quote(p))),
        kind=question_kind(text),
        head=question_head(text),
        dates=dates,
        date_words=date_words,
        entities=question_entities(text),
    )


def _without_opening_word(name: str) -> str:
    """A name found at a question's start without the auxiliary or question word the question opens on ("Did
    Charles de Gaulle" is "Charles de Gaulle"); any other name as it is ("Ada Lovelace")."""
    first, _, rest = name.partition(" ")
    return rest if first.casefold() in _OPENING_WORDS else name


def asked_name(question: str) -> str | None:
    """The name a "who/what is NAME?" question asks about (every word capitalised, bar particles), else None."""
    match = _ASKED.match(question)
    if match is None:
        return None
    parts = match["name"].split()
    if parts and parts[0].lower() in ("the", "a", "an"):
        parts = parts[1:]
    if not parts or not _CAPITAL.match(parts[0]):
        return None
    if not all(_CAPITAL.match(w) or w.lower() in NAME_PARTICLES for w in parts):
        return None
    return " ".join(parts)


_FRAME = re.compile(rf"\s*(?:{'|'.join(REQUEST_FRAMES)})\s*", re.I)
_CLOSING = re.compile(REQUEST_CLOSINGS, re.I)
_WHETHER = re.compile(r"(?:if|whether)\b", re.I)


def unframed(text: str) -> str:
    """The question inside a request's frame ("Could you tell me who was arrested, please?" asks "who was arrested?";
    "Thanks! And who is the mayor?", "I'd like to know what happened"): the frame's words are no words the documents
    should use. A request that is nothing but its frame ("Thanks!"), or asks "if" something is so, stays as it is."""
    rest = text.strip()
    while (m := _FRAME.match(rest)) and m.end() < len(rest):
        rest = rest[m.end() :]
    rest = _CLOSING.sub("", rest).strip()
    if not any(ch.isalnum() for ch in rest) or _WHETHER.match(rest):  # "Can you tell me if ...?" asks yes or no
        return text.strip()
    return rest
