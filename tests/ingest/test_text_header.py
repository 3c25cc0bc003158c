"""A text file's header ("Title: ...", "Date: ..." lines at its top) names and dates the document; its lines are
never cited and no preview opens on them, while the indexed text stays the file's own, offsets and lines alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.header import header_end
from tests.support import FakeEmbedder, answers, indexed

BODY = (
    "The council approved a budget of 12 million dollars for the new bridge on Tuesday. The vote was seven to two.\n"
    "\n"
    "Work on the bridge starts in May.\n"
)
HEADER = (
    "Title: Council approves budget\n"
    "Subtitle: The mayor says the new bridge will open in 2027.\n"
    "Date: 2025-03-04\n"
    "Author: Jane Smith\n"
)
TEXT = HEADER + "\n" + BODY
MAIL = "From: Ann\nSubject: Ferries\nDate: 2021-07-05"


@pytest.mark.parametrize("name", ["budget.txt", "budget.md"])
def test_the_header_names_and_dates_the_document_and_is_never_stored_as_a_sentence(tmp_path: Path, name: str) -> None:
    retriever = indexed(tmp_path, {name: TEXT}, FakeEmbedder())
    try:
        doc = retriever.store.document(name)
        assert doc is not None and (doc.title, doc.published) == ("Council approves budget", "2025-03-04")
        stored = retriever.store.sentences(doc.id, 0, 1000)
        assert stored[0].text.startswith("The council approved") and stored[0].line == 6
        assert not any(s.text.startswith(("Title:", "Subtitle:", "Date:", "Author:")) for s in stored)
        if name.endswith(".txt"):  # the file's own text: nothing is taken out, offsets are the file's
            assert retriever.store.document_text(doc.id) == TEXT
            assert stored[0].start == TEXT.index("The council")
    finally:
        retriever.close()


def test_an_answer_never_cites_a_header_line(tmp_path: Path) -> None:
    (answer,) = answers(tmp_path, {"budget.txt": TEXT}, FakeEmbedder(), "When will the new bridge open?")
    assert all(c.line > 4 for c in answer.citations), [c.quote for c in answer.citations]
    assert "Subtitle:" not in answer.text


def test_a_preview_of_the_first_passage_opens_after_the_header(tmp_path: Path) -> None:
    retriever = indexed(tmp_path, {"budget.txt": TEXT}, FakeEmbedder())
    try:
        for query in ("volcanic eruptions", "Council approves budget", "Jane Smith"):
            (preview,) = retriever.previews(retriever.search(query, 1), query)
            assert preview.text.startswith("The council approved"), query
            assert (preview.line, preview.start, preview.column) == (6, TEXT.index("The council"), 1)
    finally:
        retriever.close()


def test_a_file_with_a_header_but_no_title_line_takes_its_first_line_after_the_header(tmp_path: Path) -> None:
    path = tmp_path / "gazette.txt"
    path.write_text("Source: City Gazette\nDate: 4 March 2025\n\nCouncil approves budget\n\n" + BODY)
    doc = read_document(tmp_path, path)
    assert (doc.title, doc.published) == ("Council approves budget", "2025-03-04")


@pytest.mark.parametrize(
    ("text", "header"),
    [
        (TEXT, HEADER.rstrip("\n")),
        (TEXT.replace("\n", "\r\n"), HEADER.rstrip("\n").replace("\n", "\r\n")),
        ("\n\n" + TEXT, "\n\n" + HEADER.rstrip("\n")),
        ("Title: Floods\nDate: 2021-07-05\nRain fell for days.\n", "Title: Floods\nDate: 2021-07-05"),
        (MAIL + "\n\nThe ferry is late.\n", MAIL),
        # a message's header without a date: its Subject was cited as the answer to what the message says
        (
            "From: Ann Lee\nSubject: Re: moving the server\n\nWe move it on Monday.\n",
            "From: Ann Lee\nSubject: Re: moving the server",
        ),
    ],
)
def test_the_header_is_the_key_value_lines_at_the_top(text: str, header: str) -> None:
    assert text[: header_end(text)] == header


@pytest.mark.parametrize(
    "text",
    [
        "Note: the bridge is closed until May.\n\nThe ferry runs.\n",  # no key a header has: a sentence
        "Title: Floods\nDate: 2021-07-05\n",  # nothing after it: the lines are the text
        "The ferry runs twice a day.\nDate: 2021-07-05\n\nMore.\n",  # not at the top
        "See https://example.org for the timetable.\n\nMore.\n",
        "".join(f"Item {chr(97 + n)}: a word\n" for n in range(13)) + "Date: soon\n\nMore.\n",  # a list, not a header
        "",
        # words a mail header has, but not what makes one: a dedication, a form, a permit, a glossary, a letter
        "To: my mother, who taught me to read.\n\nChapter one begins.\n",
        "Organization: Red Cross\nContact: Jane Doe\nPhone: 555 0100\n\nThe volunteers came.\n",
        "Approved: yes, by the council on May 3\nExpires: 1 June 2026\n\nThe permit is valid.\n",
        "".join(f"Term {chr(97 + n)}: a word\n" for n in range(13)) + "Path: a way\nDate: soon\n\nMore.\n",
        "From: Jane Smith\n    Dear John, I write from the harbour.\n    The ships wait outside.\n\nRegards\n",
    ],
)
def test_text_without_a_header(text: str) -> None:
    assert header_end(text) == 0


NEWS_POST = (
    "Xref: news.example.org sci.space:59848\n"
    "Path: news.example.org!relay.example.net!not-for-mail\n"
    "From: rhea@example.edu (Rhea Walsh)\n"
    "Newsgroups: sci.space,sci.astro\n"
    "Subject: Re: Radar maps of the northern pole\n"
    "Message-ID: <1993Apr26.221943@example.edu>\n"
    "Keywords: Venus, radar\n"
    "Sender: news@example.edu (News System)\n"
    "Organization: Example University\n"
    "References: <1993Apr21.024423@example.com>\n"
    "\t<1r3ou5INNjhq@example.org>\n"
    "Article-I.D.: example.733694426\n"
    "Content-Transfer-Encoding: 8bit\n"
    "X-MS-Exchange-CrossTenant-OriginalArrivalTime: 26 Apr 1993 23:19:00.0000 (UTC)\n"
    "NNTP-Posting-Date: Mon, 26 Apr 1993 23:20:00 GMT\n"
    "Distribution: world\n"
    "Date: Mon, 26 Apr 1993 23:18:59 GMT\n"
    "Lines: 3\n"
)


def test_a_saved_news_post_is_named_by_its_subject_and_dated_by_its_header(tmp_path: Path) -> None:
    """A news post's or an e-mail's header runs past twelve lines, folds a value over an indented line and names
    its Date late: all of it is the header, and its Subject is the title."""
    text = NEWS_POST + "\nThe twin orbiters mapped the northern pole by radar.\n"
    assert text[: header_end(text)] == NEWS_POST.rstrip("\n")
    path = tmp_path / "post.txt"
    path.write_text(text)
    doc = read_document(tmp_path, path)
    assert (doc.title, doc.published) == ("Re: Radar maps of the northern pole", "1993-04-26")


def test_a_date_after_a_byline_still_dates_the_file(tmp_path: Path) -> None:
    """The header ends at "By Jane Doe" (no "Key:" line), but a Date line among the first lines still dates it."""
    path = tmp_path / "report.txt"
    path.write_text("Title: Annual report\nBy Jane Doe\nDate: 2020-03-01\n\nThe harbour handled more ships.\n")
    doc = read_document(tmp_path, path)
    assert (doc.title, doc.published) == ("Annual report", "2020-03-01")
