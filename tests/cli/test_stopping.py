"""Ctrl-C handling of `askdocs index`, in process: the first raises, later ones are acknowledged, and once the run
says its last line they are ignored."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from askdocs.cli import stopping


def test_ctrl_c_raises_once_then_is_acknowledged_then_ignored_after_the_last_line(capfd) -> None:
    assert threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        stopping.stop_on_first_interrupt()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # acknowledged, nothing raised
        stopping.finished()
        os.kill(os.getpid(), signal.SIGINT)  # ignored
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        err = capfd.readouterr().err
        assert err.count(stopping.STOPPING) == 1 and err.count(stopping.STILL_STOPPING) == 1, err
    finally:
        signal.signal(signal.SIGINT, before)
