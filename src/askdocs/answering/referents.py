"""Referents: what a sentence opening on a pronoun is about ("It is 214 kilometres long." after "The Tolme is a
river ..."), so that the names of the sentence that says it count as the pronoun sentence's own words."""

from __future__ import annotations

import re
from collections.abc import Mapping

from askdocs.answering import signals
from askdocs.lang.en import EN
from askdocs.store.records import StoredSentence
from askdocs.text.normalize import CELL_SEPARATOR
from askdocs.text.stem import stem

REFERENT_REACH = 3
"""How many sentences back a pronoun's referent is looked for, through sentences that open on pronouns too."""


_IMPERSONAL = re.compile(
    rf"it\s+(?:{'|'.join(EN.impersonal_verbs)})\s+(?:not\s+)?(?!(?:{'|'.join(EN.determiners)})\b)[\w-]+\s+"
    rf"(?:[\w-]+\s+)?(?<!\bso\s)(?<!\bsuch\s)(?:{'|'.join(EN.impersonal_links)})\b",
    re.I,
)
"""An "It" standing for nothing ("It is said that ...", "It was not yet clear whether ..."); "It is a river that
..." (a determiner after the verb) and "It was built so that ..." are about what the sentence before names."""


PRONOUN_REACH = 12
"""How many words into a sentence a pronoun may stand before it names anything itself ("In late summer, fish made
up about 22% of its diet.")."""


def _opens_on_pronoun(text: str) -> bool:
    """Whether the sentence speaks of someone or something by a pronoun before it names anyone (a capitalised word
    but a stop word opening it): "It is 214 kilometres long.", "When heated it decomposes.", not "Maria said it
    was fine." nor "It is said that ..."."""
    opening = text.lstrip("\"“‘'([")
    for i, word in enumerate(match.group(0) for match in signals.TOKEN.finditer(opening)):
        named = word[:1].isupper() and len(word) > 1 and (i or word.lower() not in EN.stopwords)
        if i >= PRONOUN_REACH or (named and word.lower() not in EN.opening_pronouns):
            return False  # "Maria said it ...": a first word may be a name too, unless a stop word ("When", "In")
        if word.lower() in EN.opening_pronouns:
            return not (i == 0 and _IMPERSONAL.match(opening))
    return False


def _opens_on_description(text: str) -> bool:
    """Whether the sentence opens on "The", "This", "These" ... before a common noun ("The animal is found ...",
    "This extension ..."): it speaks of what the sentence before names."""
    words = signals.TOKEN.findall(text.lstrip("\"“‘'(["), 0)[:2]
    return (
        len(words) == 2
        and words[0].lower() in EN.referring_determiners
        and words[1].isalpha()
        and words[1].islower()
        and words[1] not in EN.stopwords
    )


def referent(sentence: StoredSentence, doc: Mapping[int, StoredSentence]) -> StoredSentence | None:
    """The sentence that names what a sentence opening on a pronoun is about ("It is 214 kilometres long." after
    "The Tolme is a river ..."): the nearest one before it that does not open on a pronoun itself ("She completed
    her doctorate ..." after "She attended ..." after "Dunmore was ..."); None for other sentences."""
    if not (_opens_on_pronoun(sentence.text) or _opens_on_description(sentence.text)):
        return None
    for back in range(1, REFERENT_REACH + 1):
        prior = doc.get(sentence.ord - back)
        if prior is None or CELL_SEPARATOR in prior.text:  # a table row is no sentence a pronoun refers back to
            return None
        if not _opens_on_pronoun(prior.text):
            return prior
    return None


def names_of(text: str) -> list[str]:
    """The stems of the capitalised words of a sentence (but a stop word): who or what a pronoun after it stands for."""
    return [s for w in signals.TOKEN.findall(text) if w[:1].isupper() for s in signals.stems_of(w, stem)]
