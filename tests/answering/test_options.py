"""Command options: a question naming an option ("What does cp -l do?") cites the line of the command's manual
that defines it first, with the real model, index and manuals (cp, tar, bash and sed pages as `man | col -b`
writes them, and a tool's README in Markdown)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.answering.followup import turn_from_answer
from askdocs.answering.options import asked_options, command_names, defines, laid_out
from askdocs.config import load_settings
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever

REFERENCE = Path(__file__).parents[1] / "data" / "reference"


def test_the_options_a_question_names_and_the_lines_that_define_them() -> None:
    assert asked_options("What does grep -v do?") == {"-v"}
    assert asked_options("What do ‐‐invert‐match and –p do?") == {"--invert-match", "-p"}  # typeset dashes
    assert not asked_options("Who sold the T-shirt at pre-war prices - and why?")
    v = frozenset({"-v"})
    assert defines("-v, --invert-match Invert the sense of matching.", v)
    assert defines("-m NUM, --max-count=NUM Stop reading a file after NUM matching lines.", frozenset({"-m"}))
    assert defines("‐v     Print shell input lines as they are read.", v)
    assert not defines("When the -v or --invert-match option is also used, grep stops.", v)  # a mention
    assert not defines("-V, --version Output the version number of grep and exit.", v)  # another option
    assert not defines("-v", v)  # no words after it
    assert not defines("-O 4.3.1", frozenset({"-O"}))  # a version table's row, no description
    assert not defines("--connect-to <HOST1:PORT1:HOST2:PORT2>", frozenset({"--connect-to"}))  # its argument alone


def test_a_sentence_about_an_option_is_no_definition_of_it() -> None:
    """A line that goes on with a verb whose subject is the option says something of it, not what it does."""
    assert not defines("--connect-to can be used several times in a command line", frozenset({"--connect-to"}))
    assert not defines("-v may be given twice.", frozenset({"-v"}))
    assert not defines("--data-raw is almost the same but does not read files.", frozenset({"--data-raw"}))
    assert not defines("-K, --config can be used several times in a command line", frozenset({"-K"}))
    assert defines("-v May be given twice to show more.", frozenset({"-v"}))  # a description without its subject
    assert defines("-maxdepth levels Descend at most levels of directories.", frozenset({"-maxdepth"}))  # its argument
    assert defines("-p, --parents no error if existing, make parent directories as needed", frozenset({"-p"}))
    assert defines(
        "--connect-to <HOST1:PORT1:HOST2:PORT2> For a request to the given pair, connect to HOST2:PORT2 instead.",
        frozenset({"--connect-to"}),
    )


@pytest.mark.parametrize(
    ("line", "option"),
    [
        ("--libs echos the libraries needed to link with ncurses", "--libs"),  # ncurses6-config(1)
        ("--best alias to the option -9.", "--best"),  # zstd(1)
        ("-V reports the version of ncurses which was used in this program, and exits.", "-V"),  # tabs(1)
        ("-Pm changes the medium (-m) prompt.", "-Pm"),  # less(1)
        ("-d finds the first perl version where a module has been released by date", "-d"),  # corelist(1)
        ("--guess\n       is the default behavior of this command", "--guess"),  # set on its own line below
    ],
)
def test_a_description_opening_on_a_verb_defines_its_option(line: str, option: str) -> None:
    """A description may open with any verb but an auxiliary one, and one set below the options on its own line is a
    description whatever its first word."""
    assert defines(line, frozenset({option}))


def test_an_option_set_apart_by_a_colon_or_a_dash_is_defined() -> None:
    """A README's or a help text's way of writing an option's description, with or without its marks."""
    x = frozenset({"-x"})
    assert defines("-x: stop at the first error", x)
    assert defines("`-x` — stop at the first error", x)
    assert defines("`-x`: stop at the first error", x)
    assert defines("-x - stop at the first error", x)
    assert defines("--level N: the compression level, 1 to 9", frozenset({"--level"}))
    assert not defines("-x:", x)
    assert not defines("-x: 4.3.1", x)
    assert not defines("--header='Accept-Language: hr' \\", frozenset({"--header"}))  # a command going on below


def test_an_option_line_without_a_description_defines_nothing() -> None:
    """Its other spellings and arguments are no description ("script" of "-e script"), though arguments joined
    with "=" let the description after them count."""
    assert not defines("-n, --quiet, --silent", frozenset({"-n"}))
    assert not defines("-e script, --expression=script", frozenset({"-e"}))
    assert defines("--owner=NAME[:UID] Force NAME as owner for added files.", frozenset({"--owner"}))


def test_a_long_word_after_a_dash_is_read_in_one_pass() -> None:
    """A line opening on a dash and a very long word (a base64 blob, a row of letters) is read once, not again from
    each of its letters: the old pattern took hours on this one."""
    word = "A" * 200_000
    assert not defines(f"-a{word}!", frozenset({"-a"}))
    assert defines(f"-a, --b{word} print all", frozenset({"-a"}))


def test_what_a_document_is_the_manual_of() -> None:
    assert command_names("grep, egrep, fgrep - print lines that match patterns", "man/grep.txt") == {
        "grep",
        "egrep",
        "fgrep",
    }
    assert command_names("Harbour crane repaired", "news/cp.1.txt") == {"cp"}  # a title without a dash names none
    assert command_names("", "1.txt") == set()
    assert command_names("zap", "docs/README.md") == {"zap", "readme"}  # a README titled by the command alone
    assert command_names("Usage: zop [options] FILE", "HELP.txt") == {"zop", "help"}  # a help text's usage line
    assert command_names("Usage: /usr/bin/zop -x", "h.txt") == {"zop"}
    assert command_names("Usage: ./blip.sh [options] HOST", "h.txt") == {"blip"}  # a script: path and extension
    assert command_names("Usage: [options] FILE", "h.txt") == set()  # no command named
    assert command_names("usage: sudo python3 -m blip [-h]", "h.txt") == {"blip"}


ZAP = """# zap

zap compresses the log files of a folder into one archive a day.

## Options

- `-x`: stop at the first error
- `-q` — print nothing but errors
- `--level N`: the compression level, 1 to 9

-q may be given twice, and then zap prints nothing at all.
"""
"""A tool's README, titled by the tool's name alone, that writes its options as a Markdown list, each with a colon
or a dash before what it does."""
ZOP = """Usage: zop [options] FILE

Options:
  -x: stop at the first error
  -q -- print nothing but errors
"""
"""A help text saved as text: its usage line titles it."""
GREP_NOTES = """# grep

Last week grep -v saved me an hour when the log was full of health checks.

-v is the one I use most; grep -c comes second, for counting the errors of a day.
"""
"""A user's notes titled by the command's name alone, ranked above its manual for its many words of the question,
defining none of its options."""


@pytest.fixture(scope="module")
def manuals(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Retriever:  # noqa: ANN001
    root = tmp_path_factory.mktemp("manuals")
    (root / "corpus").mkdir()
    for name in ("cp.1.txt", "tar.1.txt", "bash.1.txt", "sed.1.txt", "grep.1.txt"):
        shutil.copy(REFERENCE / name, root / "corpus" / name)
    (root / "corpus" / "README.md").write_text(ZAP, encoding="utf-8")
    (root / "corpus" / "HELP.txt").write_text(ZOP, encoding="utf-8")
    (root / "corpus" / "notes.md").write_text(GREP_NOTES, encoding="utf-8")
    settings = load_settings({"corpus": root / "corpus", "index": root / "index"}, cwd=root, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    yield retriever
    retriever.close()


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("What does cp -l do?", "-l, --link hard link files instead of copying"),
        ("What does cp -L do?", "-L, --dereference always follow symbolic links in SOURCE"),
        ("What does the -x option of cp do?", "-x, --one-file-system stay on this file system"),
        ("What does bash -v do?", "-v Print shell input lines as they are read."),
        ("What does cp's -L flag mean?", "-L, --dereference always follow symbolic links in SOURCE"),
        ("What does sed -n do?", "-n, --quiet, --silent suppress automatic printing of pattern space"),
        ("What does sed -s do?", "-s, --separate consider files as separate"),
        ("What does zap -x do?", "-x: stop at the first error"),
        ("What does zap -q do?", "-q — print nothing but errors"),
        ("What does the --level option of zap do?", "--level N: the compression level"),
        ("What does zop -q do?", "-q -- print nothing but errors"),
        ("What does grep -v do?", "-v, --invert-match Invert the sense of matching"),  # not the notes titled "grep"
    ],
)
def test_an_option_s_definition_is_cited_first(manuals: Retriever, question: str, line: str) -> None:
    answer = answer_question(manuals, question)
    assert answer.found and answer.citations, question
    assert " ".join(answer.citations[0].quote.split()).startswith(line), answer.citations[0].quote
    assert any("defines" in reason for reason in answer.reasons), answer.reasons  # the reason shown says why


@pytest.mark.parametrize(
    "question",
    [
        "What does rsync -v do?",  # no rsync manual
        "What does wget -x do?",
        "When was cp -l added?",  # asks when, not what
        "What does cp -l do to zebras?",  # a word no document uses
    ],
)
def test_another_command_s_option_is_no_answer(manuals: Retriever, question: str) -> None:
    """A command the documents have no manual of (cp's, tar's or bash's "-v" is not what rsync's does), a question
    asking something else of an option, or one with words no document uses: no definition is put first."""
    answer = answer_question(manuals, question)
    assert not any("defines" in reason for reason in answer.reasons), answer.reasons
    assert not answer.found or not answer.citations[0].quote.lstrip().startswith(question.split()[3])


def test_a_follow_up_naming_another_option_asks_about_it(manuals: Retriever) -> None:
    """ "And -L?" after "What does cp -l do?": the option of the user's own words, of the command asked before."""
    first = answer_question(manuals, "What does cp -l do?")
    answer = answer_question(manuals, "And -L?", context=[turn_from_answer(first)])
    assert answer.found and " ".join(answer.citations[0].quote.split()).startswith("-L, --dereference")
    assert answer.rewritten == "What does cp -L do?"  # the question shown was "What dLes cp -l do?"


def test_a_definition_set_apart_is_cited_before_a_line_of_its_description_opening_on_the_option(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """curl's "--curves" block goes on with a paragraph opening "--curves allows a OpenSSL powered curl ...", which
    reads as a definition too and ranked above the option's own line, "--curves <algorithm list>" over "(TLS) Tells
    curl to request specific curves ..."."""
    assert laid_out("--curves <algorithm list>\n\t      (TLS)  Tells  curl  to request specific curves")
    assert not laid_out("--curves\tallows\ta OpenSSL powered curl to make SSL-connections")
    assert laid_out("-x: stop at the first error") and laid_out("`-q` — print nothing")
    (tmp_path / "corpus").mkdir()
    shutil.copy(REFERENCE / "curl.1.txt", tmp_path / "corpus" / "curl.1.txt")
    settings = load_settings({"corpus": tmp_path / "corpus", "index": tmp_path / "index"}, cwd=tmp_path, environ={})
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, "What does curl --curves do?")
    finally:
        retriever.close()
    assert answer.found and answer.citations[0].quote.startswith("--curves <algorithm list>"), answer.citations


def test_an_argument_never_closed_is_read_in_one_pass() -> None:
    # "<" or "[" with no closing mark was looked for from every one of them to the end of the line
    assert not defines("-x <" + "<" * 1_000_000, frozenset({"-x"}))
    assert not defines("-x [" + "[" * 1_000_000, frozenset({"-x"}))


def test_an_option_the_commands_document_never_mentions_is_refused(manuals: Retriever) -> None:
    """cp's manual writes -s; zap's README does not: "What does zap -s do?" cited zap's other lines."""
    answer = answer_question(manuals, "What does zap -s do?")
    assert not answer.found and any("never mentions -s" in reason for reason in answer.reasons), answer.reasons
    assert answer_question(manuals, "What does zap -x do?").found
    assert answer_question(manuals, "What does cp -s do?").found
