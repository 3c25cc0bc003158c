"""Decision: whether the documents answer the question, from the fitted answerable model over the ranked evidence,
and which sentences to cite. The hard rules are general: when no retrieved sentence (or its neighbours) carries
any of the question's content words, or no document uses a word the question quotes or a version number it asks
of, nothing answers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from askdocs.answering import opposites, signals
from askdocs.answering.asked_type import typed_kind
from askdocs.answering.evidence import Evidence, ScoredSentence
from askdocs.answering.exact import exact_unknown
from askdocs.answering.model import Fitted
from askdocs.answering.swaps import swap_signals
from askdocs.answering.word_match import near_matches
from askdocs.text.normalize import fold, words
from askdocs.text.stem import stem

if TYPE_CHECKING:
    from askdocs.answering.tagger import Tagger
    from askdocs.retrieval import Hit

MAX_CITED = 5
"""At most this many sentences are cited, however unsure the ranker is."""
SHORT_POOL = 3
"""Sentences searched for a short answer (bench.fit_answering fits the short-answer model on the best three)."""
_NEAR_DUPLICATE = 0.8


@dataclass(frozen=True)
class Finding:
    """The decision and what it rests on: the sentences to cite, the reasons in words, the calibrated confidence."""

    found: bool
    sentences: tuple[ScoredSentence, ...] = ()
    reasons: tuple[str, ...] = ()
    confidence: float = 0.0
    pool: tuple[ScoredSentence, ...] = ()
    """The best SHORT_POOL sentences chosen the same way, cited ones first: where short answers are looked for
    (as many as the short-answer model was fitted on, however many are cited)."""


def near_duplicate(a: str, b: str) -> bool:
    """The same fact said twice, or the same sentence in two syndicated files."""
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > _NEAR_DUPLICATE


def select(ranked: tuple[ScoredSentence, ...], dated: bool = False, mass: float = 1.0) -> tuple[ScoredSentence, ...]:
    """The best sentences that each say something new, until they hold `mass` of the ranker's probability: one
    when the ranker is sure, up to MAX_CITED when it is not (for a question about a date whose best sentence meets
    it, only others that meet it too). A near-duplicate adds its share to the sentence it repeats."""
    chosen = [ranked[0]]
    covered = ranked[0].share
    same_day = dated and ranked[0].date >= signals.MEETS_DATE
    for item in ranked[1:]:
        if covered >= mass or len(chosen) >= MAX_CITED:
            break
        if same_day and item.date < signals.MEETS_DATE:
            continue
        covered += item.share
        if not any(near_duplicate(item.sentence.text, c.sentence.text) for c in chosen):
            chosen.append(item)
    return tuple(chosen)


def answerable_signals(evidence: Evidence, tagger: Tagger | None = None) -> tuple[list[float], tuple[str, str] | None]:
    """The QUESTION signals of the evidence (see signals.question_signals), and the names the best sentence swaps
    (see askdocs.answering.swaps; none without a `tagger`)."""
    best = evidence.ranked[0]
    top = evidence.ranked[: signals.TOP]
    swaps, swap = (0.0, 0.0), None
    if tagger is not None:
        pairs = [(s.sentence.text, evidence.contexts[s.sentence.id]) for s in top]
        unused = {fold(word) for word in evidence.terms.unknown}
        swaps, swap = swap_signals(evidence.query.text, pairs, tagger, stem, unused)
    row = signals.question_signals(
        [s.score for s in evidence.ranked],
        evidence.contexts[best.sentence.id],
        evidence.terms,
        np.array([s.signals for s in top]),
        swaps,
        tagger.parse if tagger is not None else None,
        kind=evidence.query.kind,
    )
    return row, swap


def _offered(
    missing: Sequence[str], suggest: Callable[[str], str | None] | None, asked: frozenset[str]
) -> tuple[str, ...]:
    """The spellings `suggest` offers for the missing words, each once, leaving out a word the question already has
    in any form ("did you mean “Muslim”?" to a question that says "Muslims"): it tells the asker nothing."""
    if suggest is None:
        return ()
    had = {stem(w) for w in asked - {m.lower() for m in missing}}
    offers = (suggest(w) for w in missing)
    return tuple(dict.fromkeys(w for w in offers if w and stem(w.lower()) not in had))


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"“{w}”" for w in words)


QUOTE_CHARS = 80
"""How much of the closest sentence a refusal's reason quotes, so the user sees which sentence it means."""


def _sentence(text: str, word: str = "") -> str:
    """The closest sentence as a reason quotes it: whole when short, else cut at words with an ellipsis, around the
    `word` the reason names when it comes late ("… the largest inland port …")."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return f"“{text}”"
    at = text.find(word) if word else -1
    start = 0 if at < 0 or at + len(word) <= QUOTE_CHARS else max(0, at - QUOTE_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    part = text[start : start + QUOTE_CHARS]
    cut = start + len(part) < len(text)
    if cut:
        part = part.rsplit(" ", 1)[0].rstrip(",;:") if " " in part else part
    return f"“{'…' if start else ''}{part}{'…' if cut else ''}”"


def _unused(missing: tuple[str, ...], suggest: Callable[[str], str | None] | None, asked: frozenset[str]) -> str:
    """The reason naming question words no sentence of the documents uses, with the spellings offered for them."""
    offered = _offered(missing, suggest, asked)
    also = f"; did you mean {_quoted(offered)}?" if offered else ""
    return f"no sentence of the documents uses {_quoted(missing)}{also}"


def _key(token: str) -> str:
    """A question word as its weight is keyed: folded, stemmed."""
    return stem(token)


def left_out(terms: signals.QuestionTerms) -> tuple[str, ...]:
    """The question's words that only documents the filter leaves out use and that the question depends on: its
    names, and the words weighing (by rarity) at least the mean of its words (their dates aside), heaviest first. A
    common word ("cost") only left-out documents use is not why a question about something rarer goes unanswered:
    the filter is blamed only where it took away a word that counts. A name counts however often the left-out
    documents use it ("Berlin" in the article about Berlin)."""
    weights = {k: w for k, w in terms.weights.items() if k not in terms.dated}
    if not terms.outside or not weights:
        return ()
    mean = sum(weights.values()) / len(weights)
    heavy = [t for t in terms.outside if weights.get(_key(t), 0.0) >= mean or _key(t) in terms.names]
    return tuple(sorted(heavy, key=lambda t: -weights[_key(t)]))


def filter_note(terms: signals.QuestionTerms) -> str | None:
    """A note for an answer given under a filter that left out the only documents using a name the question asks
    about: the cited sentences may be of something else. A note, not a refusal: the documents the filter keeps may
    answer without the name ("the night ferry to Corsica" under --path ferries/, Marseille named only elsewhere)."""
    names = [w for w in left_out(terms) if _key(w) in terms.names]
    if not names:
        return None
    return (
        f"only documents the filter leaves out use {_quoted(tuple(names[:3]))}: these sentences may be about"
        " something else (widen the filter to let those documents answer)"
    )


def _left_out(terms: signals.QuestionTerms) -> str | None:
    """The reason when the filter left out the only documents that use the words the question depends on (see
    `left_out`), else None."""
    words = left_out(terms)
    return f"only documents the filter leaves out use {_quoted(words[:3])}" if words else None


NO_WORDS = "the question has no word to look for, only words such as “what”, “is” and “it”: say what it is about"
"""Why a question with no content word is not answered."""


def _named(question: str, best: Sequence[ScoredSentence]) -> bool:
    """Whether a question whose words are all small ones names something in capitals past its first word ("Who is
    M?", "What does IT do?", not "I") that one of the `best` sentences names too, as a word in the same case."""
    names = {t for t in signals.TOKEN.findall(question)[1:] if t[:1].isupper() and t != "I"}
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", s.sentence.text) for n in names for s in best)


RELATED = 3
"""The closest passages a refusal lists (askdocs.answering.related)."""


LACKING = {
    "who": "names a person or organisation the question does not",
    "where": "names a place the question does not",
    "which": "names something the question does not",
    "when": "gives a date",
    "how_many": "gives a number",
    "how_much": "gives a number or an amount",
    "how_old": "gives an age",
    "how_measure": "gives a number or a measure",
}
"""What the closest sentences lack, said in a refusal when none of them holds what the question's kind asks for
(the sentence models' `typed` signal) and no word of the question is missing."""
_TYPED = signals.SENTENCE.index("typed")


def _unsure(evidence: Evidence, shown: Sequence[Hit] = ()) -> str:
    """The reason for a refusal the answerable model makes: the question's words the best sentence and its
    neighbours lack (heaviest first), what the model weighs most; when they lack none, what the best three lack of
    the asked type (no date for "when"), if they all lack it, else that it is not sure. A word
    a related passage listed under the refusal (`shown`) holds is not named: the reason would deny what the reader
    sees."""
    terms = evidence.terms
    best = evidence.contexts.get(evidence.ranked[0].sentence.id)
    listed = {s for hit in shown for s in signals.stems_of(hit.passage.text, stem)}
    listed |= near_matches(terms.weights, listed)
    lacking = {
        t
        for t in terms.weights
        if t not in terms.dated and best is not None and t not in best.window and t not in listed
    }
    said: dict[str, str] = {}
    for token in signals.TOKEN.findall(evidence.query.text):
        key = _key(token)
        if key in lacking:
            said.setdefault(key, token)
    if not said:
        kind = typed_kind(evidence.query.kind, evidence.query.head)
        top = [s for s in evidence.ranked if not s.heading][: signals.TOP]
        if kind in LACKING and top and all(s.signals and s.signals[_TYPED] < 0.5 for s in top):
            return f"the closest sentences use the question's words, but none {LACKING[kind]}"
        return "the closest sentences use the question's words, but askdocs is not sure they answer it"
    heaviest = sorted(said, key=lambda k: -terms.weights[k])[:3]
    return f"the closest sentences do not mention {_quoted(tuple(said[k] for k in heaviest))}"


def _unmatched(evidence: Evidence, suggest: Callable[[str], str | None] | None = None) -> Finding | None:
    """The refusal of a question nothing could answer, before the answerable model weighs the evidence: one with no
    word to match, no sentence that is not a heading, a quoted word, a version number or a name no document uses (see
    askdocs.answering.exact; `suggest` offers spellings for it), or no sentence using its words; None when the model
    decides."""
    if not evidence.terms.weights and not _named(evidence.query.text, evidence.ranked[: signals.TOP]):
        # "What is it?": every sentence would do as well as any other ("Who is M?", "What does IT do?" name one)
        return Finding(False, reasons=(NO_WORDS,))
    if not any(not s.heading for s in evidence.ranked):
        return Finding(False, reasons=("no passage of the documents matches the question",))
    terms = evidence.terms
    if exact := exact_unknown(evidence.query.text, terms.unknown) or tuple(
        w for w in terms.strange if w in terms.unknown
    ):
        return Finding(False, reasons=(_unused(exact[:3], suggest, evidence.terms.words),))
    if terms.apart:  # "Radar Princess" of a text about Games Radar and Twilight Princess
        return Finding(False, reasons=(f"no document names {_quoted(terms.apart[:3])}: they use its words apart",))
    if not evidence.any_word and evidence.terms.weights:
        reason = _left_out(terms) or (
            _unused(terms.unknown[:3], suggest, terms.words)  # "reset", "router": no document uses them at all
            if terms.unknown
            else "none of the question's words appear in the passages that match it best"
        )
        return Finding(False, reasons=(reason,))
    return None


@dataclass(frozen=True)
class Weighing:
    """The answerable model's probability that the evidence answers its question, and the names its best sentence
    swaps (for the refusal's reason): worked out once, whether for `decide` or to weigh one reading against another."""

    probability: float
    swapped: tuple[str, str] | None = None


def weigh(evidence: Evidence, fitted: Fitted, tagger: Tagger | None = None) -> Weighing:
    """The evidence as `decide` weighs it (probability 0 for a question `decide` refuses before weighing it)."""
    if _unmatched(evidence) is not None:
        return Weighing(0.0)
    row, swapped = answerable_signals(evidence, tagger)
    return Weighing(float(fitted.answerable.probability(row)[0]), swapped)


def decide(
    evidence: Evidence,
    fitted: Fitted,
    suggest: Callable[[str], str | None] | None = None,
    shown: Callable[[], Sequence[Hit]] = tuple,
    tagger: Tagger | None = None,
    weighed: Weighing | None = None,
) -> Finding:
    """Answer or not, with the evidence, the reasons and the answerable model's probability; `suggest` gives the
    corpus word closest to a question word no sentence uses, for the reason to offer ("did you mean ...?"),
    `shown` gives the passages a refusal lists as related (read only for a refusal), and `tagger` reads names for
    the swap signals; `weighed`, when `weigh` already read this evidence, spares reading it again."""
    if (early := _unmatched(evidence, suggest)) is not None:
        return early
    ranked = tuple(s for s in evidence.ranked if not s.heading)
    weighing = weighed or weigh(evidence, fitted, tagger)
    probability, named = weighing.probability, weighing.swapped
    if probability < fitted.answerable.threshold:
        missing = evidence.terms.unknown[:3]
        best = evidence.contexts.get(evidence.ranked[0].sentence.id)  # the sentence the signals read
        swap = best and opposites.swap(
            evidence.terms.words - evidence.terms.measure,
            best.text,
            held=best.window,
            question=evidence.terms.text,
            parse=tagger.parse if tagger is not None else None,
        )
        if missing:
            reason = _unused(missing, suggest, evidence.terms.words)
        elif swap:
            quote = _sentence(best.text, swap[1])
            reason = f"the closest sentence, {quote}, says “{swap[1]}” where the question asks “{swap[0]}”"
        elif (reason := _left_out(evidence.terms)) is None:
            closest = _sentence(evidence.ranked[0].sentence.text, named[1] if named else "")
            reason = (
                f"the closest sentence, {closest}, names “{named[1]}” where the question names “{named[0]}”"
                if named
                else _unsure(evidence, shown())
            )
        return Finding(False, reasons=(reason,), confidence=round(probability, 3))
    dated = bool(evidence.terms.dated)
    return Finding(
        True,
        select(ranked, dated, fitted.ranker.threshold),
        ("the best sentences carry what the question asks",),
        round(probability, 3),
        select(ranked, dated)[:SHORT_POOL],
    )
