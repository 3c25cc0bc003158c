"""Bad input gives one line on stderr and a distinct exit code, never a traceback."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from askdocs.cli import main
from askdocs.config import MAX_TEXT_CHARS, Settings
from askdocs.errors import EXIT_INDEX, EXIT_USAGE
from askdocs.indexer import index_corpus
from tests.support import FakeEmbedder, fake_commands


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a corpus indexed by the fake encoder; questions use the fake encoder too."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The harbour crane collapsed on July 2, 2021 in Veracruz.\n")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    fake_commands(monkeypatch, tmp_path)
    return tmp_path


PROGRESS = re.compile(
    r"scanning the corpus folder|reading [\d,]+ files?|loading model( \(exported before, from the cache\))?"
    r"|preparing model \(one-time export\)"
    r"|embedding (about )?[\d,]+ passages?|writing index|indexed \d+/\d+ .*"
)
"""What `askdocs index` prints as it goes when standard error is not a terminal (askdocs.cli.index)."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and stderr of `askdocs ARGS --model fake`; stderr must be one line."""
    with pytest.raises(SystemExit) as stop:
        main([*args, "--model", "fake"])
    err = capsys.readouterr().err
    said = [line for line in err.strip().splitlines() if not PROGRESS.fullmatch(line)]  # index's own phase lines
    assert "Traceback" not in err and len(said) <= 1, err
    return int(stop.value.code or 0), err


def test_a_question_that_is_not_utf8(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = b"caf\xe9 crane?".decode("utf-8", "surrogateescape")
    for command in ("ask", "search"):
        code, err = run(capsys, command, question)
        assert code == EXIT_USAGE and "not valid UTF-8" in err


def test_stdin_that_is_not_utf8(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"crane?\ncaf\xe9?\n"), encoding="utf-8"))
    code, err = run(capsys, "ask", "--json", "-")
    assert code == EXIT_USAGE and "line 2 of standard input is not valid UTF-8" in err


def test_a_bad_line_of_a_batch_is_reported_and_the_next_ones_still_asked(folder: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    """One JSON line per question line (an error object for the bad one, so a client can pair them), the error on
    stderr, exit 2 at the end."""
    lines = f"Where did the crane collapse?\n{'x' * (MAX_TEXT_CHARS + 1)}\ncaf\xe9?\nWhen did the crane fall?\n"
    stdin = lines.encode("utf-8").replace("caf\xc3\xa9".encode("latin-1"), b"caf\xe9")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    with pytest.raises(SystemExit) as stop:
        main(["ask", "--json", "-", "--model", "fake"])
    out = capsys.readouterr()
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert stop.value.code == EXIT_USAGE and len(rows) == 4
    assert [("error" in r, r.get("question")) for r in rows] == [
        (False, "Where did the crane collapse?"),
        (True, None),
        (True, None),
        (False, "When did the crane fall?"),
    ]
    assert "line 2 of standard input" in rows[1]["error"] and "not valid UTF-8" in rows[2]["error"]
    assert (rows[1]["line"], rows[2]["line"]) == (2, 3)
    assert "line 2 of standard input" in out.err and "line 3" in out.err and "Traceback" not in out.err


def test_a_line_of_json_is_asked_by_its_question(folder: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    """A line of an eval file or of `ask --json` output piped in is asked by its "question", not as its own words
    ("no sentence uses “source”, “txt”"); an object without one is a bad line; a line opening on "{" that is no
    JSON object is a question like any other."""
    lines = [
        json.dumps({"question": "Where did the crane collapse?", "answers": ["dock"], "source": "crane.txt"}),
        json.dumps({"answers": ["dock"]}),
        "{not json} When did the crane fall?",
    ]
    stdin = io.BytesIO("\n".join(lines).encode("utf-8") + b"\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stdin, encoding="utf-8"))
    with pytest.raises(SystemExit) as stop:
        main(["ask", "--json", "-", "--model", "fake"])
    out = capsys.readouterr()
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert stop.value.code == EXIT_USAGE
    assert [r.get("question") for r in rows] == [
        "Where did the crane collapse?",
        None,
        "{not json} When did the crane fall?",
    ]
    assert rows[1] == {"error": 'line 2 of standard input is a JSON object without a "question" string', "line": 2}


@pytest.mark.parametrize("place", ["a-file", "a-file/idx", "index/askdocs.sqlite3/idx"])
def test_an_index_folder_that_cannot_be_one(folder: Path, capsys: pytest.CaptureFixture[str], place: str) -> None:
    (folder / "a-file").write_text("not a folder")
    code, err = run(capsys, "index", "--index", str(folder / place))
    assert code == EXIT_INDEX and "index folder" in err


def test_every_command_says_an_index_folder_that_is_a_file_is_one(folder: Path, capsys) -> None:  # noqa: ANN001
    (folder / "a-file").write_text("not a folder")
    for args in (["ask", "crane?"], ["search", "crane"], ["status"], ["docs"]):
        code, err = run(capsys, *args, "--index", "a-file")
        assert code == EXIT_INDEX and "is a file, not a folder" in err and "run: askdocs index" not in err, args
    assert (folder / "a-file").read_text() == "not a folder"


def test_every_command_says_a_corpus_that_is_a_file_is_not_a_folder(folder: Path, capsys) -> None:  # noqa: ANN001
    """`--corpus notes.txt` beside an index: a usage error, as for `index`, not "the folder is missing" and an answer
    from the index as if the folder had been moved away."""
    (folder / "corpus" / "notes.txt").write_text("The crane was rebuilt in 2022.\n")
    for args in (["ask", "crane?"], ["search", "crane"], ["status"], ["docs"], ["index"]):
        code, err = run(capsys, *args, "--corpus", "corpus/notes.txt")
        assert code == EXIT_USAGE, (args, err)
        said = "the corpus corpus/notes.txt is not a folder; pass --corpus DIR with the folder of your documents"
        assert err == f"askdocs: error: {said}\n", args


def test_a_question_or_search_text_past_the_length_limit(folder: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    long = "Where did the harbour crane collapse? " * 60  # 2,280 characters, 2,279 stripped
    for command in ("ask", "search"):
        code, err = run(capsys, command, long)
        assert code == EXIT_USAGE and f"the limit is {MAX_TEXT_CHARS:,}" in err
    code, _ = run(capsys, "ask", long[: MAX_TEXT_CHARS - 10])  # just under the limit: asked
    assert code != EXIT_USAGE
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"crane?\n{long}\n".encode()), encoding="utf-8"))
    code, err = run(capsys, "ask", "--json", "-")
    assert code == EXIT_USAGE and "line 2 of standard input is 2,279 characters long" in err


@pytest.mark.parametrize("text", ["?", "...", " ?! "])
def test_a_question_or_search_text_of_marks_alone(folder: Path, capsys, text: str) -> None:  # noqa: ANN001
    # "?" was answered with five sentences of random passages and a short answer "!"
    for command in ("ask", "search"):
        code, err = run(capsys, command, text)
        assert code == EXIT_USAGE and "has no words" in err


def test_a_question_of_question_words_alone_is_refused_saying_why(folder: Path, capsys) -> None:  # noqa: ANN001
    from askdocs.answering.decision import NO_WORDS

    for question in ("What is it?", "Who are they?"):
        with pytest.raises(SystemExit):
            main(["ask", "--json", question, "--model", "fake"])
        answer = json.loads(capsys.readouterr().out)
        assert answer["found"] is False and answer["reasons"] == [NO_WORDS]
    for question in ("When did the crane collapse?",):
        with pytest.raises(SystemExit):
            main(["ask", "--json", question, "--model", "fake"])
        assert NO_WORDS not in capsys.readouterr().out, question


def test_a_folder_where_the_index_file_should_be(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "broken" / "askdocs.sqlite3").mkdir(parents=True)
    for args in (["index"], ["index", "--rebuild"], ["status"], ["ask", "crane?"]):
        code, err = run(capsys, *args, "--index", "broken")
        assert code == EXIT_INDEX and "is a folder where the index file should be" in err


@pytest.mark.parametrize("url", ["not a url", "ftp://host/x", "http://", "http://host:port/"])
def test_an_llm_that_is_not_a_url(folder: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, err = run(capsys, "ask", "crane?", "--llm", url)
    assert code == EXIT_USAGE and "--llm" in err


def test_a_read_only_index(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # noqa: ANN001
    (folder / "corpus" / "b.txt").write_text("A second crane fell on July 3, 2021.\n")

    def read_only(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("askdocs.store.index_store.IndexStore._put", read_only)  # root writes through chmod
    code, err = run(capsys, "index")
    assert code == EXIT_INDEX and "read-only" in err


class HeldPipe(io.TextIOBase):
    """Standard input from a client that sends its second question only after reading the first answer."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys, self.seen_before_second = capsys, ""
        self.buffer = self._lines()

    def _lines(self):  # noqa: ANN202
        yield b"What collapsed on July 2, 2021?\n"
        self.seen_before_second = self.capsys.readouterr().out
        yield b"Where did the crane collapse?\n"


def test_questions_from_stdin_are_answered_as_they_arrive(folder: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    pipe = HeldPipe(capsys)
    monkeypatch.setattr("sys.stdin", pipe)
    code, _ = run(capsys, "ask", "--json", "-")
    assert code in (0, 1)
    assert '"question": "What collapsed on July 2, 2021?"' in pipe.seen_before_second


def test_a_skipped_file_is_named_as_ask_and_search_name_files(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "corpus" / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    main(["index", "--model", "fake"])
    err = capsys.readouterr().err
    assert "askdocs: warning: corpus/blob.txt: binary, skipped" in err.splitlines(), err
    assert str(folder) not in err  # not the absolute path


def test_a_name_in_small_words_is_asked_only_when_the_best_sentences_name_it_too() -> None:
    from types import SimpleNamespace

    from askdocs.answering.decision import _named

    best = [SimpleNamespace(sentence=SimpleNamespace(text=t)) for t in ("M runs the secret service.", "IT fixes it.")]
    assert _named("Who is M?", best) and _named("What does IT do?", best)
    assert not _named("Who is Q?", best)  # no sentence names Q: nothing to go on
    assert not _named("What do I do?", best) and not _named("WHAT IS it?", best)


def test_arguments_a_command_does_not_take_are_shown_as_typed(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`askdocs status ""` (a quoted variable that is unset) said "Got unexpected extra argument ()"."""
    code, err = run(capsys, "status", "")
    assert code == EXIT_USAGE and "Got an unexpected empty argument ('')" in err and "()" not in err, err
    code, err = run(capsys, "docs", "", "two words", "x")
    assert code == EXIT_USAGE and "Got unexpected extra arguments ('' 'two words' x)" in err, err


def test_every_command_shows_extra_arguments_so() -> None:
    from askdocs.cli.group import cli
    from askdocs.cli.options import Command

    assert cli.commands and all(isinstance(command, Command) for command in cli.commands.values())


def test_index_on_a_read_only_folder_is_exit_3(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # noqa: ANN001
    """The run lock could not be made: "askdocs: error: Read-only file system: .../index.lock", exit 2 (bad usage)."""
    import errno

    from askdocs.store import run_lock

    def read_only(path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(run_lock, "open", read_only, raising=False)  # root writes through chmod
    code, err = run(capsys, "index")
    assert code == EXIT_INDEX and "cannot write the index at " in err and err.rstrip().endswith("Read-only file system")
    assert "index.lock" not in err, err
