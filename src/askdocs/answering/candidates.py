"""Candidates: the answers the evidence offers (people, places, dates, numbers), kept only when their own context
meets what the question asks (its dates, its names, its action), and grouped so that each is named once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askdocs.answering.entities import Span
from askdocs.answering.entities.people import NameBook, spans_of
from askdocs.answering.entities.things import find_members, kind_of
from askdocs.answering.evidence import Evidence, ScoredSentence
from askdocs.answering.paraphrase import PARAPHRASE, STRICT_PARAPHRASE, Paraphrases, content_words, stem
from askdocs.answering.query import Query
from askdocs.ingest import timeline
from askdocs.ingest.dates import find_dates
from askdocs.lang.en import EN
from askdocs.store.records import StoredSentence
from askdocs.text.normalize import fold, vocabulary, words

CANDIDATE_SENTENCES = 12
"""How many of the best sentences are searched for answers."""
MIN_PREDICATE = 0.5
"""Share (by word weight) of the question's other words that an answer's context must say or paraphrase."""
LIST_RATIO, SAME_SENTENCE_RATIO = 0.8, 0.95
MAX_ANSWERS = 5

ANSWER_KINDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "who": (("person",), ("org",), ("group",)),
    "where": (("place",),),
    "when": (("date",),),
    "how_many": (("count",),),
    "how_much": (("money",), ("percent",), ("count",)),
    "how_old": (("age",),),
}
SCALAR_KINDS = frozenset({"when", "how_many", "how_much", "how_old"})
PERSON_HEADS = vocabulary(
    """person man woman boss leader president official analyst founder chief capo suspect victim son daughter mother
    father wife husband brother sister minister general politician journalist lawyer judge spokesman spokeswoman
    governor mayor name"""
)
ORG_HEADS = vocabulary(
    """cartel agency organization organisation group company firm unit party gang team government department ministry
    institution bank newspaper network union force forces army police"""
)
GENERIC_PEOPLE = vocabulary("people persons person individuals")
PERSON_UNITS = vocabulary(
    """man men woman women people persons soldiers soldier officers officer civilians children police policemen
    troops gunmen members residents victims bystanders agents guards"""
)
_GENERIC_HEADS = vocabulary("money")
_AUXILIARIES = vocabulary(
    "is are was were be been being did does do has have had will would can could should may might"
)
_SPEECH = vocabulary("said says say told tells stated noted claimed reported announced added explained")
_KIND_WORDS = {"how_old": {"old", "age", "aged"}, "when": {"date", "year", "day", "time"}, "where": {"place"}}


@dataclass(frozen=True)
class Requirement:
    """What an answer must be and what its context must say."""

    tiers: tuple[tuple[str, ...], ...]
    """Span kinds that can answer, tried tier by tier (a who-question takes an organisation when no person fits)."""
    head: str | None
    predicate: tuple[str, ...]
    """The question's words other than its names, dates and the noun asked for: "arrested", "born"."""
    scalar: bool
    """One answer (a date, a number) rather than a list."""
    verb: str | None = None
    """For "Who VERBed ...?": the verb whose subject (or "by" agent) the answer must be."""


@dataclass(frozen=True)
class Candidate:
    """One answer with the sentence that gives it and the neighbours that complete it."""

    span: Span
    label: str
    key: str
    sentence: ScoredSentence
    score: float
    support: tuple[StoredSentence, ...] = ()


def requirement(query: Query) -> Requirement | None:
    """What kind of span answers the question, or None when any sentence may (what, why, how)."""
    tiers = ANSWER_KINDS.get(query.kind)
    head = query.head
    if tiers is None and query.kind in {"which", "what"} and head:
        if head in PERSON_HEADS:
            tiers = (("person",),)
        elif head in EN.place_nouns:
            tiers = (("place",),)
        elif head in ORG_HEADS:
            tiers = (("org", "name"),)
        elif head in {"nickname", "alias"}:
            tiers = (("nickname",),)
        elif kind_of(head) is not None:
            tiers = (("thing",),)  # "Which drug ...?": fentanyl (a name with "Drug" in it is no drug)
        else:
            tiers = (("name",),)
    if tiers is None:
        return None
    entity_words = {w.replace(".", "") for e in query.entities for w in words(fold(e))}
    place_head = head in EN.place_nouns and query.kind in {"where", "which", "what"}
    skip = (
        entity_words
        | ({head or ""} if not place_head else set())
        | _GENERIC_HEADS
        | set(query.date_words)
        | _KIND_WORDS.get(query.kind, set())
    )
    predicate = tuple(t for t in query.content_terms if fold(t).replace(".", "") not in skip and not t.isdigit())
    return Requirement(tiers, head, predicate, query.kind in SCALAR_KINDS, _agent_verb(query))


def _agent_verb(query: Query) -> str | None:
    """The verb of "Who killed ...?" (the answer must be its subject); None for "Who was ..." or "Who said ...?"."""
    if query.kind != "who":
        return None
    m = re.match(r"^\s*who\s+(?:else\s+)?(?P<verb>[a-z]+)\b", query.text, re.I)
    verb = m["verb"].lower() if m else None
    return None if verb is None or verb in _AUXILIARIES or verb in _SPEECH else verb


def _plain(text: str) -> str:
    """Folded text without the dots of abbreviations, so "U.S." and "U.S" compare equal."""
    return re.sub(r"(?<=\w)\.(?=\w|\s|$)", "", fold(text))


def _mentions(text: str, alias: str) -> bool:
    alias = _plain(alias)
    return bool(alias) and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", _plain(text)) is not None


class _Reader:
    """Reads the evidence for one question: checks each span's context and scores it."""

    def __init__(self, evidence: Evidence, req: Requirement, paraphrases: Paraphrases) -> None:
        self.evidence = evidence
        self.query = evidence.query
        self.req = req
        self.paraphrases = paraphrases
        self.book = NameBook.of(s.text for doc in evidence.documents.values() for s in doc)
        self.weights = {t: evidence.weights.get(t, 1.0) for t in req.predicate}

    def threshold(self, term: str) -> float:
        """Words the corpus never uses need a close paraphrase, not a related word."""
        return STRICT_PARAPHRASE if self.evidence.frequency.get(term) == 0 else PARAPHRASE

    # -- context checks --------------------------------------------------------------------
    def entities_present(self, window: list[StoredSentence]) -> bool:
        text = fold(" ".join(s.text for s in window))
        return all(any(_mentions(text, a) for a in self.book.aliases(e)) for e in self.query.entities)

    def predicate(self, sentence: StoredSentence, window: list[StoredSentence]) -> tuple[float, list[StoredSentence]]:
        """Weighted share of the predicate words said in the window, and every neighbour that says one the
        sentence itself does not (the answer's support is picked from them)."""
        if not self.weights:
            return 1.0, []
        total = sum(self.weights.values()) or 1.0
        said, helpers = 0.0, []
        for term, weight in self.weights.items():
            hits = [
                s
                for s in [sentence, *(w for w in window if w.id != sentence.id)]
                if self.paraphrases.match(term, [w for w, _, _ in content_words(s.text)], self.threshold(term))
                is not None
            ]
            said += weight if hits else 0.0
            if hits and hits[0].id != sentence.id:
                helpers += [s for s in hits if s not in helpers]
        return said / total, helpers

    def about(self, sentence: StoredSentence, span: Span) -> bool:
        """The sentence names the answer itself (a surname or nickname of the person counts)."""
        return any(_mentions(sentence.text, a) for a in self.book.aliases(span.name or span.text))

    def date_attached(self, scored: ScoredSentence, span: Span) -> tuple[float, list[StoredSentence]]:
        """How the span's sentence (or its clause) is about the question's date; the sentence a date came from."""
        if not self.query.dates:
            return 1.0, []
        wanted = list(self.query.dates)
        s = scored.sentence
        stored = timeline.decode(s.dates)
        match = timeline.date_match([d for d in stored if not d.reference], wanted)
        if match:
            source = [] if any(not d.inherited for d in stored) else self._date_source(s)
            return match, source
        clause = timeline.clause_bounds(s.text, span.start)
        for mention in find_dates(s.text):
            inside = clause[0] <= mention.start and mention.end <= clause[1]
            if inside and mention.range is not None and any(mention.range.overlaps(w) for w in wanted):
                return timeline.REFERENCE, []
        return 0.0, []

    def _date_source(self, sentence: StoredSentence) -> list[StoredSentence]:
        for s in reversed(self.evidence.window(sentence, timeline.INHERIT_SENTENCES)):
            if s.ord < sentence.ord and any(not d.inherited for d in timeline.decode(s.dates)):
                return [s]
        return []

    def own_clause_says(self, sentence: StoredSentence, span: Span) -> bool:
        """A count's own clause says the question's action: "one man dead", not "four soldiers wounded"."""
        if span.kind != "count" or not self.req.predicate:
            return True
        end = span.start + len(span.name) if span.name else span.end
        lo, hi = _segment(sentence.text, span.start, end)
        words = [w for w, a, b in content_words(sentence.text) if lo <= a and b <= hi]
        return any(self.paraphrases.match(t, words, self.threshold(t)) is not None for t in self.req.predicate)

    def is_agent(self, sentence: StoredSentence, span: Span) -> bool:
        """For "Who VERBed ...?": the span is the verb's subject in its clause, its "by" agent, or the person a
        ", who VERBed" clause is about."""
        verb = self.req.verb
        if verb is None:
            return True
        text = sentence.text
        found = [(fold(m.group()), m.start()) for m in re.finditer(r"\w+(?:[-’']\w+)*", text)]
        vocabulary = [w for w, _ in found]
        hits = []
        while (i := self.paraphrases.match(verb, vocabulary, self.threshold(verb))) is not None:
            hits.append(found[i][1])
            vocabulary[i] = ""
        for pos in hits:
            lo, hi = timeline.clause_bounds(text, pos)
            if lo <= span.start < pos:
                return True
            if pos < span.start < hi and re.search(r"\bby\b", text[pos : span.start]):
                return True
            if span.end <= pos and re.fullmatch(r"[\s,’'”\"]*,\s*(?:who|which)\b[^,;]*", text[span.end : pos]):
                return True
        return False

    # -- spans -------------------------------------------------------------------------------
    def spans(self, text: str, kinds: tuple[str, ...]) -> list[Span]:
        """The sentence's spans, plus the listed things of the kind the question's noun asks for."""
        found = list(spans_of(text))
        kind = kind_of(self.req.head) if "thing" in kinds else None
        if kind is not None:
            things = [Span("thing", text[a:b], a, b, " ".join(text[a:b].split())) for a, b in find_members(text, kind)]
            found = [*things, *(s for s in found if not any(s.start < t.end and t.start < s.end for t in things))]
        return found

    def asked_about(self, span: Span) -> bool:
        """The question itself names this: it cannot be the answer."""
        name = span.name or span.text
        question = fold(self.query.text)
        if _mentions(question, fold(name)):
            return True
        person = self.book.resolve(name) if span.kind in {"person", "name"} else None
        for entity in self.query.entities:
            if self.book.is_nickname(entity) and not self.book.is_nickname(name):
                continue
            if fold(entity) == fold(name) or (person is not None and self.book.resolve(entity) == person):
                return True
        return False

    def typed(self, span: Span, kinds: tuple[str, ...]) -> Span | None:
        """The span as an answer of one of `kinds` (a surname of a known person counts as a person), else None."""
        if span.kind == "name" and "person" in kinds and self.book.resolve(span.name or span.text) is not None:
            return Span("person", span.text, span.start, span.end, span.name, span.nickname)
        if span.kind not in kinds:
            return None
        head = self.req.head
        if span.kind == "name" and head and stem(head) not in {stem(w) for w in fold(span.text).split()}:
            return None  # "Which cartel ...?": the Sinaloa Cartel, not any name
        if span.kind == "count" and head and not self._unit_fits(span, head):
            return None
        return span

    def _unit_fits(self, span: Span, head: str) -> bool:
        units = list(span.unit)
        if not units:
            return False
        if head in GENERIC_PEOPLE and any(u in PERSON_UNITS for u in units):
            return True
        return self.paraphrases.match(head, units) is not None

    def label(self, span: Span) -> tuple[str, str]:
        if span.kind == "person":
            person = self.book.resolve(span.name or span.text)
            if person is not None:
                return person.label, person.key
        shown = span.label
        return shown, fold(shown).removeprefix("the ")

    def proximity(self, sentence: StoredSentence, span: Span) -> float:
        """1 when a word of the question stands right next to the span, falling with distance; a count looks
        only within its own clause ("one man dead and four soldiers wounded"), and names count half."""
        words = content_words(sentence.text)
        if not words:
            return 0.0
        end = span.start + len(span.name) if span.kind == "count" and span.name else span.end
        inside = [a < end and span.start < b for _, a, b in words]
        here = (
            inside.index(True) if any(inside) else min(range(len(words)), key=lambda i: abs(words[i][1] - span.start))
        )
        lo, hi = _segment(sentence.text, span.start, end) if span.kind == "count" else (0, len(sentence.text))
        outside = [
            (i, w)
            for i, ((w, a, b), own) in enumerate(zip(words, inside, strict=True))
            if not own and lo <= a and b <= hi
        ]
        names = {fold(w) for e in self.query.entities for w in e.split()}
        best = 0.0
        for term in self.query.content_terms:
            hit = self.paraphrases.match(term, [w for _, w in outside])
            if hit is not None:
                distance = max(abs(outside[hit][0] - here) - 1, 0)
                best = max(best, (0.5 if fold(term) in names else 1.0) / (1.0 + distance / 3.0))
        return best

    def inner_terms(self, span: Span) -> float:
        """1 when the span itself carries a word of the question ("half a million dollars" for "in dollars")."""
        if span.kind not in {"money", "count", "name", "org", "percent"}:
            return 0.0
        own = {stem(w) for w, _, _ in content_words(span.name or span.text)}
        return 1.0 if any(stem(t) in own for t in self.query.content_terms if t != self.req.head) else 0.0


_SEGMENT = re.compile(r"[,;:()\[\]—–]|\s-\s|\s(?:and|but|while|whereas)\s")


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span, up to the nearest punctuation or "and"."""
    pattern = _SEGMENT
    lo = max((m.end() for m in pattern.finditer(text, 0, start)), default=0)
    nxt = pattern.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def find_candidates(evidence: Evidence, req: Requirement, paraphrases: Paraphrases) -> list[Candidate]:
    """Every answer whose context meets the question's dates, names and action, best first, one per answer."""
    reader = _Reader(evidence, req, paraphrases)
    pool = [s for s in evidence.ranked if not s.heading][:CANDIDATE_SENTENCES]
    for kinds in req.tiers:
        found: dict[str, Candidate] = {}
        for scored in pool:
            spans = [t for s in reader.spans(scored.sentence.text, kinds) if (t := reader.typed(s, kinds)) is not None]
            spans = [s for s in spans if not reader.asked_about(s)]
            if not spans:
                continue
            window = evidence.window(scored.sentence)
            if not reader.entities_present(window):
                continue
            said, helpers = reader.predicate(scored.sentence, window)
            if said < MIN_PREDICATE:
                continue
            for span in spans:
                if not reader.own_clause_says(scored.sentence, span) or not reader.is_agent(scored.sentence, span):
                    continue
                dated, source = reader.date_attached(scored, span)
                if not dated:
                    continue
                label, key = reader.label(span)
                fit = 0.2 * reader.proximity(scored.sentence, span) + 0.15 * reader.inner_terms(span)
                score = scored.score + 0.3 * said + fit + 0.1 * dated
                helper = [h for h in helpers if reader.about(h, span)][:1] or helpers[:1]  # "before being arrested"
                support = tuple(dict.fromkeys([*source, *helper]))
                if key not in found or score > found[key].score:
                    found[key] = Candidate(span, label, key, scored, score, support)
        if found:
            return sorted(found.values(), key=lambda c: -c.score)
    return []


def _with_equivalent(best: Candidate, others: list[Candidate]) -> Candidate:
    """ "10 million pesos (around half a million dollars)": an amount restated in brackets right beside it."""
    text = best.sentence.sentence.text
    for other in others:
        if other.sentence.sentence.id != best.sentence.sentence.id or other.span.kind != best.span.kind:
            continue
        first, second = sorted((best, other), key=lambda c: c.span.start)
        if text[first.span.end : second.span.start].strip() == "(":
            label = f"{first.label} ({second.label})"
            return Candidate(best.span, label, best.key, best.sentence, best.score, best.support)
    return best


def choose_answers(candidates: list[Candidate], req: Requirement) -> list[Candidate]:
    """The best answer, plus the others nearly as well supported when the question may have several."""
    if not candidates:
        return []
    best = candidates[0]
    chosen = [best]
    if req.scalar:
        return [_with_equivalent(best, candidates[1:])]
    for c in candidates[1:]:
        same = any(c.sentence.sentence.id == o.sentence.sentence.id for o in chosen)
        if c.score >= best.score * (SAME_SENTENCE_RATIO if same else LIST_RATIO):
            chosen.append(c)
        if len(chosen) >= MAX_ANSWERS:
            break
    return sorted(chosen, key=lambda c: (c.sentence.sentence.path, c.sentence.sentence.ord, c.span.start))
