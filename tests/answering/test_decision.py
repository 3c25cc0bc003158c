"""Which sentences are cited: as many as hold the fitted share of the ranker's probability, new facts only."""

from __future__ import annotations

from askdocs.answering import signals
from askdocs.answering.decision import MAX_CITED, select
from askdocs.answering.evidence import ScoredSentence
from askdocs.store.records import StoredSentence


def _ranked(*items: tuple[str, float], date: float = 0.0) -> tuple[ScoredSentence, ...]:
    out = []
    for n, (text, share) in enumerate(items):
        s = StoredSentence(n, 1, "a.txt", n, 10 * n, 10 * n + len(text), 1, text)
        out.append(ScoredSentence(s, 0.5, 0.5, 0.5, date, share=share))
    return tuple(out)


def test_a_sure_ranker_cites_one_sentence_an_unsure_one_several() -> None:
    sure = _ranked(("The bridge opened in 1932.", 0.9), ("It is long.", 0.05), ("Cars cross it.", 0.05))
    assert [c.sentence.text for c in select(sure, mass=0.85)] == ["The bridge opened in 1932."]
    unsure = _ranked(*((f"Fact number {n} about rivers and towns.", 0.125) for n in range(8)))
    assert len(select(unsure, mass=0.85)) == MAX_CITED
    middle = _ranked(("First fact here.", 0.5), ("Second fact there.", 0.3), ("Third one.", 0.1), ("Last.", 0.1))
    assert len(select(middle, mass=0.85)) == 3


def test_a_repeated_sentence_adds_its_share_but_is_not_cited_twice() -> None:
    repeated = _ranked(
        ("The mayor resigned on Monday after the vote.", 0.5),
        ("The mayor resigned on Monday after the vote .", 0.4),
        ("The council met again on Friday.", 0.1),
    )
    chosen = select(repeated, mass=0.85)
    assert [c.sentence.text for c in chosen] == ["The mayor resigned on Monday after the vote."]


def test_a_dated_question_cites_only_sentences_that_meet_its_date() -> None:
    met = signals.MEETS_DATE
    items = [("On July 2 two men were arrested.", 0.4, met), ("A year before, one man was held.", 0.3, 0.0)]
    items.append(("Both were held in the city jail that day.", 0.2, met))
    ranked = tuple(
        ScoredSentence(StoredSentence(n, 1, "a.txt", n, 50 * n, 50 * n + len(t), 1, t), 0.5, 0.5, 0.5, d, share=p)
        for n, (t, p, d) in enumerate(items)
    )
    chosen = select(ranked, dated=True, mass=0.95)
    assert [c.sentence.text for c in chosen] == [items[0][0], items[2][0]]
    assert len(select(ranked, dated=False, mass=0.95)) == 3


def test_a_refusal_names_the_question_words_the_best_sentence_lacks_or_says_it_is_unsure() -> None:
    """The answerable model weighs most the question's words the best sentence and its neighbours lack: a refusal
    names them as the question has them, heaviest first, and says it is not sure when they lack none."""
    from askdocs.answering.decision import _unsure
    from askdocs.answering.evidence import Evidence
    from askdocs.answering.query import parse_query
    from askdocs.text.stem import stem

    question = "When did the port authority open its second factory?"
    terms = signals.question_terms(question, lambda q: 5 if "authority" in q else 2, 100, stem)
    best = _ranked(("Norvale Robotics opened its second factory this spring.", 1.0))

    def evidence(neighbourhood: str) -> Evidence:
        window = frozenset(signals.stems_of(neighbourhood, stem))
        context = signals.Context(best[0].sentence.text, sorted(window), window, 1, 0.0)
        return Evidence(parse_query(question), (), best, terms, {best[0].sentence.id: context})

    lacking = _unsure(evidence("Norvale Robotics opened its second factory this spring."))
    assert lacking == "the closest sentences do not mention “port”, “authority”"
    assert "not sure" in _unsure(evidence("The port authority said Norvale opened its second factory."))


def test_a_refusal_whose_closest_sentences_hold_nothing_of_the_asked_type_says_so() -> None:
    """When no question word is missing, the reason names what the best three sentences all lack of what the
    question asks for (the sentence models' `typed` signal): no date for "when", no place for "where"."""
    from dataclasses import replace

    from askdocs.answering.decision import _unsure
    from askdocs.answering.evidence import Evidence
    from askdocs.answering.query import parse_query
    from askdocs.text.stem import stem

    typed = signals.SENTENCE.index("typed")

    def reason(question: str, *holds: float) -> str:
        texts = [f"The port authority opened its second factory, report {n} says." for n in range(len(holds))]
        best = tuple(
            replace(s, signals=tuple(h if i == typed else 0.5 for i in range(len(signals.SENTENCE))))
            for s, h in zip(_ranked(*((t, 0.3) for t in texts)), holds, strict=True)
        )
        terms = signals.question_terms(question, lambda q: 2, 100, stem)
        window = frozenset(signals.stems_of(texts[0], stem))
        context = signals.Context(texts[0], sorted(window), window, 1, 0.0)
        return _unsure(Evidence(parse_query(question), (), best, terms, {best[0].sentence.id: context}))

    when = "When did the port authority open its second factory?"
    assert reason(when, 0.0, 0.0, 0.0) == "the closest sentences use the question's words, but none gives a date"
    assert "not sure" in reason(when, 0.0, 1.0, 0.0)  # one of the three holds a date: nothing to name
    assert reason(when, 0.0, 0.0, 0.0, 1.0).endswith("none gives a date")  # the fourth is not read
    where = "Where did the port authority open its second factory?"
    assert reason(where, 0.0, 0.0).endswith("none names a place the question does not")
    assert "not sure" in reason("Why did the port authority open its second factory?", 0.0, 0.0, 0.0)


def test_a_refusal_never_names_a_word_a_related_passage_it_lists_holds() -> None:
    """The related passages listed under a refusal are the retrieval's; the best sentence is the ranker's. A word
    the first related passage holds is not one "the closest sentences do not mention" (the reason denied what the
    reader saw right under it)."""
    from askdocs.answering.decision import _unsure
    from askdocs.answering.evidence import Evidence
    from askdocs.answering.query import parse_query
    from askdocs.retrieval import Hit
    from askdocs.store.records import Passage
    from askdocs.text.stem import stem

    question = "When did the port authority open its second factory?"
    terms = signals.question_terms(question, lambda q: 5 if "authority" in q else 2, 100, stem)
    best = _ranked(("Norvale Robotics opened its second factory this spring.", 1.0))
    window = frozenset(signals.stems_of(best[0].sentence.text, stem))
    context = signals.Context(best[0].sentence.text, sorted(window), window, 1, 0.0)
    text = "The harbour's authority met on Monday."
    hit = Hit(Passage(7, 2, "b.txt", 0, 0, len(text), 1, 0, 0, text), 0.03, 1)
    evidence = Evidence(parse_query(question), (hit,), best, terms, {best[0].sentence.id: context})
    assert _unsure(evidence, (hit,)) == "the closest sentences do not mention “port”"
    assert _unsure(evidence) == "the closest sentences do not mention “port”, “authority”"  # a passage not listed


def test_a_refusal_quotes_the_closest_sentence_around_the_word_it_names() -> None:
    """A long sentence is quoted cut at words; when the word the reason names comes late, the quote is taken around
    it, so the user sees it."""
    from askdocs.answering.decision import QUOTE_CHARS, _sentence

    text = "The Kellford reservoir, which locals call the Mirror, is by a long way the region's largest body of water."
    assert (
        _sentence("Duisburg has Europe's largest inland port.", "largest")
        == "“Duisburg has Europe's largest inland port.”"
    )
    late = _sentence(text, "largest")
    assert "largest" in late and late.startswith("“…") and len(late) <= QUOTE_CHARS + 4
    early = _sentence(text, "Kellford")
    assert early.startswith("“The Kellford") and early.endswith("…”")


def test_a_question_whose_words_no_document_uses_names_them_in_its_refusal(tmp_path) -> None:  # noqa: ANN001
    """A question none of whose words the matching passages hold, because no document uses them at all, says which
    words the documents never use (as a question with a name nobody writes does), not only that the best passages
    lack them."""
    from tests.support import FakeEmbedder, answers

    files = {"ferry.txt": "The ferry to Carrow leaves at nine every weekday morning.\n\nIt is run by the council."}
    (router,) = answers(tmp_path, files, FakeEmbedder(), "How do I reset my router password?")
    assert not router.found
    assert router.reasons == ("no sentence of the documents uses “reset”, “router”, “password”",), router.reasons
