from pathlib import Path

import pytest

from askdocs.config import load_settings, shown_path
from askdocs.errors import ConfigError


def test_defaults_are_relative_to_the_working_directory(tmp_path: Path) -> None:
    s = load_settings(cwd=tmp_path, environ={})
    assert s.corpus == tmp_path / "corpus"
    assert s.index == tmp_path / "index"
    assert s.model == "all-MiniLM-L6-v2"


def test_paths_are_shown_as_typed_from_the_working_directory(tmp_path: Path) -> None:
    """One way for every message: a bare name reads as a path with ./, one with a folder as it is typed."""
    assert shown_path(tmp_path / "corpus", tmp_path) == "./corpus"
    assert shown_path(tmp_path / "corpus" / ".askdocsignore", tmp_path) == "corpus/.askdocsignore"
    assert shown_path(tmp_path / "corpus", tmp_path / "elsewhere") == str(tmp_path / "corpus")
    assert shown_path(tmp_path, tmp_path) == "."


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    (tmp_path / "askdocs.toml").write_text('[askdocs]\ncorpus = "docs"\ntop_k = 7\nmodel = "from-file"\n')
    s = load_settings(cwd=tmp_path, environ={})
    assert (s.corpus, s.top_k, s.model) == (tmp_path / "docs", 7, "from-file")
    s = load_settings(cwd=tmp_path, environ={"ASKDOCS_TOP_K": "9", "ASKDOCS_MODEL": "from-env"})
    assert (s.corpus, s.top_k, s.model) == (tmp_path / "docs", 9, "from-env")
    s = load_settings({"top_k": 3, "model": None}, cwd=tmp_path, environ={"ASKDOCS_TOP_K": "9"})
    assert (s.top_k, s.model) == (3, "from-file")


def test_flat_toml_without_section(tmp_path: Path) -> None:
    (tmp_path / "askdocs.toml").write_text('index = "/tmp/elsewhere"\n')
    assert load_settings(cwd=tmp_path, environ={}).index == Path("/tmp/elsewhere")


@pytest.mark.parametrize(
    ("toml", "env"),
    [("colour = 1\n", {}), ("top_k = 'many'\n", {}), ("", {"ASKDOCS_TOP_K": "-1"}), ("", {"ASKDOCS_NOPE": "1"})],
)
def test_bad_settings_are_config_errors(tmp_path: Path, toml: str, env: dict[str, str]) -> None:
    (tmp_path / "askdocs.toml").write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path, environ=env)
    assert info.value.exit_code == 2


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "askdocs.toml").write_text("corpus = [\n")
    with pytest.raises(ConfigError):
        load_settings(cwd=tmp_path, environ={})


@pytest.mark.parametrize(
    ("toml", "env", "named"),
    [
        ("", {"ASKDOCS_THREADS": "100000"}, "threads"),
        ("threads = 100000\n", {}, "threads"),
        ("top_k = 0\n", {}, "top_k"),
        ("", {"ASKDOCS_TOP_K": "101"}, "top_k"),
        ("batch_size = 0\n", {}, "batch_size"),
        ("max_file_mb = 0\n", {}, "max_file_mb"),
        ("top_k = 2.5\n", {}, "top_k"),
        ("", {"ASKDOCS_OUTSIDE_LINKS": "maybe"}, "outside_links"),
    ],
)
def test_settings_outside_the_flag_limits_are_refused(tmp_path: Path, toml: str, env: dict, named: str) -> None:
    (tmp_path / "askdocs.toml").write_text(toml)
    with pytest.raises(ConfigError, match=named) as info:
        load_settings(cwd=tmp_path, environ=env)
    assert info.value.exit_code == 2


def test_the_same_limits_bound_the_flags(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="top_k"):
        load_settings({"top_k": 0}, cwd=tmp_path, environ={})
    s = load_settings({"threads": 256}, cwd=tmp_path, environ={"ASKDOCS_TOP_K": "100", "ASKDOCS_OUTSIDE_LINKS": "on"})
    assert (s.threads, s.top_k, s.outside_links, s.max_file_mb) == (256, 100, True, 20)


def test_a_project_copied_whole_uses_its_own_documents(tmp_path: Path) -> None:
    """The index records its corpus relative to itself: a copy of the project (corpus and index together) reads the
    copy's documents, not the original's, which still exist."""
    import shutil

    from askdocs.indexer import index_corpus
    from tests.support import FakeEmbedder

    first = tmp_path / "first"
    (first / "corpus").mkdir(parents=True)
    (first / "corpus" / "a.txt").write_text("The harbour crane collapsed on Friday.\n")
    index_corpus(load_settings({"model": "fake"}, cwd=first, environ={}), embedder=FakeEmbedder())
    shutil.copytree(first, tmp_path / "copy")
    assert load_settings(cwd=tmp_path / "copy", environ={}).corpus == (tmp_path / "copy" / "corpus").resolve()
    assert load_settings(cwd=first, environ={}).corpus == (first / "corpus").resolve()


def test_a_corpus_named_nowhere_is_the_one_the_index_records(tmp_path: Path) -> None:
    from askdocs.indexer import index_corpus
    from tests.support import FakeEmbedder

    recorded, named = tmp_path / "recorded", tmp_path / "named"
    for folder in (recorded, named):
        folder.mkdir()
    (recorded / "a.txt").write_text("The harbour crane collapsed on Friday.\n")
    index_corpus(
        load_settings({"corpus": recorded, "model": "fake"}, cwd=tmp_path, environ={}), embedder=FakeEmbedder()
    )
    assert load_settings(cwd=tmp_path, environ={}).corpus == recorded.resolve()
    (tmp_path / "askdocs.toml").write_text('[askdocs]\ncorpus = "named"\n')  # the config file outranks it
    assert load_settings(cwd=tmp_path, environ={}).corpus == named
    (tmp_path / "askdocs.toml").unlink()
    assert load_settings(cwd=tmp_path, environ={"ASKDOCS_CORPUS": str(named)}).corpus == named
    assert load_settings({"corpus": named}, cwd=tmp_path, environ={}).corpus == named
    assert load_settings({"index": tmp_path / "other"}, cwd=tmp_path, environ={}).corpus == tmp_path / "corpus"
    recorded.rename(tmp_path / "moved")  # gone, and no ./corpus: it stays, kept for the warning too
    settings = load_settings(cwd=tmp_path, environ={})
    assert settings.corpus == settings.lost_corpus == recorded.resolve()
    (tmp_path / "corpus").mkdir()  # a ./corpus stands in for it
    settings = load_settings(cwd=tmp_path, environ={})
    assert settings.corpus == tmp_path / "corpus" and settings.lost_corpus == recorded.resolve()
    (tmp_path / "askdocs.toml").write_text('lost_corpus = "x"\n')  # kept for the warning, never a setting
    with pytest.raises(ConfigError, match="unknown setting 'lost_corpus'"):
        load_settings(cwd=tmp_path, environ={})
