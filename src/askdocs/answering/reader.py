"""The reader: marks the words of a sentence that answer a question, or says that none do.

It is all-MiniLM-L6-v2 (the packaged default model) read as a question-answering model: low-rank changes to its
weights and a start/end layer, fitted on the development questions by `bench/fit_reader.py`, are kept in
`reader.npz` (about 1.5 MB) and added to the packaged weights when first needed. The forward pass runs in numpy,
so a question needs neither torch nor an export; a question and three sentences take a few tens of milliseconds.
"""

from __future__ import annotations

import functools
import math
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from askdocs.answering.model import LinearModel

READER_FILE = "reader.npz"
MAX_TOKENS = 192
"""Question and sentence together, in word pieces: a longer sentence is cut (the fit used the same)."""
MAX_ANSWER = 24
"""Word pieces in the longest answer span read."""
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
"""The weights of each layer that the fit changes (by a low-rank product; see bench/fit_reader.py)."""


@dataclass(frozen=True)
class Reading:
    """The best span of one sentence: character offsets into the sentence's text, the span's score over the
    reader's "no answer" (above 0: the reader prefers the span), and its start-and-end probability."""

    start: int
    end: int
    score: float
    probability: float

    def text(self, sentence: str) -> str:
        return sentence[self.start : self.end]


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gain + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (error under 1.5e-7): numpy has no erf, and scipy is no dependency."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def one_blas_thread() -> None:
    """Hold numpy's BLAS to one thread in this process from now on: the reader's products are small (a few hundred
    rows; two threads gained 12% alone, 57 against 65 ms a reading), and idle BLAS threads spin, which slowed two
    test workers sharing two cores by a third (227 s against 168 s for the answering and eval tests; a limit held
    only while reading, 184 s). askdocs' other numpy products are smaller still."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Reader:
    """A question-answering BERT forward pass over numpy weights (names as in the transformers checkpoint)."""

    def __init__(
        self,
        weights: dict[str, np.ndarray],
        tokenizer: object,
        heads: int,
        layers: int,
        threshold: float = 1.0,
        refuse_below: float | None = None,
        show: LinearModel | None = None,
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        """The probability (`shown`) a span needs to be shown as a short answer (fitted for precision; 1.0: never)."""
        self.show = show
        """The show model: how likely the best span is right, from SHOW_SIGNALS (None: its own probability)."""
        self.refuse_below = refuse_below
        """An answer whose cited sentences' best span scores under this over "no answer" is refused (fitted on
        held-out development articles; None: the reader never refuses)."""
        self.tokenizer = tokenizer
        self.heads = heads
        self.layers = layers

    def shown(self, position: int, reading: Reading) -> float:
        """How likely the best span (in the read sentence at `position`) is the right short answer."""
        if self.show is None:
            return reading.probability
        return float(self.show.probability(show_signals(position, reading))[0])

    def _hidden(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        seq = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:seq][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        batch, _, hidden = x.shape
        size = hidden // self.heads

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, seq, self.heads, size).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # one 2-D product: BLAS reads the transposed weight in place (a 3-D one loops, several times slower)
                product = t.reshape(-1, t.shape[-1]) @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return product.reshape(batch, seq, -1)

            q, k, v = (heads(lin(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, seq, hidden)
            x = _layer_norm(
                lin(ctx, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            x = _layer_norm(
                lin(_gelu(lin(x, "intermediate.dense")), "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        return x

    def read(self, question: str, sentences: list[str]) -> list[Reading]:
        """The best span of each sentence for the question, in the sentences' order."""
        if not sentences:
            return []
        encodings = self.tokenizer.encode_batch([(question, s) for s in sentences])  # type: ignore[attr-defined]
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            types[row, : len(e.ids)] = e.type_ids
            mask[row, : len(e.ids)] = 1
        logits = self._hidden(ids, types, mask) @ self.weights["qa.weight"].T + self.weights["qa.bias"]
        return [self._best(e, logits[row, :, 0], logits[row, :, 1]) for row, e in enumerate(encodings)]

    @staticmethod
    def _best(encoding: object, starts: np.ndarray, ends: np.ndarray) -> Reading:
        """The highest start + end pair inside the sentence (end not before start, at most MAX_ANSWER pieces)."""
        inside = [j for j, s in enumerate(encoding.sequence_ids) if s == 1]  # type: ignore[attr-defined]
        offsets = encoding.offsets  # type: ignore[attr-defined]
        n = len(encoding.ids)  # type: ignore[attr-defined]
        best, first, last = -math.inf, 0, 0
        for j in inside:
            stop = min(j + MAX_ANSWER, inside[-1] + 1)
            k = j + int(np.argmax(ends[j:stop]))
            if starts[j] + ends[k] > best:
                best, first, last = float(starts[j] + ends[k]), j, k
        if not inside:
            return Reading(0, 0, -math.inf, 0.0)
        p_start = np.exp(starts[:n] - starts[:n].max())
        p_end = np.exp(ends[:n] - ends[:n].max())
        probability = float(p_start[first] / p_start.sum() * p_end[last] / p_end.sum())
        null = float(starts[0] + ends[0])
        return Reading(offsets[first][0], offsets[last][1], best - null, probability)


SHOW_SIGNALS = ("probability", "sentence")
"""What the show model reads of the best span: its start-and-end probability (as log-odds), and its sentence's place
among those read (0: the first cited, the best evidence; on held-out articles a span of a later one is less often
right at the same probability)."""


def show_signals(position: int, reading: Reading) -> np.ndarray:
    """SHOW_SIGNALS of the best span, as one row."""
    p = min(max(reading.probability, 1e-6), 1.0 - 1e-6)
    return np.array([[math.log(p / (1.0 - p)), float(position)]])


_SETTINGS = ("lora_scale", "short_threshold", "refuse_below", "show_model")
"""The fitted file's numbers that are no weights."""


def split_fitted(fitted: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """A fitted file's arrays as the weights they replace (biases, layer norms, `qa.*`) and, per weight NAME, the
    change its low-rank pair (`NAME.lora_a`, `NAME.lora_b`) makes to it: `lora_scale` times b @ a."""
    scale = float(fitted["lora_scale"]) if "lora_scale" in fitted else 1.0
    replaced, deltas = {}, {}
    for name, value in fitted.items():
        if name.endswith(".lora_a"):
            stem = name.removesuffix(".lora_a")
            deltas[stem] = scale * fitted[stem + ".lora_b"].astype(np.float32) @ value.astype(np.float32)
        elif not name.endswith(".lora_b") and name not in _SETTINGS:
            replaced[name] = value.astype(np.float32)
    return replaced, deltas


def merged(base: dict[str, np.ndarray], fitted: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The packaged weights with the fitted changes added in: new arrays for the 36 changed matrices (about 70 ms,
    on the loading thread; adding the low-rank products at every question instead cost 25 ms each), the rest
    left as they are (memory-mapped views stay views)."""
    replaced, deltas = split_fitted(fitted)
    weights = {k.removeprefix("bert."): np.asarray(v, dtype=np.float32) for k, v in base.items()} | replaced
    for name, delta in deltas.items():
        weights[name] = weights[name] + delta
    return weights


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def tensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file as read-only views of its memory map: nothing is read until used, and a
    question touches only its words' rows of the 47 MB word embeddings (reading the file whole took 0.2 s)."""
    import json

    data = np.memmap(path, dtype=np.uint8, mode="r")
    size = int.from_bytes(bytes(data[:8]), "little")
    header = json.loads(bytes(data[8 : 8 + size]))
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = (8 + size + offset for offset in info["data_offsets"])
        dtype = np.dtype(_DTYPES[info["dtype"]])  # KeyError: a type this reader does not read
        if not 8 + size <= begin <= end <= len(data) or end - begin != dtype.itemsize * math.prod(info["shape"]):
            raise ValueError(f"{path.name}: tensor {name} lies outside the file or has the wrong size")
        out[name.removeprefix("bert.")] = data[begin:end].view(dtype).reshape(info["shape"])
    return out


def reader_from(fitted_path: Path) -> Reader:
    """The reader of a fitted file over the packaged model (raises ModelUnavailable or OSError if either is
    missing, ValueError or KeyError if the file is damaged)."""
    import json

    from tokenizers import Tokenizer

    from askdocs.encoders.models import resolve_model_path

    root = Path(resolve_model_path("all-MiniLM-L6-v2"))
    try:
        with np.load(fitted_path) as data:
            fitted = {name: data[name] for name in data.files}
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{fitted_path.name} is damaged: {exc}") from None
    threshold = float(fitted.get("short_threshold", 1.0))
    refuse_below = float(fitted["refuse_below"]) if "refuse_below" in fitted else None
    show = LinearModel.from_dict(json.loads(str(fitted["show_model"]))) if "show_model" in fitted else None
    if show is not None and show.features != SHOW_SIGNALS:
        raise ValueError(f"{fitted_path.name}: the show model reads {', '.join(show.features)}")
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")  # a long question too
    heads, layers = config["num_attention_heads"], config["num_hidden_layers"]
    weights = merged(tensors(root / "model.safetensors"), fitted)
    return Reader(weights, tokenizer, heads, layers, threshold, refuse_below, show)


_lock = threading.Lock()
_loaded: list[Reader | None] = []
_started = threading.Event()


def load_reader() -> Reader | None:
    """The shipped reader (loaded once per process, in milliseconds), or None when the packaged model or the
    fitted file is not installed (short answers then come from the tagger's candidates alone)."""
    from askdocs.errors import ModelUnavailable

    with _lock:
        if not _loaded:
            try:
                with resources.as_file(resources.files("askdocs.answering").joinpath(READER_FILE)) as path:
                    reader = reader_from(path)
                one_blas_thread()
                reader.read("What?", ["This."])  # the first product touches the weights: here, not in a question
                _loaded.append(reader)
            except (ModelUnavailable, OSError, ValueError, KeyError):
                _loaded.append(None)
        return _loaded[0]


def preload_reader(after: Callable[[], object] | None = None) -> None:
    """Start loading the reader on a daemon thread, once, when `after` returns: a question needs the tagger
    first, and loading both at once on two cores slows the tagger's load by about as much as the reader's takes."""

    def load() -> None:
        if after is not None:
            after()
        load_reader()

    if not _started.is_set():
        _started.set()
        threading.Thread(target=load, name="askdocs-reader", daemon=True).start()


READ_SENTENCES = 3
"""How many of the cited sentences, best first, the reader reads for a short answer."""


def best_reading(reader: Reader, question: str, sentences: list[str]) -> tuple[int, Reading] | None:
    """The span the reader prefers most over "no answer" among the first READ_SENTENCES sentences, with its
    sentence's position; None when there are none."""
    readings = reader.read(question, sentences[:READ_SENTENCES])
    if not readings:
        return None
    best = max(range(len(readings)), key=lambda i: readings[i].score)
    return best, readings[best]


@functools.lru_cache(maxsize=16)
def read_best(question: str, sentences: tuple[str, ...]) -> tuple[int, Reading] | None:
    """`best_reading` by the shipped reader (None without it), kept: the refusal check and the short answer read
    the same cited sentences of one question."""
    reader = load_reader()
    return best_reading(reader, question, list(sentences)) if reader is not None else None
