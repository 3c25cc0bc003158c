"""Links inside the corpus: a file reached by several names (a symbolic link, a hard link) is one document, cited by
its real place; a link to a file `.askdocsignore` leaves out is left out too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SAME_FILE = "a symbolic link to"
"""How a link to a file the corpus already holds is noted (`SAME_FILE news/a.txt, indexed under that name`): a
second name of a document, no fault of the file, so it counts in no summary's skipped files."""
HARD_LINK = "a hard link to"
"""How a second hard link to a file the corpus holds is noted, as `SAME_FILE` (the first name in path order is
the document's)."""


def one_name_each(
    corpus: Path,
    root: Path,
    found: list[Path],
    passed: list[tuple[Path, str]],
    rules: Callable[[str], bool] | None = None,
) -> list[Path]:
    """`found` with each file reached by several names kept once: under its own path when the scan met it there,
    else under its first link; every other link to it is noted in `passed` (see `SAME_FILE`), so a file is one
    document, cited by its real place in the corpus, and a link's target changing or the link going changes no
    document. A link to a file of the corpus that `.askdocsignore` (`rules`) leaves out is left out too: it would
    index what the user kept out under another name."""
    from askdocs.ingest.ignore import IGNORED

    kept: dict[Path, Path] = {}
    files: dict[tuple[int, int], Path] = {}  # (device, inode) of each file kept: a hard link is the same file
    own: set[Path] = set()
    out = []
    for path in found:
        if not path.is_symlink():
            if (first := _hard_linked(path, files)) is not None:
                passed.append((path, f"{HARD_LINK} {first.relative_to(corpus).as_posix()}{_SAME_FILE_END}"))
                continue
            kept.setdefault(path, path)
            own.add(path)
    for path in found:
        if not path.is_symlink():
            if path in own:
                out.append(path)
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            out.append(path)
            continue
        real = corpus / target.relative_to(root) if target.is_relative_to(root) else target
        real = _first_name(target, files) or real  # a second hard link's target: the file under its first name
        if rules is not None and target.is_relative_to(root) and _left_out_by(rules, target.relative_to(root)):
            passed.append((path, IGNORED))
            continue
        first = kept.setdefault(real, path)
        if first is path:
            out.append(path)
        else:
            passed.append((path, f"{SAME_FILE} {first.relative_to(corpus).as_posix()}{_SAME_FILE_END}"))
    return out


_SAME_FILE_END = ", indexed under that name"


def _first_name(target: Path, files: dict[tuple[int, int], Path]) -> Path | None:
    """The name a file with hard links was kept under, for a symbolic link to any of its names; else None."""
    try:
        status = target.stat()
    except OSError:
        return None
    return files.get((status.st_dev, status.st_ino))


def _hard_linked(path: Path, files: dict[tuple[int, int], Path]) -> Path | None:
    """The file kept before `path` that is the same file under another name (a hard link), else None (`path` is
    noted in `files` when it has other links)."""
    try:
        status = path.stat()
    except OSError:
        return None
    if status.st_nlink < 2:
        return None
    first = files.setdefault((status.st_dev, status.st_ino), path)
    return None if first is path else first


def _left_out_by(rules: Callable[[str], bool], relative: Path) -> bool:
    """Whether `.askdocsignore`'s rules leave out a corpus file (`relative` to the corpus) or a folder holding it."""
    folders = [p for p in relative.parents if p != Path(".")]
    return rules(relative.as_posix()) or any(rules(folder.as_posix() + "/") for folder in folders)


def same_file(why: str) -> bool:
    """Whether a scan's reason marks a second name of a file indexed under another (see `SAME_FILE`)."""
    return why.startswith((SAME_FILE + " ", HARD_LINK + " ")) and why.endswith(_SAME_FILE_END)


def link_target(why: str) -> str:
    """The corpus name a `same_file` reason says the link's file is indexed under."""
    return why.removeprefix(SAME_FILE + " ").removeprefix(HARD_LINK + " ").removesuffix(_SAME_FILE_END)
