"""A line of .askdocsignore that is not a pattern: every command that reads the file names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.errors import EXIT_USAGE, UsageError
from askdocs.ingest.ignore import load_ignore, path_matcher
from tests.support import fake_commands
from tests.support import run_cli as run

BAD_LINES = [
    pytest.param("# drafts stay out\ndrafts/\n!\n", 3, "“!” is not a pattern (a “!” takes back", id="lone-bang"),
    pytest.param("drafts/\n[z-a]*.md\n", 2, "“[z-a]*.md” is not a pattern (the range z-a runs backwards", id="range"),
    pytest.param("notes\\\n", 1, "“notes\\” is not a pattern (it ends in “\\”", id="backslash"),
    pytest.param("drafts/\r\n\r\n!\r\n", 3, "“!” is not a pattern", id="crlf"),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with corpus/ holding two notes, not indexed yet, and the fake encoder for every model."""
    (tmp_path / "corpus" / "drafts").mkdir(parents=True)
    (tmp_path / "corpus" / "harbour.txt").write_text("The harbour crane collapsed in Veracruz on Friday.\n")
    (tmp_path / "corpus" / "drafts" / "idea.txt").write_text("An idea that is not ready.\n")
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


@pytest.mark.parametrize(("text", "line", "why"), BAD_LINES)
def test_a_bad_line_is_named_by_file_and_number(project: Path, text: str, line: int, why: str) -> None:
    (project / "corpus" / ".askdocsignore").write_text(text, newline="")
    with pytest.raises(UsageError) as caught:
        load_ignore(project / "corpus")
    assert str(caught.value).startswith(f"corpus/.askdocsignore line {line}: {why}"), caught.value
    read = getattr(caught.value, "text", "")
    assert read.splitlines() == text.splitlines()  # the file as read: a watch compares it


@pytest.mark.parametrize("command", ["index", "status", "docs"])
def test_every_command_that_reads_the_file_stops_in_one_line_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert run(capsys, "index")[0] == 0
    (project / "corpus" / ".askdocsignore").write_text("# drafts stay out\ndrafts/\n!\n")
    code, out, err = run(capsys, command)
    assert code == EXIT_USAGE and out == ""
    said = [line for line in err.splitlines() if line.startswith("askdocs:")]  # index also prints its phases
    assert len(said) == 1 and err.endswith(said[0] + "\n") and "Invalid git pattern" not in err
    assert said[0].startswith("askdocs: error: corpus/.askdocsignore line 3: “!” is not a pattern"), err


def test_a_bad_path_filter_still_names_the_flag() -> None:
    with pytest.raises(UsageError, match="^--path: “\\[z-a\\]” is not a pattern \\(the range z-a runs backwards"):
        path_matcher(["news/", "[z-a]"], last_wins=True)
    assert path_matcher(["# a comment", "  "]) is None
