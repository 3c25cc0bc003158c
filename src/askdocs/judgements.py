"""Judged queries for `askdocs eval-search`: BEIR/TREC queries and qrels files read, and their document ids
matched to indexed documents however a person writes them (corpus path, file path, unique file name)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from askdocs.errors import UsageError
from askdocs.qa_files import read_text

QUERY_HEADERS = {"_id", "id", "query-id", "query_id", "qid"}
"""First words of a queries file's header line (`id<TAB>text`), which is skipped."""
ITERATION = re.compile(r"q?\d+", re.IGNORECASE)
"""TREC's unused second qrels column: "0" by custom, sometimes "Q0"."""
COLUMNS = "query-id, corpus-id, score (BEIR) or query-id, iteration, doc-id, relevance (TREC)"


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines that hold something, from UTF-8 text (a byte-order mark and CRLF line ends allowed)."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if line.strip():
            yield number, line


def read_queries(path: Path) -> dict[str, str]:
    """Query id -> text, from BEIR JSONL ({"_id", "text"} a line) or `id<TAB>text` lines (a header is skipped);
    in a file with no tab, the id is the first word and the text the rest, as no id of a query holds a space. In a
    file of `id<TAB>text` lines, a line without a tab is an error naming it: a query's text broken over two lines
    would otherwise become a query of its own, its first word taken for an id."""
    out: dict[str, str] = {}
    first_line: dict[str, int] = {}
    lines = list(_lines(path))
    tabbed = any("\t" in line for _, line in lines if not line.lstrip().startswith("{"))
    for position, (number, line) in enumerate(lines):
        if line.lstrip().startswith("{"):
            try:
                row = json.loads(line)
                qid, text = row["_id"], row["text"]
            except (ValueError, KeyError, TypeError, RecursionError) as exc:
                raise UsageError(f"{path}:{number}: not a query object with _id and text ({exc})") from None
            if not isinstance(text, str):
                raise UsageError(f"{path}:{number}: the query's text is not a string")
            qid = str(qid)
        elif "\t" in line:
            qid, _, text = line.partition("\t")
        elif len(words := line.split(None, 1)) == 2 and not tabbed:
            qid, text = words
        elif position == 0 and words[0].lower() in QUERY_HEADERS:
            continue
        elif tabbed:
            raise UsageError(
                f"{path}:{number}: no tab between the query's id and its text, as on the other lines"
                " (a query broken over two lines?); expected 'id<TAB>text'"
            )
        else:
            raise UsageError(f"{path}:{number}: expected a JSON object or 'id<TAB>text'")
        qid, text = qid.strip(), text.strip()
        if position == 0 and qid.lower() in QUERY_HEADERS:
            continue
        if not qid or not text:
            raise UsageError(f"{path}:{number}: a query needs an id and a text")
        if qid in out and out[qid] != text:
            raise UsageError(
                f"{path}:{number}: query {qid!r} again with another text (first on line {first_line[qid]})"
            )
        out[qid] = text
        first_line.setdefault(qid, number)
    return out


def qrels_columns(line: str) -> list[str]:
    """query-id, document id and score of one qrels line, split at tabs or else at spaces; ValueError says why
    when the line cannot be read or could be read two ways."""
    if "\t" in line:
        cells = [cell.strip() for cell in line.strip().split("\t")]
        if len(cells) == 4:
            cells = [cells[0], cells[2], cells[3]]
        if len(cells) != 3 or not all(cells):
            raise ValueError(f"expected {COLUMNS}, separated by tabs")
        return cells
    cells = line.split()
    if len(cells) == 4 and ITERATION.fullmatch(cells[1]):
        return [cells[0], cells[2], cells[3]]
    if len(cells) >= 4:
        raise ValueError(
            f"{len(cells)} columns separated by spaces can be read more than one way: "
            "separate the columns by tabs when a document id holds spaces"
        )
    if len(cells) != 3:
        raise ValueError(f"expected {COLUMNS}")
    return cells


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Query id -> {document id: grade}, from BEIR's three columns or TREC's four, tab- or space-separated
    (a header line such as `query-id corpus-id score` is skipped)."""
    qrels: dict[str, dict[str, int]] = {}
    for position, (number, line) in enumerate(_lines(path)):
        if position == 0 and not _is_number(line.strip().split("\t" if "\t" in line else None)[-1]):
            continue  # header
        try:
            qid, doc, score = qrels_columns(line)
        except ValueError as exc:
            raise UsageError(f"{path}:{number}: {exc}") from None
        try:
            grade = int(float(score))
        except (ValueError, OverflowError):
            raise UsageError(f"{path}:{number}: the score {score!r} is not a number") from None
        qrels.setdefault(qid, {})[doc] = grade
    return qrels


class DocumentNames:
    """Finds the indexed document a judged id names: its path relative to the corpus folder, a path to the file
    (absolute, or from the working folder, as askdocs prints it), or a file name no other document shares."""

    def __init__(self, indexed: Iterable[str], corpus: Path, cwd: Path) -> None:
        self.paths = set(indexed)
        self.by_name: dict[str, list[str]] = {}
        for path in sorted(self.paths):
            self.by_name.setdefault(PurePosixPath(path).name, []).append(path)
        full = corpus if corpus.is_absolute() else cwd / corpus
        self.roots = list(dict.fromkeys([Path(os.path.normpath(full)), full.resolve()]))
        self.cwd = cwd

    def find(self, given: str) -> str | None:
        """The corpus-relative path `given` names, or None; UsageError when it is a file name several share."""
        if given in self.paths:
            return given
        written = given.replace("\\", "/")
        tidy = PurePosixPath(os.path.normpath(written)).as_posix()
        if tidy in self.paths:
            return tidy
        for path in self._as_files(written):
            for root in self.roots:
                if path.is_relative_to(root) and (inside := path.relative_to(root).as_posix()) in self.paths:
                    return inside
        candidates = self.by_name.get(written, []) if "/" not in written else []
        if len(candidates) > 1:
            shown = ", ".join(candidates[:5]) + (f" and {len(candidates) - 5} more" if len(candidates) > 5 else "")
            raise UsageError(f"the document id {given!r} is the name of {len(candidates)} documents ({shown})")
        return candidates[0] if candidates else None

    def _as_files(self, written: str) -> list[Path]:
        """`written` as a file: from the working folder unless absolute, tidied, then with symbolic links followed."""
        path = Path(os.path.expanduser(written))  # "~nobody/x" stays as written
        full = path if path.is_absolute() else self.cwd / path
        try:
            resolved = full.resolve()
        except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
            resolved = full
        return list(dict.fromkeys([Path(os.path.normpath(full)), resolved]))


@dataclass(frozen=True)
class Matched:
    """Judgements keyed by indexed document paths, and the ids that name no indexed document (kept as written,
    so they count as relevant documents never found)."""

    qrels: dict[str, dict[str, int]]
    unmatched: tuple[str, ...]
    relevant_found: int
    """Documents graded above 0 that are in the index: none means every score would be 0."""


def match_documents(qrels: Mapping[str, Mapping[str, int]], names: DocumentNames, source: Path) -> Matched:
    """`qrels` with each document id replaced by the indexed path it names (the highest grade when two ids name
    the same document); `source` is the qrels file, for messages."""
    out: dict[str, dict[str, int]] = {}
    unmatched: dict[str, None] = {}
    relevant: set[str] = set()
    for qid, grades in qrels.items():
        row = out.setdefault(qid, {})
        for given, grade in grades.items():
            try:
                path = names.find(given)
            except UsageError as exc:
                raise UsageError(f"{source}: {exc}; write its path relative to the corpus folder") from None
            if path is None:
                unmatched[given] = None
                path = given
            elif grade > 0:
                relevant.add(path)
            row[path] = max(grade, row.get(path, grade))
    return Matched(out, tuple(unmatched), len(relevant))
