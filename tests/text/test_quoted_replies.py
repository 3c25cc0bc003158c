"""An e-mail reply's quoted lines: a wrapped quoted sentence is one sentence, apart from the words around it, and
reads without its ">" marks wherever it is shown."""

from __future__ import annotations

import textwrap
from pathlib import Path

from askdocs.text.excerpt import flattened
from askdocs.text.safe import flat, unquoted
from askdocs.text.sentences import split_sentences
from tests.support import answers

REPLY = """From: Ann Lee <ann@example.org>
Subject: Re: moving the build server

Bob Smith wrote:
> We plan to move the build server to the new data centre in
> Leeds on 14 March, and the old machine will be switched off
> the following week.
>
> The move should take about four hours.

That works for us. The release team will freeze the main branch
on 13 March so that nothing lands during the move.
"""


def _flat_sentences(text: str) -> list[str]:
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    return [flat(s.text) for s in sentences]


def test_a_wrapped_quoted_sentence_is_one_sentence_apart_from_the_line_that_introduces_it() -> None:
    texts = _flat_sentences(REPLY)
    assert "Bob Smith wrote:" in texts
    assert (
        "We plan to move the build server to the new data centre in Leeds on 14 March, and the old machine will be"
        " switched off the following week."
    ) in texts
    assert "The move should take about four hours." in texts
    assert "That works for us." in texts


def test_in_a_wholly_wrapped_file_quoted_lines_do_not_run_into_the_reply() -> None:
    body = (
        "Thanks for the report on the new storage servers, which arrived on Monday and were installed the same"
        " afternoon by the team in the north building"
    )
    quoted = textwrap.fill(
        "The old servers will be kept running until the end of the month so that nothing is lost while the data"
        " is copied across to the new machines in the north building",
        60,
    )
    text = textwrap.fill(body, 60) + "\n" + textwrap.indent(quoted, "> ") + "\nwhich is what we agreed in June.\n"
    texts = _flat_sentences(text)
    assert any(t.startswith("The old servers will be kept running") and t.endswith("north building") for t in texts)
    assert not any(">" in t for t in texts)
    assert any(t.startswith("Thanks for the report") and "The old servers" not in t for t in texts)


def test_quote_marks_go_from_shown_text_but_not_other_angle_brackets() -> None:
    assert flat("data centre in\n> Leeds on\n>> 14 March") == "data centre in Leeds on 14 March"
    assert unquoted("a\n  > b") == "a\nb"
    assert flat("if a > b then") == "if a > b then"
    assert flattened("We plan to move it to the new data centre in\n> Leeds on 14 March.") == (
        "We plan to move it to the new data centre in Leeds on 14 March."
    )


def test_an_answer_from_a_quoted_reply_cites_the_whole_sentence_without_marks(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (answer,) = answers(tmp_path, {"reply.txt": REPLY}, real_embedder, "Where will the build server be moved to?")
    assert answer.found
    shown = answer.by_sentence()
    assert "to the new data centre in Leeds on 14 March" in shown
    assert ">" not in shown
    assert any("\n> Leeds" in c.quote for c in answer.citations)  # the quote is still the document's own text


def test_a_json_answer_reads_a_wrapped_quoted_sentence_as_one_line(
    tmp_path: Path,
    monkeypatch,
    capsys,
    real_embedder,  # noqa: ANN001
) -> None:
    import json

    from tests.support import run_cli

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "reply.txt").write_text(REPLY)
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "index", model=None)[0] == 0
    code, out, _ = run_cli(capsys, "ask", "--json", "Where will the build server be moved to?", model=None)
    data = json.loads(out)
    assert code == 0 and data["found"]
    # the answer kept the file's line breaks and "> " marks ("... centre in\n> Leeds ..."); the quotes still do
    assert "the new data centre in Leeds on 14 March" in data["answer"] and ">" not in data["answer"]
    assert any("\n> Leeds" in c["quote"] for c in data["citations"])


def test_a_sentence_that_opens_a_quoted_line_starts_there_and_a_comparison_keeps_its_mark() -> None:
    texts = _flat_sentences("Reply:\n> The old machine will be switched off.\n> The move should take four hours.\n")
    assert texts == ["Reply:", "The old machine will be switched off.", "The move should take four hours."]
    assert (
        unquoted("a score of thirty or more, that is\n>= 30 points")
        == "a score of thirty or more, that is\n>= 30 points"
    )
    nested = _flat_sentences("Bob wrote:\n> > We plan to move the server on Monday.\n> Sounds good to me.\n")
    assert nested == ["Bob wrote:", "We plan to move the server on Monday.", "Sounds good to me."]
