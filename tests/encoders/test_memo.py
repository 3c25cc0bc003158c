"""The sentence-vector memo: each text embedded once while a retriever is open, the same vectors as the encoder's."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from askdocs.encoders.memo import VectorMemo
from tests.support import FakeEmbedder, indexed


def test_kept_texts_are_not_encoded_again_and_the_rows_follow_the_texts() -> None:
    encoder = FakeEmbedder()
    memo = VectorMemo(encoder, size=3)
    first = memo.encode(["a red kite", "a blue heron", "a red kite"])
    assert encoder.encoded == ["a red kite", "a blue heron"]  # a repeated text is encoded once
    assert np.array_equal(first, encoder.encode(["a red kite", "a blue heron", "a red kite"]))
    encoder.encoded.clear()
    again = memo.encode(["a blue heron", "a grey owl"])
    assert encoder.encoded == ["a grey owl"]
    assert np.array_equal(again, np.stack([first[1], encoder.encode_query("a grey owl")]))
    memo.encode(["a black swan"])  # four texts in a memo of three: the least recently used, "a red kite", goes
    encoder.encoded.clear()
    memo.encode(["a red kite", "a grey owl"])
    assert encoder.encoded == ["a red kite"]
    assert memo.encode([]).shape == (0, encoder.dimension)


def test_a_second_question_over_the_same_document_embeds_fewer_sentences(tmp_path: Path) -> None:
    """Answering embeds its candidate sentences through the retriever's memo: asked twice, a question's sentences
    are all known, and the answer is the same."""
    from askdocs.answering import answer_question

    encoder = FakeEmbedder()
    files = {
        "harbour.md": "The harbour wall was rebuilt in 1998 by the Vell Trust. The trust spent 4 million pounds.\n\n"
        "Fishing boats still land their catch at the north quay every morning.\n"
    }
    retriever = indexed(tmp_path, files, encoder)
    try:
        encoder.encoded.clear()
        first = answer_question(retriever, "Who rebuilt the harbour wall?")
        asked = len(encoder.encoded)
        encoder.encoded.clear()
        second = answer_question(retriever, "Who rebuilt the harbour wall?")
        assert asked > 0 and encoder.encoded == []
        assert second.text == first.text and second.citations == first.citations
    finally:
        retriever.close()
