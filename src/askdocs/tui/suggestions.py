"""What to suggest in an empty chat: questions made from document titles, kept only when the answerer answers them."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from askdocs.lang.en import EN
from askdocs.text.normalize import shortened
from askdocs.text.safe import clean

if TYPE_CHECKING:
    from askdocs.answering import Answer

NAMED = ("What is known about {}?", "What is “{}” about?", "Who is mentioned in “{}”?")
"""Questions about a title that names something (a thing, a place, a person, an animal: "Apollo 11", "Aardvark"),
which "What happened in …" or "What does … say" would not read right with."""
DATED = ("What does “{}” say?", "What happened in “{}”?", "Who is mentioned in “{}”?")
"""Questions about a title that holds a year ("Budget 2024", "Harbour news, May 2023"): a period or its events."""
OTHER = ("What does “{}” say?", "What is “{}” about?", "Who is mentioned in “{}”?")
"""Questions about any other title ("Minutes of the board", "Grey wolf"): about the document itself."""
TEMPLATES = OTHER
"""General questions any document can answer; titles take the templates of their shape (see templates) in turn."""
TITLE_WIDTH = 60
SHOWN = 3
ASKED = 6
"""At most six candidate questions are put to the answerer for one state of the index: a few seconds at most."""
_WORD = re.compile(r"[^\W\d_]{3,}")
"""Three letters or more in a row: what a title needs to be worth asking about."""
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
"""A year in a title ("Budget 2024"): a news-like title, which "What happened in" suits."""
_PARTICLES = EN.name_connectors | {"of"}
"""Lowercase words inside a name ("Bank of England", "Luis de la Cruz")."""


def short_title(title: str, width: int = TITLE_WIDTH) -> str:
    """The title on one line, cut at a word to at most `width` characters, without controls."""
    return shortened(" ".join(clean(title, lines=False).split()).strip(" “”\"'"), width)


def usable_title(title: str) -> bool:
    """True when a question about this title reads as one: it has a word of three letters or more, and it does not
    end as a sentence. A letter, a number, a date or punctuation alone ("T", "2024", "3.1.2", "—") makes a question
    nobody would ask, and so does a document's first sentence taken for its title ("What happened in “Police have
    charged two men over the…”?")."""
    text = " ".join(clean(title, lines=False).split()).strip(" “”\"'")
    sentence = text.endswith((".", "!")) and not text.endswith("...")  # a first sentence standing in for a title
    return bool(_WORD.search(short_title(title))) and not sentence


def templates(shown: str) -> tuple[str, str, str]:
    """The questions that read right about the (shortened, clean) title `shown`, by its shape, no list of topics
    needed: DATED when it holds a year; NAMED when it is a name of a few words (each capitalised or a number, bar
    the particles names hold, "of", "de la"), as the titles of encyclopedia articles are; else OTHER."""
    words = shown.split()
    if _YEAR.search(shown):
        return DATED
    if len(words) <= 4 and all(w[:1].isupper() or w.isdigit() or w in _PARTICLES for w in words):
        return NAMED
    return OTHER


def candidate_questions(titles: Sequence[str], limit: int = ASKED) -> list[str]:
    """Up to `limit` different questions over the usable titles: first one per title, each title with the next
    template, then each title again with its next template, so the first few cover different documents."""
    return [question for question, _ in _candidates(titles, limit)]


def _candidates(titles: Sequence[str], limit: int) -> list[tuple[str, str]]:
    """candidate_questions' questions, each with the title it was made from."""
    usable: dict[str, str] = {}
    for title in titles:
        if usable_title(title):
            usable.setdefault(short_title(title), title)
    found: list[tuple[str, str]] = []
    for turn in range(len(TEMPLATES)):
        for n, (shown, title) in enumerate(usable.items()):
            if len(found) == limit:
                return found
            shaped = templates(shown)
            found.append((shaped[(n + turn) % len(shaped)].format(shown), title))
    return found


def _cites(answer: Answer, path: str) -> bool:
    """Whether the answer's first citation is in the document at corpus-relative `path` (citations carry the path
    as shown: relative to the working folder)."""
    first = answer.citations[0].path if answer.citations else ""
    return first == path or first.endswith("/" + path)


def answerable(
    ask: Callable[[str], Answer],
    titles: Sequence[str],
    *,
    sources: Mapping[str, Collection[str]] | None = None,
    shown: int = SHOWN,
    asked: int = ASKED,
    stop: Callable[[], bool] = lambda: False,
    found_so_far: Callable[[Sequence[str]], None] = lambda questions: None,
) -> list[str]:
    """The first `shown` candidate questions that `ask` answers (found), putting at most `asked` to it: a suggested
    question that would be refused is worse than none. With `sources` (title -> its documents' paths), a question
    about a title counts only when the answer cites that document first: an answer from other documents is no
    answer to "What does “Port traffic” say?". A second question about a document already suggested waits until
    every other document's have been tried, so that the few shown cover different documents. Blocking (it runs the
    answerer): call it from a worker; `found_so_far` hears the list each time a question is added, so the first can be
    shown before the others are tried."""
    found: list[str] = []
    covered: set[str] = set()
    waiting: list[tuple[str, str]] = []
    for question, title in _candidates(titles, asked):
        if title in covered:
            waiting.append((question, title))
            continue
        if len(found) == shown or stop():
            return found
        if _answered(ask(question), title, sources):
            found.append(question)
            covered.add(title)
            found_so_far(tuple(found))
    for question, title in waiting:
        if len(found) == shown or stop():
            break
        if _answered(ask(question), title, sources):
            found.append(question)
            found_so_far(tuple(found))
    return found


def _answered(answer: Answer, title: str, sources: Mapping[str, Collection[str]] | None) -> bool:
    """Found, and (with `sources`) citing first a document of that title (several documents may share one)."""
    return answer.found and (
        sources is None or title not in sources or any(_cites(answer, path) for path in sources[title])
    )
