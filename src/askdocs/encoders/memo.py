"""VectorMemo: sentence vectors kept by their text, so that questions over the same documents embed each candidate
sentence once (answering embeds a hundred or so for every question, and many come back for the next one). Vectors
come from `Encoder.encode_each`, each a text's own: a kept vector is the one the text would get now, so an answer
does not depend on the questions asked before it."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from askdocs.encoders.base import Encoder

MEMO_SIZE = 20_000
"""Texts kept at most, the least recently used dropped first: about 30 MB of 384-number vectors."""


class VectorMemo:
    """`encode` through an Encoder, remembering each text's vector; safe to share between threads."""

    def __init__(self, encoder: Encoder, size: int = MEMO_SIZE) -> None:
        self.encoder = encoder
        self.size = size
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        """One normalised row per text, as `encode_each` gives it; only texts not kept are encoded (once each)."""
        with self._lock:
            known = {t: self._kept[t] for t in texts if t in self._kept}
            for text in known:
                self._kept.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            fresh = self.encoder.encode_each(missing)
            new = {text: fresh[i].copy() for i, text in enumerate(missing)}  # a row alone, not its batch
            known.update(new)
            with self._lock:
                self._kept.update(new)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        if not texts:
            return self.encoder.empty()
        return np.stack([known[t] for t in texts])
