"""Outside a project folder: one line that says where askdocs looked and what to do, with its own exit code; a
missing corpus folder is named as missing; ASKDOCS_HOME makes a project usable from anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.config import load_settings
from askdocs.errors import EXIT_INDEX, EXIT_NO_PROJECT, EXIT_USAGE, ConfigError, CorpusMissing, NoProject
from askdocs.indexer import index_corpus
from askdocs.project import require_project
from tests.support import REPO, FakeEmbedder, sample_folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """askdocs in this process (the working directory is the test's); its exit code and standard error."""
    try:
        main(list(args))
    except SystemExit as stop:
        return int(stop.code or 0), capsys.readouterr().err
    return 0, capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "Who was arrested?"],
        ["search", "arrested"],
        ["status"],
        ["status", "--json"],
        ["docs"],
        ["docs", "--json"],
        ["chat"],
        ["chat", "--export", "earlier"],
    ],
)
def test_a_folder_with_no_corpus_and_no_index_is_no_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, *args)
    assert code == EXIT_NO_PROJECT == 6
    assert err.count("\n") == 1 and err.startswith("askdocs: error: no askdocs project here")
    assert "looked for ./corpus and ./index" in err
    assert "--corpus DIR --index DIR" in err and "ASKDOCS_HOME=DIR" in err and "mkdir -p ./corpus" in err
    assert not (tmp_path / "index").exists()  # nothing was created on the way


def test_index_names_the_missing_corpus_folder_and_how_to_make_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "index")
    assert code == EXIT_NO_PROJECT and err.count("\n") == 1
    assert err.startswith("askdocs: error: the corpus folder ./corpus is missing; to start a project here:")
    assert "mkdir -p ./corpus, put your documents in it, then run askdocs index --corpus ./corpus;" in err
    assert not (tmp_path / "index").exists()
    code, err = run(capsys, "index", "--corpus", "my docs")  # the folder given, never "DIR"
    assert code == EXIT_NO_PROJECT and err == (
        "askdocs: error: --corpus './my docs' does not exist: make it (mkdir -p './my docs') and put your documents"
        " in it, or name the folder they are in instead\n"
    )

    sample_folder(tmp_path)
    index_corpus(load_settings({"model": "fake"}, cwd=tmp_path, environ={}), embedder=FakeEmbedder())
    (tmp_path / "corpus" / "mexico-cartel-arrests.txt").unlink()
    (tmp_path / "corpus").rmdir()
    code, err = run(capsys, "index", "--model", "fake")
    assert code == EXIT_NO_PROJECT
    assert "the corpus folder ./corpus is missing (the index ./index is there)" in err and "mkdir -p" in err
    code, err = run(capsys, "status")  # the index still answers for what it holds
    assert code == 0, err


@pytest.mark.parametrize("command", [["ask", "Who?"], ["search", "arrested"], ["status"], ["docs"]])
def test_an_index_named_that_is_not_there_is_the_error_with_or_without_a_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`askdocs ask --index /tmp/nope-index` outside a project said "no askdocs project here (looked for ./corpus
    and ./nope-index) ... mkdir -p ./corpus", exit 6, and with --corpus added "no index at ...", exit 3: the index
    the user named is what is missing either way, whether a flag or a variable named it."""
    work, documents = tmp_path / "work", sample_folder(tmp_path / "docs") / "corpus"
    work.mkdir()
    monkeypatch.chdir(work)
    nope = work / "nope-index"
    said = f"askdocs: error: no index at {nope} (run: askdocs index"
    for corpus in ([], ["--corpus", str(documents)]):
        code, err = run(capsys, *command, "--index", str(nope), *corpus)
        assert code == EXIT_INDEX and err.startswith(said) and err.count("\n") == 1, err
        assert f"--index {nope}" in err and "no askdocs project" not in err and "mkdir" not in err
    monkeypatch.setenv("ASKDOCS_INDEX", str(nope))
    code, err = run(capsys, *command)
    assert code == EXIT_INDEX and err.startswith(said), err
    code, err = run(capsys, "chat")
    assert code == EXIT_INDEX and err.startswith(said), err
    assert not nope.exists()


@pytest.mark.parametrize("command", [["ask", "Who?"], ["status"]])
def test_an_index_named_from_the_working_folder_is_shown_from_it_however_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`cd /tmp && askdocs ask q --index nope-index` said "no index at /tmp/nope-index", `--index
    ../tmp/nope-index` "/tmp/../tmp/nope-index", and ASKDOCS_INDEX=nope "/tmp/nope": the index is shown as every
    other message shows a folder (./nope-index, ../work/nope-index as typed), whether or not a corpus folder lets
    the command open it; the command suggested names it by its full path, `..` resolved."""
    work, documents = tmp_path / "work", sample_folder(tmp_path / "docs") / "corpus"
    work.mkdir()
    monkeypatch.chdir(work)
    said = f"askdocs: error: no index at ./nope-index (run: askdocs index --corpus DIR --index {work / 'nope-index'})"
    for named, shown in (
        ("nope-index", "./nope-index"),
        ("./nope-index", "./nope-index"),
        ("../work/nope-index", "../work/nope-index"),
    ):
        for corpus in ([], ["--corpus", str(documents)]):
            code, err = run(capsys, *command, "--index", named, *corpus)
            expected = said.replace("./nope-index", shown)
            expected = expected.replace("--corpus DIR", f"--corpus {documents}") if corpus else expected
            assert (code, err) == (EXIT_INDEX, expected + "\n"), (named, corpus)
    monkeypatch.setenv("ASKDOCS_INDEX", "nope-index")
    code, err = run(capsys, *command)
    assert (code, err) == (EXIT_INDEX, said + "\n")
    assert not (work / "nope-index").exists()


@pytest.mark.parametrize("command", [["ask", "Who?"], ["search", "arrested"], ["status"], ["docs"]])
def test_an_index_named_that_is_a_file_says_so_with_or_without_a_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`askdocs ask who --index /tmp/x/fileidx` outside a project said "no index at ... (run: askdocs index ...)",
    advice that fails on a file; with --corpus, rightly, that the index folder is a file."""
    work, documents = tmp_path / "work", sample_folder(tmp_path / "docs") / "corpus"
    work.mkdir()
    (work / "fileidx").write_text("not an index")
    monkeypatch.chdir(work)
    for named, shown in ((str(work / "fileidx"), str(work / "fileidx")), ("fileidx", "./fileidx")):
        for corpus in ([], ["--corpus", str(documents)]):
            code, err = run(capsys, *command, "--index", named, *corpus)
            said = f"askdocs: error: the index folder {shown} is a file, not a folder\n"
            assert (code, err) == (EXIT_INDEX, said), (named, corpus)
    assert (work / "fileidx").read_text() == "not an index"


def test_a_folder_named_by_its_full_path_is_shown_so_even_from_the_folder_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cd /tmp && askdocs index --corpus /tmp/trial-nope --index /tmp/x` said "the corpus folder ./trial-nope is
    missing ..." in one line of 330 characters: the folder is shown as named, in a line that starts with it."""
    monkeypatch.chdir(tmp_path)
    corpus, index = tmp_path / "trial-nope", tmp_path / "x"
    code, err = run(capsys, "index", "--corpus", str(corpus), "--index", str(index))
    assert code == EXIT_NO_PROJECT and err.count("\n") == 1 and len(err) - 2 * len(str(corpus)) < 150, err
    assert err.startswith(f"askdocs: error: --corpus {corpus} does not exist: make it (mkdir -p {corpus})"), err
    assert "./trial-nope" not in err and "./x" not in err
    code, err = run(capsys, "ask", "Who?", "--corpus", str(corpus))  # nothing else named: no project here
    assert code == EXIT_NO_PROJECT and f"(looked for {corpus} and ./index)" in err, err
    sample_folder(tmp_path / "p")
    index_corpus(load_settings({"model": "fake"}, cwd=tmp_path / "p", environ={}), embedder=FakeEmbedder())
    (tmp_path / "p" / "corpus" / "mexico-cartel-arrests.txt").unlink()
    (tmp_path / "p" / "corpus").rmdir()
    code, err = run(
        capsys, "index", "--model", "fake", "--corpus", str(tmp_path / "p" / "corpus"), "--index", "p/index"
    )
    assert code == EXIT_NO_PROJECT, err
    assert f"the corpus folder {tmp_path / 'p' / 'corpus'} is missing (the index p/index is there)" in err, err


def test_a_mistyped_corpus_before_the_first_index_points_to_the_folder_it_likely_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_folder(tmp_path)  # ./corpus holds the documents; there is no index yet
    (tmp_path / "corpus" / "more").mkdir()
    (tmp_path / "corpus" / "more" / "b.md").write_text("# More\n\nA second file, in a subfolder.")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("a note")
    monkeypatch.chdir(tmp_path)
    files = sum(1 for path in (tmp_path / "corpus").rglob("*") if path.is_file())  # 2 or more: "files"
    for args, said, meant in [
        (["index", "--corpus", "/tmp/no-such-folder"], "--corpus /tmp/no-such-folder", "--corpus ./corpus"),
        (["index", "--corpus", "corpuss"], "--corpus ./corpuss", "--corpus ./corpus"),
        (["index", "--corpus", "note"], "--corpus ./note", "--corpus ./notes"),  # a close name beside it first
        (["ask", "--corpus", "/tmp/no-such-folder", "Who?"], "--corpus /tmp/no-such-folder", "--corpus ./corpus"),
    ]:
        code, err = run(capsys, *args)
        assert code == EXIT_USAGE and err.count("\n") == 1, err
        holds = "./notes holds 1 file " if meant.endswith("notes") else f"./corpus holds {files} files "
        assert f"askdocs: error: {said} does not exist; {holds}(did you mean {meant}?)" in err
        assert "mkdir" not in err
    monkeypatch.setenv("ASKDOCS_CORPUS", "/tmp/no-such-folder")
    code, err = run(capsys, "index")
    assert code == EXIT_USAGE and "(did you mean ASKDOCS_CORPUS=./corpus?)" in err
    monkeypatch.delenv("ASKDOCS_CORPUS")
    (tmp_path / "askdocs.toml").write_text('[askdocs]\ncorpus = "corpos"\n')
    code, err = run(capsys, "index")
    assert code == EXIT_USAGE and '(did you mean corpus = "./corpus" in ./askdocs.toml?)' in err
    assert not (tmp_path / "index").exists()
    empty = tmp_path / "empty"  # nothing there suggests a typo: the advice to make the folder stays
    empty.mkdir()
    monkeypatch.chdir(empty)
    code, err = run(capsys, "index", "--corpus", "/tmp/no-such-folder")
    assert code == EXIT_NO_PROJECT and "mkdir -p /tmp/no-such-folder" in err


def test_only_a_folder_whose_name_reads_as_a_typo_of_the_one_named_is_suggested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder beside the one named that merely shares the start of its name is another folder, not the one meant:
    suggesting it could lead to indexing the wrong documents."""
    for folder in ("trialJ-out", "reports", "notes-b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("a file")
    monkeypatch.chdir(tmp_path)  # no ./corpus: nothing to fall back on
    for typed in ("trialJ-nope", "notes-a", "rep"):
        code, err = run(capsys, "index", "--corpus", typed)
        assert code == EXIT_NO_PROJECT and "did you mean" not in err and f"mkdir -p ./{typed}" in err, err
    code, err = run(capsys, "index", "--corpus", "reprots")
    assert code == EXIT_USAGE and "(did you mean --corpus ./reports?)" in err
    sample_folder(tmp_path)  # ./corpus holds the documents: a typo of it still points there
    code, err = run(capsys, "index", "--corpus", "corpsu")
    assert code == EXIT_USAGE and "(did you mean --corpus ./corpus?)" in err
    code, err = run(capsys, "index", "--corpus", "trialJ-nope")  # the folder askdocs uses unnamed, not trialJ-out
    assert code == EXIT_USAGE and "(did you mean --corpus ./corpus?)" in err


def test_a_corpus_that_is_a_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    code, err = run(capsys, "index", "--corpus", "notes.txt")
    assert code == EXIT_USAGE and "the corpus ./notes.txt is not a folder" in err


def test_a_folder_with_a_corpus_but_no_index_still_says_to_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "ask", "Who was arrested?")
    assert code == 3 and "run: askdocs index" in err


def test_require_project_in_the_core(tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path, environ={})
    with pytest.raises(NoProject, match="looked for"):
        require_project(settings, cwd=tmp_path)
    with pytest.raises(CorpusMissing):
        require_project(settings, indexing=True, cwd=tmp_path)
    elsewhere = tmp_path.parent / "elsewhere"
    with pytest.raises(NoProject, match=f"looked for {tmp_path / 'corpus'} and {tmp_path / 'index'}"):
        require_project(settings, cwd=elsewhere)  # outside the folder, the full paths are shown
    (tmp_path / "corpus").mkdir()
    require_project(settings, cwd=tmp_path)
    require_project(settings, indexing=True, cwd=tmp_path)


def test_askdocs_home_names_the_project_from_anywhere(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    sample_folder(project)
    elsewhere.mkdir()
    (project / "askdocs.toml").write_text("[askdocs]\ntop_k = 7\n")
    settings = load_settings(cwd=elsewhere, environ={"ASKDOCS_HOME": str(project)})
    assert settings.corpus == project / "corpus" and settings.index == project / "index" and settings.top_k == 7
    relative = load_settings(cwd=tmp_path, environ={"ASKDOCS_HOME": "project", "ASKDOCS_TOP_K": "3"})
    assert relative.corpus == project / "corpus" and relative.top_k == 3
    with pytest.raises(ConfigError, match="ASKDOCS_HOME"):
        load_settings(cwd=elsewhere, environ={"ASKDOCS_HOME": str(tmp_path / "nowhere")})


@pytest.mark.slow  # askdocs in subprocesses
def test_askdocs_home_in_a_subprocess(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    sample_folder(project)
    elsewhere.mkdir()
    index_corpus(load_settings({"model": "fake"}, cwd=project, environ={}), embedder=FakeEmbedder())
    env = {**os.environ, "ASKDOCS_HOME": str(project)}
    out = subprocess.run(
        [sys.executable, "-m", "askdocs", "status"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "1 document," in out.stdout and str(project / "index") in out.stdout
    bare = subprocess.run(
        [sys.executable, "-m", "askdocs", "status"], cwd=elsewhere, capture_output=True, text=True, timeout=120
    )
    assert bare.returncode == EXIT_NO_PROJECT and "no askdocs project here" in bare.stderr


def _setup_copy(root: Path) -> Path:
    """scripts/setup.sh in a copy of the project whose .venv answers every pip and askdocs call with a line, so
    the script's own steps (the PATH) run for real without installing anything."""
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "setup.sh", root / "scripts" / "setup.sh")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "askdocs"):
        (bin_dir / tool).write_text(f'#!/bin/sh\necho "{tool} $*"\n')
        (bin_dir / tool).chmod(0o755)
    return root


@pytest.mark.slow  # runs bash scripts/setup.sh in subprocesses
def test_setup_links_askdocs_into_local_bin_when_it_is_on_the_path(tmp_path: Path) -> None:
    project, home = _setup_copy(tmp_path / "project"), tmp_path / "home"
    home.mkdir()
    local_bin = home / ".local" / "bin"
    env = {**os.environ, "HOME": str(home), "PATH": f"{local_bin}:{os.environ['PATH']}", "CI": ""}
    out = subprocess.run(
        ["bash", "scripts/setup.sh", "--no-demo"], cwd=project, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert (local_bin / "askdocs").resolve() == (project / ".venv" / "bin" / "askdocs").resolve()
    assert "askdocs is on your PATH" in out.stdout and "[4/5]" in out.stdout
    assert "--quiet" not in out.stdout  # pip's own progress is shown
    assert "askdocs index" not in out.stdout  # --no-demo
    found = subprocess.run(["bash", "-c", "askdocs ask hello"], env=env, capture_output=True, text=True, timeout=60)
    assert found.stdout == "askdocs ask hello\n"  # the bare command of the README examples runs the project's


@pytest.mark.slow  # runs bash scripts/setup.sh in a subprocess
def test_setup_prints_the_line_to_run_when_local_bin_is_not_on_the_path(tmp_path: Path) -> None:
    project, home = _setup_copy(tmp_path / "project"), tmp_path / "home"
    home.mkdir()
    path = ":".join(p for p in os.environ["PATH"].split(":") if ".local/bin" not in p)
    env = {**os.environ, "HOME": str(home), "PATH": path, "CI": "true"}
    out = subprocess.run(["bash", "scripts/setup.sh"], cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    line = f'export PATH="{project}/.venv/bin:$PATH"'
    assert out.stdout.rstrip().endswith(line)  # the last thing it says, after the demo
    assert "askdocs index" in out.stdout and "--quiet" in out.stdout  # the demo ran; CI keeps pip quiet
    assert not (home / ".local").exists()
    found = subprocess.run(["bash", "-c", f"{line}; askdocs ask hello"], env=env, capture_output=True, text=True)
    assert found.stdout == "askdocs ask hello\n"
