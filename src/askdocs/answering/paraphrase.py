"""Words that say the same thing: a light stemmer for inflections, the model's word vectors for paraphrases."""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Sequence

import numpy as np

from askdocs.encoders.base import Encoder
from askdocs.lang.en import STOPWORDS
from askdocs.text.normalize import fold, strip_possessive

PARAPHRASE = 0.63
"""Cosine between two words' vectors above which one stands for the other ("arrested" / "detained": 0.73,
"died" / "dead": 0.77, "wounded" / "injured": 0.64, "born" / "mother": 0.46, "wife" / "mother": 0.62)."""
STRICT_PARAPHRASE = 0.72
"""The bar for a word the corpus never uses: related is not enough ("ambassador" / "diplomatic": 0.70)."""
_CACHE_LIMIT = 20_000

_WORD = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:[-’']\w+)*")
_VOWEL = re.compile(r"[aeiouy]")


def stem(word: str) -> str:
    """Strip plural and verb endings so that "arrests", "arrested" and "arrest" compare equal."""
    w = fold(strip_possessive(word)).replace(".", "")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or (w.endswith("es") and w[-3] in "sxz") or w.endswith(("ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            w = base[:-1] if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


def content_words(text: str) -> list[tuple[str, int, int]]:
    """The words of a text that carry meaning, with their offsets."""
    out = []
    for m in _WORD.finditer(text):
        word = fold(strip_possessive(m.group())).replace(".", "")
        if word not in STOPWORDS and len(word) > 1 and not word.isdigit():
            out.append((word, m.start(), m.end()))
    return out


class Paraphrases:
    """Compares words by meaning with the embedding model; each word is embedded once and kept."""

    def __init__(self, embedder: Encoder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _ensure(self, words: Sequence[str]) -> None:
        missing = [w for w in dict.fromkeys(words) if w not in self._vectors]
        if not missing:
            return
        vectors = self._embedder.encode(missing)
        with self._lock:
            if len(self._vectors) > _CACHE_LIMIT:
                self._vectors.clear()
            self._vectors.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))

    def similarity(self, term: str, words: Sequence[str]) -> np.ndarray:
        """Cosine of `term` with each of `words` (vectors are normalised)."""
        if not words:
            return np.zeros(0, dtype=np.float32)
        self._ensure([term, *words])
        matrix = np.stack([self._vectors[w] for w in words])
        return matrix @ self._vectors[term]

    def match(self, term: str, words: Sequence[str], threshold: float = PARAPHRASE) -> int | None:
        """Index of the word in `words` that says `term`: same stem first, else the closest paraphrase."""
        target = stem(term)
        for i, word in enumerate(words):
            if stem(word) == target:
                return i
        candidates = [i for i, w in enumerate(words) if len(w) > 2]
        if not candidates:
            return None
        sims = self.similarity(fold(term), [words[i] for i in candidates])
        best = int(np.argmax(sims))
        return candidates[best] if float(sims[best]) >= threshold else None


_SHARED: weakref.WeakKeyDictionary[object, Paraphrases] = weakref.WeakKeyDictionary()


def paraphrases(embedder: Encoder) -> Paraphrases:
    """The shared comparer for a model, so word vectors survive from one question to the next."""
    found = _SHARED.get(embedder)
    if found is None:
        found = _SHARED[embedder] = Paraphrases(embedder)
    return found
