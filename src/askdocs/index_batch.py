"""One batch of an index run's passages, embedded on its own thread while the next files are read, and the
documents waiting for it."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from askdocs.encoders.base import Encoder
from askdocs.ingest.documents import Document
from askdocs.ingest.passages import Chunk
from askdocs.text.sentences import Sentence

SLICE_PASSAGES = 16
"""Passages per model call within a batch: a stopping run waits for one slice per batch in flight (about 1 s on a
loaded core, 16 passages at 17 passages/s) instead of whole batches (13-25 s before Ctrl-C ended). ONNX int8 on
one thread, 512 passages, 4 rounds on a loaded machine: 17.1 passages/s in calls of 256, 17.0 of 32, 16.8 of 16."""


@dataclass
class Pending:
    """A document read, chunked and dated, waiting for its vectors."""

    doc: Document
    sentences: list[Sentence]
    chunks: list[Chunk]
    dates: list[str | None]


class Embedding:
    """One batch of passages being embedded on its own thread while the next files are read, chunked and dated.

    `items` are the documents whose last passage is in this batch: they are committed once it is done. torch and
    ONNX Runtime release the GIL while they compute, so the reading overlaps the model's work. The batch is
    embedded SLICE_PASSAGES at a time so that `stop` ends it within one slice. An interrupted run waits for the
    thread before it exits: a native library still computing while Python shuts down aborts the process
    (SIGABRT) instead of exiting 130.
    """

    def __init__(self, embedder: Encoder, texts: list[str], items: list[Pending]) -> None:
        self.items = items
        self.size = len(texts)
        self._done = threading.Event()
        self._stop = threading.Event()
        self._vectors: np.ndarray | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(embedder, texts), name="askdocs-embed")

    def start(self) -> None:
        """Start embedding; the batch is queued first, so that an interrupt always finds it to stop."""
        self._thread.start()

    def stop(self) -> None:
        """Embed no further slice: the run is stopping and will not use these vectors."""
        self._stop.set()

    def join(self) -> None:
        """Wait for the model call in flight to end (the run is stopping); a new Ctrl-C waits too. It waits on an
        event, never in Thread.join: a Ctrl-C inside Thread.join on Python 3.11 marks a thread that still runs
        as ended, and the process then exits under it."""
        while not self._done.is_set():
            try:
                if self._thread.ident is None:  # never started: an interrupt came between queueing and start
                    return
                self._done.wait(0.5)
            except KeyboardInterrupt:
                continue

    def _run(self, embedder: Encoder, texts: list[str]) -> None:
        try:
            # a text that repeats (a page footer, boilerplate, a file of one word over and over) is embedded once
            distinct = list(dict.fromkeys(texts))
            parts = [] if distinct else [embedder.encode(distinct)]
            for start in range(0, len(distinct), SLICE_PASSAGES):
                if self._stop.is_set():
                    self._error = RuntimeError("the batch was stopped")
                    return
                parts.append(embedder.encode(distinct[start : start + SLICE_PASSAGES]))
            vectors = parts[0] if len(parts) == 1 else np.concatenate(parts)
            if len(distinct) < len(texts):
                row = {text: i for i, text in enumerate(distinct)}
                vectors = vectors[[row[text] for text in texts]]
            self._vectors = vectors
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> np.ndarray:
        """The vectors, once computed; the embedder's error is raised here, in the caller's thread."""
        while not self._done.wait(0.5):
            pass
        if self._error is not None:
            raise self._error
        assert self._vectors is not None
        return self._vectors
