"""A document's escape sequences, blanked when it is indexed, neither break its sentences nor reach JSON output:
the real command line, the real model, a corpus holding notes wrapped in terminal codes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.hostile import OFFICE_NOTES, is_safe
from tests.support import sample_folder

pytestmark = pytest.mark.slow  # runs askdocs in subprocesses with the real model

DOOR = "The server room door code is 4471."
ESCAPE = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")
"""An escape sequence: an OSC string (a hyperlink, a window title), a CSI command, or a two-byte escape."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and the office notes, indexed once through the real CLI."""
    root = tmp_path_factory.mktemp("user")
    sample_folder(root)
    (root / "corpus" / "notes.txt").write_text(OFFICE_NOTES, encoding="utf-8")
    out = run("index", cwd=root)
    assert out.returncode == 0, out.stderr
    return root


def _strings(value: object) -> Iterator[str]:
    """Every string of a JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize(
    "question", ["What is the code for the server room door?", "What is the server room door code?"]
)
def test_the_door_code_is_cited_from_its_own_line_and_json_holds_no_control(workdir: Path, question: str) -> None:
    out = run("ask", "--json", question, cwd=workdir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    bad = [s for s in _strings(data) if not is_safe(s)]  # no byte below 0x20 but \n and \t, no ESC, C1 or bidi
    assert not bad and "PWNED" not in out.stdout and "evil.example" not in out.stdout, bad
    cited = data["citations"][0]
    assert data["found"] and DOOR in cited["quote"] and "4471" in data["answer"] and "hunter2" not in data["answer"]
    assert cited["path"] == "corpus/notes.txt" and cited["line"] == 3 and cited["status"] == "ok"
    original = OFFICE_NOTES[cited["start"] : cited["end"]]  # the offsets are the file's: only escapes are blanked
    assert original.startswith(DOOR) and cited["column"] == 24
    # the quote is the slice with each escape sequence gone and the gap it left closed: the same visible characters
    visible = ESCAPE.sub(" ", original)
    assert "".join(cited["quote"].split()) == "".join(visible.split()) and "  " not in cited["quote"]


def test_search_json_carries_no_control_from_the_notes(workdir: Path) -> None:
    out = run("search", "--json", "wifi password guest network", cwd=workdir)
    assert out.returncode == 0, out.stderr
    texts = [p["text"] for p in json.loads(out.stdout)["passages"]]
    assert any("hunter2" in t for t in texts) and all(map(is_safe, _strings(json.loads(out.stdout))))
    assert "\\u001b" not in out.stdout and "\\u009" not in out.stdout
