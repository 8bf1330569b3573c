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
from tests.strategies import distributions

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
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], label_smoothing="0.1"), "label_smoothing must lie in"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], label_smoothing=None), "label_smoothing must lie in"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], label_smoothing=True), "label_smoothing must lie in"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], label_smoothing=math.nan), "label_smoothing must lie in"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], ignore_index=0.5), "ignore_index must be an integer"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], ignore_index=None), "ignore_index must be an integer"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], reduction=None), "reduction must be one of"),
        (lambda: cross_entropy_loss([["1.0", "2.0"]], [0]), "logits must be real numbers"),
        (lambda: cross_entropy_loss([[1.0 + 1j, 2.0]], [0]), "logits must be real numbers"),
        (lambda: cross_entropy_loss([[True, False]], [0]), "logits must be real numbers"),
        (lambda: cross_entropy_loss([[1.0, 2.0], [3.0]], [0, 1]), "logits must be numeric"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], ["0"]), "target must be real numbers"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [True]), "target must be real numbers"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [0], weight=[True, True]), "weight must be real numbers"),
        (lambda: softmax([]), "logits must hold at least one class"),
        (lambda: softmax(np.empty((2, 0))), "logits must hold at least one class"),
        (lambda: log_softmax([]), "logits must hold at least one class"),
        (lambda: softmax(["0.5", "0.5"]), "logits must be real numbers"),
        (lambda: softmax([0.5 + 1j, 0.5]), "logits must be real numbers"),
        (lambda: log_softmax([True, False]), "logits must be real numbers"),
        (lambda: softmax([1.0, 2.0], axis=1), r"axis 1 is out of range for logits of shape \(2,\)"),
        (lambda: log_softmax([1.0, 2.0], axis=0.0), "axis must be an integer"),
        (lambda: cross_entropy_loss([[1.0, 2.0]], [-100]), "undefined"),
        (lambda: cross_entropy_loss(np.ones((2, 2, 2)), [0, 1]), r"shape \(N, C\) or \(C,\)"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.5]), "target has an entry above 1"),
        (lambda: binary_cross_entropy_with_logits([0.0, 1.0], [1.0]), "target must have the shape of logits"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=[-1.0]), "pos_weight must be"),
        (lambda: binary_cross_entropy_with_logits([0.0], [True]), "target must be real numbers"),
        (lambda: binary_cross_entropy_with_logits(["0.0"], [1.0]), "logits must be real numbers"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=[1j]), "pos_weight must be real"),
        (lambda: binary_cross_entropy_with_logits([0.0], [1.0], reduction="avg"), "reduction must be one of"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# A term whose coefficient is 0 is 0, never 0·∞ = NaN. Logits 1e308 apart give log-probabilities
# of −1e308 (finite) and 2e308 apart −∞ (the correctly rounded value); the suite turns the
# RuntimeWarnings of a NaN or an overflow into errors, so these also check that none escapes.


@pytest.mark.parametrize(("reduction", "expected"), [("mean", 0.0), ("sum", 0.0), ("none", [0.0])])
def test_no_smoothing_computes_no_smoothing_term(reduction, expected):
    """PyTorch 2.x gives 0.0: with label_smoothing=0 it takes nll_loss alone, where −Σ log q = ∞ never appears."""
    assert cross_entropy_loss([[1e308, 0.0, 0.0]], [0], reduction=reduction) == pytest.approx(expected, abs=0)
    assert cross_entropy_loss([1e308, 0.0, 0.0], 0) == 0.0
    assert cross_entropy_loss([[1e308, -1e308]], [0], weight=[2.0, 1.0]) == 0.0


def test_smoothing_overflows_to_inf_as_in_pytorch():
    # −Σ log q = 2e308 overflows before it is scaled by ε/C, in PyTorch's order of operations.
    assert cross_entropy_loss([[1e308, 0.0, 0.0]], [0], label_smoothing=0.1) == math.inf
    # ε = 1: the class-index term has coefficient 0 and is left out, not multiplied by 0 (it is ∞ here).
    assert cross_entropy_loss([[1e308, -1e308]], [1], label_smoothing=1.0) == math.inf


def test_ignored_samples_add_zero_even_where_their_log_q_is_minus_inf():
    z = [[0.0, 0.0], [-1e308, 1e308]]  # the ignored sample's class 0 has log q = −∞
    for smoothing in (0.0, 0.1):
        losses = cross_entropy_loss(z, [0, -100], reduction="none", label_smoothing=smoothing)
        assert losses[1] == 0.0
        assert cross_entropy_loss(z, [0, -100], label_smoothing=smoothing) == pytest.approx(losses[0], rel=1e-15)


def test_zero_weights_and_zero_probabilities_add_zero_against_minus_inf():
    z = [[1e308, -1e308]]  # log q = [0, −∞]
    assert cross_entropy_loss(z, [0], weight=[1.0, 0.0], label_smoothing=0.1) == 0.0
    assert cross_entropy_loss(z, [1], weight=[1.0, 0.0], reduction="sum") == 0.0
    assert cross_entropy_loss(z, [[1.0, 0.0]]) == 0.0
    assert cross_entropy_loss(z, [[0.5, 0.5]], weight=[1.0, 0.0]) == 0.0
    assert cross_entropy_loss(z, [[0.5, 0.5]]) == math.inf


def test_softmax_of_logits_spanning_more_than_the_largest_float():
    assert softmax([1e308, -1e308]).tolist() == [1.0, 0.0]
    assert log_softmax([1e308, -1e308]).tolist() == [0.0, -math.inf]


def test_pos_weight_must_not_broadcast_beyond_the_logits():
    """PyTorch raises: the loss is computed in place in a tensor of the logits' shape."""
    x, t = [0.0, 1.0, 2.0], [1.0, 0.0, 1.0]
    with pytest.raises(ValueError, match=r"pos_weight of shape \(2, 3\) must broadcast to the shape of logits \(3,\)"):
        binary_cross_entropy_with_logits(x, t, pos_weight=np.ones((2, 3)), reduction="none")
    with pytest.raises(ValueError, match=r"pos_weight of shape \(2,\) must broadcast"):
        binary_cross_entropy_with_logits(x, t, pos_weight=[1.0, 2.0])
    plain = binary_cross_entropy_with_logits(x, t, reduction="none")
    for pw in ([1.0], np.ones(3), 1.0):
        np.testing.assert_array_equal(binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction="none"), plain)
    per_class = binary_cross_entropy_with_logits([x, x], [t, t], pos_weight=[1.0, 2.0, 3.0], reduction="none")
    assert per_class.shape == (2, 3)


def test_a_target_of_the_logits_shape_holds_probabilities_as_in_pytorch():
    # PyTorch: "ignore_index is not supported for floating point target" (ignore_index ≥ 0)
    with pytest.raises(ValueError, match="ignore_index is not supported for floating point"):
        cross_entropy_loss([[0.0, 1.0]], [[0.3, 0.7]], ignore_index=1)
    with pytest.raises(ValueError, match="ignore_index is not supported for floating point"):
        cross_entropy_loss([0.0, 1.0], [0.3, 0.7], ignore_index=0)
    # a negative ignore_index is accepted and has no effect, as in PyTorch
    assert cross_entropy_loss([[0.0, 1.0]], [[0.3, 0.7]], ignore_index=-1) == cross_entropy_loss(
        [[0.0, 1.0]], [[0.3, 0.7]]
    )
    # PyTorch: "Expected floating point type for target with class probabilities"
    for logits, one_hot in (
        ([[0.0, 1.0]], [[0, 1]]),
        ([0.0, 1.0], [0, 1]),
        ([[0.0, 1.0]], np.array([[0, 1]], np.uint8)),
    ):
        with pytest.raises(ValueError, match="so it holds probabilities, which must be floats"):
            cross_entropy_loss(logits, one_hot)


def test_class_indices_must_be_integers_as_in_pytorch():
    for logits, target in (([[0.0, 1.0]], [1.0]), ([0.0, 1.0], 1.0), ([[0.0, 1.0]], np.float32([1]))):
        with pytest.raises(ValueError, match=r"target must hold integers.*probability targets have the shape"):
            cross_entropy_loss(logits, target)
    assert cross_entropy_loss([[0.0, 1.0]], np.array([1], np.uint8)) == cross_entropy_loss([[0.0, 1.0]], [1])


@pytest.mark.parametrize(
    "call",
    [
        lambda reduction: cross_entropy_loss(np.zeros((0, 3)), np.zeros((0, 3)), reduction=reduction),
        lambda reduction: cross_entropy_loss(np.zeros((0, 3)), np.zeros(0, dtype=int), reduction=reduction),
        lambda reduction: cross_entropy_loss(np.zeros((0, 3)), [], reduction=reduction, label_smoothing=0.2),
        lambda reduction: binary_cross_entropy_with_logits([], [], reduction=reduction),
    ],
    ids=["probabilities", "class-indices", "empty-list", "binary"],
)
def test_an_empty_batch_has_no_mean_whatever_the_target(call):
    """PyTorch returns NaN (0/0) for the mean of an empty batch, with either kind of target; both raise here."""
    with pytest.raises(ValueError, match=r"reduction='mean' over an empty batch \(N = 0\) is undefined"):
        call("mean")
    assert call("sum") == 0.0
    assert call("none").shape[0] == 0


_ANY_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_SMOOTHING = st.one_of(st.just(0.0), st.just(1.0), st.floats(0, 1))


@st.composite
def _batches(draw):
    """Logits anywhere in the float range (log q may round to −∞), with weights from 0 to huge."""
    n, c = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    logits = draw(arrays(np.float64, (n, c), elements=st.one_of(st.sampled_from([1e308, -1e308, 0.0]), _ANY_FINITE)))
    weight = draw(st.none() | arrays(np.float64, c, elements=st.one_of(st.just(0.0), st.floats(0, 1e300))))
    return logits, weight


@given(_batches(), st.data(), _SMOOTHING, st.sampled_from(["mean", "sum", "none"]))
def test_a_loss_from_finite_input_is_never_nan(batch, data, smoothing, reduction):
    """Every path (class indices with ignored samples, probability targets; weights; every reduction):
    a loss is in [0, ∞], never NaN, and no RuntimeWarning escapes (the suite makes them errors)."""
    logits, weight = batch
    n, c = logits.shape
    labels = np.asarray(data.draw(st.lists(st.sampled_from([*range(c), -100]), min_size=n, max_size=n)))
    probabilities = np.stack([data.draw(distributions(size=c)) for _ in range(n)])
    for target in (labels, probabilities):
        try:
            loss = cross_entropy_loss(logits, target, weight=weight, reduction=reduction, label_smoothing=smoothing)
        except ValueError as error:  # a weighted mean over nothing: every sample ignored or of weight 0
            assert "no sample counts toward the mean" in str(error)
            continue
        assert not np.isnan(loss).any() and (np.asarray(loss) >= 0).all()


def test_a_smoothing_whose_share_per_class_underflows_still_gives_no_nan():
    # ε/C rounds to 0 while ε does not; the smoothing term, −Σ log q over a log q of −∞, is ∞.
    loss = cross_entropy_loss([[1e308, -1e308]], [0], weight=[0.0, 1.0], label_smoothing=5e-324, reduction="sum")
    assert loss == math.inf
