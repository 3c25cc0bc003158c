"""Short answers: a name, date, number or noun phrase from the top evidence, shown only when a fitted model is sure.

Candidates are the tagger's entities and noun phrases (and bare numbers) in the best few sentences. Each is scored
on general signals: how often spans of its label answer questions of this kind (a prior fitted on development
data), its sentence's probability, how close it sits to the question's words in the text and in the parse, whether
the question already says it, and for "which X" questions how close it is in meaning to X.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from askdocs.answering import signals, span_context
from askdocs.answering.asked_type import NUMERIC_KINDS
from askdocs.answering.model import Fitted, fitted, softmax
from askdocs.answering.span_candidates import asked_field, balanced, candidates, field_candidate, is_age
from askdocs.answering.tagger import ENTITY_LABELS, TAGGER, Tagger, tagged_text
from askdocs.errors import IndexUnusable
from askdocs.lang.en import EN
from askdocs.text.hyphens import ascii_hyphens
from askdocs.text.normalize import fold
from askdocs.text.stem import undotted

OWN_LABELS = ("NP", "NUM")
"""Labels of the candidates that are not the tagger's entities: noun phrases and bare numbers."""
SHORT = (
    "prior",
    "sentence",
    "first",
    "overlap",
    "distance",
    "length",
    "in_question",
    "entity",
    "tree",
    "before",
    "after",
    "stranded",
    "head",
    "unnumbered",
    "vague",
    *(f"dep_{d}" for d in ("subject", "object", "prep_object", "apposition", "conjunct", "compound", "other")),
    *(f"label_{label}" for label in (*ENTITY_LABELS, *OWN_LABELS)),
    *span_context.SIGNALS,
)
"""Signals of a short-answer candidate, in the order the fitted model reads them."""
CONFIDENCE = (
    "share",
    "best",
    "margin",
    "candidates",
    "sentence",
    "prior",
    "first",
    "distance",
    "tree",
    "unnumbered",
    "vague",
    "near12",
    "kind_open",
    "kind_numeric",
    "kind_named",
    "answerable",
)
"""Signals of how sure the chosen short answer is: the ranker's share and margin, how many candidates competed,
the chosen span's own sentence, prior and closeness signals, the question's broad kind, and how sure the answer as a
whole is (the answerable model's probability: a question the documents may not answer has no right short answer)."""
_OWN = ("sentence", "prior", "first", "distance", "tree", "unnumbered", "vague", "near12")
_OPEN_KINDS = frozenset({"what", "other", "how", "why"})
_NAMED_KINDS = frozenset({"who", "where"})
_LABELS = {label: i for i, label in enumerate((*ENTITY_LABELS, *OWN_LABELS))}
TOP_SENTENCES = 3
"""How many of the best evidence sentences are tagged for candidates."""
_DEPS = {"nsubj": 0, "nsubjpass": 0, "dobj": 1, "pobj": 2, "appos": 3, "attr": 3, "conj": 4, "compound": 5}
_FAR = 30
_TREE_LIMIT = 9


@dataclass(frozen=True)
class Span:
    """A candidate short answer: the text, its label, and which evidence sentence (by position) it comes from."""

    text: str
    label: str
    sentence: int
    start: int
    end: int


NUMBERED_LABELS = frozenset({"CARDINAL", "DATE", "MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL", "NUM"})
"""The tagger's labels of spans that are numbers, dates or amounts: what how many/much/old and when ask for."""


def _numbered(span: object, label: str) -> bool:
    """Whether a span is or holds a number, date or amount ("forty-two blocks", "3.4 million euros", "Tuesday")."""
    return label in NUMBERED_LABELS or any(t.like_num for t in span)  # type: ignore[attr-defined]


def _vague(span: object, label: str) -> bool:
    """A date or time in words alone, no number nor name in it ("today", "each year", "the following week"): what a
    when-question's answer only says relative to a day the reader does not know, and no count or amount (the signal
    is set for the questions of NUMERIC_KINDS: when, how many, how much, how old)."""
    return label in ("DATE", "TIME") and not any(t.like_num or t.is_title or t.is_upper for t in span)  # type: ignore[attr-defined]


def stranded_preposition(doc: object) -> str | None:
    """The preposition a question ends on, left without its object ("Where has the market moved to?"): the answer is
    likely that preposition's object in the sentence ("moved ... to the old cattle yard")."""
    if doc is None:
        return None
    words = [t for t in doc if not t.is_punct]  # type: ignore[attr-defined]
    last = words[-1] if words else None
    if last is None or last.pos_ != "ADP" or any(c.dep_ == "pobj" and c.i > last.i for c in last.children):
        return None  # an object before it is the question word moved to the front ("Where ... to?")
    return str(last.lower_)


def _tree_distance(doc: object, span: object, matched: set[int]) -> int:
    """Edges in the parse from the span's root to the nearest question word outside it."""
    ancestors: dict[int, int] = {}
    token, depth = span.root, 0  # type: ignore[attr-defined]
    while True:
        ancestors[token.i] = depth
        if token.head.i == token.i or depth >= _TREE_LIMIT:
            break
        token, depth = token.head, depth + 1
    best = _TREE_LIMIT
    for p in matched:
        if span.start <= p < span.end:  # type: ignore[attr-defined]
            continue
        node, steps = doc[p], 0  # type: ignore[index]
        while True:
            if node.i in ancestors:
                best = min(best, ancestors[node.i] + steps)
                break
            if node.head.i == node.i or steps >= _TREE_LIMIT:
                break
            node, steps = node.head, steps + 1
    return best


def sentence_stems(doc: object, stem: Callable[[str], str]) -> list[str | None]:
    """Each token's stem as the question's words are read (`signals.stems_of`: the Lexicon's stop words and lone
    letters are no word), None for those and for punctuation; the tagger's own stop list is longer ("made", "first",
    "former") and would leave question words unmatched."""
    out: list[str | None] = []
    for t in doc:  # type: ignore[attr-defined]
        word = undotted(t.lower_)
        skip = t.is_punct or word in EN.stopwords or (len(word) < 2 and not word.isdigit())
        out.append(None if skip else stem(word))
    return out


def candidate_signals(
    sentences: Sequence[tuple[str, float]],
    kind: str,
    head: str | None,
    question: str,
    question_stems: set[str],
    stem: Callable[[str], str],
    tagger: Tagger,
    fitted: Fitted,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[list[Span], np.ndarray]:
    """Candidates from (sentence text, sentence probability) pairs, best sentence first, with their SHORT signals."""
    spans: list[Span] = []
    rows: list[list[float]] = []
    folded_question = " " + " ".join(fold(question).split()) + " "
    question_doc = tagger.parse(question)
    stranded = stranded_preposition(question_doc)
    verb = span_context.question_verb(question_doc, stem)
    taken = span_context.taken_parts(question_doc, stem)
    for position, (raw, probability) in enumerate(sentences[:TOP_SENTENCES]):
        text = tagged_text(raw)
        doc = tagger.parse(ascii_hyphens(text))  # the same offsets: what is shown is `text`, as written
        if doc is None:
            return [], np.zeros((0, len(SHORT)))
        stems = sentence_stems(doc, stem)
        matched = {i for i, s in enumerate(stems) if s in question_stems}
        found = candidates(doc)
        field = asked_field(text, head, stem, question)
        if field is not None and (value := field_candidate(doc, *field)) is not None:
            found = [value]  # a row naming the asked noun: that cell's value, never another cell's
        for start, end, label, span in found:
            if span_context.in_taken_part(span, verb, taken, stem):
                continue  # the part of the question's verb one of its own names plays: the answer to another question
            if kind == "when" and label == "DATE" and is_age(doc, span):
                label = "CARDINAL"  # "the age of 76" counts years: it answers how old, not when
            # number words ("forty", "two") and a one-word name or date ("May") are stop words to the tagger, but
            # they are what a count or a date answers with
            alone = len(span) == 1 and label not in OWN_LABELS  # type: ignore[arg-type]
            tokens = [stem(t.lower_) for t in span if not t.is_punct and (alone or t.like_num or not t.is_stop)]  # type: ignore[attr-defined]
            untitled = [stem(t.lower_) for t in span if not t.is_punct and t.text not in EN.titles]  # type: ignore[attr-defined]
            if not tokens or all(t in question_stems for t in tokens):
                continue  # nothing, or only what the question already says, is never the answer
            if untitled and all(t in question_stems for t in untitled):
                continue  # the question's name behind a title ("Mr Okafor" for "Okafor") is no answer; a title
                # alone ("the President" for "Who vetoed the bill?") may be
            first, last = span.start, span.end - 1  # type: ignore[attr-defined]
            distance = min((min(abs(first - p), abs(last - p)) for p in matched), default=_FAR)
            dep = [0.0] * 7
            dep[_DEPS.get(span.root.dep_, 6)] = 1.0  # type: ignore[attr-defined]
            labels = [0.0] * len(_LABELS)
            if label in _LABELS:
                labels[_LABELS[label]] = 1.0
            start, end = balanced(text, start, end)
            if start >= end:
                continue
            shown = text[start:end]
            rows.append(
                [
                    fitted.prior(kind, label),
                    probability,
                    1.0 if position == 0 else 0.0,
                    sum(t in question_stems for t in tokens) / len(tokens),
                    math.log1p(distance),
                    math.log1p(len(tokens)),
                    1.0 if " " + " ".join(fold(shown).split()) + " " in folded_question else 0.0,
                    0.0 if label == "NP" else 1.0,
                    math.log1p(_tree_distance(doc, span, matched)),
                    1.0 if first - 1 in matched else 0.0,
                    1.0 if last + 1 in matched else 0.0,
                    1.0 if stranded and span.root.dep_ == "pobj" and span.root.head.lower_ == stranded else 0.0,  # type: ignore[attr-defined]
                    0.0,
                    1.0 if kind in NUMERIC_KINDS and not _numbered(span, label) else 0.0,
                    1.0 if kind in NUMERIC_KINDS and _vague(span, label) else 0.0,
                    *dep,
                    *labels,
                    *span_context.readings(stems, span, question_stems, verb, stem),
                ]
            )
            spans.append(Span(shown, label, position, start, end))
    signals = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(SHORT))
    if head and embed is not None and spans:
        vectors = embed([head, *(s.text for s in spans)])
        signals[:, SHORT.index("head")] = vectors[1:] @ vectors[0]
    return spans, signals


LIST_KINDS = frozenset({"who", "which", "where"})
"""Question kinds whose answer may be several names (two men arrested, three towns flooded); a count, a date or an
amount is one answer."""


NEARLY = 0.5
"""In a list answer, another span of the best one's label joins it when at least this share as likely."""


def choose(spans: Sequence[Span], probabilities: np.ndarray, several: bool = True) -> list[tuple[Span, float]]:
    """The best span, plus (when `several`) others of its label nearly as likely, each once, in order of
    probability."""
    if not spans:
        return []
    order = np.argsort(-probabilities)
    best = int(order[0])
    # the same answer at another extent ("3.4 million" inside "3.4 million euros") adds to the best span's share
    same = sum(float(probabilities[i]) for i, span in enumerate(spans) if i != best and _overlaps(span, spans[best]))
    chosen = [(spans[best], float(probabilities[best]) + same)]
    for i in order[1:] if several else ():
        span, p = spans[int(i)], float(probabilities[int(i)])
        if p < NEARLY * probabilities[best] or span.label != spans[best].label or len(chosen) >= 3:
            continue
        if any(fold(span.text) in fold(c.text) or fold(c.text) in fold(span.text) for c, _ in chosen):
            continue
        chosen.append((span, p))
    return chosen


def _overlaps(a: Span, b: Span) -> bool:
    """Two candidates that share characters of one sentence."""
    return a.sentence == b.sentence and a.start < b.end and b.start < a.end


def confidence_signals(
    chosen: Sequence[tuple[Span, float]], signals: np.ndarray, probabilities: np.ndarray, kind: str, answerable: float
) -> np.ndarray:
    """The CONFIDENCE signals of the spans `choose` picked, given every candidate's signals and probability and the
    answerable model's probability for the question."""
    order = np.argsort(-probabilities)
    best = int(order[0])
    second = float(probabilities[order[1]]) if len(order) > 1 else 0.0
    row = signals[best]
    return np.array(
        [
            sum(p for _, p in chosen),
            float(probabilities[best]),
            float(probabilities[best]) - second,
            math.log(len(probabilities)),
            *(float(row[SHORT.index(name)]) for name in _OWN),
            1.0 if kind in _OPEN_KINDS else 0.0,
            1.0 if kind in NUMERIC_KINDS else 0.0,
            1.0 if kind in _NAMED_KINDS else 0.0,
            answerable,
        ]
    )


def asks_for_span(kind: str) -> bool:
    """Whether a name, number or phrase of the evidence can answer a question of this kind: a yes/no question is
    answered by its cited sentences, never by a span ("Was the company founded by Margaret Quill?" is not answered
    "1978"), nor is a yes/no one offering a choice ("Was it founded in 1978 or 1987?"): it names its options
    itself, which a span never repeats."""
    return kind != "yesno"


def short_answers(
    spans: Sequence[Span], signals: np.ndarray, kind: str, fitted: Fitted, answerable: float
) -> list[tuple[Span, float]]:
    """The short answers the fitted models are sure of among `candidate_signals`' spans (most often none or one):
    the ranker picks them, and a second model, fitted for precision, says whether to show them (`answerable` is the
    answerable model's probability for the question)."""
    if not spans:
        return []
    probabilities = softmax(fitted.short.logits(fitted.short.columns(signals, SHORT)))
    chosen = choose(spans, probabilities, kind in LIST_KINDS)
    sure_signals = confidence_signals(chosen, signals, probabilities, kind, answerable)
    sure = fitted.short_confidence.probability(fitted.short_confidence.columns(sure_signals, CONFIDENCE))[0]
    return chosen if sure >= fitted.short_confidence.threshold else []


def read_short(
    question: str, sentences: Sequence[str], stem: Callable[[str], str], kind: str = "", head: str | None = None
) -> list[tuple[Span, float]]:
    """The reader's span of the best cited sentences, when it prefers it to "no answer", its show model is sure
    enough of it (`Reader.shown`), it says more than the question's own words and, for a "who" question, it names
    someone rather than tells what happened (a span with a verb: "Ian Thorpe has emulated Kieren Perkins"); else
    none (also without the reader)."""
    from askdocs.answering.reader import READ_SENTENCES, load_reader, read_best

    if (reader := load_reader()) is None:
        return []
    sentences = [tagged_text(s) for s in sentences]  # as the tagger reads them: no quote marks, no escapes
    if (found := read_best(question, tuple(sentences[:READ_SENTENCES]))) is None:
        return []
    position, reading = found
    if reading.score <= 0 or (sure := reader.shown(position, reading)) < reader.threshold:
        return []
    start, end = balanced(sentences[position], reading.start, reading.end)
    if kind == "how_many" and head and (doc := TAGGER.parse(sentences[position])) is not None:
        if (counted := span_context.one_count(doc, start, end, head, stem)) is None:
            return []
        start, end = counted
    text = sentences[position][start:end]
    words = {stem(w) for w in fold(question).split()}
    if start >= end or all(stem(w) in words for w in fold(text).split()):
        return []
    if kind == "who" and _tells(text):
        return []
    return [(Span(text, "READ", position, start, end), sure)]


def _tells(text: str) -> bool:
    """Whether a span holds a verb, as the tagger reads it alone (a clause, not a name); False without the tagger."""
    doc = TAGGER.parse(text)
    return doc is not None and any(t.pos_ == "VERB" for t in doc)


def check_signals(models: Fitted) -> None:
    """Each model may read only signals the code computes (a model fitted before a signal was added reads fewer): a
    file naming an unknown one is damaged, said at load rather than at the first question."""
    for name, model, known in (
        ("shortlist", models.shortlist, signals.CHEAP),
        ("sentence", models.sentence, signals.SENTENCE),
        ("ranker", models.ranker, signals.SENTENCE),
        ("answerable", models.answerable, signals.QUESTION),
        ("short", models.short, SHORT),
        ("short_confidence", models.short_confidence, CONFIDENCE),
    ):
        if unknown := sorted(set(model.features) - set(known)):
            raise ValueError(f"the {name} model reads signals the code does not compute: {', '.join(unknown)}")


@functools.cache
def checked_models() -> Fitted:
    """The shipped models (`model.fitted`), each checked to read only signals the code computes."""
    models = fitted()
    try:
        check_signals(models)
    except ValueError as exc:
        raise IndexUnusable(f"the fitted answer models are damaged ({exc}); reinstall askdocs") from None
    return models
