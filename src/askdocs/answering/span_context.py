"""What surrounds a short-answer candidate in its sentence: how many of the question's words sit within a few words
of it (before it, after it), and whether the verb of its clause is the question's main verb. The answer tends to sit
where the question's words gather ("founded by Kanji Ishiwara in 1936" for "Who founded it?"), in the clause of the
verb the question asks about, rather than merely near one matched word (the distance signals)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from askdocs.lang.en import EN

NEAR = (4, 12)
"""Widths, in tokens, of the windows either side of a candidate in which the question's words are counted."""
SIGNALS = (
    *(f"near{w}{side}" for w in NEAR for side in ("", "_before", "_after")),
    "verb_clause",
)
"""Signals of a candidate's surroundings, in the order `readings` gives them: for each width, the share of the
question's distinct words within that many tokens either side, before, and after; and whether its clause's verb is
the question's main verb."""
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "xcomp", "csubj", "acl", "pcomp"})
"""Dependency labels that open a clause."""
_DEPTH = 20
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
"""Penn tags of wh-words ("who", "which", "whose", "where")."""


def question_verb(question_doc: object, stem: Callable[[str], str]) -> str | None:
    """The stem of a question's main verb ("founded" of "Who founded the company?"), None when its root is no verb
    ("What is the capital?"). Of several sentences ("Ana Ruiz won in Lima. Who lost?"), the one that asks: the
    last holding a question mark or a wh-word, else the last."""
    root = _asking_root(question_doc)
    return stem(root.lower_) if root is not None and root.pos_ == "VERB" else None


def _asking_root(question_doc: object) -> object | None:
    """The root of the question's sentence that asks: the last holding a question mark or a wh-word, else the
    last; None for no sentence (or no parse)."""
    sentences = list(question_doc.sents) if question_doc is not None else []  # type: ignore[attr-defined]
    asking = [s for s in sentences if "?" in s.text or any(t.tag_ in _WH_TAGS for t in s)]
    return (asking or sentences)[-1].root if sentences else None


def _role(token: object) -> tuple[object, str] | None:
    """The verb a token is an argument of, and its part: the doer ("subject": an active verb's subject, a passive's
    "by" object) or the done-to ("object": an active verb's object, a passive's subject); None for any other."""
    dep = token.dep_  # type: ignore[attr-defined]
    if dep == "nsubj":
        return token.head, "subject"  # type: ignore[attr-defined]
    if dep in ("dobj", "nsubjpass"):
        return token.head, "object"  # type: ignore[attr-defined]
    if dep == "pobj" and token.head.dep_ == "agent":  # type: ignore[attr-defined]
        return token.head.head, "subject"  # type: ignore[attr-defined]
    return None


def taken_parts(question_doc: object, stem: Callable[[str], str]) -> frozenset[str]:
    """The parts of the question's main verb that its names play and its question word does not: "object" for "Who
    succeeded Thomas Ngata?" (whoever is the object of "succeeded" in a sentence is someone Ngata's part, not the
    one asked for). Empty unless the question word is the verb's subject or object, and for a verb whose parts may
    trade places ("Who did Mark Phillips marry?": "Anne married Mark Phillips")."""
    root = _asking_root(question_doc)
    if root is None or root.pos_ != "VERB" or stem(root.lower_) in _reciprocal(stem):
        return frozenset()
    named, asked = set(), set()
    for token in root.sent:
        role = _role(token)
        if role is None or role[0].i != root.i:  # type: ignore[attr-defined]
            continue
        (asked if token.tag_ in _WH_TAGS else named if token.pos_ == "PROPN" else set()).add(role[1])
    return frozenset(named - asked) if asked else frozenset()


@functools.cache
def _reciprocal(stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of the Lexicon's reciprocal verbs."""
    return frozenset(stem(w) for w in EN.reciprocal_verbs)


def in_taken_part(span: object, verb: str | None, taken: frozenset[str], stem: Callable[[str], str]) -> bool:
    """Whether a candidate plays, for the question's verb (its stem `verb`), a part the question gives one of its own
    names (`taken_parts`): "Alexander Drummond" of "..., succeeding Alexander Drummond" for "Who succeeded Thomas
    Ngata?" is whom someone succeeded, never who succeeded Ngata."""
    role = _role(span.root) if taken and verb is not None else None  # type: ignore[attr-defined]
    return role is not None and role[1] in taken and stem(role[0].lower_) == verb  # type: ignore[attr-defined]


def clause_verb(token: object) -> object:
    """The word heading the clause a token sits in: its nearest ancestor that is a verb or opens a clause (the
    sentence's root at most)."""
    node, steps = token.head, 0  # type: ignore[attr-defined]
    while node.head.i != node.i and steps < _DEPTH:
        if node.pos_ in ("VERB", "AUX") or node.dep_ in _CLAUSE_DEPS:
            return node
        node, steps = node.head, steps + 1
    return node


def readings(
    stems: Sequence[str | None],
    span: object,
    question_stems: set[str],
    verb: str | None,
    stem: Callable[[str], str],
) -> list[float]:
    """The SIGNALS of a candidate `span` (a spaCy Span) of a sentence whose content tokens' stems are `stems`
    (None for stop words and punctuation: they count as no question word); `verb` is `question_verb`'s."""
    start, end = span.start, span.end  # type: ignore[attr-defined]
    total = max(len(question_stems), 1)

    def share(lo: int, hi: int) -> float:
        return len({s for s in stems[max(lo, 0) : hi] if s in question_stems}) / total

    out = []
    for w in NEAR:
        before, after = share(start - w, start), share(end, end + w)
        both = len({s for s in (*stems[max(start - w, 0) : start], *stems[end : end + w]) if s in question_stems})
        out += [both / total, before, after]
    root = span.root  # type: ignore[attr-defined]
    head = clause_verb(root) if root.head.i != root.i else root
    out.append(1.0 if verb is not None and stem(head.lower_) == verb else 0.0)  # "made" is a stop word, yet a verb
    return out


_RANGE_WORDS = frozenset({"and", "to", "or", "-", "–", "—", "of", "between", "from"})


def one_count(doc: object, start: int, end: int, head: str, stem: Callable[[str], str]) -> tuple[int, int] | None:
    """A "how many" span as one count: the span (`start`, `end`: characters of the parsed sentence `doc`) as it is
    when it holds one number or a range ("between 20 and 30"); the number written just before the asked noun
    (`head`) when it holds several counts of different things ("one man dead and four" for "How many soldiers
    were wounded?": "four", before "soldiers"); None when none of them is that noun's."""
    numbers = [t for t in doc if t.like_num and start <= t.idx < end]  # type: ignore[attr-defined]
    if len(numbers) <= 1:
        return start, end
    between = {t.lower_ for t in doc[numbers[0].i + 1 : numbers[-1].i] if not t.like_num}  # type: ignore[index]
    if between <= _RANGE_WORDS:  # "about 20 to 30": one count
        return start, end
    for number in numbers:
        after = number.nbor(1) if number.i + 1 < len(number.doc) else None
        if after is not None and stem(after.lower_) == stem(head.lower()):
            return number.idx, number.idx + len(number.text)
    return None
