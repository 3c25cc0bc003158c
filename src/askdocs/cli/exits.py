"""The exit code a command has settled on, kept where the command group finds it when the reader goes away."""

from __future__ import annotations

import click

DECIDED_EXIT = "askdocs.decided_exit"


def decided(code: int) -> None:
    """Record the exit code the running command has settled on before it prints its result, so a reader that goes
    away mid-output (`askdocs ask ... | head -3`) still gets it: "not found" stays 1 however the pipe is timed."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta[DECIDED_EXIT] = code
