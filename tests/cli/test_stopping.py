"""Ctrl-C handling of `askdocs index`, in process: the first raises, later ones are acknowledged, and once the run
says its last line they are ignored."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from askdocs.cli import stopping
from tests.support import fake_commands, sample_folder


def signal_self(signum: int, *, raises: bool = False) -> None:
    """Send this process `signum`, which must raise KeyboardInterrupt if `raises` and must not otherwise. A
    regression fails the test instead of ending the whole test run: the signal is not sent while it has its default
    action (askdocs failing to take it over, or giving it back too early), and a KeyboardInterrupt not expected
    (which pytest takes for the user stopping it) is a failure. (A guard handler of the test's own cannot stand in
    for the first check: askdocs takes over only a signal left to its default action.)"""
    handler = signal.getsignal(signum)
    assert handler not in (signal.SIG_DFL, None), f"{signal.Signals(signum).name} would end the test run"
    try:
        os.kill(os.getpid(), signum)  # its handler runs before os.kill returns
    except KeyboardInterrupt:
        if raises:
            raise
        pytest.fail(f"{signal.Signals(signum).name} raised KeyboardInterrupt")


@contextlib.contextmanager
def default_actions() -> Iterator[None]:
    """SIGINT and SIGTERM as a process started from a shell has them, so that askdocs takes both over; the test
    process's own handlers back afterwards."""
    assert threading.current_thread() is threading.main_thread()
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        stopping.reset()


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
            signal_self(signal.SIGINT, raises=True)
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def test_ctrl_c_raises_once_then_is_acknowledged_then_ignored_after_the_last_line(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stopping, "SAME_INTERRUPT", 0.05)
    with first_interrupt_handled():
        time.sleep(0.1)  # a Ctrl-C of its own, not the first one delivered again
        signal_self(signal.SIGINT)  # acknowledged, nothing raised
        stopping.finished()
        signal_self(signal.SIGINT)  # ignored
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    err = capfd.readouterr().err
    assert err.count(stopping.STOPPING) == 1 and err.count(stopping.STILL_STOPPING) == 1, err


def test_one_ctrl_c_delivered_twice_says_stopping_once(capfd: pytest.CaptureFixture[str]) -> None:
    """`timeout -s INT 3 askdocs index` signals askdocs, then its process group: one interrupt, two signals, and
    the second said "already stopping" under "stopping..."."""
    with first_interrupt_handled():
        signal_self(signal.SIGINT)  # the same Ctrl-C again, at once: nothing raised, nothing said
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

    with default_actions():
        stopping.stop_on_first_interrupt()
        assert stopping.exit_code() == EXIT_INTERRUPTED
        with pytest.raises(KeyboardInterrupt):
            signal_self(signal.SIGTERM, raises=True)
        signal_self(signal.SIGTERM)  # `timeout` signals the command, then its process group: no second raise
        signal_self(signal.SIGINT)  # nor for a Ctrl-C at the same moment
        assert stopping.exit_code() == EXIT_TERMINATED == 143
        stopping.finished()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    assert capfd.readouterr().err == stopping.STOPPING


def test_sigterm_is_still_handled_when_sigint_is_ignored() -> None:
    """A background job (`askdocs index &`) starts with SIGINT ignored; `kill %1` must still stop it safely."""
    with default_actions():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stopping.stop_on_first_interrupt()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        with pytest.raises(KeyboardInterrupt):
            signal_self(signal.SIGTERM, raises=True)


class _Report:
    """What an index run that finished reports, SIGTERM coming while its summary is written."""

    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    no_documents = None

    def summary(self) -> str:
        signal_self(signal.SIGTERM, raises=True)
        return "never shown"


def test_sigterm_while_the_summary_is_written_ends_with_143_and_the_runs_closing_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """SIGTERM once the run had finished, while it said how it went, reached the command library: an empty line,
    "askdocs: interrupted" and exit 130, as if Ctrl-C had stopped it."""
    from askdocs.cli import main
    from askdocs.cli.index import INTERRUPTED_DONE
    from askdocs.errors import EXIT_TERMINATED

    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("askdocs.indexer.index_corpus", lambda *args, **kwargs: _Report())
    with default_actions(), pytest.raises(SystemExit) as stop:
        main(["index"])
    err = capfd.readouterr().err
    assert stop.value.code == EXIT_TERMINATED, err
    assert err == f"{stopping.STOPPING}askdocs: {INTERRUPTED_DONE}\n", err


@pytest.mark.parametrize("ending", ["done", "failed"])
def test_an_index_run_that_ends_unstopped_gives_the_signals_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], ending: str
) -> None:
    """A program that calls askdocs.cli.main(["index"]) and goes on kept askdocs's handlers: its own later Ctrl-C
    or SIGTERM said "askdocs: stopping..." and raised KeyboardInterrupt wherever it was."""
    from askdocs.cli import main
    from askdocs.errors import EXIT_INDEX, IndexUnusable

    fake_commands(monkeypatch, sample_folder(tmp_path))
    if ending == "failed":

        def fails(*args: object, **kwargs: object) -> None:
            raise IndexUnusable("the index is busy")

        monkeypatch.setattr("askdocs.indexer.index_corpus", fails)
    with default_actions():
        try:
            main(["index"])
            code = 0
        except SystemExit as stop:
            code = int(stop.code or 0)
        assert code == (0 if ending == "done" else EXIT_INDEX), capfd.readouterr().err
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        with pytest.raises(KeyboardInterrupt):
            signal_self(signal.SIGINT, raises=True)  # the program's own Ctrl-C, as it was before
        assert stopping.exit_code() == 130
    assert "stopping" not in capfd.readouterr().err


@contextlib.contextmanager
def blocked(signum: int) -> Iterator[None]:
    """`signum` blocked on this thread, as a process started from a thread that blocks it has it; the mask back
    afterwards, and a signal a regression left pending dropped instead of reaching the test run."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signum})
    try:
        yield
    finally:
        handler = signal.getsignal(signum)
        signal.signal(signum, signal.SIG_IGN)  # discards a pending one
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        signal.signal(signum, handler)


def to_this_thread(signum: int) -> None:
    """Send `signum` to this thread alone: sent to the process, another thread of the test run that does not
    block it would take it, where a process started with it blocked has no such thread."""
    signal.pthread_kill(threading.get_ident(), signum)


def test_a_ctrl_c_blocked_when_the_run_started_still_stops_it(capfd: pytest.CaptureFixture[str]) -> None:
    """A blocked signal mask survives exec: an index run started with SIGINT blocked left each Ctrl-C pending, and
    indexed every file to the end with exit 0, saying nothing. The run unblocks what it takes over."""
    with default_actions(), blocked(signal.SIGINT):
        stopping.stop_on_first_interrupt()
        with pytest.raises(KeyboardInterrupt):
            to_this_thread(signal.SIGINT)
    assert capfd.readouterr().err == stopping.STOPPING


def test_a_ctrl_c_pending_when_the_run_starts_stops_it_at_once(capfd: pytest.CaptureFixture[str]) -> None:
    """One sent while it was blocked, before the run took it over, stops the run as it starts."""
    with default_actions(), blocked(signal.SIGINT):
        to_this_thread(signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            stopping.stop_on_first_interrupt()
    assert capfd.readouterr().err == stopping.STOPPING


def test_a_run_that_ends_unstopped_blocks_again_what_it_unblocked() -> None:
    """A program that blocks SIGINT and calls askdocs.cli.main(["index"]) has it blocked again afterwards."""
    with default_actions(), blocked(signal.SIGINT):
        stopping.stop_on_first_interrupt()
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        stopping.give_back()
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
