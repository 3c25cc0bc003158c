"""Encode with ONNX Runtime and `tokenizers`: the vectors of sentence-transformers without importing torch.

`askdocs index` exports the model next to the index (see askdocs.encoders.onnx_export) and records in `model.json`
which variants matched the torch model on the indexed text; questions then load only onnxruntime (about
0.2 s) instead of torch and sentence-transformers (several seconds).
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from askdocs.encoders.base import Encoder, finite
from askdocs.encoders.models import first_line
from askdocs.errors import ExportDamaged, ModelUnavailable
from askdocs.store.files import atomic_write_bytes, file_sha256

EXPORT_TAG = "model.json"
TOKENIZER_FILE = "tokenizer.json"
VARIANT_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx"}
EXPORT_FORMAT = 2
"""2: each variant records the SHA-256 of its graph, checked before use (and, since `ExportTag.files`, the tag
records those of the files every variant needs: read by this format too, so older exports stay in use)."""
REPAIR = "run: askdocs index (it makes the export again; no document is embedded again)"
"""What mends a damaged or missing export file: `askdocs index` drops it and links the cache's checked copy or
exports again, keeping the vectors (`--rebuild` does it too, re-embedding everything)."""
SHARED_FILES = (TOKENIZER_FILE,)
"""Export files every variant needs besides its graph."""
TOKEN_BUDGET = 2048
"""Padded tokens per ONNX Runtime call: 8 passages of 256 tokens, or many more short sentences (fastest here)."""
TOKENIZE_CHUNK = 512
"""Texts tokenized at once: a tokenized passage holds about 40 KB, so a 19 MB file (20,000 passages) tokenized
whole took 800 MB; chunks keep it to about 20 MB, and each chunk still runs in length-sorted batches."""


@dataclass(frozen=True)
class VariantCheck:
    """One exported graph and how closely it matched the reference vectors when it was made."""

    file: str
    ok: bool
    size: int = 0
    cosine_min: float = 0.0
    cosine_mean: float = 0.0
    checked: int = 0
    seconds: float = 0.0
    """Time to export (or quantise) and check it."""
    reason: str = ""
    sha256: str = ""
    """Content hash of the graph file as checked; a file that no longer matches is not used (and re-exported)."""


@dataclass(frozen=True)
class ExportTag:
    """The contents of `model.json`: which model was exported, from which files, and what passed its check."""

    model: str
    source: str
    """Fingerprint of the model files the export was made from."""
    dimension: int
    max_seq_length: int
    pad_id: int = 0
    pad_token: str = "[PAD]"
    variants: dict[str, VariantCheck] = field(default_factory=dict)
    format: int = EXPORT_FORMAT
    files: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Size and SHA-256 of each of SHARED_FILES as checked; empty in exports made before they were recorded
    (their tokenizer is then checked by loading it, where a check is asked for)."""

    def as_json(self) -> str:
        data = {k: v for k, v in self.__dict__.items() if k not in ("variants", "files")}
        data["variants"] = {name: check.__dict__ for name, check in self.variants.items()}
        if self.files:  # absent when unknown, as older versions wrote it
            data["files"] = {name: list(record) for name, record in self.files.items()}
        return json.dumps(data, indent=2)


def record_files(folder: Path, tag: ExportTag) -> ExportTag:
    """`tag` with the size and SHA-256 of SHARED_FILES in `folder` as they are now (just written and checked)."""
    files = {}
    for name in SHARED_FILES:
        path = folder / name
        files[name] = (path.stat().st_size, file_sha256(path))
    return replace(tag, files=files)


def read_tag(folder: Path) -> ExportTag | None:
    """The export tag in an index folder, or None if absent, unreadable or of another format."""
    try:
        data = json.loads((folder / EXPORT_TAG).read_text(encoding="utf-8"))
        variants = {name: VariantCheck(**check) for name, check in data.pop("variants", {}).items()}
        files = {str(name): (int(size), str(sha)) for name, (size, sha) in data.pop("files", {}).items()}
        tag = ExportTag(**data, variants=variants, files=files)
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return tag if tag.format == EXPORT_FORMAT else None


def _unreadable(path: Path) -> bool:
    """Whether `path` exists but is damaged: not JSON, or JSON that is no export record of any version (`{}`,
    `null`), as opposed to absent or a record of another version (an object with another "format")."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError, RecursionError):
        return True
    return not isinstance(data, dict) or not isinstance(data.get("format"), int)


def usable(folder: Path, tag: ExportTag | None, model: str, variant: str, *, thorough: bool = False) -> bool:
    """True when `variant` of `model` was exported here, passed its check and its files are whole (`thorough`:
    a tokenizer with no recorded hash is loaded too)."""
    check = tag.variants.get(variant) if tag is not None and tag.model == model else None
    if check is None or not check.ok:
        return False
    return not damaged_files(folder, tag, variant, thorough=thorough)


def damaged_files(
    folder: Path, tag: ExportTag, variant: str, *, thorough: bool = False, hashed: bool = True
) -> list[str]:
    """The files `variant` needs in `folder` that are missing or not the bytes that were checked: its graph and
    SHARED_FILES, by size and SHA-256 (once per version of a file and process, read from the page cache: under 1 ms
    for the tokenizer, under 0.1 s for the 59 MB int8 graph, about 0.1 s for the 90 MB float32 one; by size alone
    when not `hashed`); a tokenizer recorded before hashes were is loaded when `thorough`, else only found."""
    check = tag.variants[variant]
    wanted = [(check.file, (check.size, check.sha256))]
    wanted += [(name, tag.files.get(name)) for name in SHARED_FILES]
    damaged = []
    for name, record in wanted:
        path = folder / name
        try:
            stat = path.stat()
            if record is None:
                whole = path.is_file() and (not thorough or _loads(path, stat.st_size, stat.st_mtime_ns))
            else:
                size, sha256 = record
                whole = stat.st_size == size and (
                    not hashed or _content_hash(path, stat.st_size, stat.st_mtime_ns) == sha256
                )
        except OSError:
            whole = False
        if not whole:
            damaged.append(name)
    return damaged


@functools.lru_cache(maxsize=8)
def _loads(path: Path, size: int, mtime_ns: int) -> bool:
    """Whether a tokenizer file with no recorded hash loads (75 ms here; only asked by checks and index runs)."""
    try:
        from tokenizers import Tokenizer

        Tokenizer.from_file(str(path))
    except Exception:  # noqa: BLE001 - any failure to load is damage
        return False
    return True


def export_warnings(folder: Path, label: str = "") -> list[str]:
    """What `status` warns of the ONNX export of an index folder when the index still answers without it: its
    record is from another version of askdocs, or missing from an index built with ONNX (`label` "onnx-..."), so
    questions take the slower PyTorch model until it is made again. Not damage: nothing stops a question (see
    export_problems)."""
    if read_tag(folder) is not None or _unreadable(folder / EXPORT_TAG):
        return []
    if (folder / EXPORT_TAG).is_file():
        return [
            f"{EXPORT_TAG}: the record of the ONNX export is from another version of askdocs, so questions use"
            f" the slower PyTorch model; {REPAIR}"
        ]
    if label.startswith("onnx"):
        return [
            f"{EXPORT_TAG}: missing (the record of the ONNX export), so questions use the slower PyTorch model,"
            f" with the same documents; {REPAIR}"
        ]
    return []


def question_variants(label: str) -> tuple[str, ...]:
    """The variants questions on an index labelled `label` try, in order: int8 first when the index's vectors are
    int8, then float32."""
    return ("int8", "fp32") if label == "onnx-int8" else ("fp32",)


def question_variant(tag: ExportTag, label: str) -> str:
    """The variant questions on an index labelled `label` load (askdocs.encoders.choose.for_questions): the first of
    `question_variants` whose graph passed its check, else float32."""
    checked = (v for v in question_variants(label) if (check := tag.variants.get(v)) is not None and check.ok)
    return next(checked, "fp32")


def export_problems(folder: Path, label: str = "", *, hashed: bool = True) -> list[str]:
    """What `status` calls damage in the ONNX exports an index folder records, each of which stops questions
    until `askdocs index` makes it again: each file of a checked variant (graph, tokenizer) whose bytes are no
    longer the ones checked, or missing; the record itself when it cannot be read. The files questions on an index
    labelled `label` load are always checked as a question checks them, by size and SHA-256 (under 0.1 s for the
    59 MB int8 graph, once per process); the others by size alone unless `hashed` (`status --check`, which also
    loads a tokenizer recorded without a hash). Empty when all are whole, or when there is no record to read (see
    export_warnings)."""
    tag = read_tag(folder)
    if tag is None:
        if _unreadable(folder / EXPORT_TAG):  # questions stop with an error until it is made again
            return [f"{EXPORT_TAG}: the record of the ONNX export is damaged; {REPAIR}"]
        return []
    damaged: list[str] = []
    used = question_variant(tag, label)
    for variant, check in sorted(tag.variants.items()):
        if check.ok:
            found = damaged_files(folder, tag, variant, thorough=hashed, hashed=hashed or variant == used)
            damaged += [n for n in found if n not in damaged]
    return [
        f"{name}: the ONNX export is not the file that was checked (damaged, replaced or missing); {REPAIR}"
        for name in damaged
    ]


def forget_damaged(folder: Path) -> list[str]:
    """Drop every checked variant with a file that is no longer the one that was checked from the folder's tag,
    and those files: the next run that needs that variant exports (or fetches) it again, and `status --check`
    stops reporting damage that nothing mends (an unused fp32 graph beside the int8 one questions use). The
    dropped files' names."""
    tag = read_tag(folder)
    if tag is None:
        return []
    bad = {v: damaged_files(folder, tag, v) for v, check in tag.variants.items() if check.ok}
    bad = {v: files for v, files in bad.items() if files}
    if not bad:
        return []
    kept = {v: check for v, check in tag.variants.items() if v not in bad}
    atomic_write_bytes(folder / EXPORT_TAG, replace(tag, variants=kept).as_json().encode("utf-8"))
    names = sorted({tag.variants[v].file for v in bad} | {n for files in bad.values() for n in files})
    for name in names:
        (folder / name).unlink(missing_ok=True)  # the cache keeps and checks its own copy
    return names


@functools.lru_cache(maxsize=8)
def _content_hash(path: Path, size: int, mtime_ns: int) -> str:
    """A graph's SHA-256, once per process for one version of the file (the chat asks many questions)."""
    return file_sha256(path)


def find_export(folder: Path | None, model: str, variant: str = "fp32", *, threads: int = 0) -> OnnxEncoder | None:
    """The ONNX embedder for `model` from an index folder, if an export there passed its check; nothing loads yet."""
    if folder is None:
        return None
    tag = read_tag(folder)
    if tag is None:
        if _unreadable(folder / EXPORT_TAG):  # the record of a checked export is damaged: never fall back silently
            raise ExportDamaged(f"the ONNX export's record {folder / EXPORT_TAG} cannot be read (damaged); {REPAIR}")
        return None
    if not usable(folder, tag, model, variant):
        check = tag.variants.get(variant) if tag.model == model else None
        if check is not None and check.ok:  # it was checked, and is no longer what was checked: never fall back
            file = (damaged_files(folder, tag, variant) or [check.file])[0]
            raise ExportDamaged(
                f"the ONNX export {folder / file} is not the file that was checked (damaged, replaced or missing);"
                f" {REPAIR}"
            )
        return None
    return OnnxEncoder(folder, tag, variant, threads=threads)


def session_options(threads: int) -> object:
    """ONNX Runtime options: `threads` intra-op threads (0: one per core), no spinning between calls."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


class OnnxEncoder(Encoder):
    """The exported model on ONNX Runtime; loads on first use, thread-safe. A file that fails to open raises
    ModelUnavailable (askdocs.encoders.choose decides what runs; nothing falls back silently here)."""

    concurrent = True
    """An ONNX Runtime session may run on several threads at once."""

    def __init__(self, folder: Path, tag: ExportTag, variant: str = "fp32", *, threads: int = 0) -> None:
        self.name = tag.model
        self.variant = variant
        self.label = f"onnx-{variant}"
        self._threads = threads
        self.path = folder / tag.variants[variant].file
        self.tag = tag
        """The export tag it was found with."""
        self._tag = tag
        self._tokenizer_path = folder / TOKENIZER_FILE
        self._session = None
        self._tokenizer = None
        self._inputs: tuple[str, ...] = ()
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self._tag.dimension

    @property
    def threads(self) -> int:  # type: ignore[override]
        """ONNX Runtime intra-op threads (0: one per core); a new count takes effect with a new session."""
        return self._threads

    @threads.setter
    def threads(self, threads: int) -> None:
        with self._lock:
            if threads != self._threads and self._session is not None:
                self._session = None  # reopened on the next encode, with the new count
            self._threads = threads

    def load(self) -> None:
        self._get()

    def _get(self) -> object:
        """The open session."""
        with self._lock:
            if self._session is None:
                self._open()
            return self._session

    def _open(self) -> None:
        opening = self._tokenizer_path
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
            tokenizer.enable_truncation(max_length=self._tag.max_seq_length)
            tokenizer.no_padding()
            opening = self.path
            session = ort.InferenceSession(
                str(self.path), session_options(self.threads), providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # noqa: BLE001 - any failure to open is one line for the user, naming the file
            raise ModelUnavailable(
                f"the ONNX export {opening} cannot be opened ({type(exc).__name__}: {first_line(exc)});"
                " run: askdocs index --rebuild"
            ) from None
        self._tokenizer, self._session = tokenizer, session
        self._inputs = tuple(i.name for i in session.get_inputs())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text, batched by similar length to waste little padding."""
        return self._encode(texts, alone=False)

    def encode_each(self, texts: list[str]) -> np.ndarray:
        """`encode`, one text a run for the int8 graph: its dynamic quantisation scales activations by the range
        of the whole batch, so beside other texts a sentence's vector moves (cosine 0.974 at worst on news
        sentences); alone, it is the sentence's own, at about the same cost. The float32 graph is batched."""
        return self._encode(texts, alone=self.variant == "int8")

    def _encode(self, texts: list[str], *, alone: bool) -> np.ndarray:
        if not texts:
            return self.empty()
        session = self._get()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for first in range(0, len(texts), TOKENIZE_CHUNK):
            part = list(texts[first : first + TOKENIZE_CHUNK])
            out[first : first + len(part)] = self._encode_part(session, part, alone)
        return out

    def _encode_part(self, session: object, texts: list[str], alone: bool) -> np.ndarray:
        """`encode` for at most TOKENIZE_CHUNK texts: tokenized together, run in length-sorted batches (`alone`:
        one text a run)."""
        encodings = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        start = 0
        while start < len(order):
            end = start + 1  # grow the batch while its padded size (count x longest, sorted) fits the budget
            while not alone and end < len(order) and len(encodings[order[end]].ids) * (end - start + 1) <= TOKEN_BUDGET:
                end += 1
            batch = order[start:end]
            out[batch] = self._run(session, [encodings[i] for i in batch], len(encodings[order[end - 1]].ids))
            start = end
        return out

    def _run(self, session: object, encodings: list, width: int) -> np.ndarray:  # noqa: ANN001 - tokenizers.Encoding
        ids = np.full((len(encodings), width), self._tag.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n], mask[row, :n], types[row, :n] = enc.ids, enc.attention_mask, enc.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (vectors,) = session.run(None, {name: feed[name] for name in self._inputs})  # type: ignore[attr-defined]
        return finite(np.ascontiguousarray(vectors, dtype=np.float32), f"the ONNX export {self.path}")
