"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import fake_commands


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with its documents in ec2/ (no corpus/ there), no index yet, and the fake encoder standing
    in for every model."""
    (tmp_path / "ec2").mkdir()
    (tmp_path / "ec2" / "crane.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    fake_commands(monkeypatch, tmp_path)
    return tmp_path
