"""Runs over MAX_RUN_CHARS: only machine-made ones (base64, hex, minified code: almost all ASCII) are left out, and
no passage spans one; a long run of a script written without spaces (Khmer, Burmese, Thai, Chinese) is text, cut
into pieces as any long run is."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from askdocs.ingest.passages import chunk_text
from askdocs.text.sentences import MAX_RUN_CHARS, MAX_SENTENCE_WORDS, MAX_WORD_CHARS

MAX_WORDS = 250

KHMER = "ព្រះរាជាណាចក្រកម្ពុជាមានរាជធានីនៅភ្នំពេញ"
BURMESE = "မြန်မာနိုင်ငံ၏မြို့တော်မှာနေပြည်တော်ဖြစ်သည်"
THAI = "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย"
CHINESE = "北京是中华人民共和国的首都也是全国的政治文化中心"


def _chunked(corpus: Path, name: str, text: str):  # noqa: ANN202 - document, sentences and passages
    (corpus / name).write_text(text, encoding="utf-8")
    doc = read_document(corpus, corpus / name)
    sentences, chunks = chunk_text(doc.text, doc.layout.soft_breaks, max_words=MAX_WORDS)
    for piece in [*sentences, *chunks]:
        assert doc.text[piece.start : piece.end] == piece.text
    return doc, sentences, chunks


@pytest.mark.parametrize("phrase", [THAI, CHINESE, KHMER, BURMESE])
def test_a_long_run_of_a_script_without_spaces_is_kept_in_pieces(tmp_path: Path, phrase: str) -> None:
    run = phrase * (3 * MAX_RUN_CHARS // len(phrase))  # no space, no sentence mark: one run of 6,000 characters
    doc, sentences, chunks = _chunked(tmp_path, "text.txt", run + "\n")
    assert len(run) > MAX_RUN_CHARS
    assert "".join(s.text for s in sentences) == run  # all of it, nothing dropped
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_WORDS * MAX_WORD_CHARS
    assert chunks and max(len(c.text) for c in chunks) <= MAX_WORDS * MAX_WORD_CHARS


@pytest.mark.parametrize(("phrase", "mark"), [(KHMER, "។"), (BURMESE, "။"), ("भारतकीराजधानीनईदिल्लीहै", "।")])
def test_the_sentence_marks_of_khmer_burmese_and_devanagari_end_sentences(
    tmp_path: Path, phrase: str, mark: str
) -> None:
    text = "".join(f"{phrase}{n}{mark}" for n in range(100))  # 100 sentences, no space between them
    _, sentences, chunks = _chunked(tmp_path, "text.txt", text + "\n")
    assert [s.text for s in sentences] == [f"{phrase}{n}{mark}" for n in range(100)]
    assert "".join(c.text for c in chunks) == text


def test_a_blob_between_two_sentences_of_a_passage_is_in_no_passage(tmp_path: Path) -> None:
    blob = base64.b64encode(bytes(range(256)) * 9).decode()  # about 3,000 characters
    assert MAX_RUN_CHARS < len(blob) < 4000
    text = f"The harbour reopened on Monday. {blob} The ferry runs again from Tuesday.\n"
    _, sentences, chunks = _chunked(tmp_path, "mail.txt", text)
    assert [s.text for s in sentences] == ["The harbour reopened on Monday.", "The ferry runs again from Tuesday."]
    assert chunks and all(blob[:100] not in c.text for c in chunks)
    assert {c.text for c in chunks} == {s.text for s in sentences}


def test_a_blob_on_its_own_line_between_paragraphs_is_in_no_passage(tmp_path: Path) -> None:
    blob = base64.b64encode(bytes(range(256)) * 9).decode()
    text = f"The harbour reopened on Monday.\n\n{blob}\n\nThe ferry runs again from Tuesday.\n"
    _, _, chunks = _chunked(tmp_path, "mail.txt", text)
    assert len(chunks) == 2 and all(blob[:100] not in c.text for c in chunks)
