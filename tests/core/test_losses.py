"""Softmax and the losses (core/losses.py): PyTorch's numbers (golden values), stability, conventions, bad input.

That the gradient of the loss is q − p is checked once, by finite differences, in test_descent.py,
where that gradient is used.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.losses import binary_cross_entropy_with_logits, cross_entropy_loss, log_softmax, softmax
from core.measures import binary_cross_entropy, cross_entropy

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "torch_losses.json").read_text())


def _case_id(case):
    target = "probs" if isinstance(case["target"], list) and isinstance(case["target"][0], list) else "index"
    weighted = "weighted" if case.get("weight") else "plain"
    return f"{target}-{weighted}-ls{case.get('label_smoothing')}-{case['reduction']}"


@pytest.mark.parametrize("case", GOLDEN["cross_entropy"], ids=_case_id)
def test_cross_entropy_loss_matches_torch(case):
    result = cross_entropy_loss(
        case["logits"],
        np.asarray(case["target"]),
        weight=case["weight"],
        reduction=case["reduction"],
        label_smoothing=case["label_smoothing"],
    )
    np.testing.assert_allclose(result, case["expected"], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", GOLDEN["binary_cross_entropy_with_logits"], ids=lambda c: c["reduction"])
def test_bce_with_logits_matches_torch(case):
    result = binary_cross_entropy_with_logits(
        case["logits"], case["target"], pos_weight=case["pos_weight"], reduction=case["reduction"]
    )
    np.testing.assert_allclose(result, case["expected"], rtol=1e-12, atol=1e-12)


def test_softmax_is_stable_and_shift_invariant():
    out = softmax([1000.0, 0.0, -1000.0])
    assert np.isfinite(out).all() and out.tolist() == [1.0, 0.0, 0.0]
    z = np.array([[0.3, -1.2, 2.0], [5.0, 5.0, 5.0]])
    np.testing.assert_allclose(softmax(z + 123.0), softmax(z), rtol=1e-12)
    np.testing.assert_allclose(softmax(z).sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(softmax(z, axis=0).sum(axis=0), 1.0, rtol=1e-15)
    np.testing.assert_allclose(np.exp(log_softmax(z)), softmax(z), rtol=1e-14)


@given(arrays(np.float64, st.integers(1, 6), elements=st.floats(-50, 50)), st.integers(0, 5))
def test_loss_is_the_cross_entropy_of_one_hot_and_softmax(logits, label):
    label = label % logits.size
    one_hot = np.eye(logits.size)[label]
    expected = cross_entropy(one_hot, softmax(logits), base=math.e)
    loss = cross_entropy_loss(logits[None, :], [label])
    if math.isfinite(expected):
        assert loss == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert math.isfinite(loss)  # from logits the loss stays finite where softmax rounds q to 0


def test_probability_targets_are_the_cross_entropy_of_target_and_softmax():
    z = np.array([[0.4, -1.1, 2.3], [0.0, 0.0, 0.0]])
    p = np.array([[0.2, 0.5, 0.3], [1.0, 0.0, 0.0]])
    expected = cross_entropy(p, softmax(z), base=math.e)
    np.testing.assert_allclose(cross_entropy_loss(z, p, reduction="none"), expected, rtol=1e-12)
    assert cross_entropy_loss(z, p) == pytest.approx(expected.mean(), rel=1e-12)
    assert cross_entropy_loss(z, p, reduction="sum") == pytest.approx(expected.sum(), rel=1e-12)


def test_unbatched_input_gives_one_sample():
    z, batched = [2.0, 0.5, -1.0], [[2.0, 0.5, -1.0]]
    assert cross_entropy_loss(z, np.int64(0)) == pytest.approx(float(cross_entropy_loss(batched, [0])), rel=1e-15)
    assert np.ndim(cross_entropy_loss(z, np.int64(0), reduction="none")) == 0
    assert cross_entropy_loss(z, [0.2, 0.3, 0.5]) == pytest.approx(
        float(cross_entropy_loss(batched, [[0.2, 0.3, 0.5]])), rel=1e-15
    )


def test_label_smoothing_mixes_in_the_uniform_distribution():
    z = np.array([[2.0, 0.5, -1.0]])
    smoothed = 0.9 * np.eye(3)[0] + 0.1 / 3
    assert cross_entropy_loss(z, [0], label_smoothing=0.1) == pytest.approx(
        float(cross_entropy(smoothed, softmax(z[0]), base=math.e)), rel=1e-12
    )


def test_bce_with_logits_equals_binary_cross_entropy_of_sigmoid():
    x = np.array([-3.0, -0.2, 0.0, 1.7, 4.0])
    t = np.array([0.0, 0.3, 0.5, 1.0, 0.9])
    q = 1 / (1 + np.exp(-x))
    expected = binary_cross_entropy(t, q, math.e)
    np.testing.assert_allclose(binary_cross_entropy_with_logits(x, t, reduction="none"), expected, rtol=1e-12)


def test_extreme_logits_give_finite_exact_losses():
    assert binary_cross_entropy_with_logits([-300.0], [1.0]) == 300.0
    assert binary_cross_entropy_with_logits([300.0], [1.0]) == pytest.approx(math.exp(-300), rel=1e-12)
    assert cross_entropy_loss([[1000.0, 0.0, -1000.0]], [2]) == 2000.0


def test_ignore_index_drops_samples_from_the_mean():
    z = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 0.0]])
    kept = cross_entropy_loss(z[:2], [1, 0])
    assert cross_entropy_loss(z, [1, 0, -100]) == pytest.approx(kept, rel=1e-15)
    assert cross_entropy_loss(z, [1, 0, 7], ignore_index=7) == pytest.approx(kept, rel=1e-15)
    assert cross_entropy_loss(z, [1, 0, -100], reduction="none")[2] == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: softmax([1.0, float("nan")]), "logits contains NaN"),
        (lambda: softmax([1.0, float("inf")]), "logits must be finite"),
        (lambda: softmax(3.0), "at least one axis"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [2]), r"class 2, outside \[0, 2\)"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0.5]), "must hold integers"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0, 1]), r"shape \(1,\)"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [[0.5, 0.6]]), "target must sum to 1"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], weight=[1.0]), r"weight must have shape \(2,\)"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], weight=[1.0, -1.0]), "weight must be non-negative"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], reduction="avg"), "reduction must be one of"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], label_smoothing=1.5), "label_smoothing must lie in"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [-100]), "undefined"),
        (lambda: cross_entropy_loss(np.ones((2, 2, 2)), [0, 1]), r"shape \(N, C\) or \(C,\)"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.5]), "target has an entry above 1"),
        (lambda: binary_cross_entropy_with_logits([0.0, 1.0], [1.0]), "target must have the shape of logits"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=[-1.0]), "pos_weight must be"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
