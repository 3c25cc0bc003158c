"""Property tests for the chunker and the document loaders: any input gives consistent offsets or a one-line skip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from askdocs.errors import UnreadableDocument
from askdocs.ingest.documents import decode, read_document
from askdocs.ingest.passages import chunk_text

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(["crane", "Dr.", "U.S.", "2021.", "July", "?", "!", "…", "\n", "\r\n", "\n\n", "  ", "\t", "é"])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=200).map(" ".join))


@FAST
@given(TEXT, st.integers(10, 60), st.integers(0, 3))
def test_chunks_point_at_their_text_in_order(text: str, max_words: int, overlap: int) -> None:
    sentences, chunks = chunk_text(text, target_words=max_words // 2, max_words=max_words, overlap_sentences=overlap)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for chunk in chunks:
        assert 0 <= chunk.start < chunk.end <= len(text) and text[chunk.start : chunk.end] == chunk.text
        assert 0 <= chunk.first_sentence <= chunk.last_sentence < len(sentences)
    assert [c.first_sentence for c in chunks] == sorted(c.first_sentence for c in chunks)
    if any(ch.isalnum() for ch in text):  # markup alone (">", "#", "---") has no text: the file is skipped
        assert chunks


@FAST
@given(st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_one_line_skip(data: bytes) -> None:
    try:
        text, warning = decode(data, Path("x.txt"))
    except UnreadableDocument as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and (warning is None or "x.txt" in warning)


@FAST
@given(
    st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".epub"]),
    st.one_of(st.binary(max_size=400), TEXT.map(str.encode)),
)
def test_every_loader_reads_any_file_or_skips_it(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(Path(tmp), path)
        except UnreadableDocument as exc:
            assert "\n" not in str(exc) and "doc" in str(exc)
            return
        assert doc.text.strip() and doc.size == len(data) and doc.path == path.name
        assert doc.published is None or len(doc.published) == 10
