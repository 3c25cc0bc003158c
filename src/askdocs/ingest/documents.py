"""Find the files of a corpus and read each one as text, with its hash, title and publication date."""

from __future__ import annotations

import datetime
import hashlib
import os
import stat as stat_module
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from askdocs.errors import BINARY, EMPTY, UnreadableDocument, os_reason
from askdocs.ingest.encoding import HEAD, decode, looks_binary
from askdocs.ingest.layout import Layout
from askdocs.ingest.loaders import (
    DECODED_SUFFIXES,
    DOCX_SUFFIXES,
    EPUB_SUFFIXES,
    PDF_SUFFIXES,
    SUFFIXES,
    blanked,
    load,
    title_from_lines,
)
from askdocs.ingest.titles import given_title, readable
from askdocs.text import safe

if TYPE_CHECKING:
    from askdocs.ingest.ignore import IgnoreReader

MAX_FILE_MB = 20
"""Default size cap (Settings.max_file_mb): larger files are skipped with a warning naming them."""
_MB = 1024 * 1024


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
    """Set when the file was not UTF-8 and read as Windows-1252 (or, for a PDF, when some pages have no text)."""
    layout: Layout = Layout()
    """Pages, headings and the line map: where a stretch of `text` is in the original file."""
    author: str | None = None
    tags: tuple[str, ...] = ()


def discover(
    corpus: Path,
    warnings: list[str] | None = None,
    *,
    outside_links: bool = False,
    left_out: list[tuple[Path, str]] | None = None,
    ignore: IgnoreReader | None = None,
) -> list[Path]:
    """Every indexable regular file under `corpus`, sorted, skipping hidden files and folders, special files
    (FIFOs, devices, sockets) and, unless `outside_links`, symbolic links that resolve outside the corpus; each
    skipped link or special file adds one line to `warnings`. Linked folders are not entered. Files and folders
    matched by `corpus/.askdocsignore`, files of an unsupported type, and those links and special files are left
    out, each noted in `left_out` as (path, reason), so that `status` can say why. `ignore` reads the rules
    (load_ignore when None)."""
    if not corpus.is_dir():
        return []
    from askdocs.ingest.ignore import UNSUPPORTED, is_ignored, load_ignore

    root = corpus.resolve()
    rules = (ignore or load_ignore)(corpus)
    passed: list[tuple[Path, str]] = [] if left_out is None else left_out
    found = []
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and not is_ignored(rules, corpus, Path(folder, d), passed, folder=True)
            and not _page_files(Path(folder, d), files, passed)
        ]
        for linked in (Path(folder, d) for d in dirs if Path(folder, d).is_symlink()):  # os.walk does not enter it
            passed.append((linked, LINKED_FOLDER))
            if warnings is not None:
                warnings.append(f"{shown_name(linked)}: {LINKED_FOLDER}, skipped")
        for name in files:
            path = Path(folder) / name
            if name.startswith(".") or is_ignored(rules, corpus, path, passed):
                continue
            if path.suffix.lower() not in SUFFIXES:
                passed.append((path, UNSUPPORTED))
                continue
            why = _not_indexable(path, root, outside_links)
            if why is None:
                found.append(path)
                continue
            passed.append((path, why))
            if warnings is not None:
                warnings.append(f"{shown_name(path)}: {why}, skipped")
    from askdocs.ingest.links import one_name_each

    return one_name_each(corpus, root, sorted(found), passed, rules)


_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


_PAGE_READ = 4 * 1024 * 1024
"""How much of a page is read for whether it refers to its files' folder (a saved page is rarely larger)."""


def _page_files(folder: Path, files: list[str], passed: list[tuple[Path, str]]) -> bool:
    """Whether `folder` is `NAME_files` beside `NAME.html` among `files` that the page refers to (a browser's "Save
    page complete"): its scripts, styles and pictures are the page's, passed over without a word, the folder noted
    once in `passed`. A folder so named that the page beside it never names is read as any other."""
    from html import unescape
    from urllib.parse import quote

    from askdocs.ingest.ignore import SAVED_PAGE_FILES

    page = folder.name.removesuffix("_files")
    if page == folder.name or not page:
        return False
    names = {folder.name, quote(folder.name)}
    for suffix in _PAGE_SUFFIXES:
        if page + suffix in files:
            try:
                with open(folder.parent / (page + suffix), "rb") as handle:
                    html = unescape(handle.read(_PAGE_READ).decode("utf-8", "replace"))  # "Q&amp;A_files/"
            except OSError:
                continue
            if any(f"{name}/" in html for name in names):
                passed.append((folder, SAVED_PAGE_FILES))
                return True
    return False


def shown_name(path: Path) -> str:
    """A path for a warning: as is, or repr-quoted when it holds a control or undecodable byte, so that a hostile
    name is shown as it really is rather than cleaned into a name that does not exist."""
    return safe.name(str(path))


LINKED_FOLDER = "a linked folder (not entered)"
NOT_UTF8 = "a file name that is not valid UTF-8 (rename the file to index it)"
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Where the system shows processes, devices and kernel state as files: never documents, even through a link
that outside_links allows."""


def _not_indexable(path: Path, root: Path, outside_links: bool) -> str | None:
    """Why `path` is not read: a link out of the corpus, a dangling link, a system file (/proc, /sys, /dev) or not
    a regular file; None if it is. What differs between two files (a link's target) comes in brackets, after the
    words that count them alike (askdocs.store.skipped.reason_kind: "2 symbolic links outside the corpus")."""
    if not utf8_name(str(path)):
        return NOT_UTF8
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a broken symbolic link"
        if not outside_links and not target.is_relative_to(root):
            return f"a symbolic link outside the corpus (to {target}; set outside_links = true to follow it)"
        if not target.is_relative_to(root) and any(target.is_relative_to(system) for system in SYSTEM_FOLDERS):
            return f"a symbolic link to a system file ({target}), not a document"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return os_reason(exc)
    return None if stat_module.S_ISREG(mode) else "not a regular file"


def utf8_name(text: str) -> bool:
    """Whether a file name decoded from the disk is real UTF-8: bytes that are not come back as lone surrogates,
    which the index (SQLite, JSON) cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def relative_name(corpus: Path, path: Path) -> str:
    """The stable key of a file inside the corpus."""
    return path.relative_to(corpus).as_posix()


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, max_mb: int = MAX_FILE_MB) -> bytes:
    """Raw content of a regular file, with a one-line error when it cannot be read."""
    return read_file(path, max_mb)[0]


def read_file(path: Path, max_mb: int = MAX_FILE_MB) -> tuple[bytes, os.stat_result]:
    """Raw content of a regular file and its status taken from the same open file before reading (a file changed
    meanwhile then looks changed next time, never up to date with old text). FIFOs and devices are refused
    without blocking; a file larger than `max_mb` is skipped."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise UnreadableDocument(f"{path}: {os_reason(exc)}, skipped") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            status = os.fstat(fd)
            if not stat_module.S_ISREG(status.st_mode):
                raise UnreadableDocument(f"{path}: not a regular file, skipped")
            if status.st_size > max_mb * _MB:
                raise UnreadableDocument(_too_large(path, status.st_size, max_mb))
            return handle.read(), status
        except OSError as exc:
            raise UnreadableDocument(f"{path}: {os_reason(exc)}, skipped") from None


RACY_SECONDS = 2.0
"""A file modified this close to when it was read may be rewritten again within the same clock tick (file times are
coarse: a few milliseconds on Linux, 2 s on FAT) keeping its size, and so its time."""
RACY_MTIME = -1.0
"""Recorded instead of such a file's time: no file has it, so the next run hashes the file instead of trusting it."""


def recorded_mtime(mtime: float, read_at: float | None = None) -> float:
    """The modification time to record for a file read at `read_at` (now): its own, or RACY_MTIME when it was
    modified too recently to rule out a same-tick rewrite (the "racy clean" case git handles the same way)."""
    now = time.time() if read_at is None else read_at
    return mtime if now - mtime > RACY_SECONDS else RACY_MTIME


def _too_large(path: Path, size: int, max_mb: int) -> str:
    return f"{path}: {size / _MB:.0f} MB, over max_file_mb = {max_mb}, skipped"


def skipped_for_size(message: str) -> bool:
    """Whether a skip message says the file was over max_file_mb (a cap the user may raise), not unreadable."""
    return ", over max_file_mb = " in message


def over_cap(size: int, max_mb: int) -> bool:
    """Whether a file of `size` bytes is over a cap of `max_mb` megabytes."""
    return size > max_mb * _MB


def foreseen_skip(path: Path, max_mb: int = MAX_FILE_MB) -> str | None:
    """The message reading `path` would raise, told from its size and first bytes alone: too large, empty (no bytes,
    or a short text file of only whitespace) or binary, or for a PDF, encrypted or scanned (see
    askdocs.ingest.pdf_probe); None when it looks readable. Cheap enough for every new file in `status`, so files no
    index run has tried yet are shown as skipped, not new."""
    try:
        size = path.stat().st_size
        if over_cap(size, max_mb):
            return _too_large(path, size, max_mb)
        if size == 0:
            return str(UnreadableDocument.skipped(path, EMPTY))
        if (suffix := path.suffix.lower()) in PDF_SUFFIXES | DOCX_SUFFIXES | EPUB_SUFFIXES:
            from askdocs.ingest.container_probe import foreseen_skip as container_skip

            return container_skip(path, suffix.removeprefix("."))
        if suffix not in DECODED_SUFFIXES:
            return None
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return None  # the index run names what is wrong
    if len(head) < size:
        return str(UnreadableDocument.skipped(path, BINARY)) if looks_binary(head) else None
    try:
        text = decode(head, path)[0]
    except UnreadableDocument as exc:
        return str(exc)
    return None if text.strip() else str(UnreadableDocument.skipped(path, EMPTY))


def _day_first(value: str, published: str) -> datetime.date | None:
    """The day-first reading of a date `value` that also reads month first (as `published`), else None."""
    from askdocs.ingest.published import day_first

    return day_first(value, datetime.date.fromisoformat(published))


def _publication_date(value: str | None) -> str | None:
    if not value:
        return None
    from askdocs.ingest.published import parse_publication_date

    parsed = parse_publication_date(value)
    return parsed.isoformat() if parsed else None


def read_document(corpus: Path, path: Path, data: bytes | None = None, *, max_mb: int = MAX_FILE_MB) -> Document:
    """Read one corpus file into a Document; raises UnreadableDocument for binary, empty, special, too large,
    damaged, encrypted or scanned (no text layer) files. Hash, size and time all describe the bytes read."""
    if data is None:
        data, status = read_file(path, max_mb)
    else:
        status = path.stat()
    if not data:
        raise UnreadableDocument.skipped(path, EMPTY)
    try:
        loaded = blanked(load(data, path))
    except ImportError as exc:  # an environment resolved without a format's library (lxml_html_clean, pdfminer)
        missing = exc.name or "a library"
        raise UnreadableDocument(f"{path}: {missing} is not installed (reinstall askdocs), skipped") from None
    if not loaded.text.strip():
        raise UnreadableDocument.skipped(path, EMPTY)
    published, warning = _publication_date(loaded.date), loaded.warning
    if published is None and loaded.date and any(c.isdigit() for c in loaded.date):  # "2025-02-30"
        unread = f"{path}: the date {loaded.date.strip()!r} cannot be a date, left out"
        warning = f"{warning}; {unread}" if warning else unread
    elif published is not None and loaded.date and (other := _day_first(loaded.date, published)):
        guess = f"{path}: the date {loaded.date.strip()!r} is read month first, as {published}; if it means"
        guess += f" {other.isoformat()}, write that"
        warning = f"{warning}; {guess}" if warning else guess
    return Document(
        path=relative_name(corpus, path),
        text=loaded.text,
        sha256=hash_bytes(data),
        size=len(data),
        mtime=recorded_mtime(status.st_mtime),
        title=given_title(loaded.title)
        or title_from_lines(loaded, readable(path.stem), rst=path.suffix.lower() == ".rst"),
        published=published,
        warning=warning,
        layout=loaded.layout,
        author=loaded.author,
        tags=loaded.tags,
    )


def display_path(corpus: Path, relative: str) -> str:
    """The cited file as the user would type it: relative to the working directory when possible."""
    full = corpus / relative
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()
