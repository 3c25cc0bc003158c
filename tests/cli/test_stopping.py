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
