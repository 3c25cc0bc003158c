"""Each cited sentence of an answer on a line of its own, as `ask` prints it, in the chat and in an exported chat."""

from __future__ import annotations

from markdown_it import MarkdownIt

from askdocs import transcript
from askdocs.answering.types import Answer, Citation
from askdocs.cli.render import answer_text
from askdocs.conversations import Conversation, Exchange
from askdocs.tui.markup import answer_markdown

FIRST = "The soldiers refused to free Francisco Torres on July 2."
WRAPPED = "Luis Edgar Herrera was arrested\nthe same day near the border."
THIRD = "Both men were flown to Mexico City."


def _answer(short: str | None = None) -> Answer:
    body = f"{FIRST} [1] {WRAPPED} [2] {THIRD} [3]"
    citations = (
        Citation(1, "arrests.txt", 0, len(FIRST), 1, FIRST, 0.9),
        Citation(2, "arrests.txt", 60, 60 + len(WRAPPED), 3, WRAPPED, 0.7),
        Citation(3, "arrests.txt", 120, 120 + len(THIRD), 5, THIRD, 0.5),
    )
    text = f"{short} [1]\n\n{body}" if short else body
    return Answer("Who was arrested on July 2?", text, True, citations, short=short)


def _rendered_lines(markdown: str) -> list[str]:
    """The lines a Markdown viewer shows: soft breaks read as spaces, hard breaks as new lines."""
    shown: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type != "inline":
            continue
        line = ""
        for child in token.children or []:
            if child.type == "hardbreak":
                shown.append(line)
                line = ""
            else:
                line += " " if child.type == "softbreak" else child.content
        shown.append(line)
    return shown


def test_by_sentence_puts_each_cited_sentence_on_its_own_line() -> None:
    lines = _answer().by_sentence().split("\n")
    assert lines == [
        f"{FIRST} [1]",
        "Luis Edgar Herrera was arrested the same day near the border. [2]",
        f"{THIRD} [3]",
    ]


def test_ask_prints_one_cited_sentence_a_line() -> None:
    printed = answer_text(_answer(), corpus=None).split("Sources:")[0].strip().split("\n")
    assert printed == [
        f"{FIRST} [1]",
        "Luis Edgar Herrera was arrested the same day near the border. [2]",
        f"{THIRD} [3]",
    ]


def test_chat_shows_one_cited_sentence_a_line_after_the_short_answer() -> None:
    shown = _rendered_lines(answer_markdown(_answer(short="Torres and Herrera")))
    assert shown[0] == "Torres and Herrera [1]"
    assert shown[1:] == [
        f"{FIRST} [1]",
        "Luis Edgar Herrera was arrested the same day near the border. [2]",
        f"{THIRD} [3]",
    ]


def test_exported_chat_keeps_one_cited_sentence_a_line() -> None:
    text = transcript.markdown(Conversation("arrests", (Exchange(_answer(), 1.0),), created=1_700_000_000.0))
    shown = _rendered_lines(text)
    assert f"{FIRST} [1]" in shown and f"{THIRD} [3]" in shown
    assert "Luis Edgar Herrera was arrested the same day near the border. [2]" in shown


def test_an_exported_answer_with_extra_blank_lines_opens_no_paragraph_on_a_break() -> None:
    """An LLM's answer may leave two blank lines between paragraphs: no paragraph of the export starts with a hard
    line break (a stray empty line)."""
    answer = Answer("Who?", f"Torres and Herrera.\n\n\n{FIRST} [1]", True, _answer().citations[:1])
    text = transcript.markdown(Conversation("arrests", (Exchange(answer, 1.0),), created=1_700_000_000.0))
    assert "\n\\\n" not in text and "Torres and Herrera." in _rendered_lines(text)
