"""A definition list's edges: a compact list (no blank line between entries, as bash(1) and any .TP page sets its
options) reads each term with its own description only; prose, code and one-word descriptions around terms read
as they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences
from askdocs.text.terms import is_term

REFERENCE = Path(__file__).parents[1] / "data" / "reference"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _split(text: str) -> list[str]:
    return [_flat(s.text) for s in split_sentences(text)]


def _indent(line: str, raw: bool = False) -> int:
    wide = line if raw else line.expandtabs()
    return len(wide) - len(wide.lstrip())


def _described_terms(text: str) -> list[tuple[int, int]]:
    """For each term line whose description is set deeper right below it, the offset of the term (of the first of
    the terms stacked over it) and the offset where the next line at the term's indent or shallower starts."""
    lines = [(m.start(), m.group(1)) for m in re.finditer(r"([^\n]*)\n", text)]
    out = []
    for k, (_, line) in enumerate(lines[:-1]):
        indent = _indent(line)
        nxt = lines[k + 1][1].expandtabs()
        if not is_term(line.strip()) or not nxt.strip() or len(nxt) - len(nxt.lstrip()) < indent + 2:
            continue
        end = len(text)
        for later, other in lines[k + 1 :]:
            wide = other.expandtabs()
            if wide.strip() and len(wide) - len(wide.lstrip()) <= indent:
                end = later
                break
        first = k  # stacked terms ("--init-file file" over "--rcfile file") share one description
        while first > 0 and is_term(lines[first - 1][1].strip()) and _indent(lines[first - 1][1]) == indent:
            first -= 1
        out.append((lines[first][0] + _indent(lines[first][1], raw=True), end))
    return out


def test_a_compact_option_list_reads_each_option_with_its_own_description_only() -> None:
    doc = read_document(REFERENCE, REFERENCE / "bash.1.txt")
    terms = _described_terms(doc.text)
    assert len(terms) >= 30
    sentences = split_sentences(doc.text)
    for start, end in terms:
        opening = [s for s in sentences if s.start == start]
        assert opening, doc.text[start : start + 40]  # the term opens a sentence, joined to no paragraph above
        assert opening[0].end <= end, opening[0].text  # and its sentence runs into no other option
    flat = [_flat(s.text) for s in sentences]
    assert "--dump-strings Equivalent to -D." in flat
    assert "-x file True if file exists and is executable." in flat
    assert "--debugger Arrange for the debugger profile to be executed before the shell starts." in flat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OK... Let us go.", ["OK...", "Let us go."]),
        ("We visited the USA... It was huge.", ["We visited the USA...", "It was huge."]),
        ("The BBC... It said so.", ["The BBC...", "It said so."]),
        ("She shouted HELP... Nobody came.", ["She shouted HELP...", "Nobody came."]),
        ("She shouted HELP... NASA heard it.", ["She shouted HELP...", "NASA heard it."]),
        ("[pause]... Then we left.", ["[pause]...", "Then we left."]),
        ("He typed ls -la... Nothing.", ["He typed ls -la...", "Nothing."]),
    ],
)
def test_an_ellipsis_in_prose_ends_its_sentence(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Usage: cp [OPTION]... SOURCE... DIRECTORY",
        "cp [OPTION]... [-T] SOURCE DEST",
        "cp [OPTION]... -t DIRECTORY SOURCE...",
        "git add [<pathspec>...] <file>",
    ],
)
def test_a_usage_lines_repeat_marks_end_no_sentence(line: str) -> None:
    assert _split(line) == [line]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  -?\n      Show the help.\n", ["-? Show the help."]),
        (
            "  --pax-option=keyword[,keyword]...\n      Control pax headers. See below.\n",
            ["--pax-option=keyword[,keyword]... Control pax headers.", "See below."],
        ),
    ],
)
def test_a_term_line_reads_with_its_description_whatever_it_ends_on(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


CMAKE = """cmake_minimum_required(VERSION 3.10)
project(Demo C)
add_library(demo demo.c)
if(NOT WIN32)
  set(FLAGS 0;1)
  target_compile_options(demo PRIVATE -Wall)
endif()
foreach(src IN LISTS SOURCES)
  message(STATUS "source: ${src}")
endforeach()
"""

RST_CODE = """Start the server like this:

.. code-block:: javascript

   init(config)
   start(server)
   listen(port)
       console.log("now listening");
   stop(server)
       cleanup(server, true)

The server then waits.
"""


@pytest.mark.parametrize("text", [CMAKE, RST_CODE])
def test_lines_of_code_shaped_as_calls_stay_apart(text: str) -> None:
    lines = [_flat(line) for line in text.splitlines() if line.strip()]
    assert _split(text) == lines


def test_only_a_few_option_lines_stack_over_one_description() -> None:
    text = "".join(f"  --opt{k}\n" for k in range(6)) + "      Set the level.\n"
    sentences = _split(text)
    assert sentences[-1] == "--opt2 --opt3 --opt4 --opt5 Set the level."
    assert sentences[:2] == ["--opt0", "--opt1"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_terms_are_measured_from_their_own_line_break_whatever_it_is(newline: str) -> None:
    text = newline.join(
        ["Options:", "", "\t--all", "\t\tShow all.", "", "", "  -q", "\tBe quiet.", "  -v", "   Be loud."]
    )
    assert _split(text) == ["Options:", "--all Show all.", "-q Be quiet.", "-v", "Be loud."]


def test_a_one_word_description_reads_with_its_option() -> None:
    text = (
        "  -c --stdout --to-stdout\n      Write output on standard output.\n"
        "  -d --decompress --uncompress\n      Decompress.\n"
    )
    assert _split(text) == [
        "-c --stdout --to-stdout Write output on standard output.",
        "-d --decompress --uncompress Decompress.",
    ]


def test_a_tree_of_class_names_is_no_description() -> None:
    text = "CLASSES\n    builtins.object\n        Shape(builtins.object)\n            Square\n"
    assert _split(text) == ["CLASSES", "builtins.object", "Shape(builtins.object)", "Square"]


def test_a_call_broken_over_lines_below_a_condition_stays_apart() -> None:
    text = (
        'if(DEFINED ARCH)\n  message(WARNING\n    "ARCH is deprecated")\nendif()\n'
        "macro(append_lib)\n  foreach (_arg ${ARGN})\n"
    )
    assert _split(text)[:2] == ["if(DEFINED ARCH)", "message(WARNING"]
    assert "macro(append_lib)" in _split(text)


def test_a_mark_under_a_term_shaped_line_is_no_description() -> None:
    text = "    $ ls -l /bin/ping\n    -rwsr-xr-x 1 root root 30736 2007-01-31 00:10 /bin/ping\n       ^\n"
    assert _split(text) == ["$ ls -l /bin/ping", "-rwsr-xr-x 1 root root 30736 2007-01-31 00:10 /bin/ping", "^"]


@pytest.mark.parametrize(
    "text",
    [
        "How cold was it this morning, she asked him.\n-5 degrees?\nNo way, it was much colder this morning.\n",
        "Has anybody fixed the new stove yet.\n-anyone?\nNobody answered him, so he left the room.\n",
    ],
)
def test_a_line_shaped_as_an_option_ends_no_sentence_of_prose_below_it(text: str) -> None:
    assert _split(text)[-1] == _flat(text.splitlines()[-1])  # the last line reads alone, as before


@pytest.mark.parametrize("indent", ["    ", "\t"])
def test_an_indented_line_shaped_as_an_option_ends_no_sentence_of_prose_as_indented(indent: str) -> None:
    lines = ["-anyone?", "Nobody answered the call from the harbour master that cold night at all."]
    text = "The harbour was quiet.\n\n" + "".join(f"{indent}{line}\n" for line in lines)
    assert _split(text)[-2:] == lines  # the block's first line keeps its indentation when measured


@pytest.mark.parametrize(
    "text",
    [
        "if(NOT ${CMAKE_BINARY_DIR}/CMakeCache.txt STREQUAL ${CACHE_PATH})\n"
        "\t#Setting the build directory in test-lib.sh before running tests\n\tfile(WRITE x y)\nendif()\n",
        "while(running)\n    // poll the queue until it is empty again\n    poll();\n",
    ],
)
def test_a_comment_below_a_call_is_no_description(text: str) -> None:
    assert _split(text) == [_flat(line) for line in text.splitlines() if line.strip()]
