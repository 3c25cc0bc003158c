"""Names: the people a document mentions, so that "Herrera", “El Tolín” and "Luis Edgar Herrera" are one man."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from askdocs.answering.entities import Span, find_spans
from askdocs.text.normalize import fold


@lru_cache(maxsize=50_000)
def spans_of(text: str) -> tuple[Span, ...]:
    """find_spans, remembered: the same sentences are read again and again."""
    return tuple(find_spans(text))


@dataclass(frozen=True)
class Person:
    """One person with the fullest name a document gives and the nicknames it uses."""

    name: str
    nicknames: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def label(self) -> str:
        return f"{self.name} (“{self.nicknames[0]}”)" if self.nicknames else self.name

    def aliases(self) -> set[str]:
        """Ways a text may refer to the person: full name, surname(s), nicknames."""
        parts = self.name.split()
        out = {fold(self.name), *(fold(n) for n in self.nicknames)}
        if len(parts) >= 2:
            out.add(fold(parts[-1]))
        if len(parts) >= 3:
            out.add(fold(" ".join(parts[-2:])))
        return out


def _tokens(text: str) -> list[str]:
    return fold(text).split()


class NameBook:
    """Everyone named in some sentences; short forms resolve to the fullest name when only one person fits."""

    def __init__(self, spans: Iterable[Span]) -> None:
        people: list[Person] = []
        tokens: list[list[str]] = []
        by_last: dict[str, list[int]] = {}  # a name is another's tail only if both end in the same word
        for span in spans:
            if span.kind != "person":
                continue
            name = span.name or span.text
            nick = (span.nickname,) if span.nickname else ()
            a = _tokens(name)
            for i in by_last.get(a[-1] if a else "", ()):
                b = tokens[i]
                if a == b[-len(a) :] or b == a[-len(b) :]:
                    known = people[i]
                    longer = name if len(a) > len(b) else known.name
                    people[i] = Person(longer, tuple(dict.fromkeys(known.nicknames + nick)))
                    tokens[i] = a if len(a) > len(b) else b
                    break
            else:
                by_last.setdefault(a[-1] if a else "", []).append(len(people))
                people.append(Person(name, nick))
                tokens.append(a)
        self.people = tuple(people)

    @classmethod
    def of(cls, texts: Iterable[str]) -> NameBook:
        return cls(span for text in texts for span in spans_of(text))

    def resolve(self, text: str) -> Person | None:
        """The one person a name, surname or nickname stands for, or None when none or several fit."""
        target = _tokens(text)
        if not target:
            return None
        for person in self.people:
            if target == _tokens(person.name) or any(target == _tokens(n) for n in person.nicknames):
                return person
        fits = [p for p in self.people if _tokens(p.name)[-len(target) :] == target]
        return fits[0] if len(fits) == 1 else None

    def is_nickname(self, text: str) -> bool:
        target = fold(text)
        return any(target == fold(n) for p in self.people for n in p.nicknames)

    def aliases(self, text: str) -> set[str]:
        """Folded forms that mention the same entity as `text`."""
        person = self.resolve(text)
        base = fold(text)
        found = {base, base.removeprefix("the ")}
        return found | person.aliases() if person is not None else found
