"""An index folder this user cannot write: questions still answer from it, and every piece of advice that would
send the user to `askdocs index` (which fails there, exit 3) first says what makes that run possible."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from askdocs.config import load_settings
from askdocs.errors import EXIT_INDEX
from askdocs.project import with_folders
from askdocs.store.vectors import FAISS_FILE, META_FILE
from tests.support import fake_commands, run_cli

CHILD = "READ_ONLY_INDEX_CHILD"
"""Set in the child process this test runs in as an unprivileged user, where root writes through chmod."""


def _writable_first(flags: str = "") -> str:
    """The advice an index run is given on a read-only index folder (`flags`: those the suggested run takes)."""
    copy = "or copy the folder somewhere writable and use --index COPY"
    return f"make ./index writable and run: askdocs index{flags}; {copy}"


ADVICE = _writable_first(" --model fake")


def _as_unprivileged_user(test: str) -> None:
    """Run this file's `test` again as an unprivileged user of a new user namespace (root writes through chmod,
    a namespace's mapped user does not), or skip it where namespaces are not allowed."""
    if os.geteuid() != 0 or os.environ.get(CHILD):
        return
    if shutil.which("unshare") is None:
        pytest.skip("root writes through chmod, and unshare is not installed")
    if not _unshare_maps_users():
        pytest.skip("root writes through chmod, and unshare cannot map this user to another here")
    command = ["unshare", "-U", "--map-user=1000", "--map-group=1000", sys.executable, "-m", "pytest", "-q"]
    command += ["-p", "no:cacheprovider", f"{__file__}::{test}"]
    env = {**os.environ, CHILD: "1"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if "unshare failed" in done.stderr or "Operation not permitted" in done.stderr:
        pytest.skip(f"root writes through chmod, and no user namespace here: {done.stderr.strip()}")
    assert done.returncode == 0 and " passed" in done.stdout, done.stdout + done.stderr


@functools.cache
def _unshare_maps_users() -> bool:
    """Whether `unshare -U --map-user=1000` runs here (util-linux before 2.38 has no --map-user, and some
    systems allow no user namespace), asked once."""
    try:
        probe = subprocess.run(
            ["unshare", "-U", "--map-user=1000", "true"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _make_read_only(folder: Path) -> None:
    """chmod `folder` read-only, or skip the test when this user writes through it anyway."""
    folder.chmod(0o555)
    probe = folder / ".probe"
    try:
        probe.touch()
    except PermissionError:
        return
    probe.unlink()
    folder.chmod(0o755)
    pytest.skip(f"chmod does not stop user {os.geteuid()} writing")


@pytest.mark.slow  # as root, runs again in a subprocess
def test_advice_on_a_read_only_index_says_what_makes_an_index_run_possible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0 and not os.environ.get(CHILD):
        _as_unprivileged_user("test_advice_on_a_read_only_index_says_what_makes_an_index_run_possible")
        return
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"n{i}.txt").write_text(f"Crane {i} was inspected on July {i + 1}, 2021.\n")
    fake_commands(monkeypatch, tmp_path)
    assert run_cli(capsys, "index")[0] == 0
    index = tmp_path / "index"
    settings = load_settings({"model": "fake"}, cwd=tmp_path, environ={})
    (index / FAISS_FILE).unlink()
    (index / META_FILE).unlink()
    (corpus / "late.txt").write_text("A crane was painted on July 9, 2021.\n")
    _make_read_only(index)
    try:
        code, _, err = run_cli(capsys, "index")
        assert code == EXIT_INDEX, err  # what the old advice led to
        code, out, err = run_cli(capsys, "ask", "What was inspected on July 2, 2021?")
        assert code == 0 and "corpus/n" in out, (out, err)
        assert f"{FAISS_FILE} could not be saved in " in err and err.count("\n") == 1, err
        assert f"until it is saved ({ADVICE})" in err, err
        code, out, err = run_cli(capsys, "status")
        assert code == 0 and f"stale (1 new); {ADVICE}\n" in out, out
        code, out, err = run_cli(capsys, "status", "--check")
        assert code == 0 and "by every question, until it can be saved" in err and ADVICE in err, err
        assert "by the next question" not in err, err
        damaged = with_folders("the index is damaged; run: askdocs index --rebuild (it reads every file)", settings)
        assert damaged == (
            "the index is damaged; make ./index writable and run: askdocs index --model fake --rebuild;"
            " or copy the folder somewhere writable and use --index COPY (it reads every file)"
        ), damaged
    finally:
        index.chmod(0o755)
    code, out, err = run_cli(capsys, "status")
    assert code == 0 and "stale (1 new); run: askdocs index --model fake\n" in out and "writable" not in out + err, out


@pytest.mark.slow  # as root, runs again in a subprocess
def test_the_chat_stale_badge_on_a_read_only_index_does_not_offer_ctrl_r_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The badge's tooltip said "press ctrl+r to re-index", which fails on a folder this user cannot write."""
    import asyncio

    from askdocs.tui.app import create_app
    from tests.support import FakeEmbedder
    from tests.tui.chat_support import SIZE, fake_project, status_line, wait_until

    if os.geteuid() == 0 and not os.environ.get(CHILD):
        _as_unprivileged_user("test_the_chat_stale_badge_on_a_read_only_index_does_not_offer_ctrl_r_alone")
        return
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("A crane was inspected on July 2, 2021.\n")
    settings = fake_project(tmp_path, monkeypatch)
    (tmp_path / "corpus" / "b.txt").write_text("A crane was painted on July 9, 2021.\n")
    _make_read_only(settings.index)

    async def scenario() -> None:
        app = create_app(settings, save=False, embedder=FakeEmbedder())
        async with app.run_test(size=SIZE) as pilot:
            line = status_line(app)
            await wait_until(pilot, lambda: line.status.stale, what="the stale badge")
            tooltip = str(line.query_one("#stale-badge").tooltip)
            assert "read-only" in tooltip and "writable" in tooltip and "press ctrl+r" not in tooltip, tooltip

    try:
        asyncio.run(scenario())
    finally:
        settings.index.chmod(0o755)


def test_an_unshare_without_map_user_skips_the_unprivileged_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """util-linux before 2.38 refuses --map-user: the runs as an unprivileged user failed there instead of skipping."""
    fake = tmp_path / "unshare"
    fake.write_text("#!/bin/sh\necho \"unshare: unrecognized option '--map-user=1000'\" >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv(CHILD, raising=False)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    cached = getattr(globals().get("_unshare_maps_users"), "cache_clear", None)
    if cached is not None:
        cached()
    try:
        with pytest.raises(pytest.skip.Exception):
            _as_unprivileged_user("test_advice_on_a_read_only_index_says_what_makes_an_index_run_possible")
    finally:
        if cached is not None:
            cached()
