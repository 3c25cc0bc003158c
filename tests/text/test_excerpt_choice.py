"""Which sentence a preview opens on: the one an answerer ranked best in the passage, else the one whose shared query
words weigh most (rare words more than common ones), and never one that shares no query word because a sentence
that does was shown above."""

from __future__ import annotations

from askdocs.text.excerpt import previews, query_words
from askdocs.text.stem import stem
from tests.text.test_excerpt import passage

NEWS = (
    "The new budget for the year was agreed by the council.\n"
    "Several members left early.\n"
    "The ferry to Kestrel Point will stop in March.\n"
)
"""Its first sentence shares two common words of "new ferry year", its last one rare word."""


def test_a_rare_shared_word_outweighs_two_common_ones() -> None:
    query = "new ferry year"
    (counted,) = previews([passage("a.txt", NEWS, 0, 1)], query)
    assert counted.line == 1  # two shared words against one: the passage's start
    weights = {stem("new"): 0.4, stem("year"): 0.5, stem("ferry"): 3.2}
    (weighed,) = previews([passage("a.txt", NEWS, 0, 1)], query, weights)
    assert weighed.line == 3 and weighed.text.startswith("The ferry to Kestrel Point")
    assert weighed.start == NEWS.index("The ferry")
    common = {stem("new"): 2.0, stem("year"): 2.0, stem("ferry"): 3.2}  # two words outweigh one when they weigh so
    assert previews([passage("a.txt", NEWS, 0, 1)], query, common)[0].line == 1


def test_query_words_are_keyed_by_stem_as_previews_compare_them() -> None:
    assert query_words("The ferries and a ferry, next year") == {
        stem("ferries"): "ferries",
        stem("year"): "year",
        stem("next"): "next",
    }


def test_a_passage_opens_on_the_sentence_an_answerer_ranked_best_in_it() -> None:
    question = "When was the budget for the new year agreed with the ferry?"
    ranked = [("b.txt", 0), ("a.txt", NEWS.index("Several")), ("a.txt", NEWS.index("The ferry"))]
    (shown,) = previews([passage("a.txt", NEWS, 0, 1)], question, ranked=ranked)
    assert shown.line == 2 and shown.text.startswith("Several members")  # ranked before the ferry, shares no word
    (first,) = previews([passage("a.txt", NEWS, 0, 1)], "ferry", ranked=[("a.txt", 0)])
    assert (first.start, first.line) == (0, 1)  # its first sentence ranked best: the passage's start
    (other,) = previews([passage("a.txt", NEWS, 0, 1)], "ferry", ranked=[("b.txt", NEWS.index("Several"))])
    assert other.line == 3  # a ranking of another document's sentences: chosen by words


def test_overlapping_passages_open_on_their_next_ranked_sentence() -> None:
    second_start = NEWS.index("Several")
    first, second = passage("a.txt", NEWS, 0, 1), passage("a.txt", NEWS[second_start:], second_start, 2)
    ranked = [("a.txt", NEWS.index("The ferry")), ("a.txt", second_start)]
    shown = previews([first, second], "ferry", ranked=ranked)
    assert [v.line for v in shown] == [3, 2]


def test_a_passage_does_not_open_on_a_sentence_sharing_no_word_because_its_match_was_shown() -> None:
    second_start = NEWS.index("Several")
    first, second = passage("a.txt", NEWS, 0, 1), passage("a.txt", NEWS[second_start:], second_start, 2)
    shown = previews([first, second], "Kestrel ferry")
    assert shown[0].line == 3
    assert shown[1].line == 3 and shown[1].text.startswith("The ferry")  # not "Several members", which shares none
    weighed = previews([first, second], "Kestrel ferry", {stem("kestrel"): 2.0, stem("ferry"): 1.0})
    assert [v.line for v in weighed] == [3, 3]
    nothing = previews([first, second], "volcanic eruptions")  # no sentence shares a word: each opens on its start
    assert [v.line for v in nothing] == [1, 2]
