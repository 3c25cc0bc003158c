"""Which sentence a preview opens on: the one an answerer ranked best in the passage among those it cites or that
share a query word, else the one whose shared query words weigh most (rare words more than common ones); a passage
whose matching sentences were shown above opens on its own start."""

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
    ranked = [("b.txt", 0), ("a.txt", NEWS.index("The ferry")), ("a.txt", 0)]
    (shown,) = previews([passage("a.txt", NEWS, 0, 1)], question, ranked=ranked)
    assert shown.line == 3 and shown.text.startswith("The ferry")  # ranked before the budget, which shares more
    (first,) = previews([passage("a.txt", NEWS, 0, 1)], "ferry budget", ranked=[("a.txt", 0)])
    assert (first.start, first.line) == (0, 1)  # its first sentence ranked best: the passage's start
    (other,) = previews([passage("a.txt", NEWS, 0, 1)], "ferry", ranked=[("b.txt", NEWS.index("Several"))])
    assert other.line == 3  # a ranking of another document's sentences: chosen by words


def test_a_ranked_sentence_sharing_no_question_word_is_opened_on_only_when_cited() -> None:
    question = "When will the ferry to Kestrel Point stop?"
    ranked = [("a.txt", NEWS.index("Several")), ("a.txt", NEWS.index("The ferry"))]
    (shown,) = previews([passage("a.txt", NEWS, 0, 1)], question, ranked=ranked)
    assert shown.line == 3 and shown.text.startswith("The ferry")  # not "Several members", low on a long list
    cited = {("a.txt", NEWS.index("Several"))}
    (quoted,) = previews([passage("a.txt", NEWS, 0, 1)], question, ranked=ranked, cited=cited)
    assert quoted.line == 2 and quoted.text.startswith("Several members")  # what the answer cites


def test_overlapping_passages_open_on_their_next_ranked_sentence() -> None:
    second_start = NEWS.index("Several")
    first, second = passage("a.txt", NEWS, 0, 1), passage("a.txt", NEWS[second_start:], second_start, 2)
    ranked = [("a.txt", NEWS.index("The ferry")), ("a.txt", second_start)]
    shown = previews([first, second], "ferry members", ranked=ranked)
    assert [v.line for v in shown] == [3, 2]


def test_a_passage_whose_matching_sentence_was_shown_above_opens_on_its_own_start() -> None:
    second_start = NEWS.index("Several")
    text = NEWS + "Tickets are sold on board.\n"
    first, second = passage("a.txt", text, 0, 1), passage("a.txt", text[second_start:], second_start, 2)
    for weights in (None, {stem("kestrel"): 2.0, stem("ferry"): 1.0}):
        shown = previews([first, second], "Kestrel ferry", weights)
        assert shown[0].line == 3 and shown[0].text.startswith("The ferry")
        assert shown[1].line == 2 and shown[1].start == second_start  # not the ferry sentence again
    ranked = [("a.txt", text.index("The ferry")), ("a.txt", text.index("Tickets"))]
    shown = previews([first, second], "Kestrel ferry", ranked=ranked)
    assert [v.line for v in shown] == [3, 2]  # nor the ranked "Tickets", which shares no word and is not cited
    nothing = previews([first, second], "volcanic eruptions")  # no sentence shares a word: each opens on its start
    assert [v.line for v in nothing] == [1, 2]
