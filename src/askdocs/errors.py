"""One error family for askdocs; each kind carries the exit code the command line uses."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Self

# Exit codes, shared by the CLI and the docs.
EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INDEX = 3
EXIT_MODEL = 4
EXIT_LLM = 5
EXIT_NO_PROJECT = 6
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
"""128 + SIGTERM: `askdocs index` stopped by `kill`, `timeout` or a service manager, after the same safe stop as
Ctrl-C."""


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the system's words without Python's: "No such file or
    directory", not "[Errno 2] No such file or directory: 'x.json'" (the message around it names the file)."""
    return exc.strerror or str(exc)


class AskdocsError(Exception):
    """Base of every error askdocs reports to a user as one line, never a traceback."""

    exit_code: int = EXIT_USAGE


class UsageError(AskdocsError):
    """Bad flags, bad configuration or bad input from the user."""

    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """A setting in askdocs.toml or an ASKDOCS_* variable has a wrong name or value."""


BINARY = "binary"
"""Why a file of bytes that are not text is skipped: the one wording of `askdocs index`'s warnings, its progress
lines and `askdocs status`."""
EMPTY = "empty"
"""Why a file with no text (no bytes, only whitespace, or a document whose reader found no words) is skipped."""


class UnreadableDocument(AskdocsError):
    """A file in the corpus cannot be read as text (binary, empty, unreadable)."""

    exit_code = EXIT_USAGE

    @classmethod
    def skipped(cls, path: object, reason: str) -> UnreadableDocument:
        """ "<path>: <reason>, skipped", as every reader words a skip (`reason`: BINARY, EMPTY, ...)."""
        return cls(f"{path}: {reason}, skipped")

    @classmethod
    def damaged(cls, path: object, kind: str, exc: BaseException) -> UnreadableDocument:
        """ "<path>: damaged <kind> (<what its reader said>), skipped": the reader's words on one line, cut after a
        whole word (a parser may quote pages of XML), else the error's type."""
        from askdocs.text.normalize import shortened

        reason = shortened(" ".join(str(exc).split()), REASON_CHARS) or type(exc).__name__
        return cls(f"{path}: damaged {kind} ({reason}), skipped")


REASON_CHARS = 80
"""The longest reader's message a skip line quotes."""


class NamesIndexFolder(AskdocsError):
    """An error whose message names an index folder (one made by `at`): where the user's way of naming the folder
    is known, the message names it that way again (`shown_as`; askdocs.project.error_with_folders)."""

    folder: Path | None = None
    """The index folder the message names; None when it was made without `at`."""

    @classmethod
    def wording(cls, folder: Path, shown: str) -> str:
        """The message for `folder`, shown as `shown`."""
        raise NotImplementedError

    @classmethod
    def at(cls, folder: Path, shown: str | None = None) -> Self:
        """The error for `folder`, shown as `shown` (default: its full path, `..` resolved)."""
        error = cls(cls.wording(folder, os.path.normpath(folder) if shown is None else shown))
        error.folder = folder
        return error

    def shown_as(self, shown: str) -> None:
        """Name the folder as `shown` in the message."""
        if self.folder is not None:
            self.args = (self.wording(self.folder, shown),)


class IndexMissing(NamesIndexFolder):
    """No index has been built at the given place yet."""

    exit_code = EXIT_INDEX

    @classmethod
    def wording(cls, folder: Path, shown: str) -> str:
        """ "no index at FOLDER (run: askdocs index --index FOLDER)", the flag left out for ./index: the one wording
        whether the command stops before opening the index (no corpus folder either) or on opening it. The flag
        names the full path, as every suggested command does (askdocs.project.with_folders)."""
        full = os.path.normpath(folder.absolute())
        named = "" if folder.resolve() == Path("index").resolve() else f" --index {shlex.quote(full)}"
        return f"no index at {shown} (run: askdocs index{named})"


class IndexEmpty(IndexMissing):
    """The index exists but holds no passage: a question or search would find nothing, so say why instead.
    `waiting`: the corpus holds files no run has indexed or skipped (a first run was interrupted), so the advice
    is to index them, not to add files."""

    def __init__(self, corpus: str, waiting: bool = False) -> None:
        advice = f"{corpus} has files to index; run" if waiting else f"add files to {corpus} and run"
        super().__init__(f"the index holds no documents yet: {advice}: askdocs index")


class IndexUnusable(AskdocsError):
    """The index exists but cannot be used: corrupt, from another askdocs version, or another model."""

    exit_code = EXIT_INDEX


def advises_rebuild(exc: BaseException) -> bool:
    """Whether `exc` is an unusable index whose own advice is a rebuild (damaged, from another version): what a
    plain re-index cannot mend, so the chat offers the rebuild instead."""
    return isinstance(exc, IndexUnusable) and "askdocs index" in str(exc) and "--rebuild" in str(exc)


class IndexNotAFolder(NamesIndexFolder, IndexUnusable):
    """The index folder named is a file: nothing to index into, nor to answer from."""

    @classmethod
    def wording(cls, folder: Path, shown: str) -> str:
        return f"the index folder {shown} is a file, not a folder"


class NoProject(AskdocsError):
    """Neither the corpus folder nor an index is where askdocs looked: the command ran outside a project folder."""

    exit_code = EXIT_NO_PROJECT


class CorpusMissing(NoProject):
    """`askdocs index` was pointed at a corpus folder that does not exist."""


class ModelUnavailable(AskdocsError):
    """The embedding model cannot be loaded (not installed, not found offline)."""

    exit_code = EXIT_MODEL


class ExportDamaged(ModelUnavailable):
    """A file of the ONNX export beside the index (a graph, the tokenizer, its record) is not the one that was
    checked: damaged, replaced or missing. The index folder needs mending (a plain `askdocs index` makes the export
    again), so it is exit 3, as `askdocs status` reports the same damage, not 4: the model itself is there."""

    exit_code = EXIT_INDEX


class LLMUnavailable(AskdocsError):
    """The optional LLM endpoint could not be reached or answered badly."""

    exit_code = EXIT_LLM


class IndexDamaged(IndexUnusable):
    """The index file is damaged (SQLite reports a malformed image, a checksum does not match)."""

    def __init__(self, detail: str = "", fix: str = "run: askdocs index --rebuild") -> None:
        super().__init__(f"the index is damaged{f' ({detail})' if detail else ''}; {fix}")


def database_error(exc: Exception, where: object) -> AskdocsError:
    """The askdocs error for a sqlite3.DatabaseError met while using the index at `where`."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return IndexUnusable(f"cannot write the index at {where}: it is read-only")
    if "locked" in lowered or "busy" in lowered:
        return IndexUnusable(f"the index at {where} is busy: another askdocs is writing it")
    if "unable to open" in lowered or "disk is full" in lowered or "disk i/o" in lowered:
        return IndexUnusable(f"cannot use the index at {where}: {text}")
    return IndexDamaged(text)
