"""Spelling: the corpus word closest to a question word no sentence uses, from a real index's FTS5 vocabulary,
read-only, and never a guess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from askdocs.config import Settings
from askdocs.indexer import index_corpus
from askdocs.store.index_store import DB_FILE
from askdocs.store.spelling import close_word
from tests.support import FakeEmbedder

TEXT = (
    "Title: Council news\n\nHelen Okafor stepped down as mayor of Millbrook on Wednesday.\n"
    "Raj Patel will serve as acting mayor until the election in March.\n"
    "Parking costs two dollars per hour.\n"
    "Okonjo said the council would vote in April.\n"
)


def _index(tmp_path: Path, text: str = TEXT, name: str = "council.txt") -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / name).write_text(text, encoding="utf-8")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    return tmp_path / "index" / DB_FILE


def test_a_misspelt_word_is_offered_as_a_sentence_writes_it(tmp_path: Path) -> None:
    db = _index(tmp_path)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # a read-only index: nothing is written to it
    try:
        assert close_word(conn, "Milbrook") == "Millbrook"
        assert close_word(conn, "Okafer") == "Okafor"
        assert close_word(conn, "electon") == "election"
    finally:
        conn.close()


def test_nothing_is_offered_when_no_word_is_close_or_the_word_is_short(tmp_path: Path) -> None:
    conn = sqlite3.connect(_index(tmp_path))
    try:
        assert close_word(conn, "France") is None
        assert close_word(conn, "xyzzy") is None
        assert close_word(conn, "Raj") is None  # too short to correct
        assert close_word(conn, "2024") is None
    finally:
        conn.close()


def test_a_name_is_not_offered_a_common_word_a_letter_shorter(tmp_path: Path) -> None:
    """A name no sentence uses ("Peru") is no misspelt "per"; a common word's capital still gets its correction."""
    conn = sqlite3.connect(_index(tmp_path))
    try:
        assert close_word(conn, "Peru") is None
        assert close_word(conn, "Electon") == "election"
        assert close_word(conn, "Okonja") == "Okonjo"  # a name only ever opening a sentence is still a name
    finally:
        conn.close()


def test_a_word_spelt_right_is_offered_nothing_though_the_documents_write_one_close_to_it(tmp_path: Path) -> None:
    """ "price" beside the documents' "prize": a word the model's vocabulary or the Lexicon knows is no misspelling,
    only a word the documents do not use."""
    text = "The Kestrel Prize for young poets was awarded in June.\nThe prize is 500 pounds.\n"
    conn = sqlite3.connect(_index(tmp_path, text, "prize.txt"))
    try:
        assert close_word(conn, "price") is None
        assert close_word(conn, "prices") is None
        assert close_word(conn, "Kestrell") == "Kestrel"  # no word: still offered
    finally:
        conn.close()


def _index_text(tmp_path: Path, text: str) -> sqlite3.Connection:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "news.txt").write_text(text, encoding="utf-8")
    index_corpus(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake"), embedder=FakeEmbedder())
    return sqlite3.connect(tmp_path / "index" / DB_FILE)


def test_a_word_whose_stem_stems_again_is_offered_as_written_not_as_its_stem(tmp_path: Path) -> None:
    """The index keeps Porter stems ("stamped" for "stampede", "increas" for "increased"); the sentences that write
    one were looked up by matching the stem, which stems again ("stamp") and finds none, so the bare stem was
    offered: "did you mean “stamped”?" to "stampde"."""
    text = "Hundreds died in a stampede near the bridge.\nThe toll increased on Friday.\n"
    conn = _index_text(tmp_path, text)
    try:
        assert close_word(conn, "stampde") == "stampede"
        assert close_word(conn, "incresed") == "increased"
    finally:
        conn.close()


def test_a_function_word_is_not_offered(tmp_path: Path) -> None:
    """ "undre" was offered "under", "furthr" "further": a function word says nothing of what the documents lack."""
    conn = _index_text(tmp_path, "The road under the bridge is closed.\nNo further repairs are planned.\n")
    try:
        assert close_word(conn, "undre") is None
        assert close_word(conn, "furthr") is None
        assert close_word(conn, "bridgge") == "bridge"  # a content word still is
    finally:
        conn.close()


def test_the_closest_written_word_is_offered_over_a_shorter_stem(tmp_path: Path) -> None:
    """Stems are shorter than the words that make them: the closest stem to "underay" is "under", while the
    documents write "underway", which is closer to what was typed ("coluds": "clouds", not "cold")."""
    text = "Repairs to the bridge are underway.\nThe road under it is closed.\nDark clouds and cold rain came.\n"
    conn = _index_text(tmp_path, text)
    try:
        assert close_word(conn, "underay") == "underway"
        assert close_word(conn, "coluds") == "clouds"
        assert close_word(conn, "shorty") is None  # nothing written is close
    finally:
        conn.close()


def test_a_word_whose_stem_is_much_shorter_than_it_is_still_found(tmp_path: Path) -> None:
    """Porter stems "experiment" to "experi" and "government" to "govern", stems too short for their ratio to the
    typed word to reach the stems compared: a longer derived word was offered ("expeiment": "experimental") or
    nothing ("Govenment", "taxess", "Bejing")."""
    text = (
        "The experiment ran for a week.\nExperimental plots were planted in May.\n"
        "The government raised taxes on fuel.\nThe team flew to Beijing.\nAndy Weir wrote the book.\n"
        "Development of the developmental stage took years.\n"
    )
    conn = _index_text(tmp_path, text)
    try:
        assert close_word(conn, "expeiment") == "experiment"
        assert close_word(conn, "expeirment") == "experiment"
        assert close_word(conn, "develpoment") == "Development"
        assert close_word(conn, "Govenment") == "government"
        assert close_word(conn, "taxess") == "taxes"
        assert close_word(conn, "Bejing") == "Beijing"
        assert close_word(conn, "Andys") == "Andy"
    finally:
        conn.close()


def test_a_possessive_is_offered_without_its_ending(tmp_path: Path) -> None:
    """ "Greylocks" was offered "Greylock's", "Swedes" "Sweden's": the documents' word is the name, not its
    possessive."""
    text = "Greylock's summit is the highest in the state.\nSweden's team won the final.\nThe mayor’s car broke.\n"
    conn = _index_text(tmp_path, text)
    try:
        assert close_word(conn, "Greylocks") == "Greylock"
        assert close_word(conn, "Swedes") == "Sweden"
        assert close_word(conn, "mayorss") == "mayor"
    finally:
        conn.close()


def test_a_known_word_with_a_regular_ending_is_offered_nothing(tmp_path: Path) -> None:
    """ "did you mean “route”?" was offered for "router": the model's vocabulary holds "route" but not "router"
    (it splits it into pieces), so a known word with a regular ending is spelt right too; a misspelling still gets
    the documents' word."""
    conn = _index_text(tmp_path, "The bus route was changed in May.\nDrivers took the new route on Monday.\n")
    try:
        assert close_word(conn, "router") is None
        assert close_word(conn, "routers") is None
        assert close_word(conn, "rotue") == "route"
    finally:
        conn.close()


def test_endings_make_a_word_known_only_from_a_known_word() -> None:
    from askdocs.lang.known_words import known

    assert known("router") and known("streamers") and known("hopping")
    assert not known("recieve") and not known("goverment") and not known("presidnet") and not known("wather")
    assert not known("taxess") and not known("Andys")  # an "s" after an "s"; a name takes no ending


def test_of_two_words_as_close_by_ratio_the_one_fewer_edits_away_is_offered(tmp_path: Path) -> None:
    """The word "travelend" is as close to "travelled" as to "Traveland" by difflib's ratio, but one letter from the
    name and two from the verb: the name is offered, in lower case or capitalised."""
    text = "Tourists travelled north on Monday.\nTraveland collapsed owing staff nearly $9 million.\n"
    conn = sqlite3.connect(_index(tmp_path, text, "travel.txt"))
    try:
        assert close_word(conn, "travelend") == "Traveland"
        assert close_word(conn, "Travelend") == "Traveland"
    finally:
        conn.close()
