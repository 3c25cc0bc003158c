"""Flags every subcommand shares, and the one place they become Settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from askdocs.config import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """--corpus, --index and --model, accepted after any subcommand name."""
    func = click.option("--model", default=None, help="Sentence-transformers model name or path.")(func)
    func = click.option(
        "--index", "index_dir", type=click.Path(path_type=Path), default=None, help="Index folder [default: index/]."
    )(func)
    func = click.option(
        "--corpus", type=click.Path(path_type=Path), default=None, help="Documents folder [default: corpus/]."
    )(func)
    return func


def settings_from(corpus: Path | None, index_dir: Path | None, model: str | None, **extra: Any) -> Settings:
    """Settings with the flags on top of askdocs.toml and ASKDOCS_* variables."""
    return load_settings({"corpus": corpus, "index": index_dir, "model": model, **extra})
