"""Readings: a follow-up whose "he" or "she" may stand for more than one person ("Who introduced Ada Lovelace to
Babbage?", answered "Mary Somerville", then "Where was she buried?") is read as the follow-up rules read it, unless
the documents do not answer that reading about its person and answer the other one about the other person."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from askdocs.answering.decision import Weighing, weigh
from askdocs.answering.evidence import Evidence, gather_evidence
from askdocs.answering.model import Fitted
from askdocs.answering.query import Query, parse_query
from askdocs.lang.en import EN
from askdocs.text.stem import stem, undotted

if TYPE_CHECKING:
    from askdocs.answering.tagger import Tagger
    from askdocs.retrieval import Retriever


@dataclass(frozen=True)
class Reading:
    """One way to read a question: its words, its query, the evidence found for it, the person its "he" or "she"
    was read as, and, when it was weighed against another reading, how the answerable model weighed that evidence
    (for `decide` to reuse)."""

    question: str
    query: Query
    evidence: Evidence
    weighed: Weighing | None = None
    person: str | None = None

    def answered(self, fitted: Fitted, namesakes: Iterable[str] = ()) -> bool:
        """Whether the model answers this reading (never when it was not weighed) with a best sentence that names
        its person, or sits beside one that does ("Lovelace died in 1852. She was buried ..."): by their surname,
        which their full name holds too. A sentence about someone else answers another reading. Where one of the
        other readings' people (`namesakes`) bears the same surname ("Johan Brandvold", the father of "Erik
        Brandvold"), the surname tells them apart no more: the best sentence must not name the other by a given name
        this person lacks (a sentence beside it may), and, where this person has one the other lacks, it or the
        sentences beside it must hold that one (initials and stop words such as "Will" tell nothing)."""
        if self.weighed is None or self.weighed.probability < fitted.answerable.threshold:
            return False
        best = next((s for s in self.evidence.ranked if not s.heading), None)
        parts = _stems(self.person)
        if best is None or not parts:
            return best is not None
        context = self.evidence.contexts[best.sentence.id]
        window, said = context.window, set(context.stems)
        if parts[-1] not in window:
            return False
        own = set(_given(self.person))
        for namesake in namesakes:  # every other of the family must be told apart, not only the first
            if (other := _stems(namesake)) and other[-1] == parts[-1]:
                theirs = set(_given(namesake))
                # the best sentence itself naming the other ("Rose Kessler died ..."), not a sentence beside it
                if (theirs - own) & said or (own - theirs and not (own - theirs) & window):
                    return False
        return True


def reading(
    retriever: Retriever,
    question: str,
    fitted: Fitted,
    k: int | None = None,
    tagger: Tagger | None = None,
    person: str | None = None,
    weighed: bool = False,
) -> Reading:
    """The evidence for one reading of a question (its "he" or "she" read as `person`), weighed when `weighed` (a
    question read one way only is not weighed here: `decide` weighs it)."""
    query = parse_query(question)
    evidence = gather_evidence(retriever, query, fitted, k)
    return Reading(question, query, evidence, weigh(evidence, fitted, tagger) if weighed else None, person)


def chosen(
    rule: Reading, others: Iterable[Callable[[], Reading]], fitted: Fitted, namesakes: Iterable[str] = ()
) -> Reading:
    """The rule's reading, unless the documents do not answer it (see `Reading.answered`) and answer another
    (`others`, each searched only when needed). Both answered: the rule's, since the model's probability tells how
    well evidence answers a question, not whom the question is about (after "Who killed John Lennon?", "When was he
    sentenced?" is asked about the killer, even where the documents tell of a sentence Lennon had). `namesakes` are
    the other readings' people, which may share the rule's person's surname."""
    if rule.answered(fitted, namesakes):
        return rule
    for read in others:
        if (other := read()).answered(fitted, [rule.person or ""]):
            return other
    return rule


def _stems(person: str | None) -> list[str]:
    """The stems of a person's names, first to last ("J.K." as one)."""
    return [stem(undotted(part)) for part in (person or "").split()]


def _given(person: str | None) -> list[str]:
    """The stems of a person's given names that can tell them from a namesake: not the surname, an initial ("J.")
    or a stop word ("Will")."""
    return [
        stem(w)
        for part in (person or "").split()[:-1]
        if len(w := undotted(part).lower()) > 1 and w not in EN.stopwords
    ]
