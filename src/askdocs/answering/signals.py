"""Signals: general, named numbers that say how well a sentence answers a question, for the fitted models.

None of them knows a topic: meaning (cosine), the question's words and names weighted by IDF (stemmed, in the
sentence and its neighbours), word pairs, the passage's retrieval rank, date agreement, whether something of the
asked type is present, and how much of the sentence is new relative to the question.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from askdocs.answering.asked_type import QUANTITY_KINDS, typed_present
from askdocs.answering.opposites import swapped
from askdocs.answering.word_match import near_matches, related_words
from askdocs.ingest.timeline import INHERITED
from askdocs.lang.en import EN, Lexicon
from askdocs.text.acronyms import acronyms
from askdocs.text.hyphens import rejoined
from askdocs.text.keywords import idf
from askdocs.text.normalize import TOKEN, fold, fts_quote
from askdocs.text.stem import stem, undotted

CHEAP = (
    "coverage",
    "coverage_context",
    "names",
    "bigrams",
    "rank",
    "lexical_only",
    "date",
    "typed",
    "length",
    "novel",
    "rarest",
)
"""Signals that need no embedding: computed for every candidate sentence."""
SENTENCE = ("dense", "dense_gap", "before_dense", "before_gap", "title_dense", "title_gap", *CHEAP)
"""All sentence signals: the cheap ones plus the cosine of the sentence to the question and its gap to the best
cosine, the same for the sentence read after the one before it ("The tower is 324 metres tall" answers a question
about the Eiffel Tower only with the sentence before) and for the sentence read after its document's title."""
QUESTION = (
    "best",
    "second",
    "missing_count",
    "missing_max",
    "missing_share",
    "best_coverage",
    "absent",
    "dense",
    "top_names",
    "top_coverage",
    "top_coverage_context",
    "top_dense",
    "best_logit",
    "top_bigrams",
    "opposite",
    "typed",
    "swap",
    "swap_all",
    "no_number",
)
"""Question-level signals for the answerable model, read off the ranked evidence ("top_": the best of the three
most likely sentences; "opposite": the best sentence says the opposite of a question word, see
askdocs.answering.opposites; "typed": the best sentence holds something of the asked type, see `typed_present`;
"swap", "swap_all": the best sentence, and each of the best three, names another person, place, date or amount
than the question's, see askdocs.answering.swaps; "no_number": the question asks for a count, an amount, a measure
or an age, and the best sentence holds no number of its kind, or asks "when" and the best sentence holds neither
digits, a named day or month, nor a date or time the tagger finds ("at nine", "in the spring"): "typed" alone
weighs that as it weighs a name question's best sentence without a name)."""
QUESTION_SIGNS = {
    **dict.fromkeys(("best", "best_logit", "best_coverage", "dense", "typed"), 1),
    **dict.fromkeys(("top_names", "top_coverage", "top_coverage_context", "top_dense", "top_bigrams"), 1),
    **dict.fromkeys(
        ("missing_count", "missing_max", "missing_share", "absent", "opposite", "swap", "swap_all", "no_number"), -1
    ),
}
"""The way each QUESTION signal may move the answerable model (1: more of it, surer evidence; -1: less sure; the
runner-up sentence's share, `second`, either way): the fit bounds each weight to its sign."""
TOP = 3

MEETS_DATE = INHERITED
"""A sentence's date meets the question's when it is its own or carried from the sentences before it."""


@dataclass(frozen=True)
class QuestionTerms:
    """The question's content words as stems with IDF weights over the corpus's sentences, and what stands out."""

    stems: tuple[str, ...]
    weights: Mapping[str, float]
    names: frozenset[str]
    """Stems of the capitalised words after the first: names the answer's context should carry."""
    bigrams: frozenset[tuple[str, str]]
    rarest: str | None
    absent: float
    """Share of the question's word weight that no sentence of the corpus contains."""
    words: frozenset[str]
    """The question's words, lowercased, as typed."""
    unknown: tuple[str, ...] = ()
    """The question's content words that no sentence of the corpus contains, as typed."""
    outside: tuple[str, ...] = ()
    """The question's content words that only documents a filter leaves out contain, as typed: absent too."""
    strange: tuple[str, ...] = ()
    """Those of `unknown` that are names no document spells in a close way (see askdocs.answering.exact)."""
    apart: tuple[str, ...] = ()
    """The question's names of several words whose words the documents use, never together (askdocs.answering.exact)."""
    acronyms: tuple[tuple[str, str], ...] = ()
    """(letters, stem) of the question's words typed as acronyms ("IAEA"): a sentence that spells one out holds it
    (see askdocs.text.acronyms)."""
    measure: frozenset[str] = frozenset()
    """The question's words that say what it measures ("many" in "how many"), lowercased: part of its form, so
    never a word the documents may say the opposite of ("a few")."""
    text: str = ""
    """The question as asked: the opposite signal parses it where a particle ("on", "off") may be swapped."""
    dated: frozenset[str] = frozenset()
    """Stems of the words of the question's resolved dates ("july", "2"): a sentence carries them when its own or
    inherited date meets the question's (see askdocs.ingest.timeline), not when it merely spells them."""


def stems_of(text: str, stem: Callable[[str], str], lexicon: Lexicon = EN) -> list[str]:
    """The stems of a text's content words, in order (a word broken at a line's end read whole: "decom‐" /
    "pression" is "decompression")."""
    out = []
    for token in TOKEN.findall(rejoined(text)):
        word = undotted(token)
        if word in lexicon.stopwords or (len(word) < 2 and not word.isdigit()):
            continue
        out.append(stem(word))
    return out


def inflections(word: str) -> tuple[str, ...]:
    """A word's regular -s and -ed forms, to look up where the index's Porter stemmer parts them from the word
    ("die" and "died", "lie" and "lied")."""
    return (f"{word}s", f"{word}d" if word.endswith("e") else f"{word}ed")


def any_of(words: Iterable[str]) -> str:
    """An FTS5 query matching any of `words` (each quoted), empty when none is left to look up."""
    return " OR ".join(q for q in map(fts_quote, words) if q)


def _used(
    word: str,
    key: str,
    frequency: Callable[[str], int],
    in_documents: Callable[[str], bool] | None,
    lexicon: Lexicon,
) -> tuple[int, str, bool]:
    """How many sentences use a question word, the FTS5 query that found them, and whether only a title or heading
    does (then 1): its forms first, then its -s and -ed forms ("die": "died"), then the words derived from it or it
    from ("owns": "owner"), each looked up only when the one before found nothing."""
    own = any_of(lexicon.forms_of(word))
    for query in (own, any_of(inflections(word)), any_of(related_words(key, lexicon))):
        if query and (df := frequency(query)):
            return df, query, False
    titled = bool(own) and in_documents is not None and in_documents(own)
    return (1, own, True) if titled else (0, own, False)


def question_terms(
    question: str,
    frequency: Callable[[str], int],
    total: int,
    stem: Callable[[str], str],
    lexicon: Lexicon = EN,
    date_words: Sequence[str] = (),
    used_within: Callable[[str], bool] | None = None,
    in_documents: Callable[[str], bool] | None = None,
) -> QuestionTerms:
    """Weigh each content word of the question by how rare it is among the corpus's sentences; with a filter's
    `used_within`, a word only the documents it leaves out use is absent, as one the corpus never uses. A word no
    sentence holds but a title or heading does (`in_documents`) weighs as the rarest, and is not absent."""
    weights: dict[str, float] = {}
    names: set[str] = set()
    absent = 0.0
    unknown: list[str] = []
    outside: list[str] = []
    typed_acronyms = acronyms(TOKEN.findall(question))
    spelled: dict[str, str] = {}
    tokens = TOKEN.findall(question)
    measure = {i for i in range(1, len(tokens)) if tokens[i - 1].lower() in lexicon.measure_asked_by}
    for i, token in enumerate(tokens):
        word = undotted(token)
        if word in lexicon.stopwords or len(word) < 2 or i in measure:
            continue
        key = stem(word)
        if key not in weights:
            df, found, titled = _used(word, key, frequency, in_documents, lexicon)
            weights[key] = idf(df, total)
            if df == 0:
                absent += weights[key]
                unknown.append(token)
            elif used_within is not None and not titled and not used_within(found):
                absent += weights[key]
                outside.append(token)
        if i and token[:1].isupper():
            names.add(key)
        if token.lower() in typed_acronyms:
            spelled[token.lower()] = key
    dated = frozenset(stem(fold(w)) for w in date_words) & set(weights)
    names -= dated
    ordered = [t for t in stems_of(question, stem, lexicon) if t not in dated and t in weights]
    total_weight = sum(weights.values()) or 1.0
    return QuestionTerms(
        stems=tuple(dict.fromkeys(ordered)),
        weights=weights,
        names=frozenset(names),
        bigrams=frozenset(zip(ordered, ordered[1:], strict=False)),
        rarest=max(weights, key=weights.__getitem__) if weights else None,
        absent=absent / total_weight,
        words=frozenset(t.lower() for t in TOKEN.findall(question)),
        unknown=tuple(unknown),
        outside=tuple(outside),
        acronyms=tuple(spelled.items()),
        measure=frozenset(tokens[i].lower() for i in measure),
        text=question,
        dated=dated,
    )


def date_met(terms: QuestionTerms, met: bool) -> QuestionTerms:
    """`terms` once it is known whether a candidate sentence's date meets the question's (`met`): then the words of
    the question's date are not words the corpus never uses ("in 2006" over "Between 2005 and 2008, ...", "on July
    2" over "on Friday"), whatever their spelling."""
    keys = {t: stem(t) for t in (*terms.unknown, *terms.outside)}
    gone = {t for t in keys if met and keys[t] in terms.dated}  # unknown, or used only where a filter leaves out
    if not gone:
        return terms
    total = sum(terms.weights.values()) or 1.0
    share = sum(terms.weights[key] for key in {keys[t] for t in gone}) / total
    return replace(
        terms,
        absent=max(terms.absent - share, 0.0),
        unknown=tuple(t for t in terms.unknown if t not in gone),
        outside=tuple(t for t in terms.outside if t not in gone),
    )


def spelled_out(terms: QuestionTerms, found: Collection[str]) -> QuestionTerms:
    """`terms` once the question's acronyms `found` (stems) are known to be spelled out in the corpus: they are no
    longer words the corpus never uses."""
    keys = {letters: key for letters, key in terms.acronyms if key in found}
    gone = [t for t in terms.unknown if t.lower() in keys]
    if not gone:
        return terms
    total = sum(terms.weights.values()) or 1.0
    share = sum(terms.weights[keys[t.lower()]] for t in gone) / total
    kept = tuple(t for t in terms.unknown if t not in gone)
    return replace(terms, absent=max(terms.absent - share, 0.0), unknown=kept)


def coverage(stems: set[str] | frozenset[str], terms: QuestionTerms, date: float = 0.0) -> float:
    """IDF-weighted share of the question's words present; the words of its dates count by `date`, how well the
    sentence's date meets the question's."""
    total = sum(terms.weights.values()) or 1.0
    words = sum(w for t, w in terms.weights.items() if t in stems and t not in terms.dated)
    return (words + date * sum(terms.weights[t] for t in terms.dated)) / total


def bigram_share(sequence: Sequence[str], terms: QuestionTerms) -> float:
    if not terms.bigrams:
        return 0.0
    return len(set(zip(sequence, sequence[1:], strict=False)) & terms.bigrams) / len(terms.bigrams)


@dataclass(frozen=True)
class Context:
    """One candidate sentence as the signals see it: its stems, its neighbours' stems, its passage's rank (the
    question's stems it holds a close form of count among its own: see `near_context`)."""

    text: str
    stems: Sequence[str]
    window: frozenset[str]
    rank: int | None
    date: float


def near_context(
    text: str, own: Sequence[str], window: set[str], rank: int | None, date: float, terms: QuestionTerms
) -> Context:
    """A Context in which the question's words that the sentence (or its neighbourhood) holds a close form of
    count as present."""
    near_own = near_matches(terms.weights, set(own))
    return Context(text, [*own, *sorted(near_own)], frozenset(window | near_matches(terms.weights, window)), rank, date)


def cheap_signals(item: Context, terms: QuestionTerms, kind: str, lexicon: Lexicon = EN) -> list[float]:
    """The CHEAP signals of one sentence, in CHEAP order."""
    own = set(item.stems)
    question = set(terms.stems)
    return [
        coverage(own, terms, item.date),
        coverage(item.window, terms, item.date),
        len(terms.names & item.window) / len(terms.names) if terms.names else 1.0,
        bigram_share(item.stems, terms),
        1.0 / item.rank if item.rank else 0.0,
        0.0 if item.rank else 1.0,
        item.date,
        typed_present(item.text, kind, terms.words),
        math.log1p(len(TOKEN.findall(item.text))),
        len(own - question) / max(len(own), 1),
        1.0 if terms.rarest and (terms.rarest in item.window or terms.rarest in terms.dated and item.date) else 0.0,
    ]


def dates_tell(contexts: Iterable[Context], terms: QuestionTerms) -> bool:
    """Whether a dated question's sentences go date first (`date_order`): only when a sentence whose date meets the
    question's also holds, in its window, one of the question's other words. When none does, the date says nothing
    of which sentence answers ("Work on the wall began in 2021." and three more "in 2021" sentences of other files
    went before "He continued to perform until 2021, when arthritis ... forced him to stop." for "Why did Lashley
    stop performing in 2021?"), and the sentences go by probability alone."""
    if not terms.dated:
        return False
    others = terms.weights.keys() - terms.dated
    return not others or any(c.date >= MEETS_DATE and others & c.window for c in contexts)


def date_order(dates: Sequence[float], probabilities: Sequence[float], dated: bool) -> list[int]:
    """Positions best first. For a question about a date, sentences whose own (or inherited) date meets it come
    first, then the rest: a sentence that only refers back to that day ("after the arrests on July 2") or is about
    another day does not answer what happened on it. Otherwise by probability alone."""
    meets = [dated and d >= MEETS_DATE for d in dates]
    return sorted(range(len(probabilities)), key=lambda i: (not meets[i], -probabilities[i]))


def sentence_signals(cheap: np.ndarray, dense: np.ndarray, before: np.ndarray, titled: np.ndarray) -> np.ndarray:
    """SENTENCE signals from the cheap ones and the cosines of the same sentences: alone, after the sentence before
    them, and after their document's title."""
    columns = []
    for cosines in (dense, before, titled):
        cosine = np.asarray(cosines, dtype=np.float64).reshape(-1, 1)
        columns += [cosine, cosine.max(initial=0.0) - cosine if len(cosine) else cosine]
    return np.hstack([*columns, np.asarray(cheap, dtype=np.float64).reshape(len(columns[0]), -1)])


TIME_LABELS = frozenset({"DATE", "TIME"})
"""The tagger's entity labels of a date or a time of day."""


def untimed(text: str, parse: Callable[[str], Any] | None) -> bool:
    """Whether the tagger finds no date or time in `text` (False without the tagger: nothing is known)."""
    doc = parse(text) if parse is not None else None
    return doc is not None and not any(e.label_ in TIME_LABELS for e in doc.ents)


def question_signals(
    probabilities: Sequence[float],
    best: Context,
    terms: QuestionTerms,
    top: np.ndarray,
    swaps: tuple[float, float],
    parse: Callable[[str], Any] | None = None,
    *,
    kind: str,
) -> list[float]:
    """QUESTION signals: how sure the best sentences are, and what of the question the best neighbourhood lacks.

    `probabilities` are the sentence model's, in ranked order (best first); `top` holds the SENTENCE signals of
    the best TOP sentences, best first; `swaps` are askdocs.answering.swaps' two signals; `parse`, the tagger's
    parser, reads a swapped particle ("on", "off") for the opposite signal and a date or time a "when" question's
    best sentence may hold without digits (without it, neither counts); `kind` is
    the question's (askdocs.answering.query)."""
    total = sum(terms.weights.values()) or 1.0
    heaviest = max(terms.weights.values(), default=1.0) or 1.0
    missing = [t for t in terms.weights if t not in best.window and not (t in terms.dated and best.date)]
    p = [*probabilities, 0.0, 0.0]
    column = {name: i for i, name in enumerate(SENTENCE)}
    top = np.asarray(top, dtype=np.float64).reshape(-1, len(SENTENCE))[:TOP]
    first = min(max(p[0], 1e-9), 1 - 1e-9)
    return [
        p[0],
        p[1],
        float(len(missing)),
        max((terms.weights[t] for t in missing), default=0.0) / heaviest,
        sum(terms.weights[t] for t in missing) / total,
        float(top[0, column["coverage_context"]]),
        terms.absent,
        float(top[0, column["dense"]]),
        float(top[:, column["names"]].max()),
        float(top[:, column["coverage"]].max()),
        float(top[:, column["coverage_context"]].max()),
        float(top[:, column["dense"]].max()),
        math.log(first / (1 - first)),
        float(top[:, column["bigrams"]].max()),
        swapped(terms.words - terms.measure, best.text, held=best.window, question=terms.text, parse=parse),
        float(top[0, column["typed"]]),
        *swaps,
        float(not top[0, column["typed"]] and (kind in QUANTITY_KINDS or kind == "when" and untimed(best.text, parse))),
    ]
