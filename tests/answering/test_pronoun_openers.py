"""A sentence that opens on a pronoun ("It is 214 kilometres long.") is about what the sentence before it names:
those names count as its own words, so the question naming them finds it (real model, FAISS and SQLite)."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.referents import referent
from askdocs.store.records import StoredSentence
from tests.support import answers

RIVER = """The Brannock

The Brannock is a river in the county of Velmere. It is 214 kilometres long and drains a basin of about 5,600
square kilometres. It rises on the slopes of Mount Carrow and flows south-east past the towns of Dunmere and Ashby.

A long-distance footpath, the Brannock Way, follows the river for 170 kilometres from Dunmere to the coast.
The river is tidal up to the Ashby weir, 46 kilometres from the sea.
The Fenn, 63 kilometres long, is its largest tributary.
"""


def sentence(ord_: int, text: str) -> StoredSentence:
    """Sentence `ord_` of one document, as the store gives it."""
    return StoredSentence(id=ord_, doc_id=1, path="a.txt", ord=ord_, start=0, end=len(text), line=ord_ + 1, text=text)


TOWN = """Ashby

Ashby lies on both banks of the Brannock River, about 40 kilometres from the river's mouth.
The town grew up around a ford and a market granted in 1204.
"""


def test_a_pronoun_sentence_is_cited_for_what_the_sentence_before_names(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    files = {"brannock.txt": RIVER, "ashby.txt": TOWN}
    (answer,) = answers(tmp_path, files, real_embedder, "How long is the Brannock River?")
    assert answer.found, answer.reasons
    assert any("214 kilometres" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


def test_a_pronoun_after_a_table_row_takes_no_names_from_it() -> None:
    """ "Her portrait hangs in the town hall." under a table row names nobody the row names."""

    row = sentence(0, "Name: Victor Sand | Office: Treasurer")
    her = sentence(1, "Her portrait hangs in the town hall.")
    told = sentence(2, "It was painted in 1990.")
    assert referent(her, {0: row, 1: her}) is None
    assert referent(told, {1: her, 2: told}) is None  # back through "Her ..." to the row: nothing
    lead = sentence(0, "Victor Sand was treasurer for ten years.")
    assert referent(her, {0: lead, 1: her}) == lead


def test_an_it_that_stands_for_nothing_takes_no_names_from_the_sentence_before() -> None:
    """ "It is said that the old mill is haunted." is not about the observatory the sentence before names; "It is a
    river that ..." and "It was built so that ..." are about what it names."""

    lead = sentence(0, "The Kellford Observatory opened on Crane Hill in 1891.")
    for text in (
        "It is said that the old mill below the hill is haunted.",
        "It was not yet clear whether the dome would reopen.",
        "It remains unknown if the lens survived.",
        "It was in 1990 that the telescope moved.",
    ):
        assert referent(sentence(1, text), {0: lead}) is None, text
    for text in (
        "It is a building that draws visitors.",
        "It was built so that ships could see it.",
        "It is 40 m tall.",
    ):
        assert referent(sentence(1, text), {0: lead}) == lead, text


def test_a_pronoun_before_any_name_refers_back_too() -> None:
    """ "When heated above 1,240 °C it decomposes." speaks of what the sentence before names, as one opening on "It"
    does; "Maria said it was fine." names its own subject first."""

    lead = sentence(0, "Velorite is a rare silvery-blue mineral compound.")
    for text in (
        "When heated above 1,240 °C it decomposes, giving off fumes.",
        "In late summer, fish made up about 22% of its diet.",
        '"It was a shock," she said.',
    ):
        assert referent(sentence(1, text), {0: lead}) == lead, text
    for text in ("Maria said it was fine.", "In June the Civic Alliance led by five points, its best result."):
        assert referent(sentence(1, text), {0: lead}) is None, text


RAILWAY = """Heritage lines of Velmere

The Marrow Valley Railway is a heritage line in the county of Velmere, restored by volunteers between 1968 and 1979.
The line runs 23 kilometres through the hills between two market towns and crosses eleven viaducts.
Its trains are hauled by steam locomotives built in the 1920s.

The Quarry Tramway, a narrow-gauge line of 4 kilometres, closed in 1958.
"""


def test_a_sentence_opening_on_the_and_a_common_noun_is_cited_for_what_the_sentence_before_names(
    tmp_path: Path,
    real_embedder,  # noqa: ANN001
) -> None:
    """ "The line runs 23 kilometres ..." is about the railway the sentence before names."""
    (answer,) = answers(tmp_path, {"railways.txt": RAILWAY}, real_embedder, "How long is the Marrow Valley Railway?")
    assert answer.found, answer.reasons
    assert any("23 kilometres" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


def test_a_description_refers_back_but_a_name_or_an_indefinite_subject_does_not() -> None:
    """ "The animal ...", "This extension ..." speak of what the sentence before names; "The Tolme ..." names its
    own subject, "A man ..." someone new, "The same day ..." no one."""
    lead = sentence(0, "The Kellford Observatory opened on Crane Hill in 1891.")
    for text in ("The building was extended in 1910.", "This extension cost £4,000.", "“The dome is copper."):
        assert referent(sentence(1, text), {0: lead}) == lead, text
    for text in ("The Tolme is a river.", "A man was hurt.", "The same day a storm came.", "The 1910 wing burned."):
        assert referent(sentence(1, text), {0: lead}) is None, text
    # a pronoun after a description sentence still stands for what that sentence says
    extended = sentence(1, "The building was extended by Ivo Marsh in 1910.")
    assert referent(sentence(2, "It cost £4,000."), {0: lead, 1: extended, 2: sentence(2, "")}) == extended
