"""Ctrl-C during `askdocs index`: the first one says the run is stopping and stops it; later ones only say so again.

A second KeyboardInterrupt while the run stops could land where it ends the process while a model call still runs
on another thread (ONNX Runtime then aborts with a core dump), so only the first Ctrl-C raises. One Ctrl-C may
arrive twice: `timeout -s INT` signals the command, then its whole process group, which holds the command too.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import TextIO


def discard(*streams: TextIO) -> None:
    """What is still written to these streams goes nowhere: their reader went away (a broken pipe), and writing
    again, or the final flush as Python exits, must not fail a second time."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in streams:
            os.dup2(quiet, stream.fileno())
    finally:
        os.close(quiet)


STOPPING = "askdocs: stopping...\n"
STILL_STOPPING = "askdocs: already stopping\n"
SAME_INTERRUPT = 1.0
"""Seconds after the first SIGINT within which another is that one delivered again, not a new Ctrl-C, and is not
acknowledged (the two deliveries of `timeout` come microseconds apart; a person's second Ctrl-C, after reading
"stopping...", later)."""

_stopping_since: float | None = None
"""When the first Ctrl-C was handled (time.monotonic), while the run stops."""


def stop_on_first_interrupt() -> None:
    """From now until the process ends, the first Ctrl-C (SIGINT) says it is stopping and raises KeyboardInterrupt;
    later ones are only acknowledged. Left as it is off the main thread or when SIGINT is ignored or handled by
    someone else (a background job ignores it)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    signal.signal(signal.SIGINT, _first)


def _first(signum: int, frame: FrameType | None) -> None:
    """The first Ctrl-C: later ones go to `_again`, then the run stops. Python gives SIGINT its default action
    back as it exits (a Ctrl-C then would end the process by the signal, not with 130), unless it is ignored."""
    global _stopping_since
    _stopping_since = time.monotonic()
    signal.signal(signal.SIGINT, _again)
    atexit.register(signal.signal, signal.SIGINT, signal.SIG_IGN)
    _say(STOPPING)
    raise KeyboardInterrupt


def _again(signum: int, frame: FrameType | None) -> None:
    """A Ctrl-C while the run stops: acknowledged, nothing raised; the first one delivered again is not."""
    if _stopping_since is not None and time.monotonic() - _stopping_since < SAME_INTERRUPT:
        return
    _say(STILL_STOPPING)


def finished() -> None:
    """The stopped run is about to say its last line: Ctrl-Cs from now on are ignored, not acknowledged below it
    ("already stopping" after the line that says what the index keeps)."""
    if signal.getsignal(signal.SIGINT) is _again:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _say(line: str) -> None:
    """Write to standard error without its Python buffer (a signal handler may run inside a write to it); on a
    terminal, over the progress bar's line (the bar draws itself again below)."""
    try:
        fd = sys.stderr.fileno()
        os.write(fd, (("\r\x1b[2K" if os.isatty(fd) else "") + line).encode("utf-8"))
    except (OSError, ValueError):
        pass
