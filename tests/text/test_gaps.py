"""The spaces an escape sequence leaves in a document's indexed text are closed up in what is shown (a quote, the
chat's document view), one space between words and none before punctuation, while the stored text and every
offset keep them; a run of spaces the file itself holds (a table's padding) is shown as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.config import load_settings
from askdocs.ingest.documents import read_document
from askdocs.store.index_store import IndexStore
from askdocs.text.gaps import CONTROL, ESCAPE, closed, closed_span
from askdocs.tui.sources import SourceRef, source_text
from tests.support import fake_commands

LIGHTHOUSE = (
    "Lighthouse keepers\n\n"
    "The Fenwick Point lighthouse was first lit in 1874 \x1b]0;pwned\x07and was automated in 1989.\n\n"
    "The lamp is visible for 19 nautical miles\x1b]8;;http://evil.example/\x1b\\ in clear weather\x1b]8;;\x1b\\,"
    " according to the register.\n\n"
    "Keeper    Years\n"
)


def test_closed_keeps_one_space_between_words_none_before_punctuation_and_padding_as_it_is() -> None:
    """Runs (start, end) without their kind, as an older index recorded them, close as a control's."""
    text = "lit in 1874 +++++++++and was    | kept, weather++++++, said"
    runs = [(m, m + 9) for m in [text.index("+")]] + [(text.index("r+") + 1, text.index("r+") + 7)]
    text = text.replace("+", " ")
    assert closed(text, runs) == "lit in 1874 and was    | kept, weather, said"
    start = text.index("and")
    shown, a, b = closed_span(text, runs, start, text.index("said") + 4)
    assert shown[a:b] == "and was    | kept, weather, said"
    assert closed(text[12:], runs, offset=12) == "and was    | kept, weather, said"


def test_an_escape_sequence_closes_to_nothing_a_control_to_one_space_between_words() -> None:
    """As a terminal showed them: an escape sequence takes no room, even inside a word; a control (a vertical tab)
    parts two words by one space, none beside a space the file holds or before punctuation; two spaces the file
    holds around an escape sequence read as one."""
    from askdocs.text.safe import blank_runs

    raw = "Geo-scienc\x1b[1me Aus\x1b[0m\x1b[1mtralia\x0b\x0bnow \x0bthen\x07, ban \x1b[31m fireworks;  Keeper    Years"
    text, runs = blank_runs(raw)
    assert [kind for _, _, kind in runs] == [ESCAPE, ESCAPE, CONTROL, CONTROL, CONTROL, ESCAPE]
    assert closed(text, runs) == "Geo-science Australia now then, ban fireworks;  Keeper    Years"
    shown, a, b = closed_span(text, runs, text.index("Aus"), text.index("now") + 3)
    assert shown[a:b] == "Australia now"
    at = text.index("tralia")
    assert closed(text[at:], runs, offset=at) == "tralia now then, ban fireworks;  Keeper    Years"


def test_a_text_file_records_where_its_escape_sequences_were(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "l.txt")
    assert len(doc.text) == len(LIGHTHOUSE) and "1874           and" in doc.text  # offsets: the file's
    assert all(doc.text[a:b].strip() == "" for a, b, _ in doc.layout.blanked) and len(doc.layout.blanked) == 3
    assert "first lit in 1874 and was automated" in closed(doc.text, doc.layout.blanked)
    assert "Keeper    Years" in closed(doc.text, doc.layout.blanked)


def test_quotes_and_the_document_view_close_the_gaps_offsets_keep_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "l.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    fake_commands(monkeypatch, tmp_path)
    assert _run(["index"]) == 0
    capsys.readouterr()
    assert _run(["ask", "--json", "How far is the lamp visible in clear weather?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"]
    lamp = next(c for c in answer["citations"] if "lamp" in c["quote"])
    assert lamp["quote"] == "The lamp is visible for 19 nautical miles in clear weather, according to the register."
    assert LIGHTHOUSE.index("The lamp") == lamp["start"] and lamp["end"] == LIGHTHOUSE.index("register.") + 9
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    ref = SourceRef("l.txt", lamp["start"], lamp["end"], lamp["line"], "[1]")
    with IndexStore.open(settings.index) as store:
        view = source_text(store, settings.corpus, ref)
    assert "first lit in 1874 and was automated in 1989." in view.text and "Keeper    Years" in view.text
    assert view.text[view.start : view.end] == lamp["quote"]


def _run(args: list[str]) -> int:
    """The exit code of an askdocs command run in this process (0 when it returns)."""
    try:
        main(args)
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def test_a_preview_closes_the_gaps_and_finds_its_soft_line_breaks_in_what_it_shows() -> None:
    """A preview (at document offset 100) closes the escapes' runs as a quote does; the soft line break after them,
    known by its document offset, still runs the paragraph's lines on, and the hard break still parts them."""
    from askdocs.text.excerpt import from_start

    text = "The lamp is      visible\nfor 19 miles     , said Ann.\nKeeper    Years"
    lamp, comma = text.index("      visible"), text.index("     ,")
    runs = [(100 + lamp + 1, 100 + lamp + 6), (100 + comma, 100 + comma + 5)]
    shown = from_start(text, 100, 1, soft_breaks=[100 + text.index("\n")], blanked=runs)
    assert shown.text == "The lamp is visible for 19 miles, said Ann. · Keeper Years"
    assert (shown.start, shown.end) == (100, 100 + len(text))
    assert from_start(text, 100, 1, soft_breaks=[100 + text.index("\n")]).text.startswith("The lamp is visible for")


def test_runs_an_older_index_stored_without_their_kind_close_as_a_controls() -> None:
    from askdocs.ingest.layout import Layout

    text = "Geo-scienc    e Australia"
    old = Layout.from_json('{"kind": "text", "blanked": [[10, 14]]}')
    assert old.blanked == ((10, 14, CONTROL),) and closed(text, old.blanked) == "Geo-scienc e Australia"
    new = Layout.from_json(Layout(blanked=((10, 14, ESCAPE),)).to_json())
    assert closed(text, new.blanked) == "Geo-science Australia"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("foo\x1b[10Cbar", "foo bar"),
        ("Name\x1b[20Gvalue", "Name value"),
        ("word\x1b[1Bnext", "word next"),
        ("pump\x1b[2J\x1b[Hstation", "pump station"),
        ("pump\x9b5Cstation", "pump station"),
        ("pump\x1b[31m\x1b[3Cstation", "pump station"),
        ("Geo-scienc\x1b[1me", "Geo-science"),
        ("Geo\x1b(B-science\x1b]0;title\x07s", "Geo-sciences"),
        ("pump\x1b[01;31m\x1b[Kstation\x1b[m\x1b[K ok", "pumpstation ok"),
        ("foo\x1b[?25lbar\x1b[?25h", "foobar"),
    ],
)
def test_a_cursor_move_or_erase_parts_the_words_beside_it_a_colour_or_title_does_not(raw: str, shown: str) -> None:
    """A terminal showed "foo ESC[10C bar" apart and "Geo-scienc ESC[1m e" whole: only sequences that draw nothing
    (SGR, OSC and its kin, charset selection, erasing the rest of a line as grep does after a coloured match, a
    mode such as hiding the cursor) take no room; a CSI that moves the cursor or clears the screen reads as one
    space."""
    from askdocs.text.safe import read_as_shown

    assert read_as_shown(raw) == shown


def test_a_markdown_files_words_a_cursor_move_parted_are_found_apart(tmp_path: Path) -> None:
    """The indexed text of a Markdown or CSV file is derived from it as shown: "pump ESC[5C station" is two words."""
    (tmp_path / "a.md").write_text("# Works\n\nThe pump\x1b[5Cstation was rebuilt.\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("Site,Note\nPump\x1b[12Gstation,rebuilt\n", encoding="utf-8")
    assert "The pump station was rebuilt." in read_document(tmp_path, tmp_path / "a.md").text
    assert "Pump station" in read_document(tmp_path, tmp_path / "b.csv").text


def test_a_control_between_two_spaces_the_file_holds_leaves_one() -> None:
    """ "x BEL y" showed as "x  y" on no screen that counts a bell as nothing, and reads as "x y"; so does a cursor
    move between two spaces."""
    from askdocs.text.safe import read_as_shown

    assert read_as_shown("x \x07 y") == "x y"
    assert read_as_shown("ban \x0b\x0b fireworks \x1b[3C now") == "ban fireworks now"
