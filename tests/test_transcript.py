"""A conversation as Markdown: questions, answers, reasons for a refusal, numbered sources; hostile text made inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs import conversations, transcript
from askdocs.answering.types import NOT_FOUND_TEXT, Answer, Citation
from askdocs.conversations import Conversation, Exchange
from askdocs.errors import UsageError

TORRES = "The soldiers refused to free Francisco Torres on July 2."
HERRERA = "Luis Edgar Herrera was arrested the same day."


def _conversation() -> Conversation:
    found = Answer(
        "Who was arrested on July 2?",
        f"{TORRES} [1] {HERRERA} [2]",
        True,
        (
            Citation(1, "corpus/arrests.txt", 0, len(TORRES), 1, TORRES, 0.9),
            Citation(2, "corpus/arrests.txt", 60, 60 + len(HERRERA), 4, HERRERA, 0.7, status="changed"),
        ),
    )
    refused = Answer(
        "What is the capital of France?", NOT_FOUND_TEXT, False, reasons=("the documents never mention “France”",)
    )
    return Conversation("reading", (Exchange(found, 1.2), Exchange(refused, 0.4)), created=1_700_000_000.0)


def test_questions_answers_and_numbered_sources_with_place_and_quote() -> None:
    text = transcript.markdown(_conversation())
    assert text.startswith("# reading\n")
    assert "## 1. Who was arrested on July 2?" in text and "## 2. What is the capital of France?" in text
    assert "Francisco Torres on July 2. \\[1\\]" in text
    assert f"- \\[1\\] `corpus/arrests.txt:1`\n  > {TORRES}" in text
    assert f"- \\[2\\] `corpus/arrests.txt:4` (changed since indexed)\n  > {HERRERA}" in text
    refusal = text[text.index("## 2.") :]
    assert NOT_FOUND_TEXT in refusal and "*Why:* the documents never mention “France”" in refusal
    assert "Sources" not in refusal
    assert "2 questions" in text


def test_document_text_cannot_inject_markup_or_escape_sequences() -> None:
    hostile = "Click ![me](http://evil.example/x.png) <script>x</script>\x1b]0;PWNED\x07 *now*\n# Title\n1. item"
    answer = Answer(
        "q?", "See [1]\n# Heading", True, (Citation(1, "corpus/x\x1b[2J.txt", 0, len(hostile), 2, hostile, 0.5),)
    )
    text = transcript.markdown(Conversation("evil", (Exchange(answer),)))
    assert "\x1b" not in text and "PWNED" not in text and "\x07" not in text
    assert "\\[me\\](http" in text and "\\<script\\>" in text and "\\*now\\*" in text
    assert "\n\\# Heading" in text  # a heading in the answer text stays text
    quote = next(line for line in text.splitlines() if line.startswith("  > Click"))
    assert quote.endswith("\\*now\\* # Title 1. item")  # the quote is one line: its heading and list are text
    assert "'corpus/x\\x1b[2J.txt':2" in text  # the file name is shown repr-style, never raw


def test_write_is_atomic_beside_the_saved_chats_and_reads_back(tmp_path: Path) -> None:
    index = tmp_path / "index"
    conversation = _conversation()
    conversations.save(index, conversation)
    path = transcript.write(transcript.export_path(index, "reading"), conversations.load(index, "reading"))
    assert path == index / "chats" / "reading.md"
    assert path.read_text(encoding="utf-8") == transcript.markdown(conversation)
    assert conversations.names(index) == ["reading"]  # the Markdown is not taken for a saved conversation
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_export_path_refuses_a_name_that_leaves_the_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="bad conversation name"):
        transcript.export_path(tmp_path, "../outside")


def test_a_place_is_the_page_or_section_for_extracted_text_and_the_line_for_text_files() -> None:
    def cited(path: str, where: str) -> Citation:
        return Citation(1, path, 0, 1, 40, "x", 0.5, where=where)

    assert transcript.place(cited("corpus/report.pdf", "p.3")) == "corpus/report.pdf p.3"
    assert transcript.place(cited("corpus/minutes.docx", "§ Budget ¶2")) == "corpus/minutes.docx § Budget ¶2"
    assert transcript.place(cited("corpus/notes.md", "line 40")) == "corpus/notes.md:40"
    assert transcript.place(cited("corpus/old.txt", "")) == "corpus/old.txt:40"  # saved before places existed
    assert transcript.place(cited("corpus/x.pdf", "p.3\x1b[2J")) == "corpus/x.pdf p.3"


def test_a_follow_up_says_how_it_was_searched_and_a_plain_question_does_not() -> None:
    """The chat shows "searched as" under a follow-up; the export keeps it, so a reader sees what "she" was."""
    follow = Answer("When did she open it?", "In 2019. [1]", True, rewritten="When did Dana Reyes open the workshop?")
    same = Answer("When did it open?", "In 2019. [1]", True, rewritten="When did it open? ")
    lines = transcript.answer_markdown(follow)
    assert "*Searched as:* When did Dana Reyes open the workshop?" in lines
    assert not [line for line in transcript.answer_markdown(same) if "Searched as" in line]
    assert same.searched_as is None and follow.searched_as == "When did Dana Reyes open the workshop?"
