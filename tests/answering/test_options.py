"""Command options: a question naming an option ("What does cp -l do?") cites the line of the command's manual
that defines it first, with the real model, index and manuals (cp, tar and bash pages as `man | col -b` writes
them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from askdocs.answering import answer_question
from askdocs.answering.followup import turn_from_answer
from askdocs.answering.options import asked_options, command_names, defines
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


def test_what_a_document_is_the_manual_of() -> None:
    assert command_names("grep, egrep, fgrep - print lines that match patterns", "man/grep.txt") == {
        "grep",
        "egrep",
        "fgrep",
    }
    assert command_names("Harbour crane repaired", "news/cp.1.txt") == {"cp"}  # a title without a dash names none
    assert command_names("", "1.txt") == set()


@pytest.fixture(scope="module")
def manuals(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Retriever:  # noqa: ANN001
    root = tmp_path_factory.mktemp("manuals")
    (root / "corpus").mkdir()
    for name in ("cp.1.txt", "tar.1.txt", "bash.1.txt"):
        shutil.copy(REFERENCE / name, root / "corpus" / name)
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
