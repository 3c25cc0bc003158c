"""Ctrl-C during `askdocs index`: the first one says the run is stopping and stops it; later ones only say so again.
A SIGTERM (`kill`, `timeout`, a service manager stopping it) stops the run the same way, and the run then exits
143 (128 + SIGTERM), as a process that signal ends does, rather than 130.

A second KeyboardInterrupt while the run stops could land where it ends the process while a model call still runs
on another thread (ONNX Runtime then aborts with a core dump), so only the first Ctrl-C raises. One Ctrl-C may
arrive twice: `timeout -s INT` signals the command, then its whole process group, which holds the command too.

A run that ends without being stopped gives both signals back as they were (`stops_on_signals`): a program that
calls askdocs.cli.main and goes on must not say "stopping..." on its own later SIGTERM.

A signal taken over is also unblocked on the main thread: a blocked mask survives exec (a parent that starts askdocs
from a thread that blocks SIGINT), and a blocked Ctrl-C would stay pending while the run went on to the end.

The first Ctrl-C's KeyboardInterrupt can be lost: Python runs a signal handler wherever the main thread is, and one
raised inside a weakref callback or a __del__ the garbage collector runs is only printed ("Exception ignored in")
while the run goes on to the end. So the run also checks at its own steps (`check`, `checked`, `stop_requested`),
and such a lost interrupt is not printed.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, TextIO

_Handler = Callable[[int, FrameType | None], Any] | int | None
"""What signal.getsignal returns."""


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
_stopped_by: int | None = None
"""The signal that stopped the run (SIGINT or SIGTERM), once one has."""
_handled: list[int] = []
"""The signals the last `stop_on_first_interrupt` took over."""
_previous: dict[int, _Handler] = {}
"""The handler each of `_handled` had before, given back when the run ends without being stopped."""
_unblocked: set[int] = set()
"""The signals of `_handled` that were blocked on the main thread, unblocked for the run and blocked again by
`give_back`."""
_stop_requested = threading.Event()
"""Set by the first Ctrl-C or SIGTERM of a run, for a loop that waits on an event (a watch) rather than on the
KeyboardInterrupt."""
_hook_before: Callable[[Any], object] | None = None
"""sys.unraisablehook before the run put `_quiet_lost` in its place."""
_DEFAULTS = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
"""Each signal a run stops on, and the action it has when nobody else handles it."""


def stop_on_first_interrupt() -> None:
    """From now on (until `give_back`), the first Ctrl-C (SIGINT) or SIGTERM says it is stopping and raises
    KeyboardInterrupt; later ones are only acknowledged. Each is left as it is off the main thread or when it is
    ignored or handled by someone else (a background job ignores SIGINT, and still stops on SIGTERM)."""
    if threading.current_thread() is not threading.main_thread():
        return
    reset()  # a new run (several run in one process under tests)
    _handled[:] = [signum for signum, default in _DEFAULTS.items() if signal.getsignal(signum) in (default, _first)]
    for signum in _handled:
        handler = signal.getsignal(signum)
        _previous[signum] = _DEFAULTS[signum] if handler is _first else handler  # a run never given back: none
        signal.signal(signum, _first)
    _unblock(_handled)
    if _handled and sys.unraisablehook is not _quiet_lost:
        _hook_before, sys.unraisablehook = sys.unraisablehook, _quiet_lost


def _unblock(signums: list[int]) -> None:
    """Let `signums` reach this (the main) thread, remembering which were blocked; one that was sent while blocked
    is delivered now, and stops the run before it starts."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        return
    _unblocked.update(set(signums) & signal.pthread_sigmask(signal.SIG_BLOCK, []))
    if _unblocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _unblocked)


def give_back() -> None:
    """The run ends: unless a signal stopped it, each signal taken over gets its handler back and nothing of the
    run is remembered. A stopped run keeps them ignored (see `finished`) until the process, which is ending, ends:
    a second signal then must not cut its last steps short."""
    if threading.current_thread() is not threading.main_thread() or _stopped_by is not None:
        return
    for signum in _handled:
        if signal.getsignal(signum) is _first:
            signal.signal(signum, _previous.get(signum, _DEFAULTS[signum]))
    if _unblocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, _unblocked)
    _restore_hook()
    reset()


def _restore_hook() -> None:
    """Give sys.unraisablehook back as the run found it."""
    global _hook_before
    if sys.unraisablehook is _quiet_lost and _hook_before is not None:
        sys.unraisablehook = _hook_before
    _hook_before = None


def reset() -> None:
    """Forget the last run: no signal taken over, none has stopped it (its handlers are left as they are)."""
    global _stopping_since, _stopped_by
    _stopping_since = _stopped_by = None
    _handled.clear()
    _previous.clear()
    _unblocked.clear()
    _stop_requested.clear()
    _restore_hook()


@contextlib.contextmanager
def stops_on_signals() -> Iterator[None]:
    """A run that the first Ctrl-C or SIGTERM stops (`stop_on_first_interrupt`), with the signals given back when
    it ends without being stopped (`give_back`)."""
    stop_on_first_interrupt()
    try:
        yield
    finally:
        give_back()


def exit_code() -> int:
    """The exit code of a run stopped by a signal: 143 for SIGTERM, 130 for Ctrl-C (or an interrupt no handler of
    ours saw)."""
    from askdocs.errors import EXIT_INTERRUPTED, EXIT_TERMINATED

    return EXIT_TERMINATED if _stopped_by == signal.SIGTERM else EXIT_INTERRUPTED


def stop_requested() -> threading.Event:
    """The event the first Ctrl-C or SIGTERM of the run sets (a watch waits on it)."""
    return _stop_requested


def check() -> None:
    """On the main thread, raise KeyboardInterrupt again once a signal has stopped the run: the run reached one of
    its steps, so the first raise was lost (see the module's note). A run stopped as it should never gets here."""
    if _stopped_by is not None and threading.current_thread() is threading.main_thread():
        raise KeyboardInterrupt


def checked(listener: Callable[..., None]) -> Callable[..., None]:
    """`listener`, preceded by `check`: a run's progress reports are its steps."""

    def step(*args: Any) -> None:
        check()
        listener(*args)

    return step


def _quiet_lost(unraisable: Any) -> None:
    """sys.unraisablehook during a run: the stopping run's KeyboardInterrupt where Python could not raise it is
    not printed (the run raises it again at its next step); anything else goes to the hook before."""
    if _stopped_by is not None and isinstance(unraisable.exc_value, KeyboardInterrupt):
        return
    (_hook_before or sys.__unraisablehook__)(unraisable)


def _first(signum: int, frame: FrameType | None) -> None:
    """The first Ctrl-C or SIGTERM: later ones go to `_again`, then the run stops. Python gives SIGINT its default
    action back as it exits (a Ctrl-C then would end the process by the signal, not with 130), unless it is
    ignored; SIGTERM is ignored then too."""
    global _stopping_since, _stopped_by
    _stopping_since = time.monotonic()
    _stopped_by = signum
    _stop_requested.set()
    for handled in _handled:
        signal.signal(handled, _again)
        atexit.register(signal.signal, handled, signal.SIG_IGN)
    _say(STOPPING)
    raise KeyboardInterrupt


def _again(signum: int, frame: FrameType | None) -> None:
    """A Ctrl-C (or SIGTERM) while the run stops: acknowledged, nothing raised; the first one delivered again (or a
    signal sent at once with it) is not."""
    if _stopping_since is not None and time.monotonic() - _stopping_since < SAME_INTERRUPT:
        return
    _say(STILL_STOPPING)


def finished() -> None:
    """The stopped run is about to say its last line: Ctrl-Cs (and SIGTERMs) from now on are ignored, not
    acknowledged below it ("already stopping" after the line that says what the index keeps)."""
    for signum in _DEFAULTS:
        if signal.getsignal(signum) is _again:
            signal.signal(signum, signal.SIG_IGN)


def _say(line: str) -> None:
    """Write to standard error without its Python buffer (a signal handler may run inside a write to it); on a
    terminal, over the progress bar's line (the bar draws itself again below)."""
    try:
        fd = sys.stderr.fileno()
        os.write(fd, (("\r\x1b[2K" if os.isatty(fd) else "") + line).encode("utf-8"))
    except (OSError, ValueError):
        pass
