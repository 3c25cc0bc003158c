"""Files the last index runs skipped (binary, empty, too large), with why: so they stop counting as new; and the
few words that say why a file is not indexed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from askdocs.errors import BINARY, EMPTY
from askdocs.store.files import atomic_write_bytes

SKIPPED_FILE = "skipped.json"


@dataclass(frozen=True)
class Skipped:
    """A corpus file as it was when skipped: the same size and time next run mean it is still skipped."""

    size: int
    mtime: float
    reason: str


def load(folder: Path) -> dict[str, Skipped]:
    """The skipped files recorded in an index folder, by corpus-relative name; empty when none or unreadable."""
    try:
        data = json.loads((folder / SKIPPED_FILE).read_text(encoding="utf-8"))
        return {str(name): Skipped(int(v["size"]), float(v["mtime"]), str(v["reason"])) for name, v in data.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save(folder: Path, skipped: dict[str, Skipped]) -> None:
    """Record `skipped` (replacing what was there), atomically."""
    data = {name: s.__dict__ for name, s in sorted(skipped.items())}
    atomic_write_bytes(folder / SKIPPED_FILE, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


_RECORDED_BEFORE = {"binary file": BINARY, "no text": EMPTY}
"""The words runs before the one wording (askdocs.errors.BINARY, EMPTY) recorded in skipped.json."""


def short_reason(path: Path, reason: str) -> str:
    """A recorded skip message ("<path>: binary, skipped") as a few words: binary, empty, too large (...); what
    status lists and an index run that indexed nothing counts, the words of the index run's own warning."""
    from askdocs.ingest.documents import skipped_for_size

    text = reason.removeprefix(f"{path}: ").removesuffix(", skipped").strip()
    if skipped_for_size(reason):
        return f"too large ({text})"
    return _RECORDED_BEFORE.get(text, text)


_NOUNS = (" file", " PDF", " EPUB")
"""The ends of short reasons that name the file ("damaged Word file", "encrypted PDF"): counted, they take an s."""


def counted_kind(n: int, kind: str) -> str:
    """A count of files skipped for one short reason: "2 damaged Word files", "2 encrypted PDFs", but "2 too large"
    and "3 empty", reasons that describe the files rather than name them ("2 not a regular file" reads "file" as
    what each one is not). A reason that says what one file is, with its article ("a broken symbolic link"), is
    counted without it ("2 broken symbolic links"), and one that says what the file has ("a file name that is not
    valid UTF-8") with "with" ("1 with a file name ...", "2 with file names that are not ...")."""
    article, _, rest = kind.partition(" ")
    if article in ("a", "an") and rest:
        counted = rest if n == 1 else _plural(rest)
        if rest.split(" that ", 1)[0].endswith(_HAD):
            return f"{n} with {kind if n == 1 else counted}"
        return f"{n} {counted}"
    named = kind.endswith(_NOUNS) and not kind.startswith("not ")
    return f"{n} {kind}{'s' * (n != 1 and named)}"


_HAD = (" name",)
"""The ends of a reason's noun that name what a file has, not what it is: counted "with" it."""
_NOUN_ENDS = (" that ", " to ", " outside ", ",", " (")
"""Where the noun of a reason without its article ends: "symbolic link| to x", "file name| that is ...", "symbolic
link| outside the corpus"."""


def _plural(phrase: str) -> str:
    """ "file name that is not valid UTF-8" -> "file names that are not valid UTF-8": the noun before its first
    qualifier in the plural, "is" after "that" with it, and the noun after "to a" too ("symbolic links to system
    files")."""
    end = min((i for i in (phrase.find(mark) for mark in _NOUN_ENDS) if i >= 0), default=len(phrase))
    noun, tail = phrase[:end], phrase[end:]
    for article in (" to a ", " to an "):
        if tail.startswith(article):
            return f"{noun}s to {_plural(tail.removeprefix(article))}"
    return f"{noun}s{tail.replace(' that is ', ' that are ', 1)}"


def reason_kind(reason: str) -> str:
    """A short skip reason without its details: "too large (2 MB, over max_file_mb = 1)" -> "too large"."""
    return reason.split(" (", 1)[0]
