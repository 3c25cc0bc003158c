"""The `askdocs` command line: a thin layer that parses flags, calls the core and prints text or JSON.

This module imports nothing of its own at load time, so that Ctrl-C while the command line is still loading
ends as quietly (one line, exit 130) as Ctrl-C later on.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130
"""askdocs.errors.EXIT_INTERRUPTED, repeated here so that nothing is imported before the handler is in place."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: load the command line (see askdocs.cli.group) and run the command."""
    try:
        from askdocs.cli.group import run
    except KeyboardInterrupt:
        sys.stderr.write("askdocs: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    run(argv)
