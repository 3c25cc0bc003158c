"""A question about a year is answered from a sentence that tells of a span of years holding it ("Between 2005 and
2008, ..."), with the real model: the span dates the sentence, so it is not put behind sentences that only name the
year."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering import answer_question
from askdocs.answering.evidence import gather_evidence
from askdocs.answering.model import fitted
from askdocs.answering.query import parse_query
from tests.support import answers, indexed

ECONOMY = """The economy of Norland

Norland adopted a flat income tax in 1994, with a single rate of 26% for every earner.
Between 2005 and 2008, the personal income tax rate was lowered from 26% to 21% in several steps.
The country's output fell by 4% in the last quarter of 2008 as exports slowed.
Unemployment rose from 4.1% in May 2008 to 13.8% a year later.
Norland planned to join the currency union in 2008, but high inflation delayed the move to 2011.
The banking crisis of 2008 hit the property market hardest.
"""


def test_a_sentence_about_a_span_of_years_answers_a_question_about_one_of_them(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    [answer] = answers(tmp_path, {"norland.md": ECONOMY}, real_embedder, "What was the income tax rate in 2008?")
    assert answer.found
    assert answer.citations[0].quote.startswith("Between 2005 and 2008, the personal income tax rate")


CLUB = """The chess club

Between 2005 and 2008 the chess club met in the grain store on Mill Lane every Tuesday evening.
From 1990 to 1995 the treasurer was Harold Pike, a retired bank clerk.
In 2009 the club moved to the village hall.
"""


def test_a_year_inside_a_span_is_met_not_a_word_no_sentence_uses(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    """ "in 2006" over "Between 2005 and 2008, ...": it was refused as "no sentence of the documents uses “2006”",
    though the span tells of 2006; a year no sentence's date meets is still such a word (a reason to refuse, and what
    a refusal names)."""
    retriever = indexed(tmp_path, {"club.txt": CLUB}, real_embedder)
    try:
        inside = answer_question(retriever, "Where did the chess club meet in 2006?")
        unknown = {
            year: gather_evidence(
                retriever, parse_query(f"Where did the chess club meet in {year}?"), fitted()
            ).terms.unknown
            for year in ("2006", "2012")
        }
    finally:
        retriever.close()
    assert inside.found and inside.citations[0].quote.startswith("Between 2005 and 2008 the chess club met")
    assert unknown == {"2006": (), "2012": ("2012",)}
