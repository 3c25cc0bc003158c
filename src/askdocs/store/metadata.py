"""What an index records about itself in its meta table: the model and encoder its vectors come from, their
dimension, the corpus folder it is synced from, and the counts and times `askdocs status` shows."""

from __future__ import annotations

import json
import shlex
import sqlite3
from pathlib import Path

from askdocs.errors import IndexUnusable
from askdocs.store.connection import CORPUS_KEY, corpus_from_record, corpus_record, guarded
from askdocs.store.files import transaction
from askdocs.store.records import IndexInfo
from askdocs.store.rows import LAST_DOCUMENT_ID_KEY, last_document_id

REREADING_KEY = "rereading"
"""The meta key of the re-reads under way: {"readers": the readers recorded then, "begun": {file type: [reader
version, last document id before it began]}}."""


class Metadata:
    """What IndexStore gains to read and write its meta table: `model`, `encoder`, `dimension`, `corpus`, `info`."""

    _conn: sqlite3.Connection
    folder: Path

    @guarded
    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @property
    def model(self) -> str:
        return self._meta("model") or ""

    @property
    def corpus(self) -> Path | None:
        """The corpus folder this index was last built or synced from (absolute), None when not recorded."""
        recorded = self._meta(CORPUS_KEY)
        return corpus_from_record(recorded, self.folder) if recorded else None

    @guarded
    def record_corpus(self, corpus: Path) -> None:
        """Remember `corpus` (resolved) as the folder this index is synced from, so later runs default to it."""
        if self.corpus != corpus.resolve():
            with transaction(self._conn) as conn:
                self._set(conn, CORPUS_KEY, corpus_record(corpus, self.folder))

    @property
    def dimension(self) -> int:
        return int(self._meta("dimension") or 0)

    def check_model(self, model: str, default: str = "") -> None:
        """Refuse to mix vectors of two models, saying how to use the index's model (leave out --model when it is
        the `default` one) or how to rebuild the index with `model`."""
        if self.model != model:
            use = (
                "leave out --model (and any model set in askdocs.toml or ASKDOCS_MODEL)"
                if self.model == default
                else f"pass --model {shlex.quote(self.model)}"
            )
            rebuild = f"run: askdocs index --rebuild --model {shlex.quote(model)}"
            raise IndexUnusable(
                f"the index was built with model {self.model!r}, not {model!r}, and questions must use that model:"
                f" {use}, or rebuild the index with {model!r}: {rebuild}"
            )

    @guarded
    def info(self) -> IndexInfo:
        count = self._conn.execute
        return IndexInfo(
            path=str(self.folder),
            model=self.model,
            dimension=self.dimension,
            documents=count("SELECT count(*) FROM documents").fetchone()[0],
            passages=count("SELECT count(*) FROM passages").fetchone()[0],
            sentences=count("SELECT count(*) FROM sentences").fetchone()[0],
            chunker=self._meta("chunker") or "",
            schema=self._meta("schema") or "",
            created=float(self._meta("created") or 0),
            updated=float(self._meta("updated") or 0),
        )

    @property
    def readers(self) -> dict[str, str]:
        """The reader version of each file type the index's documents were read with (askdocs.ingest.loaders.
        READER_VERSIONS as of its last complete sync; a type not recorded was read at "1")."""
        try:
            recorded = json.loads(self._meta("readers") or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in recorded.items()} if isinstance(recorded, dict) else {}

    @guarded
    def record_readers(self, versions: dict[str, str]) -> None:
        """Remember that every document of these file types was read by these reader versions (a re-read under
        way, see `rereading`, is done)."""
        if self.readers != versions or self._meta(REREADING_KEY) is not None:
            with transaction(self._conn) as conn:
                self._set(conn, "readers", json.dumps(versions, sort_keys=True))
                conn.execute("DELETE FROM meta WHERE key = ?", (REREADING_KEY,))

    @property
    def rereading(self) -> dict[str, tuple[str, int]]:
        """The re-reads under way, by file type: the reader version its files are read again with, and the highest
        document id given before the first run of that re-read began (see `last_document_id`); a document with a
        greater id was read by that version. Empty when the readers recorded have changed since it was written (an
        askdocs of another version synced meanwhile): what it says no longer holds."""
        try:
            recorded = json.loads(self._meta(REREADING_KEY) or "{}")
            if recorded.get("readers") != self.readers:
                return {}
            begun = {str(k): (str(v[0]), int(v[1])) for k, v in recorded["begun"].items()}
            if self._stored_by_another(max((last for _, last in begun.values()), default=0)):
                return {}
            return begun
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):
            return {}

    def _stored_by_another(self, begun_after: int) -> bool:
        """Whether a document was stored by an askdocs that gives ids without recording them (one before the
        re-read marks): its id is above both the one recorded and the one the re-read began after, and it was read
        by that askdocs's reader, not the one the mark says."""
        top = self._conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        recorded = self._meta(LAST_DOCUMENT_ID_KEY)
        return int(top) > max(int(recorded) if recorded and recorded.isdigit() else 0, begun_after)

    @guarded
    def record_rereading(self, begun: dict[str, tuple[str, int]]) -> None:
        """Remember the re-reads under way (see `rereading`), before a run reads a file: one cut short resumes.
        With none under way nothing is written (a run with nothing to do takes no write lock)."""
        if begun and (self.rereading != begun or self._meta(REREADING_KEY) is None):
            record = {"readers": self.readers, "begun": {k: list(v) for k, v in begun.items()}}
            with transaction(self._conn) as conn:
                self._set(conn, REREADING_KEY, json.dumps(record, sort_keys=True))

    @property
    def last_document_id(self) -> int:
        """The highest document id given so far (ids are never given twice, see rows.insert_document): a document
        stored later has a greater one, whatever the clock says."""
        return last_document_id(self._conn)

    @guarded
    def read_after(self, last_id: int) -> dict[str, int]:
        """The id of each document stored after the one with id `last_id` (a greater id), by path."""
        rows = self._conn.execute("SELECT path, id FROM documents WHERE id > ?", (last_id,))
        return {str(path): int(doc_id) for path, doc_id in rows}

    @property
    def encoder(self) -> str:
        """How the stored vectors were computed: "onnx-fp32", "onnx-int8", "torch", or "" if not recorded."""
        return self._meta("encoder") or ""

    @guarded
    def set_encoder(self, encoder: str) -> None:
        with transaction(self._conn) as conn:
            self._set(conn, "encoder", encoder)

    def _set(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        """Write one key of the meta table inside the open transaction `conn`."""
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
