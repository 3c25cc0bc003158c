"""Fitted models: logistic regressions over named signals, their weights read from `fitted.json` (made by
`python -m bench.fit_answering` on development data, never on the questions we report on)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from askdocs.errors import IndexUnusable

FITTED_FILE = "fitted.json"


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over standardised features: p = sigmoid(w . (x - mean) / scale + bias)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    """The probability above which the model says yes, chosen on development data."""

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for each row of x (rows are examples, columns follow `features`)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return z @ np.asarray(self.weights) + self.bias

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(x)))

    def columns(self, x: np.ndarray, names: Sequence[str]) -> np.ndarray:
        """The columns of `x` (named `names`) that this model reads, in its order: a model fitted before a signal
        was added reads the signals it was fitted on and ignores the new one until it is refitted."""
        if tuple(names) == self.features:
            return x
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        where = {name: i for i, name in enumerate(names)}
        missing = [f for f in self.features if f not in where]
        if missing:
            raise ValueError(f"signals {', '.join(missing)} are not computed: the fitted models are of another version")
        return x[:, [where[f] for f in self.features]]

    def as_dict(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> LinearModel:
        def floats(key: str) -> tuple[float, ...]:
            return tuple(float(v) for v in raw[key])  # type: ignore[attr-defined]

        return cls(
            tuple(str(f) for f in raw["features"]),  # type: ignore[attr-defined]
            floats("weights"),
            floats("mean"),
            floats("scale"),
            float(raw["bias"]),  # type: ignore[arg-type]
            float(raw.get("threshold", 0.5)),  # type: ignore[arg-type]
        )


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    names: Sequence[str],
    *,
    l2: float = 1.0,
    iterations: int = 50,
    signs: Mapping[str, int] | None = None,
) -> LinearModel:
    """Fit a logistic regression by Newton's method with an L2 penalty (standardised features, unpenalised bias).
    With `signs`, a named signal's weight may only be >= 0 (sign 1) or <= 0 (sign -1): a signal the fit would
    otherwise turn against its meaning to offset a correlated one stays at zero instead."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    _check_names(x, names)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    if signs:
        w = _fit_signed(z, y, penalty, [signs.get(n, 0) for n in names])
    else:
        w = np.zeros(z.shape[1])
        for _ in range(iterations):
            p = 1.0 / (1.0 + np.exp(-(z @ w)))
            gradient = z.T @ (p - y) + penalty * w
            hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if float(np.abs(step).max()) < 1e-8:
                break
    return LinearModel(tuple(names), tuple(w[:-1].tolist()), tuple(mean.tolist()), tuple(scale.tolist()), float(w[-1]))


def _fit_signed(z: np.ndarray, y: np.ndarray, penalty: np.ndarray, signs: list[int]) -> np.ndarray:
    """The penalised logistic loss minimised under sign bounds (L-BFGS-B; scipy comes with sentence-transformers,
    and only fitting, never answering, needs it)."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        p = 1.0 / (1.0 + np.exp(-s))
        value = float(np.sum(np.logaddexp(0.0, s) - y * s) + 0.5 * np.sum(penalty * w * w))
        return value, z.T @ (p - y) + penalty * w

    bounds = [(0.0, None) if g > 0 else (None, 0.0) if g < 0 else (None, None) for g in signs] + [(None, None)]
    result = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds, options={"gtol": 1e-8})
    if not result.success:
        raise ValueError(f"the sign-bounded fit did not converge: {result.message}")
    return np.asarray(result.x, dtype=np.float64)


def _check_names(x: np.ndarray, names: Sequence[str]) -> None:
    """A fit whose signal names do not match its columns would ship weights read against the wrong signals."""
    if x.ndim != 2 or x.shape[1] != len(names):
        raise ValueError(f"{x.shape[1] if x.ndim == 2 else x.ndim} signal columns for {len(names)} signal names")


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities over one question's candidates from their scores (they sum to 1)."""
    logits = np.asarray(logits, dtype=np.float64)
    if not len(logits):
        return logits
    e = np.exp(logits - logits.max())
    return e / e.sum()


def fit_choice(
    groups: Sequence[tuple[np.ndarray, np.ndarray]],
    names: Sequence[str],
    *,
    l2: float = 1.0,
    iterations: int = 50,
) -> LinearModel:
    """Fit a conditional logit by Newton's method: within each group (one question's candidates, `x` rows) the
    softmax of w . z should put its mass on the rows whose `y` is 1. Candidates compete, so the fit learns what
    makes one span better than the others of the same question rather than how often spans are right at all.
    Groups with no right row tell nothing and are skipped; the bias is 0 (a constant cancels in a softmax)."""
    kept = [(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)) for x, y in groups if np.any(y)]
    if kept:
        _check_names(kept[0][0], names)
    stacked = np.vstack([x for x, _ in kept])
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < 1e-9] = 1.0
    zs = [((x - mean) / scale, y / y.sum()) for x, y in kept]

    def loss(w: np.ndarray) -> float:
        total = 0.5 * l2 * float(w @ w)
        for z, target in zs:
            s = z @ w
            top = float(s.max())
            total += top + math.log(float(np.exp(s - top).sum())) - float(target @ s)
        return total

    w = np.zeros(stacked.shape[1])
    current = loss(w)
    for _ in range(iterations):
        gradient = l2 * w
        hessian = l2 * np.eye(len(w))
        for z, target in zs:
            p = softmax(z @ w)
            gradient = gradient + z.T @ (p - target)
            zp = z.T @ p
            hessian = hessian + (z * p[:, None]).T @ z - np.outer(zp, zp)
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while size > 1e-4 and loss(w - size * step) > current:
            size /= 2  # a full Newton step can overshoot far from the optimum: halve it until the loss falls
        w = w - size * step
        current = loss(w)
        if float(np.abs(size * step).max()) < 1e-8:
            break
    return LinearModel(tuple(names), tuple(w.tolist()), tuple(mean.tolist()), tuple(scale.tolist()), 0.0)


@dataclass(frozen=True)
class Fitted:
    """Every fitted model answering uses, and the type priors of short answers."""

    shortlist: LinearModel
    """Ranks candidate sentences on cheap signals, to choose which ones to embed."""
    sentence: LinearModel
    """The probability that a sentence holds the answer."""
    ranker: LinearModel
    """Orders one question's sentences (a conditional logit: it learns what makes a sentence better than the others
    for the same question, which ranks better than the calibrated probability does); its threshold is the share of
    its probability that the cited sentences cover."""
    answerable: LinearModel
    """The probability that the documents answer the question at all; its threshold decides `found`."""
    short: LinearModel
    """Scores tagged spans against each other (a conditional logit: softmax over one question's candidates)."""
    short_confidence: LinearModel
    """The probability that the spans `short` picks are right; its threshold, fitted for precision, decides whether
    a short answer is shown."""
    type_prior: Mapping[str, float]
    """log P(right | question kind, span label), keyed "kind|label", fitted with smoothing."""
    default_prior: float
    provenance: Mapping[str, object]

    def prior(self, kind: str, label: str) -> float:
        return self.type_prior.get(f"{kind}|{label}", self.default_prior)

    def as_dict(self) -> dict[str, object]:
        return {
            "shortlist": self.shortlist.as_dict(),
            "sentence": self.sentence.as_dict(),
            "ranker": self.ranker.as_dict(),
            "answerable": self.answerable.as_dict(),
            "short": self.short.as_dict(),
            "short_confidence": self.short_confidence.as_dict(),
            "type_prior": {k: round(v, 5) for k, v in sorted(self.type_prior.items())},
            "default_prior": round(self.default_prior, 5),
            "provenance": dict(self.provenance),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> Fitted:
        return cls(
            LinearModel.from_dict(raw["shortlist"]),  # type: ignore[arg-type]
            LinearModel.from_dict(raw["sentence"]),  # type: ignore[arg-type]
            LinearModel.from_dict(raw["ranker"]),  # type: ignore[arg-type]
            LinearModel.from_dict(raw["answerable"]),  # type: ignore[arg-type]
            LinearModel.from_dict(raw["short"]),  # type: ignore[arg-type]
            LinearModel.from_dict(raw["short_confidence"]),  # type: ignore[arg-type]
            {str(k): float(v) for k, v in raw["type_prior"].items()},  # type: ignore[attr-defined]
            float(raw["default_prior"]),  # type: ignore[arg-type]
            dict(raw.get("provenance", {})),  # type: ignore[call-overload]
        )


@cache
def fitted() -> Fitted:
    """The shipped fitted models (package data)."""
    try:
        raw = json.loads(resources.files("askdocs.answering").joinpath(FITTED_FILE).read_text(encoding="utf-8"))
        return Fitted.from_dict(raw)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnusable(f"the fitted answer models are missing or damaged ({exc}); reinstall askdocs") from None


def log_prior(good: float, total: float, base: float, strength: float = 2.0) -> float:
    """Smoothed log-probability: (good + strength * base) / (total + strength)."""
    return math.log((good + strength * base) / (total + strength))
