"""The fitted models: the logistic fit recovers a known rule, the shipped weights load and are sane."""

from __future__ import annotations

import json

import numpy as np
import pytest

from askdocs.answering import short_answer, signals
from askdocs.answering.model import FITTED_FILE, Fitted, LinearModel, fit_logistic, fitted


def test_fit_logistic_separates_a_linear_rule_and_round_trips() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (2 * x[:, 0] - x[:, 2] > 0).astype(float)
    model = fit_logistic(x, y, ("a", "b", "c"), l2=0.1)
    assert model.weights[0] > 0 > model.weights[2]
    assert abs(model.weights[1]) < abs(model.weights[0]) / 5
    assert ((model.probability(x) >= 0.5) == y.astype(bool)).mean() > 0.95
    again = LinearModel.from_dict(json.loads(json.dumps(model.as_dict())))
    assert np.allclose(again.probability(x), model.probability(x), atol=1e-4)


def test_constant_feature_does_not_divide_by_zero() -> None:
    x = np.hstack([np.ones((50, 1)), np.linspace(-1, 1, 50)[:, None]])
    y = (x[:, 1] > 0).astype(float)
    model = fit_logistic(x, y, ("constant", "x"))
    assert np.isfinite(model.probability(x)).all()


def test_shipped_weights_name_the_signals_the_code_computes() -> None:
    models = fitted()
    assert models.shortlist.features == signals.CHEAP
    assert models.sentence.features == signals.SENTENCE
    assert models.answerable.features == signals.QUESTION
    assert models.short.features == short_answer.SHORT
    assert 0.0 < models.answerable.threshold < 1.0
    assert 0.0 < models.short.threshold <= 1.0
    assert models.provenance.get("made_by") == "python -m bench.fit_answering"


def test_shipped_sentence_model_prefers_covered_and_close_sentences() -> None:
    """Signs a fit on any sensible data must have: more of the question's words and a closer meaning help."""
    w = dict(zip(fitted().sentence.features, fitted().sentence.weights, strict=True))
    assert w["coverage_context"] > 0
    assert w["dense_gap"] < 0


def test_damaged_weights_file_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from askdocs.answering import model as model_module
    from askdocs.errors import IndexUnusable

    class Broken:
        def joinpath(self, name: str):  # noqa: ANN202
            assert name == FITTED_FILE
            path = tmp_path / name
            path.write_text("{not json")
            return path

    monkeypatch.setattr(model_module.resources, "files", lambda _pkg: Broken())
    model_module.fitted.cache_clear()
    try:
        with pytest.raises(IndexUnusable, match="fitted answer models"):
            model_module.fitted()
    finally:
        monkeypatch.undo()
        model_module.fitted.cache_clear()
    assert isinstance(fitted(), Fitted)
