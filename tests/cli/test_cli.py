"""The command line as a user runs it: subprocesses, exit codes, one-line errors, no needless heavy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from askdocs.indexer import index_corpus
from tests.support import FakeEmbedder

pytestmark = pytest.mark.slow  # runs askdocs in subprocesses


def run(*args: str, cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "askdocs", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


def _imports_after(code: str, cwd: Path) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=120)
    return set(out.stdout.split())


def test_help_does_not_import_torch(tmp_path: Path) -> None:
    mods = _imports_after(
        "from askdocs.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass", tmp_path
    )
    assert "askdocs.cli" in mods
    assert not {"torch", "sentence_transformers", "faiss", "textual", "numpy"} & mods


def test_core_never_imports_the_ui(tmp_path: Path) -> None:
    code = "import askdocs.answering, askdocs.indexer, askdocs.retrieval, askdocs.store.index_store"
    code += ", askdocs.ingest.documents"
    mods = _imports_after(code, tmp_path)
    assert "askdocs.store.index_store" in mods
    assert not {"textual", "click", "torch", "sentence_transformers"} & mods


def test_status_reports_index_and_staleness_without_torch(fake_settings, tmp_path: Path) -> None:
    index_corpus(fake_settings, embedder=FakeEmbedder())
    (fake_settings.corpus / "new.txt").write_text("Fresh news about the harbour.")
    code = (
        "from askdocs.cli import main\n"
        f"args = ['status', '--index', {str(fake_settings.index)!r}, '--corpus', {str(fake_settings.corpus)!r}]\n"
        "try:\n    main(args)\n"
        "except SystemExit:\n    pass"
    )
    mods = _imports_after(code, tmp_path)
    assert not {"torch", "sentence_transformers", "transformers"} & mods
    out = run(
        "status", "--json", "--index", str(fake_settings.index), "--corpus", str(fake_settings.corpus), cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["stale"] is True and data["new"] == ["new.txt"]
    assert data["index"]["documents"] == 1 and data["index"]["model"] == "fake"
    text = run("status", "--index", str(fake_settings.index), "--corpus", str(fake_settings.corpus), cwd=tmp_path)
    assert "stale" in text.stdout and "new.txt" in text.stdout
    assert data["corpus_missing"] is False

    corpus = str(fake_settings.corpus)
    fake_settings.corpus.rename(tmp_path / "away")  # the folder is missing, not its documents removed
    text = run("status", "--index", str(fake_settings.index), "--corpus", corpus, cwd=tmp_path)
    assert text.returncode == 0 and "the folder is missing" in text.stdout and "removed" not in text.stdout
    data = json.loads(
        run("status", "--json", "--index", str(fake_settings.index), "--corpus", corpus, cwd=tmp_path).stdout
    )
    assert data["corpus_missing"] is True and data["stale"] is False and data["removed"] == []
    gone = str(tmp_path / "gone")  # a mistyped corpus folder: an error naming the index's own
    text = run("status", "--index", str(fake_settings.index), "--corpus", gone, cwd=tmp_path)
    said = f"--corpus {gone} does not exist; the index at {fake_settings.index} was built from"  # as named
    assert text.returncode == 2 and said in text.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ask", "hello"], 6, "no askdocs project here"),
        (["search", "hello"], 6, "no askdocs project here"),
        (["status"], 6, "no askdocs project here"),
        (["index", "--corpus", "does-not-exist"], 6, "--corpus ./does-not-exist does not exist: make it (mkdir -p"),
        (["ask", ""], 2, "the question is empty"),
        (["ask"], 2, "Missing argument 'QUESTION'. (see: askdocs ask --help)"),
        (["nonsense"], 2, "No such command 'nonsense'. (see: askdocs --help)"),
        (["ask", "--top-k", "0", "x"], 2, "(see: askdocs ask --help)"),
        (["search", "--top-k", "abc", "x"], 2, "'abc' is not a valid whole number"),
        (
            ["ask", "-v"],
            2,
            "No such option '-v'. A question that starts with a dash goes after --: askdocs ask -- \"-v",
        ),
        (["search", "-p in mkdir"], 2, 'goes after --: askdocs search -- "-p ..."'),
        (["--index", "elsewhere", "ask", "x"], 2, "Options go after the command: askdocs ask --index ..."),
        (["--top-k", "3", "search", "x"], 2, "Options go after the command: askdocs search --top-k ..."),
    ],
)
def test_errors_are_one_line_with_distinct_exit_codes(tmp_path: Path, args: list[str], code: int, message) -> None:
    out = run(*args, cwd=tmp_path)
    assert out.returncode == code, out.stderr
    assert "Traceback" not in out.stderr
    if message:
        assert out.stderr.startswith("askdocs: error:") and message in out.stderr
        assert out.stderr.count("\n") == 1


def test_bad_config_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "askdocs.toml").write_text("top_k = 'lots'\n")
    out = run("status", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.startswith("askdocs: error:") and "top_k" in out.stderr


def test_corrupt_index_is_exit_3(tmp_path: Path) -> None:
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "askdocs.sqlite3").write_bytes(b"garbage" * 1000)
    out = run("status", cwd=tmp_path)
    assert out.returncode == 3 and "Traceback" not in out.stderr and "--rebuild" in out.stderr


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    out = run("--version", cwd=tmp_path)
    assert out.returncode == 0 and "askdocs" in out.stdout


def test_a_reader_that_stops_early_still_gets_the_exit_code_the_command_settled_on(
    fake_settings, tmp_path: Path
) -> None:
    """`askdocs status -v | head -1` before the first index: the pipe closes while the files it will read are still
    being listed; the exit code stays 3 (no index), as `ask ... | head` keeps 1 for "not found"."""
    for i in range(1500):
        (fake_settings.corpus / f"note-{i:04d}-with-a-long-name-to-fill-the-pipe.txt").write_text(f"Note {i}.")
    args = [sys.executable, "-m", "askdocs", "status", "-v", "--index", str(fake_settings.index)]
    reader = subprocess.Popen(
        [*args, "--corpus", str(fake_settings.corpus)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None and reader.stdout.readline()
    reader.stdout.close()  # more than a pipe's buffer is still to come
    assert reader.wait(timeout=120) == 3
    assert reader.stderr is not None and b"Traceback" not in reader.stderr.read()


def test_a_reader_that_stops_early_ends_the_command_quietly_with_exit_0(fake_settings, tmp_path: Path) -> None:
    """`askdocs docs | head -1`: the pipe closes while askdocs still writes; that is not "not answered" (exit 1)
    and not an error."""
    for i in range(1500):
        (fake_settings.corpus / f"note-{i:04d}-with-a-long-name-to-fill-the-pipe.txt").write_text(f"Note {i}.")
    index_corpus(fake_settings, embedder=FakeEmbedder())
    args = [sys.executable, "-m", "askdocs", "docs", "--index", str(fake_settings.index)]
    reader = subprocess.Popen(
        [*args, "--corpus", str(fake_settings.corpus)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stdout.readline()
    reader.stdout.close()  # more than a pipe's buffer is still to come
    assert reader.wait(timeout=120) == 0
    assert reader.stderr is not None and reader.stderr.read() == b""
