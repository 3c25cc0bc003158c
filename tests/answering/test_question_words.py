"""Which of a question's words the corpus uses, asked of a real index: forms the index's stemmer parts from the
word, derived words, and words only a title or heading holds are used; a word nowhere is not."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.evidence import question_terms
from askdocs.answering.query import parse_query
from tests.support import FakeEmbedder, indexed

FILES = {
    "report.md": "# Kestrel Ceramics annual report\n\n## Who are the shareholders?\n\n"
    "The Hale family holds sixty percent. Revenue fell because demand in Germany weakened.\n",
    "obituary.txt": "Title: Henry Alder\nDate: 2 March 1998\n\nHenry Alder died at his home on Sunday. "
    "Owner Dana Reyes bought his press in 1990.\n",
}


def test_the_words_a_corpus_uses_in_another_form_or_only_in_titles_are_not_unknown(tmp_path: Path) -> None:
    retriever = indexed(tmp_path, FILES, FakeEmbedder())
    try:
        for question in (
            "When did Henry Alder die?",  # the index stems "died" apart from "die"
            "Who owns the Alder press?",  # "Owner"
            "Who are the Kestrel Ceramics shareholders?",  # "Ceramics" and "shareholders": a title and a heading
        ):
            terms = question_terms(retriever, parse_query(question))
            assert terms.unknown == () and terms.absent == 0.0, (question, terms.unknown)
        missing = question_terms(retriever, parse_query("Who bought the Kestrel kiln?"))
        assert missing.unknown == ("kiln",) and missing.absent > 0.0
    finally:
        retriever.close()


def test_a_word_only_a_title_holds_is_never_said_to_be_left_out_by_a_filter() -> None:
    """Headings are no sentences, so the filter's sentence lookup cannot see "Zanzibar" in the kept document's
    heading: the word is not one "only documents the filter leaves out use"."""
    from askdocs.answering import signals
    from askdocs.text.stem import stem

    terms = signals.question_terms(
        "How did the Zanzibar containers do?",
        lambda q: 3 if "containers" in q else 0,
        100,
        stem,
        used_within=lambda q: "containers" in q,
        in_documents=lambda q: "zanzibar" in q,
    )
    assert terms.outside == () and terms.unknown == () and terms.absent == 0.0
