"""Gradient descent on the logits of one prediction (core/descent.py): the loss falls to its floor H(p)."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.descent import Descent, gradient_descent, smoothed_target
from core.losses import cross_entropy_loss, softmax
from core.measures import cross_entropy, entropy


def test_smoothed_target():
    np.testing.assert_allclose(smoothed_target(2, 4, 0.2), [0.05, 0.05, 0.85, 0.05])
    np.testing.assert_allclose(smoothed_target([0.5, 0.5, 0.0], 3, 0.3), [0.45, 0.45, 0.1])
    assert smoothed_target(1, 3).tolist() == [0.0, 1.0, 0.0]
    assert smoothed_target(np.int64(0), 2, 1.0).tolist() == [0.5, 0.5]  # full smoothing: uniform
    assert smoothed_target(2.0, 3).tolist() == [0.0, 0.0, 1.0]  # a whole float is a class index


@pytest.mark.parametrize(
    ("target", "n_classes", "smoothing", "message"),
    [
        (3, 3, 0.0, "class index"),
        (-1, 3, 0.0, "class index"),
        (1.5, 3, 0.0, "class index"),
        ([0.5, 0.6, 0.0], 3, 0.0, "sum to 1"),
        ([0.5, 0.5], 3, 0.0, "3 probabilities"),
        (0, 3, 1.5, "label_smoothing"),
        (0, 3, -0.1, "label_smoothing"),
    ],
)
def test_smoothed_target_refuses(target, n_classes, smoothing, message):
    with pytest.raises(ValueError, match=message):
        smoothed_target(target, n_classes, smoothing)


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
    assert run.floor == pytest.approx(float(entropy(p, math.e)), rel=1e-15)
    np.testing.assert_array_equal(run.target, p)


def test_descent_on_a_one_hot_target_approaches_zero():
    run = gradient_descent([0.0, 3.0, 0.0], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)
    assert run.floor == 0.0 and 0 < run.loss[-1] < 0.05 and run.q[-1].argmax() == 0


@pytest.mark.parametrize("learning_rate", [1.0, 0.25])
def test_each_step_follows_the_gradient_of_the_loss_by_finite_differences(learning_rate):
    """The step z ← z − lr·(q − p) uses the loss's true gradient, measured here by central differences."""
    z, p = np.array([0.3, -1.2, 2.0]), np.array([0.2, 0.7, 0.1])
    h = 1e-6
    numeric = np.array(
        [(cross_entropy_loss(z + h * e, p) - cross_entropy_loss(z - h * e, p)) / (2 * h) for e in np.eye(3)]
    )
    first_step = gradient_descent(z, p, learning_rate=learning_rate, steps=1)
    np.testing.assert_allclose(z - first_step.logits[1], learning_rate * numeric, atol=1e-8)
    np.testing.assert_allclose(numeric.sum(), 0.0, atol=1e-8)  # adding a constant to every logit changes nothing


def test_the_run_has_one_row_per_step_and_starts_where_asked():
    run = gradient_descent([1.0, 0.0], [0.25, 0.75], learning_rate=0.5, steps=4)
    assert isinstance(run, Descent)
    assert run.logits.shape == run.q.shape == (5, 2) and run.loss.shape == (5,)
    assert run.logits[0].tolist() == [1.0, 0.0]
    assert run.target.tolist() == [0.25, 0.75]
    still = gradient_descent([1.0, 0.0], [0.25, 0.75], learning_rate=0.5, steps=0)
    assert still.logits.shape == (1, 2) and still.loss[0] == pytest.approx(run.loss[0], rel=1e-15)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.floor = 0.0  # type: ignore[misc]


def test_descent_from_the_answer_stays_there():
    p = np.array([0.5, 0.3, 0.2])
    run = gradient_descent(np.log(p), p, learning_rate=1.0, steps=10)
    np.testing.assert_allclose(run.logits, np.tile(np.log(p), (11, 1)), atol=1e-15)
    np.testing.assert_allclose(run.loss, run.floor, rtol=1e-14)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"logits": [0.0, 0.0], "target": [1.0, 0.0, 0.0]}, "same length"),
        ({"logits": [[0.0, 0.0]], "target": [1.0, 0.0]}, "same length"),
        ({"target": [0.5, 0.6, 0.0]}, "target must sum to 1"),
        ({"logits": [0.0, math.inf, 0.0]}, "logits must be finite"),
        ({"learning_rate": 0.0}, "learning_rate must be a positive number"),
        ({"learning_rate": -1.0}, "learning_rate"),
        ({"learning_rate": math.nan}, "learning_rate"),
        ({"steps": -1}, "steps must be a whole number"),
        ({"steps": 2.5}, "steps must be a whole number"),
    ],
)
def test_bad_input_names_the_argument(kwargs, message):
    arguments = {"logits": [0.0, 0.0, 0.0], "target": [1.0, 0.0, 0.0], "learning_rate": 1.0, "steps": 3} | kwargs
    logits, target = arguments.pop("logits"), arguments.pop("target")
    with pytest.raises(ValueError, match=message):
        gradient_descent(logits, target, **arguments)
