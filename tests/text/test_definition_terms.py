"""A definition list laid out in plain text (a man page's options, pydoc's functions: a term on its own line, its
description indented deeper below) reads the term with the first sentence of its description, so that citing the
description shows what it describes; prose, lists, quotes, code and tables around it read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.text.sentences import split_sentences
from askdocs.text.terms import is_term

REFERENCE = Path(__file__).parents[1] / "data" / "reference"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _read(name: str) -> list[str]:
    """The sentences of a reference page, each on one line of single spaces."""
    doc = read_document(REFERENCE, REFERENCE / name)
    return [_flat(s.text) for s in split_sentences(doc.text)]


def _split(text: str) -> list[str]:
    return [_flat(s.text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "--preserve[=ATTR_LIST] preserve the specified attributes (default: mode,ownership,time‐ stamps), if possible"
        " additional attributes: context, links, xattr, all",
        "-a, --archive same as -dR --preserve=all",
        "-f, --force if an existing destination file cannot be opened, remove it and try again (this option is"
        " ignored when the -n option is also used)",  # a short term over a wrapped paragraph: no heading
        "--reflink[=WHEN] control clone/CoW copies.",
        "-p same as --preserve=mode,ownership,timestamps",  # an option and its description on one line, as before
    ],
)
def test_a_man_page_option_reads_with_its_description(sentence: str) -> None:
    """`man cp | col -b`: the description is indented with a tab and spaces, deeper than the option's spaces."""
    sentences = _read("cp.1.txt")
    assert sentence in sentences
    assert "-a, --archive" not in sentences and "same as -dR --preserve=all" not in sentences


def test_a_man_page_options_later_sentences_and_paragraphs_stand_as_before() -> None:
    sentences = _read("tar.1.txt")
    assert "-g, --listed-incremental=FILE Handle new GNU-format incremental backups." in sentences
    assert any(s.startswith("FILE is the name of a snapshot file, where tar stores") for s in sentences)
    assert (
        "--sort=ORDER When creating an archive, sort directory entries according to ORDER, which is one of none,"
        " name, or inode." in sentences
    )
    assert (
        "The default is --sort=none, which stores archive members in the same order as returned by the operating"
        " system." in sentences
    )
    assert "0 Successful termination." in sentences  # a term and its description on one line


def test_a_pydoc_signature_reads_with_the_first_sentence_of_its_docstring() -> None:
    """`python3 -m pydoc shutil`: a signature at four spaces, its docstring at eight."""
    sentences = _read("shutil.txt")
    assert "rmtree(path, ignore_errors=False, onerror=None, *, dir_fd=None) Recursively delete a directory tree." in (
        sentences
    )
    assert "get_terminal_size(fallback=(80, 24)) Get the size of the terminal window." in sentences
    assert "If dir_fd is not None, it should be a file descriptor open to a directory;" in sentences  # as before
    assert "Error" in sentences  # a class tree's names are no descriptions


def test_stacked_terms_share_the_description_below_the_last() -> None:
    text = (
        "OPTIONS\n"
        "       -u[<mode>]\n"
        "       --untracked-files[=<mode>]\n"
        "           Show untracked files.\n\n"
        "       --dry-run\n"
        "           Do not create a commit.\n"
    )
    assert _split(text) == [
        "OPTIONS",
        "-u[<mode>] --untracked-files[=<mode>] Show untracked files.",
        "--dry-run Do not create a commit.",
    ]


def test_an_option_over_a_blank_line_reads_with_the_description_below_it() -> None:
    """`man sed | col -b` sets most options over a blank line, their description deeper below it."""
    sentences = _read("sed.1.txt")
    assert "-n, --quiet, --silent suppress automatic printing of pattern space" in sentences
    assert "-e script, --expression=script add the script to the commands to be executed" in sentences
    assert "-z, --null-data separate lines by NUL characters" in sentences
    assert "--help display this help and exit" in sentences  # right above its description, as before
    assert "-n, --quiet, --silent" not in sentences and "suppress automatic printing of pattern space" not in sentences
    gcloud = (
        "     --ack-ids=[ACK_ID,...]\n\n        One or more ACK_IDs to acknowledge.\n"  # commas inside its argument
    )
    assert _split(gcloud) == ["--ack-ids=[ACK_ID,...] One or more ACK_IDs to acknowledge."]
    labels = "     --labels=[KEY=VALUE, ...,...]\n\n        Labels to add to the payload\n"
    assert _split(labels) == ["--labels=[KEY=VALUE, ...,...] Labels to add to the payload"]
    negated = "     --[no-]deletion-protection\n\n        Enables deletion protection for the instance.\n"
    assert _split(negated) == ["--[no-]deletion-protection Enables deletion protection for the instance."]


def test_an_option_over_a_blank_line_and_no_deeper_line_stands_alone() -> None:
    """A blank line then a line at the option's indent, a signature or a shallower line: no description of it."""
    assert _split("    --verbose\n\n    The next paragraph says more.\n") == [
        "--verbose",
        "The next paragraph says more.",
    ]
    assert _split("    rmtree(path)\n\n        Delete a tree.\n") == ["rmtree(path)", "Delete a tree."]


def test_a_paragraph_s_line_opening_on_an_option_keeps_its_sentence() -> None:
    """git-checkout(1): a wrapped paragraph's line opening on an option, over a blank line and an example set deeper,
    goes on with its paragraph, and the example stands apart."""
    paragraph = (
        "\t   If <branch> is not found but there does exist a tracking branch in\n"
        "\t   exactly one remote (call it <remote>) with a matching name and\n"
    )
    example = "\n\t       $ git checkout -b <branch> --track <remote>/<branch>\n"
    assert _split(paragraph + "\t   --no-guess is not specified, treat as equivalent to\n" + example) == [
        "If <branch> is not found but there does exist a tracking branch in exactly one remote (call it <remote>)"
        " with a matching name and --no-guess is not specified, treat as equivalent to",
        "$ git checkout -b <branch> --track <remote>/<branch>",
    ]
    said = _split(paragraph + "\t   --no-guess\n" + example)  # a line of the option alone, inside the paragraph
    assert said[-1] == "$ git checkout -b <branch> --track <remote>/<branch>"


@pytest.mark.parametrize(
    "line",
    [
        "-eggs and milk from the farm shop",  # a dashed list of notes
        "-Reporting by Jane Doe in Portsmouth",  # a news wire's credit
        "--Mark",  # a signature
        "--Anonymous, 1910",  # a quotation's source
    ],
)
def test_a_dashed_line_over_a_blank_line_is_no_option_of_the_paragraph_below(line: str) -> None:
    """A line opening on a dash that is no line of options (notes, a credit, a signature, a line of code) stands
    apart from the indented paragraph below the blank line."""
    text = f"{line}\n\n    Ask whether the shop is open on Sundays.\n"
    assert _split(text) == [line, "Ask whether the shop is open on Sundays."]


def test_a_diff_s_removed_line_over_a_blank_line_is_no_option() -> None:
    """A diff's "-import os" under the hunk's other lines, over a blank context line and indented code, continues
    the hunk: it describes nothing below it."""
    said = _split("@@ -1,5 +1,4 @@\n import re\n-import os\n \n     def main():\n         return 0\n")
    assert not any(s.startswith("-import os def") for s in said), said


def test_a_short_first_line_of_a_description_is_no_heading() -> None:
    """journalctl(1)'s "-t, --identifier=SYSLOG_IDENTIFIER" over "Show messages for the specified syslog identifier",
    a line short of the page's wrap width over a one-word line: still the option's description, not a heading."""
    wrapped = (
        "\t   Takes a directory path as argument. If specified, the tool will\n"
        "\t   operate on the specified journal directory instead of the\n"
        "\t   default runtime and system journal paths, and it reads them all.\n\n"
    )
    text = "OPTIONS\n" + "".join(f"       --opt{i}=DIR\n" + wrapped for i in range(4))
    text += (
        "       -t, --identifier=NAME\n"
        "\t   Show messages for the specified syslog identifier\n"
        "\t   NAME.\n\n"
        "\t   This parameter can be specified multiple times.\n"
    )
    assert _split(text)[-2:] == [
        "-t, --identifier=NAME Show messages for the specified syslog identifier NAME.",
        "This parameter can be specified multiple times.",
    ]


def test_a_usage_lines_repeat_marks_end_no_sentence() -> None:
    assert _split("       cp [OPTION]... SOURCE... DIRECTORY\n") == ["cp [OPTION]... SOURCE... DIRECTORY"]
    assert _split("He waited... Then the ferry came.\n") == ["He waited...", "Then the ferry came."]
    assert _split('"The ferry was late [...] It will run again," she said.\n') == [
        '"The ferry was late [...]',
        'It will run again," she said.',
    ]


@pytest.mark.parametrize(
    "line",
    [
        "-a, --archive",
        "--preserve[=ATTR_LIST]",
        "-B bind_interface",
        "-?, --help",
        "-?",
        "rmtree(path, dir_fd=None)",
        "class Error(builtins.OSError)",
        "__new__(*args, **kwargs) from builtins.type",
        "--pax-option=keyword[,k]...",
    ],
)
def test_option_lines_and_signatures_are_terms(line: str) -> None:
    assert is_term(line)


@pytest.mark.parametrize(
    "line",
    [
        "- flour",  # a list item
        "-b     like --backup but does not accept an argument",  # its description on the same line
        "-- John",  # a signature's dashes
        "def f(x):",  # code
        "x = f(y)",
        "f(x) returns the value (cached)",  # a sentence opening on a call
        "The ferry leaves at nine.",
        "Introduction",
        "-a, --all.",
        "--priority 50 \\",  # a command going on, in an example
        "--configuration '{",  # a JSON object's first line
    ],
)
def test_list_items_code_and_prose_are_no_terms(line: str) -> None:
    assert not is_term(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a Markdown list item's continuation
            "- flour from the mill\n    sifted twice\n- water\n",
            ["flour from the mill", "sifted twice", "water"],
        ),
        (  # a heading over an indented paragraph: prose, no term
            "Introduction\n    This report covers the harbour.\n",
            ["Introduction", "This report covers the harbour."],
        ),
        (  # code: a definition and its body
            "def f(x):\n    return x\n",
            ["def f(x):", "return x"],
        ),
        (  # an indented quote after a line of prose
            "The keeper wrote:\n\n        The lamp is lit.\n",
            ["The keeper wrote:", "The lamp is lit."],
        ),
        (  # e-mail headers
            "From: Ann\nSubject: Ferry\n\nThe ferry is late.\n",
            ["From: Ann", "Subject: Ferry", "The ferry is late."],
        ),
        (  # a shell command's lines in an example, each going on to the next
            "    aws ec2 create-dhcp-options \\\n        --dhcp-configuration \\\n"
            '            "Key=dns,Values=10.2.5.1" \\\n',
            ["aws ec2 create-dhcp-options \\", "--dhcp-configuration \\", '"Key=dns,Values=10.2.5.1" \\'],
        ),
        (  # a numbered list
            "1. Open the gate\n2. Start the engine\n",
            ["Open the gate", "Start the engine"],
        ),
    ],
)
def test_prose_lists_quotes_code_and_headers_read_as_before(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_a_signature_indented_with_no_break_spaces_reads_as_one_indented_with_spaces() -> None:
    """Text copied from a web page indents with no-break spaces: each counts a column, as a space does."""
    text = "FUNCTIONS\n" + "".join(
        "\xa0" * 4 + signature + "\n" + "\xa0" * 8 + description + "\n\n"
        for signature, description in (
            ("chown(path, user=None, group=None)", "Change owner user and group of the given path."),
            ("copy(src, dst, *, follow_symlinks=True)", "Copy data and mode bits."),
        )
    )
    sentences = [" ".join(text[s.start : s.end].split()) for s in split_sentences(text)]
    assert "chown(path, user=None, group=None) Change owner user and group of the given path." in sentences
    assert "copy(src, dst, *, follow_symlinks=True) Copy data and mode bits." in sentences
