"""Previews open on the sentence that matches, not on the passage's first words."""

from __future__ import annotations

from askdocs.text.excerpt import best_excerpt, flattened, previews

PASSAGE = (
    "The council met on Monday to discuss the budget.\n"
    "Several members left early.\n"
    "The harbour bridge will close for repairs in March, the mayor said.\n"
)


def test_the_sentence_sharing_most_words_is_chosen_with_its_line() -> None:
    found = best_excerpt(PASSAGE, "When does the harbour bridge close?")
    assert found is not None
    assert PASSAGE[found.start : found.end].startswith("The harbour bridge will close")
    assert found.lines_before == 2


def test_no_excerpt_when_the_first_sentence_matches_or_nothing_does() -> None:
    assert best_excerpt(PASSAGE, "What did the council discuss?") is None  # the start is the right preview
    assert best_excerpt(PASSAGE, "volcanic eruptions") is None
    assert best_excerpt(PASSAGE, "the of and") is None  # stop words only


def test_overlapping_passages_of_one_document_do_not_open_on_the_same_sentence() -> None:
    second_start = PASSAGE.index("Several")
    first = ("a.txt", PASSAGE, 0, 1)
    second = ("a.txt", PASSAGE[second_start:], second_start, 2)
    shown = previews([first, second], "harbour bridge repairs; members")
    assert shown[0].text.startswith("…The harbour bridge") and shown[0].line == 3
    assert shown[1].text.startswith("Several members")  # the bridge was shown: its next best is its start
    other = ("b.txt", PASSAGE[second_start:], second_start, 2)  # the same offsets in another document
    assert previews([first, other], "harbour bridge")[1].text.startswith("…The harbour bridge")


def test_a_preview_points_at_the_sentence_in_the_document() -> None:
    (shown,) = previews([("a.txt", PASSAGE, 100, 7)], "harbour bridge")
    assert (shown.start, shown.line) == (100 + PASSAGE.index("The harbour"), 9)
    assert shown.end == 100 + PASSAGE.index("\n", PASSAGE.index("The harbour"))
    (whole,) = previews([("a.txt", PASSAGE, 100, 7)], "")
    assert (whole.start, whole.end, whole.line, whole.text) == (100, 100 + len(PASSAGE), 7, flattened(PASSAGE))


def test_a_heading_is_set_off_from_the_text_after_it() -> None:
    text = "Tension with U.S.\nEarlier this year, the government shut down an elite police unit.\n"
    assert flattened(text) == "Tension with U.S. — Earlier this year, the government shut down an elite police unit."
    wrapped = "The committee agreed that the new rules would apply\nfrom the first of the month onwards.\n"
    assert flattened(wrapped) == " ".join(wrapped.split())  # a long wrapped line runs on
