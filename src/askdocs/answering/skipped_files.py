"""A refused question that names a file the index skipped ("What does the scanned delivery note say?" of
scanned-delivery-note.pdf, a scan without a text layer): the refusal says that file was not indexed, and why, in the
words `askdocs status` uses, rather than only that no sentence uses the question's words."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from askdocs.lang.en import EN
from askdocs.text.stem import stem

_WORD = re.compile(r"[^\W_]+")
MOST_NAMED = 3
"""The most skipped files one refusal names: a question matching more names none in particular."""


def _words(text: str) -> set[str]:
    """The stems of `text`'s words that are no small words ("the", "does") nor numbers ("2025": a year any question
    may say): what a name and a question share."""
    found = (m.group().lower() for m in _WORD.finditer(text))
    return {stem(w) for w in found if w not in EN.stopwords and not w.isdigit()}


def named_skips(question: str, corpus: Path, index: Path) -> tuple[str, ...]:
    """Reasons to add to a refusal: for each file the index skipped (skipped.json) and still in the corpus whose
    name's words the question uses (two of them, or all of a one-word name), "NAME was skipped ...: WHY", at most
    MOST_NAMED of them, the best matched first (the words of `askdocs status`); () when none."""
    from askdocs.ingest.documents import display_path
    from askdocs.store import skipped as skip_log
    from askdocs.store.skipped import short_reason

    asked = _words(question)
    if not asked:
        return ()
    found: list[tuple[int, str, str]] = []
    for name, record in skip_log.load(index).items():
        named = _words(PurePosixPath(name).stem)
        shared = len(named & asked)
        if not named or shared < min(2, len(named)) or not (corpus / name).exists():
            continue
        text = record.reason.split(f"{name}: ", 1)[-1]
        found.append((-shared, name, short_reason(Path(name), text)))
    found.sort()
    return tuple(
        f"{display_path(corpus, name)} was skipped by askdocs index: {why}" for _, name, why in found[:MOST_NAMED]
    )
