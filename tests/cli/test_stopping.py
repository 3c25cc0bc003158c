"""Ctrl-C handling of `askdocs index`, in process: the first raises, later ones are acknowledged, and once the run
says its last line they are ignored."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from askdocs.cli import stopping


@contextlib.contextmanager
def first_interrupt_handled() -> Iterator[None]:
    """Ctrl-C handled as `askdocs index` handles it, and the first one already delivered (KeyboardInterrupt
    raised); the test process's own handler back afterwards."""
    assert threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        stopping.stop_on_first_interrupt()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def test_ctrl_c_raises_once_then_is_acknowledged_then_ignored_after_the_last_line(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stopping, "SAME_INTERRUPT", 0.05)
    with first_interrupt_handled():
        time.sleep(0.1)  # a Ctrl-C of its own, not the first one delivered again
        os.kill(os.getpid(), signal.SIGINT)  # acknowledged, nothing raised
        stopping.finished()
        os.kill(os.getpid(), signal.SIGINT)  # ignored
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    err = capfd.readouterr().err
    assert err.count(stopping.STOPPING) == 1 and err.count(stopping.STILL_STOPPING) == 1, err


def test_one_ctrl_c_delivered_twice_says_stopping_once(capfd: pytest.CaptureFixture[str]) -> None:
    """`timeout -s INT 3 askdocs index` signals askdocs, then its process group: one interrupt, two signals, and
    the second said "already stopping" under "stopping..."."""
    with first_interrupt_handled():
        os.kill(os.getpid(), signal.SIGINT)  # the same Ctrl-C again, at once: nothing raised, nothing said
        stopping.finished()
    err = capfd.readouterr().err
    assert err == stopping.STOPPING, err


def test_an_interrupt_between_the_runs_own_checks_ends_with_the_closing_line(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    """A Ctrl-C while the index is written (outside the run's own checks) reached the command library, which
    printed an empty line and a bare "interrupted"; now it is the run's closing line, exit 130."""
    from askdocs.cli import main
    from askdocs.cli.index import INTERRUPTED_WRITING

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The crane was repaired.\n")
    monkeypatch.chdir(tmp_path)

    def writing(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("askdocs.indexer.index_corpus", writing)
    before = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as stop:
            main(["index"])
    finally:
        signal.signal(signal.SIGINT, before)
    assert stop.value.code == 130
    err = capsys.readouterr().err
    assert err.endswith(f"askdocs: {INTERRUPTED_WRITING}\n")
    assert "\n\n" not in err and "askdocs: interrupted\n" not in err, err


def test_sigterm_stops_as_ctrl_c_does_and_exits_143(capfd: pytest.CaptureFixture[str]) -> None:
    """`kill`, `timeout` and a service manager send SIGTERM: the same "stopping...", one KeyboardInterrupt (so the
    run stops where Ctrl-C would, its committed work kept), later signals only acknowledged, and exit code 143."""
    from askdocs.errors import EXIT_INTERRUPTED, EXIT_TERMINATED

    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        stopping.stop_on_first_interrupt()
        assert stopping.exit_code() == EXIT_INTERRUPTED
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)  # `timeout` signals the command, then its process group: no second raise
        os.kill(os.getpid(), signal.SIGINT)  # nor for a Ctrl-C at the same moment
        assert stopping.exit_code() == EXIT_TERMINATED == 143
        stopping.finished()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    assert capfd.readouterr().err == stopping.STOPPING


def test_sigterm_is_still_handled_when_sigint_is_ignored() -> None:
    """A background job (`askdocs index &`) starts with SIGINT ignored; `kill %1` must still stop it safely."""
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        stopping.stop_on_first_interrupt()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
