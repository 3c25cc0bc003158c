"""A per-user cache of checked ONNX exports: a second project links the first one's export instead of making it.

The cache is `$ASKDOCS_CACHE`, else `$XDG_CACHE_HOME/askdocs`, else `~/.cache/askdocs`; each export variant is a
folder `onnx/KEY/` shaped like the export part of an index folder (the graph, `tokenizer.json` with float32,
`model.json`) plus `entry.json` with every file's SHA-256. KEY hashes all that changes the exported bytes: the
contents of the model's files (names, sizes and SHA-256, never their folder or times, so two virtual environments
that installed the same model share one export), the export recipe, opset and format, the variant, the float32
graph an int8 one was quantised from, and the torch, transformers, onnx and onnxruntime versions. Hashing the
default model's 87 MB of weights takes about 0.1 s here, and only when an index has no usable export of its own.
An entry is built in a temporary folder and renamed into place whole, so two projects exporting at once never see
half of one. It reaches an index folder, and an index folder's export reaches it, as follows, and counts only if
the placed files match the hashes recorded: a damaged entry is removed and made again. Any failure to read the
cache means a miss; a failure to write it is one note, and the export stays in the index.

The graphs are hard-linked (a copy on another file system); every other file (the tokenizer) is copied. Measured
here on the default model: the graphs are 90 MB (float32) and 59 MB (int8), 149 MB of disk per project copied
and about 0.3 s, against 0.1 ms and nothing linked; `tokenizer.json` is 0.5 MB and copies in 4 ms. A file changed
in place (an editor, `cp` over it, a truncation) changes every hard link of it, so the small text file a user is
likely to open is never shared. A graph damaged in place through a link is damaged in the cache and in every
project linking it, but never silently: each use checks its size and SHA-256 (`askdocs.encoders.onnx.usable`), a
question says which file is damaged and to run `askdocs index`, and that run drops the damaged entry, exports
again and the other projects' runs re-link the new one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from askdocs.config import CACHE_VARIABLE
from askdocs.encoders.models import first_line, resolve_model_path
from askdocs.encoders.onnx import (
    EXPORT_FORMAT,
    EXPORT_TAG,
    TOKENIZER_FILE,
    VARIANT_FILES,
    ExportTag,
    read_tag,
    usable,
)
from askdocs.encoders.onnx_export import OPSET, RECIPE
from askdocs.errors import ModelUnavailable
from askdocs.store.files import atomic_write_bytes, file_sha256

ENTRY_FILE = "entry.json"
LAYOUT = 2
"""Changes whenever the layout of an entry does."""
LIBRARIES = ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime")
"""Packages whose version changes the exported or quantised bytes."""
STALE_SECONDS = 3600
"""Temporary folders older than this were left by a killed run and are removed."""


class Damaged(Exception):
    """A cache entry whose files are not what it recorded."""


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """Where askdocs caches what is the same for every project of a user."""
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_VARIABLE):
        return Path(environ[CACHE_VARIABLE]).expanduser()
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "askdocs"
    return Path.home() / ".cache" / "askdocs"


def entry_key(name: str, variant: str, base_sha256: str = "") -> str | None:
    """The cache key of `variant` of model `name` (None: a model with no local folder is never cached, since
    its files cannot be told apart); `base_sha256` is the float32 graph an int8 one is made from."""
    contents = model_contents(name)
    if contents is None:
        return None
    versions = []
    for package in LIBRARIES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} -")
    parts = [f"layout {LAYOUT}", f"format {EXPORT_FORMAT}", f"recipe {RECIPE}", f"opset {OPSET}", contents]
    parts += [variant, base_sha256, *versions]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def model_contents(name: str) -> str | None:
    """A hash of the names, sizes and bytes of model `name`'s files, wherever they are installed (None: no
    local folder, or one that cannot be read)."""
    try:
        folder = Path(resolve_model_path(name)).expanduser().resolve()
        if not folder.is_dir():
            return None
        parts = []
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest = _file_digest(path, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
                parts.append(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{digest}")
    except (ModelUnavailable, OSError):
        return None
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int, ctime_ns: int, inode: int) -> str:
    """A model file's SHA-256, once per process for one version of the file (a run asks for a key up to four
    times); a write changes the change time even when the modification time is put back."""
    return file_sha256(path)


def _key_for(name: str, variant: str, tag: ExportTag | None) -> str | None:
    if variant == "fp32":
        return entry_key(name, variant)
    base = tag.variants.get("fp32") if tag is not None else None
    return entry_key(name, variant, base.sha256) if base is not None and base.ok else None


def holds(name: str) -> bool:
    """Whether the cache has a float32 export of model `name` (checked only when fetched)."""
    key = entry_key(name, "fp32")
    return key is not None and (cache_root() / "onnx" / key).is_dir()


def fetch(folder: Path, name: str, fingerprint: str, variant: str, tag: ExportTag | None = None) -> ExportTag | None:
    """Put the cached export of `variant` into the index `folder` and return its tag (for float32, the entry's
    tag made out to model `name` and its files' `fingerprint` here; for int8, the folder's `tag` with the
    variant added), or None when the cache has none that is whole."""
    key = _key_for(name, variant, tag)
    if key is None:
        return None
    entry = cache_root() / "onnx" / key
    if not entry.is_dir():
        return None
    placed: list[Path] = []
    try:
        record = json.loads((entry / ENTRY_FILE).read_text(encoding="utf-8"))
        recorded = record["files"]
        if hashlib.sha256((entry / EXPORT_TAG).read_bytes()).hexdigest() != record["tag"]:
            raise Damaged
        cached = read_tag(entry)
        check = cached.variants.get(variant) if cached is not None else None
        if cached is None or check is None or not check.ok:
            raise Damaged
        if recorded.get(check.file) != check.sha256 or (variant == "fp32") != (TOKENIZER_FILE in recorded):
            raise Damaged
        if variant == "fp32":
            (folder / EXPORT_TAG).unlink(missing_ok=True)  # the tag goes last, as when exporting
            merged = replace(cached, model=name, source=fingerprint, variants={variant: check})
        else:
            merged = replace(tag, variants={**tag.variants, variant: check})
        for file, sha256 in recorded.items():
            placed.append(folder / file)
            _place(entry / file, folder / file)
            if file != check.file and file_sha256(folder / file) != sha256:
                raise Damaged
        if variant == "fp32":  # the tokenizer as checked here, so that later damage to it is found
            merged = replace(
                merged, files={TOKENIZER_FILE: ((folder / TOKENIZER_FILE).stat().st_size, recorded[TOKENIZER_FILE])}
            )
        if not usable(folder, merged, name, variant):  # the graph's hash, as every later use checks it
            raise Damaged
        atomic_write_bytes(folder / EXPORT_TAG, merged.as_json().encode("utf-8"))
    except (Damaged, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        for path in placed:
            path.unlink(missing_ok=True)
        if not isinstance(exc, OSError) or isinstance(exc, FileNotFoundError):
            _discard(entry)  # never trusted again: the next export takes its place
        return None
    return merged


def keep(folder: Path, tag: ExportTag, variant: str) -> tuple[str, ...]:
    """Add the checked export of `variant` in the index `folder` to the cache (unless another run just did);
    a note when the cache cannot be written, else nothing."""
    key = _key_for(tag.model, variant, tag)
    check = tag.variants.get(variant)
    if key is None or check is None or not check.ok:
        return ()
    root = cache_root() / "onnx"
    try:
        root.mkdir(parents=True, exist_ok=True)
        _remove_stale(root)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}.", suffix=".tmp", dir=root))
    except OSError as exc:
        return (f"the ONNX export is not cached: {root} cannot be written ({type(exc).__name__}: {first_line(exc)})",)
    try:
        files = {check.file: check.sha256}
        if variant == "fp32":
            files[TOKENIZER_FILE] = file_sha256(folder / TOKENIZER_FILE)
        for file, sha256 in files.items():
            _place(folder / file, staging / file)
            if file_sha256(staging / file) != sha256 or not _as_recorded(tag, file, staging / file):
                return ()  # changed since it was checked: never cached (this run's own checks say so)
        entry_tag = replace(tag, variants={variant: check}).as_json().encode("utf-8")
        atomic_write_bytes(staging / EXPORT_TAG, entry_tag)
        record = {"files": files, "tag": hashlib.sha256(entry_tag).hexdigest()}
        atomic_write_bytes(staging / ENTRY_FILE, json.dumps(record, indent=2).encode("utf-8"))
        with contextlib.suppress(OSError):  # an entry is there already: another run made the same export
            os.rename(staging, root / key)
    except OSError as exc:
        return (f"the ONNX export is not cached: {root} cannot be written ({type(exc).__name__}: {first_line(exc)})",)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ()


def _as_recorded(tag: ExportTag, file: str, path: Path) -> bool:
    """Whether `path` is `file` as `tag` recorded it (a file the tag records nothing of is taken as it is)."""
    record = tag.files.get(file)
    return record is None or (path.stat().st_size, file_sha256(path)) == tuple(record)


def _place(source: Path, target: Path) -> None:
    """`source` at `target`, whole or not at all: a graph by hard link (a copy across file systems), any other
    file by copy, so that changing it in place in one folder never changes it in another (see the top)."""
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        try:
            if source.name not in VARIANT_FILES.values():
                raise OSError("copied, never linked")
            os.link(source, temporary)
        except OSError:
            if not source.is_file():
                raise
            shutil.copyfile(source, temporary)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _discard(entry: Path) -> None:
    """Take a damaged entry out of the cache: renamed aside first, so it never looks whole while removed."""
    aside = entry.with_name(f".{entry.name}.{os.getpid()}.old")
    with contextlib.suppress(OSError):
        os.rename(entry, aside)
    shutil.rmtree(aside, ignore_errors=True)


def _remove_stale(root: Path) -> None:
    """Remove the temporary folders killed runs left (named `.KEY.*.tmp` or `.KEY.*.old`)."""
    now = time.time()
    for path in root.iterdir():
        if path.name.startswith(".") and path.name.endswith((".tmp", ".old")):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)
