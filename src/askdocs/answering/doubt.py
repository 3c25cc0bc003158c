"""The reader's doubt: an answer whose cited sentences hold no span the reader would give as its answer is refused.

The answerable model judges by signals about the sentences (words shared, meaning, the asked type present); a
question made to look answerable ("Why did Max Jones resign?" over a story that says he stepped down, not why)
passes them. The reader reads the question with the cited sentences and scores its best span over "no answer":
under the cut fitted on held-out development articles (bench/fit_reader.py), the answer is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from askdocs.answering.decision import Finding
from askdocs.answering.tagger import tagged_text

DOUBT_REASON = "the closest sentences share the question's words, but none of them reads as its answer"
JUDGED_KINDS = frozenset({"who", "where", "when", "which", "how_many", "how_much", "how_old", "how_measure", "why"})
"""The question kinds the reader judges: those answered by a name, a number, a date or a reason it can mark. Not
"what" and "how" (a definition or a row's cell, which the reader reads poorly: on the held-out development articles
its cut refused two answerable "what" questions for one adversarial one, and it refused "What does shutil.rmtree
do?" and a table row's value), nor yes/no ones (no span answers them)."""


def judged(kind: str, sentences: Sequence[str]) -> bool:
    """Whether the reader's doubt applies: a kind it judges, read from prose (a table row, "2019 | Japan | 84.4",
    needs its column names, which the reader does not see)."""
    return kind in JUDGED_KINDS and bool(sentences) and not any(" | " in s for s in sentences)


def reader_doubts(question: str, kind: str, finding: Finding) -> Finding:
    """`finding`, refused when the reader's best span of its cited sentences scores under the fitted cut; other
    kinds, table rows, refusals and a missing reader leave it as it is."""
    from askdocs.answering.reader import READ_SENTENCES, load_reader, read_best

    sentences = tuple(tagged_text(s.sentence.text) for s in finding.sentences[:READ_SENTENCES])
    if not finding.found or not judged(kind, sentences):
        return finding
    if (reader := load_reader()) is None or reader.refuse_below is None:
        return finding
    best = read_best(question, sentences)
    if best is None or best[1].score >= reader.refuse_below:
        return finding
    return replace(finding, found=False, reasons=(DOUBT_REASON,))
