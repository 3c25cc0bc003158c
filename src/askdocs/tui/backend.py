"""The chat's link to the core: one warm Retriever, reopened after each re-index; called from worker threads."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from askdocs.answering import Answer, answer_question, load_answering
from askdocs.config import Settings
from askdocs.encoders.base import Encoder
from askdocs.errors import AskdocsError, IndexMissing
from askdocs.index_progress import PassageCount
from askdocs.index_rereads import reread
from askdocs.indexer import CorpusChanges, IndexReport, compare, index_corpus
from askdocs.project import error_with_folders, index_read_only, with_folders
from askdocs.retrieval import Retriever
from askdocs.store import skipped as skip_log
from askdocs.store.changes import set_aside_skips
from askdocs.store.filters import Filter
from askdocs.store.index_store import IndexInfo, IndexStore
from askdocs.store.records import StoredDocument
from askdocs.text.excerpt import Preview
from askdocs.tui.sources import SourceRef, SourceText, source_text
from askdocs.tui.suggestions import ASKED, usable_title

TITLES_OFFERED = ASKED
"""As many titles as candidate questions, so the candidates can all be about different documents."""
TITLES_CHECKED = 20
"""Suggestions look at the first 20 documents' texts at most, so a large index stays cheap to check."""


_T = TypeVar("_T")


def _with_folders(method: Callable[..., _T]) -> Callable[..., _T]:
    """An askdocs error leaving a Backend method suggests commands ("run: askdocs index --rebuild") with the
    --corpus and --index the chat was started with (askdocs.project.with_folders)."""

    @functools.wraps(method)
    def run(self: Backend, *args: object, **kwargs: object) -> _T:
        try:
            return method(self, *args, **kwargs)
        except AskdocsError as exc:
            error_with_folders(exc, self.settings)
            raise

    return run


@dataclass(frozen=True)
class IndexStatus:
    """What the status line shows: the index's size and whether the corpus moved on since."""

    corpus: str
    info: IndexInfo | None = None
    changes: CorpusChanges | None = None
    problem: str | None = None
    """Why there is no usable index, when there is none."""
    missing: bool = False
    """The problem is only that no index was built yet."""
    titles: tuple[str, ...] = ()
    """Up to six titles of documents in the chat's scope that questions can be made from (see Backend._titles)."""
    sources: tuple[str, ...] = ()
    """The corpus-relative path of each title's document, in the same order."""
    undated: int = 0
    """Documents the chat's --since/--until leave out only because they have no publication date."""
    admitted: tuple[int, int] | None = None
    """The documents and passages the chat's filter admits, of `info`'s; None without a filter."""
    read_only: bool = False
    """The index folder cannot be written: a re-index (ctrl+r) would fail there."""
    rereads: int = 0
    """Of `changes.changed`, the unchanged files due to be read again because their type's reader changed."""

    @property
    def stale(self) -> bool:
        return self.changes is not None and self.changes.stale


class Backend:
    """Owns the Retriever; `ask` and the swap after re-indexing take turns on one lock, indexing runs beside."""

    def __init__(self, settings: Settings, embedder: Encoder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._injected = embedder is not None
        """A caller's embedder is used for everything; else the indexer picks its own and questions reopen after."""
        self._retriever: Retriever | None = None
        self._lock = threading.RLock()
        self._started = threading.Event()
        self.problem: AskdocsError | None = None
        """Why the index or the model could not be opened at start, if it could not."""
        self.info: IndexInfo | None = None
        self.scope: Filter | None = None
        """The documents questions are limited to (askdocs chat --since/--until/--path); None: all."""

    # -- start --------------------------------------------------------------------------------
    @_with_folders
    def start(self) -> IndexInfo:
        """Open the index and load the model; remembers the error so waiting questions can report it."""
        try:
            with self._lock:
                self._open()
                assert self._retriever is not None
                self.info = self._retriever.store.info()
                return self.info
        except AskdocsError as exc:
            self.problem = exc
            raise
        except Exception as exc:
            self.problem = AskdocsError(f"cannot open the index or the model: {type(exc).__name__}: {exc}")
            raise self.problem from exc
        finally:
            self._started.set()

    def start_in_background(self) -> None:
        """`start` in a daemon thread, so that quitting never has to wait for a model to finish loading."""

        def run() -> None:
            with contextlib.suppress(AskdocsError):
                self.start()

        threading.Thread(target=run, name="askdocs-start", daemon=True).start()

    def _open(self) -> None:
        retriever = Retriever.open(self.settings, embedder=self._embedder, scope=self.scope)
        try:
            retriever.embedder.load()
        except BaseException:
            retriever.close()
            raise
        self._embedder = retriever.embedder
        load_answering()  # with the model, not on the first question
        old, self._retriever = self._retriever, retriever
        if old is not None:
            old.close()
        self.problem = None

    @property
    def ready(self) -> bool:
        return self._retriever is not None

    @property
    def admits_nothing(self) -> bool:
        """True when the chat's filter leaves no indexed document to answer from."""
        return self._retriever is not None and self._retriever.admits_nothing

    def wait_started(self, timeout: float | None = None) -> bool:
        return self._started.wait(timeout)

    # -- questions ----------------------------------------------------------------------------
    @_with_folders
    def ask(self, question: str, earlier: Sequence[Answer] = ()) -> Answer:
        """Answer with the core, passing earlier answers as follow-up context when the core supports it."""
        self.wait_started()
        with self._lock:
            if self._retriever is None:
                raise self.problem or IndexMissing(f"no index at {self.settings.index}")
            if earlier:
                from askdocs.answering.followup import turn_from_answer

                answer = answer_question(self._retriever, question, context=[turn_from_answer(a) for a in earlier])
            else:
                answer = answer_question(self._retriever, question)
            undated = self._retriever.undated
        scope = self.scope
        if answer.found or scope is None or not scope.active or self.admits_nothing:
            return answer  # a filter that admits nothing is the answer's own reason
        return replace(answer, reasons=(*answer.reasons, scope.searched(undated)))

    def unsaved(self) -> str | None:
        """The warning, once, that the FAISS file rebuilt for the searches could not be saved (a full disk, a
        read-only index folder), as `askdocs ask` prints it; None when there is nothing (new) to say."""
        from askdocs.store.vector_log import UNSAVED

        with self._lock:
            reason = None if self._retriever is None else self._retriever.store.unsaved_vectors()
        return None if reason is None else with_folders(f"{reason}; {UNSAVED}", self.settings)

    def previews(self, answer: Answer) -> dict[int, Preview]:
        """Where each of an answer's passages opens in a preview, by passage id (Retriever.answer_previews; empty
        when the index is not open)."""
        with self._lock:
            if self._retriever is None:
                return {}
            try:
                return self._retriever.answer_previews(answer)
            except AskdocsError:
                return {}

    # -- index --------------------------------------------------------------------------------
    def status(self) -> IndexStatus:
        """The index's counts and the corpus changes since, read through a connection of its own."""
        corpus = self.corpus_label()
        try:
            with IndexStore.open(self.settings.index) as store:
                documents = store.documents()
                changes, _ = set_aside_skips(
                    compare(
                        self.settings.corpus,
                        documents,
                        outside_links=self.settings.outside_links,
                        skipped=skip_log.load(self.settings.index),
                    ),
                    self.settings.max_file_mb,
                )
                changed = len(changes.changed)
                if documents:  # files of a type whose reader changed are due as `status` counts them
                    changes = reread(changes, store, self.settings.corpus)
                chosen = self._titles(store, documents.values())
                titles, sources = tuple(d.title for d in chosen), tuple(d.path for d in chosen)
                undated = store.undated(self.scope).count
                info = store.info()
                admitted = self._admitted(store, info, documents.values())
                return IndexStatus(
                    corpus,
                    info,
                    changes,
                    titles=titles,
                    sources=sources,
                    undated=undated,
                    admitted=admitted,
                    read_only=changes.stale and index_read_only(self.settings.index),
                    rereads=len(changes.changed) - changed,
                )
        except AskdocsError as exc:
            problem = str(error_with_folders(exc, self.settings))
            return IndexStatus(corpus, problem=problem, missing=isinstance(exc, IndexMissing))

    def _admitted(
        self, store: IndexStore, info: IndexInfo, documents: Iterable[StoredDocument]
    ) -> tuple[int, int] | None:
        """How many documents and passages the chat's filter admits (the status line counts what questions
        search, as the header says "only ..."); None without a filter."""
        scope = self.scope
        if scope is None or not scope.active:
            return None
        admitted = [d.id for d in documents if scope.admits(d.path, d.published)]
        if len(admitted) == info.documents:  # the filter leaves nothing out
            return len(admitted), info.passages
        return len(admitted), store.passage_count(admitted)

    def _titles(self, store: IndexStore, documents: Iterable[StoredDocument]) -> list[StoredDocument]:
        """Up to six documents whose titles to make candidate questions from: usable titles (not "T" or "2024") of
        documents in the chat's scope, most recently published first, whose words the index can cite (a title from
        metadata alone would find nothing); when none does, the first usable ones all the same. The answerer has
        the last word."""
        scope = self.scope
        shown = [d for d in documents if (scope is None or scope.admits(d.path, d.published)) and usable_title(d.title)]
        shown.sort(key=lambda d: d.path)
        shown.sort(key=lambda d: d.published or "", reverse=True)
        askable = [d for d in shown[:TITLES_CHECKED] if _askable(store, d.title)]
        return askable[:TITLES_OFFERED] or shown[:TITLES_OFFERED]

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Size and modification time of every corpus file (.askdocsignore too) and of the index's own files:
        cheap to take (no file is read, no model loaded), and different whenever `status` could differ."""
        files = _tree(self.settings.corpus)
        index = self.settings.index
        if index.is_dir():
            files += [(p.as_posix(), *_stat(p)) for p in sorted(index.iterdir()) if _index_file(p)]
        return tuple(files)

    @_with_folders
    def reindex(
        self,
        progress: Callable[[int, int, str], None],
        *,
        rebuild: bool = False,
        passages: Callable[[PassageCount], None] | None = None,
    ) -> IndexReport:
        """Sync the index with the corpus (questions keep being answered meanwhile), then reopen the retriever.

        The indexer chooses its encoder as `askdocs index` does (a first index makes the ONNX export), and
        questions then reopen with what the index now has.
        """
        shared = self._embedder if self._injected else None
        report = index_corpus(self.settings, rebuild=rebuild, embedder=shared, progress=progress, passages=passages)
        with self._lock:
            if not self._injected:
                self._embedder = None
            self._open()
        return report

    def corpus_label(self) -> str:
        corpus = self.settings.corpus
        try:
            return corpus.relative_to(Path.cwd()).as_posix() + "/"
        except ValueError:
            return corpus.as_posix() + "/"

    # -- sources ------------------------------------------------------------------------------
    def source(self, ref: SourceRef) -> SourceText:
        """The indexed text of the document a citation or passage points into."""
        with self._lock:
            store = self._retriever.store if self._retriever else None
            return source_text(store, self.settings.corpus, ref)

    def close(self) -> None:
        """Close the index; if the model is still loading, leave that thread behind rather than wait for it."""
        if not self._lock.acquire(timeout=0.5):
            return
        try:
            if self._retriever is not None:
                self._retriever.close()
                self._retriever = None
        finally:
            self._lock.release()


def _tree(folder: Path) -> list[tuple[str, int, int]]:
    """Every file under `folder` but inside hidden or linked folders, with size and time, from directory entries."""
    found: list[tuple[str, int, int]] = []
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if not entry.name.startswith("."):
                                folders.append(entry.path)
                            continue
                        stat = entry.stat()
                    except OSError:
                        continue
                    found.append((entry.path, stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue
    return sorted(found)


def _index_file(path: Path) -> bool:
    """A file whose change means the index changed; SQLite's shared-memory file changes on every read."""
    return path.is_file() and not path.name.endswith("-shm")


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def _askable(store: IndexStore, title: str) -> bool:
    """True when every content word of `title` occurs in a sentence that can be cited, as answering weighs a
    question's words: a question about a title that only metadata holds would be refused."""
    from askdocs.answering.signals import question_terms
    from askdocs.text.stem import stem

    search = store.sentence_search
    terms = question_terms(title, search.document_frequency, max(search.count(), 1), stem)
    return bool(terms.weights) and not terms.unknown
