"""Write src/askdocs/lang/en_word_forms.tsv: English irregular verb and noun forms and their base words.

The forms come from the exception tables of spaCy's English lemmatizer (drawn from WordNet), as shipped in the
en_core_web_sm model askdocs already depends on. Only forms the light stemmer (askdocs.text.stem) does not already
bring to their base are kept ("began" -> "begin", "applied" -> "apply", "children" -> "child"); forms that are also
another entry's base ("lay", "saw") are left out, as comparatives and superlatives are (the regular ones
are in en_graded.tsv, from scripts/related_words.py; "better" is not "good").

Run by hand after changing the stemmer: python scripts/word_forms.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "askdocs" / "lang" / "en_word_forms.tsv"
WORD = re.compile(r"[a-z]+")
PARTS = ("verb", "noun")


def main() -> int:
    import spacy
    from spacy.lookups import Lookups

    from askdocs.answering.tagger import MODEL
    from askdocs.text.stem import plain_stem

    model = Path(spacy.util.get_package_path(MODEL))
    lookups = next(model.glob("*/lemmatizer/lookups"))
    exceptions = Lookups().from_disk(lookups).get_table("lemma_exc")
    pairs: dict[str, str] = {}
    for part in PARTS:
        for form, bases in exceptions[part].items():
            base = bases[0]
            if WORD.fullmatch(form) and WORD.fullmatch(base) and plain_stem(form) != plain_stem(base):
                pairs.setdefault(form, base)
    bases = set(pairs.values())
    rows = sorted((f, b) for f, b in pairs.items() if f not in bases)
    source = f"from {MODEL}'s lemmatizer (scripts/word_forms.py)"
    header = f"# form\tbase: irregular English {' and '.join(PARTS)} forms, {source}\n"
    OUT.write_text(header + "".join(f"{f}\t{b}\n" for f, b in rows), encoding="utf-8")
    print(f"{len(rows)} forms written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
