"""The project's folders as the user named them: one-line errors when they are missing or mistyped, and the
commands askdocs suggests completed with the flags that reach them (so advice works as shown)."""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
from collections.abc import Mapping
from pathlib import Path

from askdocs.config import (
    DEFAULT_MODEL,
    ENV_PREFIX,
    HOME_VARIABLE,
    INDEX_FILE,
    Settings,
    project_folder,
    shown_folder,
    shown_path,
)
from askdocs.errors import (
    AskdocsError,
    ConfigError,
    CorpusMissing,
    IndexMissing,
    IndexNotAFolder,
    IndexUnusable,
    NamesIndexFolder,
    NoProject,
    UsageError,
)
from askdocs.store.connection import DB_FILE, corpus_record_of, recorded_corpus
from askdocs.text.typos import edit_distance, plausible_typo


def missing_corpus(
    settings: Settings, cwd: Path | None = None, doing: str = "answering from", elsewhere: bool = False
) -> str | None:
    """What to warn about when the index answers (or lists, `doing`) but its corpus folder is gone (a mistyped
    --corpus, a moved folder): the paths it cites no longer exist. The folder the index records, when it is gone,
    is named even if ./corpus stands in for it. With `elsewhere`, also a folder named that is not the one the index
    was built from: its citations are checked against files it never read. None when the folder is there."""
    shown = shown_folder(settings, "corpus", cwd)
    if settings.lost_corpus is not None:
        lost = where_recorded(settings, settings.lost_corpus, cwd)
        if settings.corpus.is_dir():
            return f"{lost}; using {shown} instead"
        return f"{lost}; {doing} what the index holds"
    if settings.corpus.is_dir():
        recorded = recorded_corpus(settings.index) if elsewhere and settings.corpus_named_by else None
        if recorded is None or recorded == settings.corpus.resolve():
            return None
        checked = f"its citations are checked against the files in {shown}"
        if not recorded.is_dir():
            return f"{where_recorded(settings, recorded, cwd)}; {checked}"
        return f"the index was built from {shown_path(recorded, cwd)}, not {shown}; {checked}"
    return f"the corpus folder {shown} is missing; {doing} what the index holds"


def where_recorded(settings: Settings, folder: Path, cwd: Path | None = None) -> str:
    """Why the index of `settings` looks for its corpus in `folder`, which is not there: the folder it was built
    from, recorded relative to the index folder (so that a project moved whole keeps its documents), so an index
    copied elsewhere looks beside its new place, where there may never have been one."""
    index = shown_folder(settings, "index", cwd)
    record = corpus_record_of(settings.index)
    why = (
        "the folder it was built from"
        if record is None or Path(record).is_absolute()
        else f"it records its corpus as {record}, relative to the index folder"
    )
    return f"no corpus folder at {shown_path(folder, cwd)}, where the index {index} looks for it ({why})"


def require_project(settings: Settings, *, indexing: bool = False, cwd: Path | None = None) -> None:
    """Fail in one line, saying where askdocs looked and what to do, when a command runs outside a project: no
    corpus folder and no index (NoProject); an index named (a flag, a variable, askdocs.toml) that is not there
    (IndexMissing, as when the corpus folder is there); or for `indexing`, no corpus folder to index
    (CorpusMissing). Folders are shown as named (see askdocs.config.shown_folder)."""
    if settings.corpus.is_dir():
        return
    cwd = cwd or Path.cwd()
    corpus, index = shown_folder(settings, "corpus", cwd), shown_folder(settings, "index", cwd)
    if settings.corpus.exists():  # a file: a mistyped --corpus, never a folder that is gone
        raise UsageError(f"the corpus {corpus} is not a folder; pass --corpus DIR with the folder of your documents")
    has_index = (settings.index / INDEX_FILE).is_file()
    if has_index and (mistyped := mistyped_corpus(settings, cwd)) is not None:
        raise mistyped
    if has_index and not indexing:
        return
    if (typo := corpus_typo(settings, cwd)) is not None and (not has_index or recorded_corpus(settings.index) is None):
        raise typo
    if has_index and settings.lost_corpus is not None:
        raise CorpusMissing(
            f"{where_recorded(settings, settings.lost_corpus, cwd)}; put the folder there, or pass --corpus DIR"
        )
    made = shlex.quote(corpus)  # the folder the advice makes, named so that the command is complete as shown
    if has_index:
        raise CorpusMissing(
            f"the corpus folder {corpus} is missing (the index {index} is there); create it (mkdir -p {made})"
            " and put your documents in it, or pass --corpus DIR"
        )
    if indexing and settings.corpus_named_by is not None:
        said = _said(settings, made, cwd)[0]
        raise CorpusMissing(
            f"{said} does not exist: make it (mkdir -p {made}) and put your documents in it, or name the folder"
            " they are in instead"
        )
    if not indexing and settings.index.exists() and not settings.index.is_dir():  # never "run: askdocs index"
        raise IndexNotAFolder.at(settings.index, index)
    if not indexing and settings.index_named_by is not None:  # the index named is the one to speak of
        raise IndexMissing.at(settings.index, index)
    start = (
        f"to start a project here: mkdir -p {made}, put your documents in it, then run askdocs index --corpus {made}"
    )
    if indexing:
        raise CorpusMissing(
            f"the corpus folder {corpus} is missing; {start}; or run askdocs from your project folder (or set"
            f" {HOME_VARIABLE}=DIR)"
        )
    elsewhere = f"run askdocs from your project folder, or pass --corpus DIR --index DIR, or set {HOME_VARIABLE}=DIR"
    raise NoProject(f"no askdocs project here (looked for {corpus} and {index}); {elsewhere}; {start}")


def mistyped_corpus(settings: Settings, cwd: Path | None = None) -> UsageError | None:
    """The error for a corpus folder named (by a flag, a variable or askdocs.toml) that does not exist and is not
    the one the index was built from: a mistyped name, not the index's own folder gone; None otherwise."""
    if settings.corpus_named_by is None or settings.corpus.exists():
        return None
    recorded, wanted, cwd = recorded_corpus(settings.index), settings.corpus.resolve(), cwd or Path.cwd()
    if recorded is None or recorded == wanted:
        return None
    said, _, advice = _said(settings, shown_folder(settings, "corpus", cwd), cwd)
    if not recorded.is_dir():
        advice = "that folder is missing too; name the folder its documents are in now"
    index, built_from = shown_folder(settings, "index", cwd), shown_path(recorded, cwd)
    return UsageError(f"{said} does not exist; the index at {index} was built from {built_from}: {advice}")


def _said(settings: Settings, folder: str, cwd: Path, meant: str = "") -> tuple[str, str, str]:
    """How the user named the corpus `folder` (`--corpus X`, `ASKDOCS_CORPUS=X`, `the corpus folder X set in F`),
    how they would name `meant` instead, and how to stop naming it: errors quote the user's own words."""
    used, quoted = "to use that folder, or set it to the folder you meant", shlex.quote(meant)
    if settings.corpus_named_by == "--corpus":
        advice = "leave out --corpus to use that folder, or pass the folder you meant"
        return f"--corpus {folder}", f"--corpus {quoted}", advice
    if settings.corpus_named_by == f"{ENV_PREFIX}CORPUS":
        return f"{ENV_PREFIX}CORPUS={folder}", f"{ENV_PREFIX}CORPUS={quoted}", f"unset {ENV_PREFIX}CORPUS {used}"
    toml = shown_path(Path(str(settings.corpus_named_by)), cwd)
    said = f"the corpus folder {folder} set in {toml}"
    return said, f"corpus = {json.dumps(meant)} in {toml}", f"remove corpus from {toml} {used}"


def _file_count(folder: Path, limit: int) -> int:
    """How many files `folder` holds, its subfolders included, counted up to `limit` (a wrong guess may be big)."""
    return sum(1 for _ in itertools.islice((path for path in folder.rglob("*") if path.is_file()), limit))


def corpus_typo(settings: Settings, cwd: Path | None = None) -> UsageError | None:
    """The error for a corpus folder named that does not exist while one it likely meant holds files: a folder
    beside it whose name reads as the one typed mistyped (askdocs.text.typos: "corpsu" for "corpus", never "x-out"
    for "x-nope"), else the one askdocs would use without that name (./corpus). It stands in for the advice to make
    the folder, which would start an empty project next to the user's documents. None when no such folder is
    there."""
    wanted, cwd = settings.corpus, cwd or Path.cwd()
    if settings.corpus_named_by is None or wanted.exists():
        return None
    try:
        beside = {p.name: p for p in wanted.parent.iterdir() if p.is_dir() and not p.name.startswith(".")}
    except OSError:
        beside = {}
    typos = sorted((edit_distance(wanted.name, n), n) for n in beside if plausible_typo(wanted.name, n))
    close = [beside[name] for _, name in typos[:3]]
    for folder in (*close, settings.fallback_corpus):
        if folder is None or not folder.is_dir() or (folder / INDEX_FILE).is_file():  # not an index folder either
            continue
        if count := _file_count(folder, 10_000):
            meant = shown_path(folder.resolve(), cwd)
            said, instead, _ = _said(settings, shown_folder(settings, "corpus", cwd), cwd, meant)
            files = f"{count:,} file{'s' if count != 1 else ''}" if count < 10_000 else "over 10,000 files"
            return UsageError(f"{said} does not exist; {meant} holds {files} (did you mean {instead}?)")
    return None


_SUGGESTED = re.compile(r"\brun:? askdocs (?:index|ask|search|status|docs|chat|eval-search|eval)\b(?!-)")
"""A command an error or a status line tells the user to run ("run: askdocs index --rebuild")."""


_INDEX_RUN = re.compile(r"\brun: askdocs index\b(?!-)([^;()]*)")
"""A suggested index run and its flags: on an index folder this user cannot write, it fails (`index_read_only`)."""


def unwritable(folder: Path) -> Path | None:
    """What keeps `askdocs index` from writing the index in `folder`, if anything does: the folder, or its database
    file in a folder this user may write, or, for a folder that does not exist yet, its nearest existing parent,
    where it would be made (os.access tells denied permissions and read-only file systems; root writes through
    permissions)."""
    folder = Path(os.path.abspath(folder))
    if not folder.exists():
        parent = next((above for above in folder.parents if above.exists()), None)
        return parent if parent is not None and parent.is_dir() and not os.access(parent, os.W_OK) else None
    if not folder.is_dir():
        return None
    if not os.access(folder, os.W_OK):
        return folder
    db = folder / DB_FILE
    return db if db.is_file() and not os.access(db, os.W_OK) else None


def require_writable(folder: Path, rebuild: bool = False) -> None:
    """IndexUnusable when `askdocs index` could not write the index in `folder` (see `unwritable`), said before the
    model loads; a rebuild writes its new file beside a read-only database file and puts it in its place."""
    blocker = unwritable(folder)
    if rebuild and blocker is not None and blocker == Path(os.path.abspath(folder)) / DB_FILE:
        return
    if blocker is not None:
        raise IndexUnusable(f"cannot write the index at {blocker}: it is read-only")


def index_read_only(folder: Path) -> bool:
    """Whether `askdocs index` could not write the index in `folder` (see `unwritable`)."""
    return unwritable(folder) is not None


def index_folder_read_only(folder: Path) -> bool:
    """Whether no file can be saved in the index folder `folder` (a FAISS file rebuilt by a question): unlike
    `index_read_only`, a read-only database file in a writable folder does not stop that."""
    return folder.is_dir() and not os.access(folder, os.W_OK)


_ADVISED = " writable and run: askdocs index"
"""What `writable_first` puts before a run, so that text it already advised is not advised twice (a path holding
the word "writable" is no advice)."""


def writable_first(text: str, settings: Settings, cwd: Path | None = None) -> str:
    """`text` with each `run: askdocs index` it suggests preceded by what makes that run possible when the index
    cannot be written (making the folder, its database file or the parent it would be made in writable, or a
    writable copy named by --index): the run alone would fail."""
    blocker = unwritable(settings.index) if _INDEX_RUN.search(text) and _ADVISED not in text else None
    if blocker is None:
        return text
    shown = shown_folder(settings, "index", cwd)
    copy = "or copy the folder somewhere writable and use --index COPY"
    if blocker.name == DB_FILE and blocker.parent == Path(os.path.abspath(settings.index)):
        shown = os.path.join(shown, DB_FILE)
    elif blocker != Path(os.path.abspath(settings.index)):  # the folder is yet to be made in a read-only parent
        shown, copy = shown_path(blocker, cwd), "or use --index with a folder somewhere writable"

    def first(run: re.Match[str]) -> str:
        command = run.group(0).rstrip()
        return f"make {shown} writable and {command}; {copy}{run.group(0)[len(command) :]}"

    return _INDEX_RUN.sub(first, text)


_NO_MODEL = ("status", "docs")
"""Suggested commands that never embed: they are not given --model."""

_PLACEHOLDER = "DIR"
"""What a suggested command says for a corpus folder askdocs cannot know: the user's own documents folder."""


def with_folders(
    text: str, settings: Settings, cwd: Path | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """`text` with --corpus and --index added to every askdocs command it suggests, for each folder that is not
    the default one of the project folder, and --model to those that embed, when it is not the default one, so
    the command works as shown (a flag the hint names is kept); an index run on a read-only index folder is
    preceded by what makes it possible (`writable_first`)."""
    environ = os.environ if environ is None else environ
    text = writable_first(text, settings, cwd)
    try:
        home = project_folder(cwd or Path.cwd(), environ)
    except ConfigError:
        home = cwd or Path.cwd()
    folders = (("--corpus", settings.corpus, "corpus"), ("--index", settings.index, "index"))
    chosen = [(flag, (home / path).resolve(), (home / default).resolve()) for flag, path, default in folders]
    flags: list[tuple[str, object]] = [(flag, path) for flag, path, default in chosen if path != default]
    if not chosen[0][1].is_dir():  # nothing to index there (a damaged index cannot say where its documents were)
        flags = [("--corpus", _PLACEHOLDER), *(f for f in flags if f[0] != "--corpus")]
    if settings.model != DEFAULT_MODEL:  # an index binds its model: a rebuild without it would bind the default
        flags.append(("--model", settings.model))
    if not flags:
        return text

    def add(match: re.Match[str]) -> str:
        named = re.split(r"[;()]", text[match.end() :], maxsplit=1)[0].split()  # this command's flags, not a note's
        command = match.group(0).rsplit(" ", 1)[1]
        return match.group(0) + "".join(
            f" {flag} {path if path is _PLACEHOLDER else shlex.quote(str(path))}"
            for flag, path in flags
            if flag not in named
            and (command == "index" or path is not _PLACEHOLDER)
            and (flag != "--model" or command not in _NO_MODEL)
        )

    return _SUGGESTED.sub(add, text)


def error_with_folders(exc: AskdocsError, settings: Settings, cwd: Path | None = None) -> AskdocsError:
    """`exc`, the index folder it names shown as the user named it (askdocs.config.shown_folder, as every message
    of this module shows it) and its message's suggested commands completed by `with_folders`: one rewrite for
    every place an error reaches the user (the command group, the chat)."""
    if isinstance(exc, NamesIndexFolder) and exc.folder is not None:
        same = os.path.normpath(exc.folder) == os.path.normpath(settings.index)
        exc.shown_as(shown_folder(settings, "index", cwd) if same else shown_path(exc.folder, cwd))
    exc.args = (with_folders(str(exc), settings, cwd),)
    return exc
