"""Synthetic but realistic index contents for the scale bench, made in minutes without running the model on them.

Text: sentences of the sample article and of generated news (bench/newsgen.py), recombined into documents
(each from two source stories, so that a document keeps a topic) with made-up people added: a pool of
invented surnames gives the rare, selective words that real archives have.

Vectors: the real model embeds the few thousand source sentences once; a passage's vector is the normalised
mean of its sentences' vectors, plus a small random direction per person it mentions. Passages thus sit
where real passage embeddings sit (same anisotropy, same topic clusters), which is what an approximate index
is sensitive to, and real questions encoded by the real model find their neighbours among them.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from askdocs.ingest.documents import Document  # noqa: E402
from askdocs.ingest.passages import Chunk  # noqa: E402
from askdocs.lang.en import STOPWORDS  # noqa: E402
from askdocs.text.sentences import Sentence, split_sentences  # noqa: E402

DIM = 384
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "mexico-cartel-arrests.txt"
FIRST_NAMES = ("Luis", "Ana", "Jorge", "Maria", "Pedro", "Sofia", "Diego", "Elena", "Omar", "Lucia")
DAYS = ("Monday", "Friday", "July 2", "March 14", "Tuesday", "June 30")
FIRST_DAY, DAYS_SPAN = datetime.date(2015, 1, 1), 3653
"""Publication dates spread over 2015-2024 (ten years), so that a date filter admits a known share of documents."""
PERSON_WEIGHT = 0.3
"""Length of the random direction a person adds to a sentence that names them (sentence vectors have length 1)."""
_WORD = re.compile(r"\w+", re.UNICODE)
_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "ga",
    "ge",
    "go",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "za",
    "zo",
    "zu",
    "tor",
    "lan",
    "mer",
    "quin",
    "dal",
    "ver",
    "ros",
    "tin",
]


def source_stories(count: int = 800, seed: int = 11) -> list[list[str]]:
    """The sample article and `count` generated stories, each as its list of sentences."""
    import newsgen

    texts = [SAMPLE.read_text(encoding="utf-8")] + [a.text for a in newsgen.generate(count, seed=seed)]
    stories = []
    for text in texts:
        sentences = [" ".join(s.text.split()) for s in split_sentences(text)]
        sentences = [s for s in sentences if 6 <= len(s.split()) <= 60 and ":" not in s[:12]]
        if len(sentences) >= 3:
            stories.append(sentences)
    return stories


def published(number: int) -> str:
    """Document `number`'s publication date: spread evenly over DAYS_SPAN by a multiplicative hash (not by the
    document's random stream, which would change its text); --since 2024-01-01 admits about 10%."""
    return (FIRST_DAY + datetime.timedelta(days=number * 2654435761 % DAYS_SPAN)).isoformat()


def surnames(count: int, seed: int = 5) -> list[str]:
    """Made-up, pronounceable surnames: rare words a question can single out."""
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        names.setdefault("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize(), None)
    return list(names)


@dataclass(frozen=True)
class SynthDocument:
    """One generated document with its sentences, passages and passage vectors, ready for `put_documents`."""

    doc: Document
    sentences: list[Sentence]
    chunks: list[Chunk]
    vectors: np.ndarray
    people: tuple[str, ...]

    def rows(self) -> tuple:
        return (self.doc, self.sentences, self.chunks, self.vectors, None)


class Generator:
    """Deterministic documents of `passages` passages each (8 sentences per passage, 2 shared with the next)."""

    SENTENCES_PER_PASSAGE = 8
    OVERLAP = 2

    def __init__(self, stories: list[list[str]], vectors: np.ndarray, names: list[str], seed: int = 3) -> None:
        """`vectors` holds one real embedding per source sentence, stories concatenated in order."""
        self.stories, self.names, self.seed = stories, names, seed
        self._offsets = np.cumsum([0] + [len(s) for s in stories])
        self._vectors = np.asarray(vectors, dtype=np.float32)
        directions = np.random.default_rng(seed).standard_normal((len(names), DIM)).astype(np.float32)
        self._people = directions / np.linalg.norm(directions, axis=1, keepdims=True) * PERSON_WEIGHT

    def document(self, number: int, passages: int) -> SynthDocument:
        rng = random.Random(f"{self.seed}:{number}")
        chosen = [(rng.randrange(len(FIRST_NAMES)), rng.randrange(len(self.names))) for _ in range(3)]
        people = tuple(f"{FIRST_NAMES[f]} {self.names[n]}" for f, n in chosen)
        step = self.SENTENCES_PER_PASSAGE - self.OVERLAP
        count = self.SENTENCES_PER_PASSAGE + step * (passages - 1)
        sources = [rng.randrange(len(self.stories)) for _ in range(2)]
        texts, picks, named = [], [], []
        for i in range(count):
            story = sources[(i // 4) % 2]  # runs of four sentences from each source story in turn
            k = rng.randrange(len(self.stories[story]))
            text = self.stories[story][k]
            if i % 3 == 0:  # one sentence in three is about one of this document's people
                person = (i // 3) % 3
                text = f"{people[person]} said on {rng.choice(DAYS)} that {text[0].lower()}{text[1:]}"
                named.append((i, chosen[person][1]))
            texts.append(text)
            picks.append(int(self._offsets[story]) + k)
        pieces, sentences, offset = [], [], 0
        for i, s in enumerate(texts):
            sep = "\n\n" if i and i % 5 == 0 else (" " if i else "")
            pieces.append(sep + s)
            offset += len(sep)
            sentences.append(Sentence(offset, offset + len(s), s))
            offset += len(s)
        text = "".join(pieces)
        sentence_vectors = self._vectors[picks].copy()
        for i, surname in named:
            sentence_vectors[i] += self._people[surname]
        chunks, vectors = [], []
        for p in range(passages):
            first, last = p * step, p * step + self.SENTENCES_PER_PASSAGE - 1
            start, end = sentences[first].start, sentences[last].end
            chunks.append(Chunk(start, end, text[start:end], first, last))
            vectors.append(sentence_vectors[first : last + 1].mean(axis=0))
        matrix = np.asarray(vectors, dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        path = f"synth/{number // 1000:04d}/doc{number:07d}.txt"
        sha = hashlib.sha256(text.encode()).hexdigest()
        doc = Document(path, text, sha, len(text.encode()), 0.0, texts[0][:60], published(number))
        return SynthDocument(doc, sentences, chunks, matrix, people)

    def documents(self, count: int, passages: int, start: int = 0) -> Iterator[SynthDocument]:
        for number in range(start, start + count):
            yield self.document(number, passages)

    def question(self, document: SynthDocument, rng: random.Random) -> str:
        """A question a user might ask of this document: what one of its people said about something."""
        who = rng.choice(document.people)
        sentence = rng.choice([s.text for s in document.sentences if who in s.text] or [document.sentences[0].text])
        words = [w for w in _WORD.findall(sentence) if w.lower() not in STOPWORDS and w not in who.split()]
        topic = " ".join(rng.sample(words, min(3, len(words))))
        return f"What did {who} say about {topic}?"
