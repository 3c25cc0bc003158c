"""A file whose sentences hold escape sequences, indexed as any other: what the command line shows a person (the
previews of `search` and of a refusal's related passages, the quotes of an exported chat's Markdown) shows each run
of spaces an escape left as one space, none before a comma, while a passage's `text` in JSON (`search --json`, `ask
--json` passages and related) is the stored slice its offsets index, runs and all; an index that did not record the
runs shows the text as stored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from askdocs.text.safe import blank
from tests.support import FakeEmbedder, fake_commands
from tests.support import run_cli as run

LAMP_LINE = (
    "The lamp is \x1b[31mvisible\x1b[0m for 19 nautical miles in clear weather\x1b[31m, according to the register."
)
LIT_LINE = "The Fenwick Point lighthouse was first lit in 1874 \x1b]0;title\x07and was automated in 1989."
HOSTILE = f"Lighthouse keepers\n\n{LIT_LINE}\n\n{LAMP_LINE}\n\nKeeper    Years\n"
"""Colours and a window title inside sentences, one before a comma; a table's padding the file holds itself."""
LAMP = "The lamp is visible for 19 nautical miles in clear weather, according to the register."
LIT = "The Fenwick Point lighthouse was first lit in 1874 and was automated in 1989."


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The hostile file in a corpus, indexed by `askdocs index`."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "lighthouse.txt").write_text(HOSTILE, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    return tmp_path


def _passage(data: dict, key: str = "passages") -> dict:
    """The passage of the lighthouse file listed under `key`."""
    return next(p for p in data[key] if p["path"].endswith("lighthouse.txt"))


def _stored_text(row: dict) -> None:
    """A passage's `text` is the stored slice `start`..`end` of the file's indexed text (each escape a run of
    spaces), and its `match` sentence is the slice of `text` its offsets give."""
    assert row["text"] == blank(HOSTILE)[row["start"] : row["end"]] and len(row["text"]) == row["end"] - row["start"]
    assert row["start"] == 0 and row["end"] == len(HOSTILE.rstrip("\n"))
    match = row.get("match")
    if match:
        sentence = row["text"][match["start"] - row["start"] : match["end"] - row["start"]]
        assert sentence == blank(HOSTILE)[match["start"] : match["end"]] and sentence.startswith(("Lig", "The")), match


def test_search_json_shows_a_passage_as_stored_at_the_files_offsets(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", "--json", "lamp visible weather")
    assert code == 0
    row = _passage(json.loads(out))
    _stored_text(row)
    assert row["match"]["start"] == HOSTILE.index("The lamp") and row["match"]["line"] == 5
    assert row["text"][row["match"]["start"] - row["start"] : row["match"]["end"] - row["start"]] == blank(LAMP_LINE)


def test_search_previews_close_a_gap_before_a_comma(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "lamp visible weather")
    assert code == 0 and LAMP in out and "weather ," not in out, out


def test_ask_json_passages_are_stored_slices_and_quotes_close_the_gaps(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "ask", "--json", "How far is the lamp visible in clear weather?")
    assert code == 0
    answer = json.loads(out)
    assert answer["found"] and LAMP in [c["quote"] for c in answer["citations"]]
    _stored_text(_passage(answer))


def test_a_refusals_related_passages_are_stored_slices_and_their_previews_close_the_gaps(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # refused before any model weighs it, whatever the fake vectors: no document names "Carrow"
    code, out, _ = run(capsys, "ask", "--json", "What colour is the lamp of the Carrow lighthouse?")
    refused = json.loads(out)
    assert code == 1 and not refused["found"]
    _stored_text(_passage(refused, "related"))
    code, out, _ = run(capsys, "ask", "What colour is the lamp of the Carrow lighthouse?")
    related = out[out.index("Related passages") :]
    assert code == 1 and LAMP in related and "weather ," not in related, out


def test_an_exported_chat_quotes_the_sentence_with_the_gaps_closed_in_markdown(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from askdocs import conversations
    from askdocs.answering import answer_question
    from askdocs.config import load_settings
    from askdocs.conversations import Conversation, Exchange
    from askdocs.retrieval import Retriever

    given = {"corpus": folder / "corpus", "index": folder / "index", "model": "fake"}
    settings = load_settings(given, cwd=folder, environ={})
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    try:
        answer = answer_question(retriever, "How far is the lamp visible in clear weather?")
    finally:
        retriever.close()
    assert answer.found
    conversations.save(settings.index, Conversation("lamp", (Exchange(answer, 0.5),)))
    code, out, _ = run(capsys, "chat", "--export", "lamp")
    assert code == 0 and f"  > {LAMP}\n" in out and "weather ," not in out and "  visible" not in out, out


def test_an_index_without_the_runs_shows_the_text_as_stored(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An index built before documents recorded where their escapes were: the passage's text is the stored one."""
    from askdocs.store.connection import DB_FILE

    db = sqlite3.connect(folder / "index" / DB_FILE)
    with db:
        for doc_id, raw in db.execute("SELECT id, layout FROM documents").fetchall():
            layout = json.loads(raw)
            assert layout.pop("runs")
            db.execute("UPDATE documents SET layout = ? WHERE id = ?", (json.dumps(layout), doc_id))
    db.close()
    code, out, _ = run(capsys, "search", "--json", "lamp visible weather")
    row = _passage(json.loads(out))
    assert code == 0 and row["text"] == blank(HOSTILE)[row["start"] : row["end"]] != LAMP


@pytest.mark.parametrize(
    "command",
    [
        ("search", "--json", "lamp visible weather"),
        ("search", "lamp visible weather"),
        ("ask", "--json", "How far is the lamp visible in clear weather?"),
        ("ask", "What colour is the lamp of the Carrow lighthouse?"),
    ],
)
def test_a_command_parses_each_documents_layout_once(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """A file with many escape sequences records a long list of their runs: its passages' places, previews and
    quotes read the layout parsed once, not again for each."""
    from askdocs.ingest.layout import Layout

    parsed: list[str | None] = []
    parse = Layout.from_json.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Layout], raw: str | None) -> Layout:
        parsed.append(raw)
        return parse(cls, raw)

    monkeypatch.setattr(Layout, "from_json", classmethod(counted))
    code, out, _ = run(capsys, *command)
    assert code in (0, 1) and "lamp is" in out
    assert parsed and len(parsed) == len(set(parsed)), f"{len(parsed)} parses of {len(set(parsed))} layouts"


TOWNS = ("Alnwick", "Berwick", "Craster", "Dunstan", "Embleton", "Felton", "Glanton", "Howick")
E = "\x1b[1m"
BAY = (
    f"Ann{E}, Bob{E}, Cy{E}, Di{E}, Ed and Flo kept it. The lamp shone over the bay.\n"
    "Keepers logged the wind and all the weather each night by hand.\n"
    "The log is kept in the museum at Craster now."
)
"""A paragraph wrapped at 66 characters, its first line so long only with its escapes' gaps closed before commas."""


def _long(bay: str) -> str:
    """A file of many passages whose escape sequences stand only in its last ones, far past its start."""
    return (
        "Lighthouse keepers\n\n"
        + "".join(
            f"The market of {town} opened in {1700 + 13 * n} with {n + 3} stalls selling wool, grain and herring.\n\n"
            f"Its council met in a hall beside the church of {town} every spring until the railway came north.\n\n"
            for n, town in enumerate(TOWNS * 3)
        )
        + f"{LAMP_LINE}\n\n{bay}\n"
    )


def _preview(out: str, words: str) -> str:
    """The text of the preview line that holds `words`, without its path and place."""
    line = next(line for line in out.splitlines() if words in line)
    return line[line.index(words.split()[0]) :]


def test_a_passage_past_the_files_start_closes_its_own_gaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The runs are known by their offsets in the file: a passage (and a sentence) that starts far into it finds
    its own by its start, so its preview and its quote close them, and a preview opening mid-line measures that
    line as it reads, as the same file without the escapes would show it."""
    previews = []
    for name, bay in (("plain", BAY.replace(E, "")), ("escaped", BAY)):
        (tmp_path / name / "corpus").mkdir(parents=True)
        (tmp_path / name / "corpus" / "keepers.txt").write_text(_long(bay), encoding="utf-8")
        fake_commands(monkeypatch, tmp_path / name)
        assert run(capsys, "index")[0] == 0
        code, out, _ = run(capsys, "search", "lamp shone bay")
        assert code == 0
        previews.append(_preview(out, "The lamp shone"))
    assert previews[0] == previews[1], previews
    code, out, _ = run(capsys, "search", "--json", "lamp visible weather")
    passages = json.loads(out)["passages"]
    lamp = next(p for p in passages if "lamp is" in p["text"])
    assert code == 0 and len(passages) > 1 and lamp["start"] > 1000 and lamp["match"]["start"] > lamp["start"]
    code, out, _ = run(capsys, "search", "lamp visible weather")
    assert code == 0 and LAMP in out and "weather ," not in out, out
    code, out, _ = run(capsys, "ask", "--json", "How far is the lamp visible in clear weather?")
    answer = json.loads(out)
    assert code == 0 and LAMP in [c["quote"] for c in answer["citations"]], answer["citations"]


def test_a_single_control_before_a_comma_leaves_no_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bell before a comma leaves one space in the stored text: the quote and the preview close it as they close
    a longer run, while a space the file holds itself before a comma stays."""
    (tmp_path / "corpus").mkdir()
    bell = "The tide gauge at Amble reads high water at noon\x07, by the harbour's own table.\n\nKeeper , Years\n"
    (tmp_path / "corpus" / "tide.txt").write_text(bell, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    sentence = "The tide gauge at Amble reads high water at noon, by the harbour's own table."
    code, out, _ = run(capsys, "ask", "--json", "When does the tide gauge at Amble read high water?")
    answer = json.loads(out)
    assert code == 0 and [c["quote"] for c in answer["citations"]] == [sentence], answer["citations"]
    code, out, _ = run(capsys, "search", "tide gauge Amble")
    assert code == 0 and sentence in out and "Keeper , Years" in out, out


CRANE = "The harbour crane collapsed in May, said the report of the port authority."
DERIVED = {
    "crane.md": f"# Port news\n\nThe {E}harbour{E} crane collapsed in May{E}, said the **report** of the port"
    " authority.\n",
    "crane.html": (
        "<html><head><title>Port news</title></head><body><article><h1>Port news</h1>"
        f"<p>The {E}harbour{E} crane collapsed in May{E}, said the report of the port authority.</p>"
        "</article></body></html>"
    ),
    "crane.csv": f"Port;Event\nAmble;The {E}harbour{E} crane collapsed in May{E}, said the report of the port"
    " authority.\n",
}
"""One sentence with escapes in each format whose indexed text is derived from the file."""


@pytest.mark.parametrize("name", sorted(DERIVED))
def test_markdown_html_and_csv_read_their_escapes_as_a_terminal_showed_them(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their indexed text is derived from the file, its offsets index that text: the file is read as it showed, each
    escape's run closed, so the quote, the preview and the passage's JSON text read as the sentence did."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / name).write_text(DERIVED[name], encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    code, out, _ = run(capsys, "ask", "--json", "When did the harbour crane collapse?")
    answer = json.loads(out)
    quotes = [c["quote"] for c in answer["citations"]]
    assert code == 0 and any(CRANE[:-1] in quote for quote in quotes), quotes
    row = answer["passages"][0]
    assert CRANE[:-1] in row["text"] and len(row["text"]) == row["end"] - row["start"], row
    code, out, _ = run(capsys, "search", "harbour crane collapsed")
    assert code == 0 and "harbour crane collapsed in May, said" in out, out
