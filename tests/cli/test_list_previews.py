"""A search hit's preview keeps the lines of a list or a table apart, as the document has them, instead of running
them together into one line that reads as a sentence ("... Kestrel Point 17:00 Static Orchard")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run

TIMES = "Evening ferries\n\nKestrel Point 17:00\nStatic Orchard 17:30\nMillbrook Quay 18:15\n"
TABLE = "# Ferry piers\n\n| Pier | Departure |\n| --- | --- |\n| Kestrel Point | 17:00 |\n| Static Orchard | 17:30 |\n"
LONG = (
    "Departures from the harbour this week\n"
    "Kestrel Point 17:00 daily except Sundays and public holidays in the winter months\n"
    "Static Orchard 17:30 daily except Sundays and public holidays in the winter months\n"
    "Millbrook Quay 18:15 on weekdays only, weather permitting, from the northern pier\n"
)


def test_a_search_preview_keeps_the_lines_of_a_list_or_a_table_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "times.txt").write_text(TIMES)
    (corpus / "piers.md").write_text(TABLE)
    (corpus / "long.txt").write_text(LONG)
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    code, out, _ = run(capsys, "search", "-k", "5", "Kestrel Point Static Orchard")
    lines = out.splitlines()
    previews = {
        line.split()[1].split(":")[0]: shown.strip()
        for line, shown in zip(lines, lines[1:], strict=False)
        if line[0].isdigit()
    }
    assert code == 0 and set(previews) == {"corpus/times.txt", "corpus/piers.md", "corpus/long.txt"}, out
    assert "Kestrel Point 17:00 · Static Orchard 17:30 · Millbrook Quay 18:15" in previews["corpus/times.txt"]
    assert "Kestrel Point | 17:00 · Static Orchard | 17:30" in previews["corpus/piers.md"]
    assert "winter months · Static Orchard 17:30" in previews["corpus/long.txt"]
