"""Tests for sentence splitting and chunking: exact offsets, headings, abbreviations, packing."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from askdocs.ingest.passages import CHUNKER_VERSION, Chunk, chunk_sentences, chunk_text
from askdocs.text.sentences import Sentence, line_of, split_sentences

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "corpus" / "mexico-cartel-arrests.txt"

PARA_A = (
    "The committee met on Tuesday to discuss the budget. Mr. Smith, who chairs it, said the U.S. "
    "Treasury had approved 3.5 billion dollars for the project. Nobody objected to the plan at all, "
    "and the vote passed easily in the afternoon session."
)
PARA_B = (
    "Critics said the spending was excessive. Dr. Jones disagreed strongly with them. "
    "The final report is due in Sept. and will be published online."
)


def _texts(sentences: list[Sentence]) -> list[str]:
    """Sentence texts, for readable assertions."""
    return [s.text for s in sentences]


def assert_sentence_invariants(source: str, sentences: list[Sentence]) -> None:
    """Each sentence slices back to its text, is trimmed, non-empty, ordered and non-overlapping."""
    prev_end = 0
    for s in sentences:
        assert source[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= prev_end
        assert len(s.text.split()) <= 120
        prev_end = s.end


def assert_chunk_invariants(source: str, sentences: list[Sentence], chunks: list[Chunk], max_words: int) -> None:
    """Chunks slice back, respect max_words, follow sentence bounds, and cover every sentence."""
    covered: set[int] = set()
    for c in chunks:
        assert source[c.start : c.end] == c.text
        assert len(c.text.split()) <= max_words
        assert 0 <= c.first_sentence <= c.last_sentence < len(sentences)
        assert sentences[c.first_sentence].start <= c.start < c.end <= sentences[c.last_sentence].end
        covered.update(range(c.first_sentence, c.last_sentence + 1))
    assert covered == set(range(len(sentences)))


def _long_text(n_sentences: int = 80, seed: int = 7) -> str:
    """A deterministic multi-paragraph text with many medium-length sentences."""
    rng = random.Random(seed)
    vocab = ["alpha", "beta", "gamma", "delta", "river", "city", "council", "report", "police", "budget"]
    sentences = []
    for i in range(n_sentences):
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 30))]
        sentences.append(f"Item {i} " + " ".join(words) + ".")
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, n_sentences, 5)]
    return "\n\n".join(paragraphs)


def test_version_is_string() -> None:
    assert isinstance(CHUNKER_VERSION, str) and CHUNKER_VERSION


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n\t  \r", "\u00a0\u2003"])
def test_empty_and_whitespace(text: str) -> None:
    assert split_sentences(text) == []
    assert chunk_text(text) == ([], [])


def test_seed_article_headings_and_sentences() -> None:
    source = SEED_ARTICLE.read_text(encoding="utf-8")
    sentences = split_sentences(source)
    assert_sentence_invariants(source, sentences)
    texts = _texts(sentences)
    for heading in (
        "10 Million Peso Bribe Offer",
        "Bullets Back, Replacing Hugs?",
        "Change of Direction",
        "Tension with U.S.",
        "Security Alert for Baja California",
    ):
        assert heading in texts
    arrested = [t for t in texts if "before being arrested, authorities said." in t]
    assert arrested == [
        "When Herrera took his five-year-old son – who was allegedly injured in the exchange – to hospital "
        "he got into another gunfight with the Mexican Army and Baja California State Police before being "
        "arrested, authorities said."
    ]
    assert "They refused." in texts
    assert not any(t.endswith("U.S.") and len(t) > len("Tension with U.S.") for t in texts)
    chunks = chunk_sentences(source, sentences)
    assert_chunk_invariants(source, sentences, chunks, 250)
    assert len(chunks) > 1


def test_abbreviations_and_initialisms_do_not_split() -> None:
    text = "Mr. Brown met Dr. Green in the U.S. Capitol. Gen. Lee and J. R. Ewing arrived on Jan. 5 at St. Paul."
    assert _texts(split_sentences(text)) == [
        "Mr. Brown met Dr. Green in the U.S. Capitol.",
        "Gen. Lee and J. R. Ewing arrived on Jan. 5 at St. Paul.",
    ]


def test_decimals_and_lowercase_continuation_do_not_split() -> None:
    text = "Growth was 3.5 percent, up from 2.75 in 2019. Prices rose e.g. for fuel. It ended at 10.30 today."
    assert _texts(split_sentences(text)) == [
        "Growth was 3.5 percent, up from 2.75 in 2019.",
        "Prices rose e.g. for fuel.",
        "It ended at 10.30 today.",
    ]


def test_text_copied_from_the_web_splits_where_the_space_or_the_reference_sits() -> None:
    """A lost space after a full stop ("others.No") and reference markers ("[4]") end sentences; dotted names,
    abbreviations and web addresses still do not."""
    text = (
        "The bomb injured 81 others.No group claimed it. It opened in 1997.In 2001 it closed."
        " It was rebuilt.[4][5] Work began in May.[a]The U.S.Army and Mr.Smith met at St.Louis and www.Example.com."
    )
    assert _texts(split_sentences(text)) == [
        "The bomb injured 81 others.",
        "No group claimed it.",
        "It opened in 1997.",
        "In 2001 it closed.",
        "It was rebuilt.[4][5]",
        "Work began in May.[a]",
        "The U.S.Army and Mr.Smith met at St.Louis and www.Example.com.",
    ]


def test_quotes_and_question_marks() -> None:
    text = "“Is it over?” she asked. He said: “Yes.” Then he left! (Nobody followed.) 2020 was hard."
    assert _texts(split_sentences(text)) == [
        "“Is it over?” she asked.",
        "He said: “Yes.”",
        "Then he left!",
        "(Nobody followed.)",
        "2020 was hard.",
    ]


def test_unicode_offsets_are_exact() -> None:
    text = "  Café déjà vu 🎉🎉. Ünïcode “quotes” work — ok? 東京は晴れ。明日は雨！ Ωmega ends here…  "
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    assert _texts(sentences) == [
        "Café déjà vu 🎉🎉.",
        "Ünïcode “quotes” work — ok?",
        "東京は晴れ。",
        "明日は雨！",
        "Ωmega ends here…",
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_hard_wrapped_text_joins_lines(newline: str) -> None:
    body = textwrap.fill(PARA_A, 72) + "\n\nBudget Concerns\n" + textwrap.fill(PARA_B, 72) + "\n"
    text = body.replace("\n", newline)
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    flat = [" ".join(t.split()) for t in _texts(sentences)]
    assert flat == [
        "The committee met on Tuesday to discuss the budget.",
        "Mr. Smith, who chairs it, said the U.S. Treasury had approved 3.5 billion dollars for the project.",
        "Nobody objected to the plan at all, and the vote passed easily in the afternoon session.",
        "Budget Concerns",
        "Critics said the spending was excessive.",
        "Dr. Jones disagreed strongly with them.",
        "The final report is due in Sept. and will be published online.",
    ]
    for s in sentences:
        assert not s.text.startswith(("\r", "\n")) and not s.text.endswith(("\r", "\n"))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_unwrapped_lines_are_hard_breaks(newline: str) -> None:
    text = newline.join(["Short Heading", PARA_A, "Another Heading", PARA_B, "trailing fragment"])
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    texts = _texts(sentences)
    assert texts[0] == "Short Heading"
    assert "Another Heading" in texts
    assert texts[-1] == "trailing fragment"
    assert all(newline not in t for t in texts)


def test_markdown_structure() -> None:
    text = (
        "---\ntitle: Example\n---\n# Big Title\n\nSome intro text here. Another one!\n\n"
        "## Section Two\n- first item\n- second item is longer. Two sentences.\n1. numbered point\n"
        "* starred point\n"
    )
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    assert _texts(sentences) == [
        "title: Example",
        "Big Title",
        "Some intro text here.",
        "Another one!",
        "Section Two",
        "first item",
        "second item is longer.",
        "Two sentences.",
        "numbered point",
        "starred point",
    ]


def test_header_lines_are_separate_in_wrapped_text() -> None:
    body = textwrap.fill(PARA_A + " " + PARA_B, 70)
    text = "Title: Budget Meeting Report\nDate: 2021-07-05\n\n" + body
    texts = _texts(split_sentences(text))
    assert texts[:3] == [
        "Title: Budget Meeting Report",
        "Date: 2021-07-05",
        "The committee met on Tuesday to discuss the budget.",
    ]


def test_very_long_sentence_is_cut_at_word_boundaries() -> None:
    clauses = [f"clause number {i} goes here" for i in range(100)]
    text = "Intro sentence. " + ", ".join(clauses).capitalize() + ". Outro sentence."
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    assert sentences[0].text == "Intro sentence."
    assert sentences[-1].text == "Outro sentence."
    middle = sentences[1:-1]
    assert len(middle) >= 5
    assert all(len(s.text.split()) <= 120 for s in middle)
    assert all(s.text.endswith(",") for s in middle[:-1])
    joined = " ".join(s.text for s in middle)
    assert joined.split() == (", ".join(clauses).capitalize() + ".").split()


def test_line_of_with_crlf_and_cr() -> None:
    text = "first line\r\nsecond line\r\n\r\nfourth\rfifth\nsixth"
    assert line_of(text, 0) == 1
    assert line_of(text, text.index("second")) == 2
    assert line_of(text, text.index("fourth")) == 4
    assert line_of(text, text.index("fifth")) == 5
    assert line_of(text, text.index("sixth")) == 6
    assert line_of(text, len(text)) == 6
    sentences = split_sentences(text)
    assert [line_of(text, s.start) for s in sentences] == [1, 2, 4, 5, 6]


def test_chunks_cover_respect_max_and_overlap() -> None:
    text = _long_text()
    sentences, chunks = chunk_text(text, target_words=120, max_words=160, overlap_sentences=2, overlap_max_words=60)
    assert_sentence_invariants(text, sentences)
    assert_chunk_invariants(text, sentences, chunks, 160)
    assert len(chunks) > 3
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        assert nxt.first_sentence <= prev.last_sentence, "consecutive chunks should share a sentence"
        assert nxt.first_sentence > prev.first_sentence, "chunks must make progress"
        assert nxt.start < prev.end


def test_default_chunk_sizes_reach_target() -> None:
    text = _long_text(200, seed=3)
    sentences, chunks = chunk_text(text)
    assert_chunk_invariants(text, sentences, chunks, 250)
    assert all(len(c.text.split()) >= 60 for c in chunks)
    assert all(len(c.text.split()) >= 180 for c in chunks[:-1])


def test_small_final_chunk_is_merged() -> None:
    sentences_text = " ".join(f"Sentence {i} has exactly six words." for i in range(11))
    sentences, chunks = chunk_text(sentences_text, target_words=60, max_words=100, overlap_sentences=0)
    assert chunks[-1].last_sentence == len(sentences) - 1
    assert len(chunks) == 1
    assert_chunk_invariants(sentences_text, sentences, chunks, 100)


def test_oversized_sentence_with_small_max_words() -> None:
    long_sentence = "Word " + "word " * 49 + "end."
    text = "Short one here. " + long_sentence + " Another short one."
    sentences, chunks = chunk_text(text, target_words=10, max_words=15, overlap_sentences=2, overlap_max_words=5)
    assert_chunk_invariants(text, sentences, chunks, 15)
    pieces = [c for c in chunks if c.first_sentence == c.last_sentence == 1]
    assert len(pieces) >= 4
    assert "".join(text[p.start : p.end] + " " for p in pieces).split() == long_sentence.split()


def test_overlap_never_repeats_whole_chunk() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(30))
    sentences, chunks = chunk_text(text, target_words=5, max_words=5, overlap_sentences=3, overlap_max_words=50)
    assert_chunk_invariants(text, sentences, chunks, 5)
    assert [c.first_sentence for c in chunks] == list(range(30))


def _random_text(rng: random.Random) -> str:
    """Random messy text mixing unicode, abbreviations, markdown and every kind of line ending."""
    pieces = [
        "Mr.", "U.S.", "3.5", "e.g.", "word", "Word", "café", "🎉", "東京。", "“Quote.”", "end.", "Why?",
        "Wow!", "etc.", "(paren)", "#", "-", "1.", "Date:", "…", "a", "B.", "\t", "  ", "\u00a0", "it’s",
    ]  # fmt: skip
    breaks = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", " ", " ", " "]
    out = []
    for _ in range(rng.randint(0, 400)):
        out.append(rng.choice(pieces))
        out.append(rng.choice(breaks))
    return rng.choice(["", " ", "\n", "\r\n"]) + "".join(out)


def test_random_texts_keep_offsets_exact() -> None:
    rng = random.Random(12345)
    for _ in range(300):
        text = _random_text(rng)
        max_words = rng.choice([5, 20, 250])
        target = rng.randint(1, max_words)
        sentences, chunks = chunk_text(
            text,
            target_words=target,
            max_words=max_words,
            overlap_sentences=rng.randint(0, 3),
            overlap_max_words=rng.randint(0, 60),
        )
        assert_sentence_invariants(text, sentences)
        assert_chunk_invariants(text, sentences, chunks, max_words)
        for s in sentences:
            assert 1 <= line_of(text, s.start) <= line_of(text, s.end)


def test_random_wrapped_texts_keep_offsets_exact() -> None:
    rng = random.Random(99)
    vocab = ["Mr.", "said", "the", "U.S.", "résumé", "3.5", "plan.", "Then", "government", "“Yes,”"]
    for _ in range(100):
        paragraphs = [
            textwrap.fill(" ".join(rng.choice(vocab) for _ in range(rng.randint(5, 200))), rng.randint(45, 95))
            for _ in range(rng.randint(1, 6))
        ]
        text = rng.choice(["\n\n", "\r\n\r\n"]).join(paragraphs)
        sentences, chunks = chunk_text(text)
        assert_sentence_invariants(text, sentences)
        assert_chunk_invariants(text, sentences, chunks, 250)


_LONG_LINE = "References: " + " ".join(f"<message{i}.posted@news.example.org>" for i in range(5))
_WRAPPED_OVER_CAPITALS = textwrap.fill(
    "On October 10, 1983, after a journey of 330 million kilometers, the probe fired its braking rockets over the "
    "planet to place itself in a polar orbit around it. Its twin followed four days later.",
    66,
)


def test_a_wrapped_paragraph_joins_though_another_line_is_long() -> None:
    """One line over the wrap limit (a long header, a web address) left every wrapped paragraph cut at its line
    ends: "... to place itself in a" was a sentence. Each paragraph is judged by its own lines."""
    text = f"{_LONG_LINE}\n\n        {_WRAPPED_OVER_CAPITALS}\n\nThanks,\nMaria\n"
    sentences = split_sentences(text)
    assert_sentence_invariants(text, sentences)
    flat = [" ".join(t.split()) for t in _texts(sentences)]
    assert flat[0] == _LONG_LINE
    assert flat[1].startswith("On October 10, 1983, after a journey of 330 million kilometers,")
    assert flat[1].endswith("to place itself in a polar orbit around it.")
    assert flat[2] == "Its twin followed four days later."
    assert flat[3:] == ["Thanks,", "Maria"]


def test_a_short_line_before_a_lower_case_line_is_no_heading() -> None:
    """A wrap-length line that ends early ("... a journey of 330" before "million kilometers") is not a heading; a
    short one before a line in lower case still is ("Ingredients" before "flour, ...")."""
    text = (
        textwrap.fill(PARA_A, 72) + "\n\nOn October 10, 1983, after an interplanetary journey of 330\nmillion "
        "kilometers, the probe reached its orbit around the planet\nand began to send pictures back to the station.\n"
        "\nIngredients\nflour, sugar and eggs from the market by the harbour, weighed out\n"
    )
    flat = [" ".join(t.split()) for t in _texts(split_sentences(text))]
    assert flat[-3] == (
        "On October 10, 1983, after an interplanetary journey of 330 million kilometers, the probe reached its orbit "
        "around the planet and began to send pictures back to the station."
    )
    assert flat[-2:] == ["Ingredients", "flour, sugar and eggs from the market by the harbour, weighed out"]


def test_a_list_of_titles_beside_a_long_line_keeps_a_line_per_title() -> None:
    titles = [
        "Annual Report of the Harbour Trust for the Year",
        "Minutes of the Board Meeting Held in the Spring",
        "Budget Proposal for the Northern Railway Extension",
    ]
    text = f"{_LONG_LINE}\n\n" + "\n".join(titles) + "\n"
    assert _texts(split_sentences(text))[1:] == titles


def test_a_wrapped_line_ending_on_a_small_word_is_no_heading() -> None:
    """Markdown's links and emphasis taken out shorten its wrapped lines ("... apply to the" / "Coastal Communities
    Fund for"): a short line that ends on "the" or "for" is part of its sentence, not a heading."""
    text = (
        textwrap.fill(PARA_A, 72) + "\n\nThe slipway at the north end of the harbour needs new timber piles; the\n"
        "lowest quote, from Crinan Marine Ltd, was 18,500 pounds, and the\ncommittee agreed to apply to the\n"
        "Coastal Communities Fund for\ntwo thirds of the cost.\n\nFerry Timetable\nThe ferry leaves at nine.\n"
    )
    flat = [" ".join(t.split()) for t in _texts(split_sentences(text))]
    assert flat[-3:] == [
        "The slipway at the north end of the harbour needs new timber piles; the lowest quote, from Crinan Marine "
        "Ltd, was 18,500 pounds, and the committee agreed to apply to the Coastal Communities Fund for two thirds "
        "of the cost.",
        "Ferry Timetable",
        "The ferry leaves at nine.",
    ]


def test_a_heading_ending_on_an_ordinary_word_stays_a_heading() -> None:
    """Only articles, prepositions, conjunctions and auxiliaries mark a wrapped line: "Annual report", "Sign up" and
    "What happened" stay headings (the first version took every question stop word for one)."""
    for heading in ("Annual report", "Sign up", "What happened", "Supporting documents"):
        text = textwrap.fill(PARA_A, 72) + f"\n\n{heading}\nSales rose 4 percent in 2023 and the board was pleased.\n"
        assert _texts(split_sentences(text))[-2:] == [
            heading,
            "Sales rose 4 percent in 2023 and the board was pleased.",
        ]
