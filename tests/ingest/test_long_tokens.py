"""A run of non-space characters is no longer one word however long it is: a file of one 19-million-character
token became one sentence and one passage of 19 MB (1.4 GB to index, every ask on the corpus slowed, a search
printing it whole). A run over MAX_RUN_CHARS is left out of every sentence, and a long run counts as a word per
MAX_WORD_CHARS characters, so that no sentence or passage is longer than its word limits allow."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.sentences import MAX_RUN_CHARS, MAX_SENTENCE_WORDS, MAX_WORD_CHARS

MAX_WORDS = 250
"""The chunker's default passage limit, in words."""


def _chunked(corpus: Path, name: str):  # noqa: ANN202 - sentences and passages
    doc = read_document(corpus, corpus / name)
    sentences, chunks = chunk_text(doc.text, doc.layout.soft_breaks, max_words=MAX_WORDS)
    for piece in [*sentences, *chunks]:  # offsets still point into the text
        assert doc.text[piece.start : piece.end] == piece.text
    return doc, sentences, chunks


def _token(n: int, seed: str = "Qx7") -> str:
    return (seed * (n // len(seed) + 1))[:n]


def test_a_file_of_one_huge_token_gives_no_sentence_and_no_passage(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_text(_token(1_000_000), encoding="utf-8")
    doc, sentences, chunks = _chunked(tmp_path, "blob.txt")
    assert len(doc.text) == 1_000_000  # the text is kept whole: offsets hold
    assert sentences == [] and chunks == []


def test_the_sentences_around_a_huge_token_are_kept_without_it(tmp_path: Path) -> None:
    blob = _token(500_000)
    (tmp_path / "mail.txt").write_text(
        f"The harbour reopened on Monday. Attached: {blob} The ferry runs again from Tuesday.\n", encoding="utf-8"
    )
    _, sentences, chunks = _chunked(tmp_path, "mail.txt")
    assert [s.text for s in sentences] == [
        "The harbour reopened on Monday.",
        "Attached:",
        "The ferry runs again from Tuesday.",
    ]
    assert all(blob[:100] not in c.text for c in chunks)


def test_no_sentence_or_passage_of_long_runs_is_longer_than_its_word_limits(tmp_path: Path) -> None:
    for n, size in enumerate((MAX_RUN_CHARS, 300, MAX_WORD_CHARS + 1)):
        (tmp_path / f"runs{n}.txt").write_text(" ".join([_token(size)] * 3000), encoding="utf-8")
        _, sentences, chunks = _chunked(tmp_path, f"runs{n}.txt")
        assert sentences and chunks
        assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_WORDS * (MAX_WORD_CHARS + 1), size
        assert max(len(c.text) for c in chunks) <= MAX_WORDS * (MAX_WORD_CHARS + 1), size


def test_ordinary_text_with_a_long_address_is_one_sentence_as_before(tmp_path: Path) -> None:
    address = "https://harbour.example.org/notices/2024/ferry-timetable-changes-spring.html"
    (tmp_path / "notice.txt").write_text(f"The new timetable is at {address} from today. It starts in May.\n")
    _, sentences, chunks = _chunked(tmp_path, "notice.txt")
    assert [s.text for s in sentences] == [f"The new timetable is at {address} from today.", "It starts in May."]
    assert len(chunks) == 1
