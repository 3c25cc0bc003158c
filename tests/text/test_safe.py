"""askdocs.text.safe: escape sequences and controls never survive, ordinary text and names are untouched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from askdocs.text.safe import blank, clean, name, visible, without_invisible
from tests.hostile import ATTACKS, FORGED_NAME, is_safe


def test_every_attack_is_removed_and_the_words_around_stay() -> None:
    for attack in ATTACKS:
        out = clean(f"before {attack} after")
        assert is_safe(out) and out.startswith("before ") and out.endswith(" after"), repr(out)
    assert "PWNED" not in clean(ATTACKS[0]) and "evil" not in clean(ATTACKS[3])


def test_a_sequence_between_spaces_leaves_one_space() -> None:
    assert clean("ban \x1b[31m fireworks") == "ban fireworks"
    assert clean("ban \x1b[1m\x1b]0;x\x07 fireworks \x1b[0m") == "ban fireworks "
    assert clean("ban\x1b[31m fireworks") == "ban fireworks"


def test_an_unterminated_string_sequence_takes_only_its_introducer() -> None:
    """A lone OSC introducer (ESC ] or C1 0x9d) with no end used to swallow the rest of the line, and with it the
    answer's [1] marker; only the introducer goes now, the text after it stays."""
    out = clean("glacier retreated 40 m \x9d0;C1 and the warning was posted. [1]")
    assert is_safe(out) and out.endswith("and the warning was posted. [1]")
    assert clean("a \x1b]0;title b [2]").endswith("b [2]")
    assert "PWNED" not in clean("a \x1b]0;PWNED\x07 b") and "PWNED" not in clean("a \x9d0;PWNED\x9c b")


def test_lines_and_tabs_are_kept_or_flattened() -> None:
    assert clean("a\tb\r\nc\rd") == "a\tb\nc\nd"
    assert clean("a\tb\r\nc", lines=False) == "a b c"
    assert clean("Café – “quoted” 😀 👩‍🔬") == "Café – “quoted” 😀 👩‍🔬"


def test_names_with_controls_are_shown_escaped() -> None:
    assert name("notes/été 2021.txt") == "notes/été 2021.txt"
    shown = name(FORGED_NAME)
    assert "\n" not in shown and "\x1b" not in shown and "\\n[9]" in shown and "\\x1b" in shown
    assert name("corpus/bad\udcffname.txt") == "'corpus/bad\\xffname.txt'"  # the byte on disk, as Python spells it


def test_visible_keeps_length_and_lines() -> None:
    text = "one\x1b[2J\r\ntwo\tthree\x9b"
    out = visible(text)
    assert len(out) == len(text) and is_safe(out.replace("\r", "")) and out.count("\n") == 1 and "␛[2J" in out


def test_blank_makes_each_sequence_and_control_spaces_one_for_one() -> None:
    text = "Door \x1b[31;5m4471\x1b[0m.\x1b]0;PWNED\x07\r\nTab\there\fpage \x9b2J\u202eevil\u202c \x1bc\x00end\n"
    out = blank(text)
    assert (
        out
        == "Door "
        + " " * 7
        + "4471"
        + " " * 4
        + "."
        + " " * 10
        + "\r\nTab\there page "
        + " " * 3
        + "evil "
        + " " * 3
        + "end  \n"  # the bidi override and its end take no room: moved to the line's end
    )
    blanked = [blank(attack).strip() for attack in ATTACKS]  # a title or a link's address goes with its sequence
    assert blanked == ["", "", "", "click", "hidden", "", ""] and all(map(is_safe, blanked))
    assert blank("Café – “quoted” 😀 👩‍🔬\tok\n") == "Café – “quoted” 😀 👩‍🔬\tok\n"


def test_blank_never_takes_a_line_break_into_a_sequence() -> None:
    """A sequence a line break cuts is not one: its introducer goes, the break and so every later line number stay."""
    assert blank("a \x1b]0;title\r\nb\x07") == "a   0;title\r\nb "
    assert blank("a \x1b[31\nm") == "a   31\nm"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \t\n\r\x1b[]\\;0278P^_\x07\x9b\x9c\x9d\x7f\x00\u202e"])))
def test_nothing_unsafe_survives_any_mix(text: str) -> None:
    assert is_safe(clean(text)) and is_safe(clean(text, lines=False).replace("\n", "x"))
    assert is_safe(visible(text).replace("\r", "")) and len(visible(text)) == len(text)
    assert is_safe(name(text))
    blanked = blank(text)
    assert len(blanked) == len(text) and is_safe(blanked.replace("\r", ""))
    moved = without_invisible(text)  # what takes no room (a bidi override) goes to its line's end
    assert all(a == b or b == " " for a, b in zip(moved, blanked, strict=True))  # only ever a space for a character
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(blanked) if c in "\r\n"]
