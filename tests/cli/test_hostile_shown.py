"""What a person reads of a file with escape sequences and controls matches what a terminal showed its author: an
escape sequence takes no room (a word it stands in reads whole), a control parts two words by one space (none
beside white space or before punctuation); offsets stay the file's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run

SURVEY = "The survey was led by Geo-scienc\x1b[1me Australia\x1b[0m in 2019 with the navy."
LAMP = "The lamp\x0cis visible\x0bfrom the cliff\x07 in fog\x07, say the keepers of the light."
REPORT = f"Survey report\n\n{SURVEY}\n\n{LAMP}\n"
SHOWN = {
    SURVEY: "The survey was led by Geo-science Australia in 2019 with the navy.",
    LAMP: "The lamp is visible from the cliff in fog, say the keepers of the light.",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The report as a text file and as a Markdown file, in two corpora, each indexed."""
    for name in ("report.txt", "report.md"):
        (tmp_path / name / "corpus").mkdir(parents=True)
        (tmp_path / name / "corpus" / name).write_text(REPORT, encoding="utf-8")
        fake_commands(monkeypatch, tmp_path / name)
        assert run(capsys, "index")[0] == 0
    return tmp_path


@pytest.mark.parametrize("name", ["report.txt", "report.md"])
@pytest.mark.parametrize(
    ("line", "question"), [(SURVEY, "Who led the survey in 2019?"), (LAMP, "Where is the lamp visible from?")]
)
def test_quotes_and_previews_read_as_the_terminal_showed_the_file(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    line: str,
    question: str,
) -> None:
    monkeypatch.chdir(folder / name)
    code, out, _ = run(capsys, "ask", "--json", question)
    answer = json.loads(out)
    assert code == 0 and [c["quote"] for c in answer["citations"]] == [SHOWN[line]], answer["citations"]
    cited = answer["citations"][0]
    if name == "report.txt":  # the file's offsets: the stored slice is as long as the line
        assert (cited["start"], cited["end"]) == (REPORT.index(line), REPORT.index(line) + len(line))
    code, out, _ = run(capsys, "search", question.rstrip("?"))
    assert code == 0 and SHOWN[line] in out, out


FERRY = "Passengers were boardin\u202cg the \u2067ferry\u2069 at Leith when the alar\u202em sounded."


@pytest.mark.parametrize("name", ["ferry.txt", "ferry.md"])
def test_bidi_controls_inside_a_word_take_no_room(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Embeddings, overrides and isolates take no room on a screen: a word they stand in reads whole in the quote
    and the preview, and a search finds it by its words."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / name).write_text(f"Ferry log\n\n{FERRY}\n\nThe crew counted them twice.\n", "utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    shown = "Passengers were boarding the ferry at Leith when the alarm sounded."
    code, out, _ = run(capsys, "ask", "--json", "What were passengers boarding at Leith when the alarm sounded?")
    answer = json.loads(out)
    assert code == 0 and [c["quote"] for c in answer["citations"]] == [shown], answer["citations"]
    code, out, _ = run(capsys, "search", "--json", "boarding alarm")
    assert code == 0 and json.loads(out)["keyword_match"], out
    code, out, _ = run(capsys, "search", "boarding alarm")
    assert code == 0 and shown in out, out
