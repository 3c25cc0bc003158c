"""The fitted models: the logistic fit recovers a known rule, the shipped weights load and are sane."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from askdocs.answering import short_answer, signals
from askdocs.answering.model import FITTED_FILE, Fitted, LinearModel, fit_choice, fit_logistic, fitted, softmax


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


def test_signed_fit_keeps_a_weight_from_turning_against_its_meaning() -> None:
    """Two correlated signals: unconstrained, the fit gives the weaker one a negative weight to offset the stronger;
    bound to be >= 0 it stays at zero, and a bound the fit would meet anyway changes nothing."""
    rng = np.random.default_rng(1)
    a = rng.normal(size=600)
    b = a + 0.3 * rng.normal(size=600)
    x = np.column_stack([a, b])
    y = (2 * a - 0.8 * b + 0.3 * rng.normal(size=600) > 0).astype(float)
    free = fit_logistic(x, y, ("a", "b"), l2=0.1)
    assert free.weights[0] > 0 > free.weights[1]
    signed = fit_logistic(x, y, ("a", "b"), l2=0.1, signs={"a": 1, "b": 1})
    assert signed.weights[0] > 0
    assert signed.weights[1] == pytest.approx(0.0, abs=1e-9)
    loose = fit_logistic(x, y, ("a", "b"), l2=0.1, signs={"a": 1, "b": -1})
    assert np.allclose(loose.weights, free.weights, atol=1e-3)
    assert loose.bias == pytest.approx(free.bias, abs=1e-3)


def test_the_shipped_answerable_weights_keep_their_signs() -> None:
    """The shipped answerable model was fitted with each signal's weight bound to its sign."""
    model = fitted().answerable
    assert set(signals.QUESTION_SIGNS) <= set(model.features)
    for name, weight in zip(model.features, model.weights, strict=True):
        assert weight * signals.QUESTION_SIGNS.get(name, 0) >= 0, name


def _groups(rng: np.random.Generator, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Questions with 3-8 candidates; the right one is the best by `a - b`, and `c` is noise the same in a group
    on average but shifted per group (what a pointwise fit confuses with quality)."""
    out = []
    for _ in range(n):
        m = int(rng.integers(3, 9))
        x = rng.normal(size=(m, 3))
        x[:, 2] += rng.normal() * 3
        y = np.zeros(m)
        y[int(np.argmax(x[:, 0] - x[:, 1]))] = 1.0
        out.append((x, y))
    return out


def test_fit_choice_learns_which_candidate_wins_within_a_question() -> None:
    rng = np.random.default_rng(1)
    model = fit_choice(_groups(rng, 300), ("a", "b", "c"), l2=0.1)
    assert model.weights[0] > 0 > model.weights[1]
    assert abs(model.weights[2]) < abs(model.weights[0]) / 5
    held_out = _groups(rng, 200)
    right = [y[int(np.argmax(softmax(model.logits(x))))] for x, y in held_out]
    assert np.mean(right) > 0.85
    p = softmax(model.logits(held_out[0][0]))
    assert p.sum() == pytest.approx(1.0) and (p > 0).all()


def test_fit_choice_skips_questions_with_no_right_candidate() -> None:
    rng = np.random.default_rng(2)
    groups = _groups(rng, 100)
    with_empty = groups + [(rng.normal(size=(4, 3)), np.zeros(4)) for _ in range(50)]
    assert np.allclose(fit_choice(groups, "abc").weights, fit_choice(with_empty, "abc").weights)


def test_constant_feature_does_not_divide_by_zero() -> None:
    x = np.hstack([np.ones((50, 1)), np.linspace(-1, 1, 50)[:, None]])
    y = (x[:, 1] > 0).astype(float)
    model = fit_logistic(x, y, ("constant", "x"))
    assert np.isfinite(model.probability(x)).all()


def test_shipped_weights_name_the_signals_the_code_computes() -> None:
    models = fitted()
    assert models.shortlist.features == signals.CHEAP
    assert models.sentence.features == signals.SENTENCE
    assert models.ranker.features == signals.SENTENCE
    assert models.answerable.features == signals.QUESTION
    assert models.short.features == short_answer.SHORT
    assert models.short_confidence.features == short_answer.CONFIDENCE
    assert 0.0 < models.answerable.threshold < 1.0
    assert 0.0 < models.short_confidence.threshold < 1.0
    assert 0.5 <= models.ranker.threshold < 1.0  # the cited share of the ranker's probability
    assert models.provenance.get("made_by") == "python -m bench.fit_answering"


def test_shipped_sentence_model_prefers_covered_and_close_sentences() -> None:
    """Signs a fit on any sensible data must have: more of the question's words and a closer meaning help (the
    three cosines, of the sentence alone, after the one before and after the title, move together, so their
    weights are judged together)."""
    cosines, gaps = ("dense", "before_dense", "title_dense"), ("dense_gap", "before_gap", "title_gap")
    w = dict(zip(fitted().sentence.features, fitted().sentence.weights, strict=True))
    assert w["coverage_context"] > 0
    assert sum(w[g] for g in gaps) < 0
    r = dict(zip(fitted().ranker.features, fitted().ranker.weights, strict=True))
    assert r["coverage_context"] > 0
    assert sum(r[c] for c in cosines) > 0 or sum(r[g] for g in gaps) < 0


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


def test_choose_lists_names_of_the_best_label_nearly_as_likely() -> None:
    spans = [
        short_answer.Span("Ana Ruiz", "PERSON", 0, 0, 8),
        short_answer.Span("Luis Paz", "PERSON", 0, 13, 21),
        short_answer.Span("Lima", "GPE", 1, 0, 4),
        short_answer.Span("Eva Sol", "PERSON", 1, 10, 17),
    ]
    p = np.array([0.4, 0.35, 0.15, 0.1])
    assert [s.text for s, _ in short_answer.choose(spans, p)] == ["Ana Ruiz", "Luis Paz"]
    assert [s.text for s, _ in short_answer.choose(spans, p, several=False)] == ["Ana Ruiz"]


def test_the_confidence_model_decides_whether_the_pick_is_shown() -> None:
    """The same candidates are shown or not as the fitted confidence of the ranker's pick passes its threshold."""
    models = fitted()
    spans = [short_answer.Span("Ana Ruiz", "PERSON", 0, 0, 8), short_answer.Span("Lima", "GPE", 0, 12, 16)]
    x = np.zeros((2, len(short_answer.SHORT)))
    x[:, short_answer.SHORT.index("sentence")] = 0.9
    x[:, short_answer.SHORT.index("first")] = 1.0

    def gated(threshold: float) -> list[str]:
        sure = dataclasses.replace(models.short_confidence, threshold=threshold)
        shown = short_answer.short_answers(spans, x, "who", dataclasses.replace(models, short_confidence=sure), 0.9)
        return [s.text for s, _ in shown]

    p = softmax(models.short.logits(models.short.columns(x, short_answer.SHORT)))
    chosen = short_answer.choose(spans, p, several=True)
    z = short_answer.confidence_signals(chosen, x, p, "who", 0.9)
    assert z.shape == (len(short_answer.CONFIDENCE),)
    sure = float(models.short_confidence.probability(models.short_confidence.columns(z, short_answer.CONFIDENCE))[0])
    assert gated(sure - 1e-6) == [s.text for s, _ in chosen]
    assert gated(sure + 1e-6) == []


def test_a_short_answer_is_less_sure_when_the_answer_as_a_whole_is() -> None:
    """The answerable model's probability is a confidence signal: fitted with answered questions the documents do not
    answer (whose short answers are all wrong), a surer answer makes a surer short answer."""
    models = fitted()
    spans = [short_answer.Span("Ana Ruiz", "PERSON", 0, 0, 8), short_answer.Span("Lima", "GPE", 0, 12, 16)]
    x = np.zeros((2, len(short_answer.SHORT)))
    p = softmax(models.short.logits(models.short.columns(x, short_answer.SHORT)))
    chosen = short_answer.choose(spans, p, several=True)
    confidence = models.short_confidence
    low, high = (
        float(
            confidence.probability(
                confidence.columns(short_answer.confidence_signals(chosen, x, p, "who", a), short_answer.CONFIDENCE)
            )[0]
        )
        for a in (0.3, 0.95)
    )
    assert low < high


def test_a_fit_refuses_signal_names_that_do_not_match_its_columns() -> None:
    x = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    with pytest.raises(ValueError, match="2 signal columns for 3 signal names"):
        fit_logistic(x, np.array([0.0, 1.0, 1.0]), ("a", "b", "c"))
    with pytest.raises(ValueError, match="2 signal columns for 1 signal names"):
        fit_choice([(x, np.array([0.0, 1.0, 0.0]))], ("a",))


def test_a_model_naming_a_signal_the_code_does_not_compute_is_damaged() -> None:
    """Said when the models load, not as a ValueError at the first question's short answer."""
    from askdocs.answering.short_answer import check_signals

    models = fitted()
    check_signals(models)
    renamed = dataclasses.replace(models.short, features=(*models.short.features[:-1], "no_such_signal"))
    with pytest.raises(ValueError, match="no_such_signal"):
        check_signals(dataclasses.replace(models, short=renamed))
