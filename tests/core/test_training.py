"""Training with cross-entropy: descent on logits, the binary case, framework conventions, iris."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from core import cross_entropy, cross_entropy_loss, softmax
from core.snippets import loss_snippets
from core.training import (
    binary_loss_curves,
    framework_losses,
    gradient_descent,
    load_iris,
    smoothed_target,
    split_iris,
    train_softmax_classifier,
)

FRAMEWORKS = json.loads((Path(__file__).parents[1] / "golden" / "frameworks.json").read_text())


def test_smoothed_target():
    np.testing.assert_allclose(smoothed_target(2, 4, 0.2), [0.05, 0.05, 0.85, 0.05])
    np.testing.assert_allclose(smoothed_target([0.5, 0.5, 0.0], 3, 0.3), [0.45, 0.45, 0.1])
    for bad, message in [(3, "class index"), (1.5, "class index"), ([0.5, 0.6, 0.0], "sum to 1")]:
        with pytest.raises(ValueError, match=message):
            smoothed_target(bad, 3)
    with pytest.raises(ValueError, match="label_smoothing"):
        smoothed_target(0, 3, 1.5)


positive_distributions = st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3).map(lambda w: np.array(w) / sum(w))


@settings(max_examples=60)
@given(positive_distributions, st.sampled_from([0.3, 1.0, 2.0]))
def test_descent_lowers_the_loss_toward_the_entropy_and_q_toward_p(p, learning_rate):
    run = gradient_descent([2.0, -1.0, 0.5], p, learning_rate=learning_rate, steps=1500)
    assert (np.diff(run.loss) <= 1e-12).all()  # every step lowers the loss
    assert run.loss[-1] >= run.floor - 1e-12  # never below H(p) (Gibbs)
    assert run.loss[-1] - run.floor < 1e-3
    np.testing.assert_allclose(run.q[-1], p, atol=0.02)
    np.testing.assert_allclose(run.q, softmax(run.logits, axis=1))
    np.testing.assert_allclose(run.loss, cross_entropy(p, run.q, math.e), rtol=1e-9)


def test_descent_on_a_one_hot_target_approaches_zero():
    run = gradient_descent([0.0, 3.0, 0.0], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)
    assert run.floor == 0.0 and 0 < run.loss[-1] < 0.05 and run.q[-1].argmax() == 0


def test_gradient_is_q_minus_p_by_finite_differences():
    z, p = np.array([0.3, -1.2, 2.0]), np.array([0.2, 0.7, 0.1])
    h = 1e-6
    numeric = [(cross_entropy_loss(z + h * e, p) - cross_entropy_loss(z - h * e, p)) / (2 * h) for e in np.eye(3)]
    first_step = gradient_descent(z, p, learning_rate=1.0, steps=1)
    np.testing.assert_allclose(z - first_step.logits[1], numeric, atol=1e-8)


@pytest.mark.parametrize("p", [0.0, 0.3, 1.0])
def test_binary_curves_and_their_gradients(p):
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    curves, up, down = binary_loss_curves(p, z), binary_loss_curves(p, z + h), binary_loss_curves(p, z - h)
    np.testing.assert_allclose(curves["ce_gradient"], (up["ce"] - down["ce"]) / (2 * h), atol=1e-7)
    np.testing.assert_allclose(curves["se_gradient"], (up["se"] - down["se"]) / (2 * h), atol=1e-7)
    q = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(curves["ce"], -(p * np.log(q) + (1 - p) * np.log1p(-q)), rtol=1e-9)


def test_squared_error_stalls_where_cross_entropy_does_not():
    confidently_wrong = binary_loss_curves(1.0, [-8.0])
    assert abs(confidently_wrong["se_gradient"][0]) < 1e-3 < 0.99 < abs(confidently_wrong["ce_gradient"][0])


@pytest.mark.parametrize("case", FRAMEWORKS["cases"], ids=lambda c: f"p={c['p']},q={c['q']}")
def test_framework_conventions_match_the_libraries(case):
    ours = framework_losses(case["p"], case["q"])
    assert ours["PyTorch BCELoss"] == pytest.approx(case["PyTorch BCELoss"], rel=1e-12, abs=1e-12)
    assert ours["Keras"] == pytest.approx(case["Keras"], rel=1e-6, abs=1e-9)  # Keras computes in float32
    sklearn = log_loss([1, 0], [case["q"], case["q"]], sample_weight=[case["p"], 1 - case["p"]], normalize=False)
    assert ours["scikit-learn log_loss"] == pytest.approx(sklearn, rel=1e-12, abs=1e-12)


def test_exact_loss_is_infinite_only_where_the_maths_says():
    assert framework_losses(1.0, 0.0)["exact"] == math.inf
    assert framework_losses(0.0, 0.0)["exact"] == 0.0
    assert framework_losses(0.3, 0.65)["exact"] == pytest.approx(0.8641103619768107, rel=1e-15)
    assert all(math.isfinite(v) for name, v in framework_losses(1.0, 0.0).items() if name != "exact")


@pytest.mark.parametrize(
    ("logits", "target", "smoothing"),
    [([2.0, 0.5, -1.0], 0, 0.0), ([-1.0, 2.0, 0.5], 2, 0.25), ([0.1, 0.2, 0.3], [0.2, 0.5, 0.3], 0.1)],
)
def test_numpy_snippet_reproduces_the_loss(logits, target, smoothing, capsys):
    namespace = {}
    exec(loss_snippets(logits, target, smoothing)["NumPy"], namespace)
    expected = cross_entropy_loss(logits, np.asarray(target), label_smoothing=smoothing)
    assert namespace["loss"] == pytest.approx(expected, rel=1e-12)
    assert float(capsys.readouterr().out) == pytest.approx(expected, rel=1e-12)
    torch_code = loss_snippets(logits, target, smoothing)["PyTorch"]
    assert f"label_smoothing={float(smoothing)!r}" in torch_code and "F.cross_entropy(" in torch_code


def test_iris_and_its_split():
    features, labels, names, classes = load_iris()
    assert features.shape == (150, 4) and names[0] == "sepal_length_cm"
    assert classes == ["setosa", "versicolor", "virginica"]
    train, test = split_iris(labels)
    assert np.bincount(labels[test]).tolist() == [10, 10, 10]
    assert not set(train) & set(test) and len(set(train) | set(test)) == 150


def test_classifier_learns_and_matches_sklearn_log_loss():
    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    history = train_softmax_classifier(features, labels, train, test, epochs=200, learning_rate=0.3)
    assert history.train_loss[0] == pytest.approx(math.log(3), rel=1e-12)  # uniform start
    assert (np.diff(history.train_loss) < 0).all()
    assert history.test_accuracy[-1] >= 0.9
    q_test = history.test_q[-1]
    assert history.test_loss[-1] == pytest.approx(log_loss(labels[test], q_test, labels=[0, 1, 2]), rel=1e-12)
    np.testing.assert_allclose(q_test.sum(axis=1), 1.0)


def test_label_smoothing_keeps_the_classifier_from_certainty():
    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    plain = train_softmax_classifier(features, labels, train, test, epochs=300, learning_rate=1.0)
    smooth = train_softmax_classifier(features, labels, train, test, epochs=300, learning_rate=1.0, label_smoothing=0.2)
    assert smooth.test_q[-1].max() < plain.test_q[-1].max()
