"""Find the files of a corpus and read each one as text, with its hash, title and publication date."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from askdocs.errors import UnreadableDocument

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_HEADER = re.compile(r"^(title|date|published|author)\s*:\s*(.+?)\s*$", re.I | re.M)


@dataclass(frozen=True)
class Document:
    """One file of the corpus as indexed: `text` is what offsets and quotes refer to."""

    path: str
    """Path relative to the corpus folder, with forward slashes."""
    text: str
    sha256: str
    size: int
    mtime: float
    title: str
    published: str | None = None
    """Publication date as YYYY-MM-DD, when the file says."""
    warning: str | None = None
    """Set when the file was read with replacement characters."""


def discover(corpus: Path) -> list[Path]:
    """Every indexable file under `corpus`, sorted, skipping hidden files and folders."""
    if not corpus.is_dir():
        return []
    found = []
    for path in corpus.rglob("*"):
        rel = path.relative_to(corpus)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def relative_name(corpus: Path, path: Path) -> str:
    """The stable key of a file inside the corpus."""
    return path.relative_to(corpus).as_posix()


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """Raw content of a file, with a one-line error when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MiB, skipped")
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path}: {exc.strerror or exc}") from None


def decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """UTF-8 text of a file (BOM dropped), falling back to replacement characters with a warning."""
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{path}: binary file, skipped")
    try:
        text = data.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warning = f"{path}: not valid UTF-8, read with replacement characters"
    return text, warning


def extract_html(raw: str, path: Path) -> tuple[str, str | None, str | None]:
    """Main article text, title and date of an HTML page, through trafilatura."""
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=True, favor_precision=True)
    title = date = None
    meta = trafilatura.extract_metadata(raw)
    if meta is not None:
        title, date = meta.title, meta.date
    return text or "", title, date


def text_metadata(text: str) -> tuple[str | None, str | None]:
    """Title and date from front matter or `Title:` / `Date:` header lines at the top of a text file."""
    head = text[:2000]
    match = _FRONT_MATTER.match(head)
    block = match.group(1) if match else "\n".join(head.splitlines()[:8])
    fields = {m.group(1).lower(): m.group(2).strip("\"' ") for m in _HEADER.finditer(block)}
    return fields.get("title"), fields.get("date") or fields.get("published")


def first_line_title(text: str, fallback: str) -> str:
    """First non-empty line, without markdown heading marks, as a title of last resort."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and not _HEADER.match(line):
            return line[:120]
    return fallback


def _publication_date(value: str | None) -> str | None:
    if not value:
        return None
    from askdocs.ingest.published import parse_publication_date

    parsed = parse_publication_date(value)
    return parsed.isoformat() if parsed else None


def read_document(corpus: Path, path: Path, data: bytes | None = None) -> Document:
    """Read one corpus file into a Document; raises UnreadableDocument for binary or empty files."""
    data = read_bytes(path) if data is None else data
    text, warning = decode(data, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, title, date = extract_html(text, path)
    else:
        title, date = text_metadata(text)
    if not text.strip():
        raise UnreadableDocument(f"{path}: no text, skipped")
    stat = path.stat()
    return Document(
        path=relative_name(corpus, path),
        text=text,
        sha256=hash_bytes(data),
        size=len(data),
        mtime=stat.st_mtime,
        title=title or first_line_title(text, path.stem),
        published=_publication_date(date),
        warning=warning,
    )


def display_path(corpus: Path, relative: str) -> str:
    """The cited file as the user would type it: relative to the working directory when possible."""
    full = corpus / relative
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()
