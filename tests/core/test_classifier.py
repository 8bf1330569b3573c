"""A softmax classifier trained by cross-entropy (core/classifier.py), on the iris flowers."""

import math

import numpy as np
import pytest
from sklearn.metrics import log_loss

from core.classifier import TrainingHistory, one_hot, train_softmax_classifier
from core.data import load_iris, split_iris
from core.losses import cross_entropy_loss

FEATURES, LABELS, _, _ = load_iris()
TRAIN, TEST = split_iris(LABELS)


@pytest.fixture(scope="module")
def history() -> TrainingHistory:
    return train_softmax_classifier(FEATURES, LABELS, TRAIN, TEST, epochs=200, learning_rate=0.3)


def test_one_hot():
    assert one_hot([2, 0], 3).tolist() == [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    assert one_hot(np.array([], dtype=int), 2).shape == (0, 2)
    for bad in ([3], [-1], [0.5]):
        with pytest.raises(ValueError, match=r"labels must be class indices in \[0, 3\)"):
            one_hot(bad, 3)


def test_classifier_learns_and_matches_sklearn_log_loss(history):
    assert history.train_loss[0] == pytest.approx(math.log(3), rel=1e-12)  # uniform start
    assert (np.diff(history.train_loss) < 0).all()
    assert history.test_accuracy[-1] >= 0.9
    q_test = history.test_q[-1]
    assert history.test_loss[-1] == pytest.approx(log_loss(LABELS[TEST], q_test, labels=[0, 1, 2]), rel=1e-12)
    np.testing.assert_allclose(q_test.sum(axis=1), 1.0)


def test_the_history_has_one_entry_per_epoch(history):
    assert history.train_loss.shape == history.test_loss.shape == (201,)
    assert history.train_accuracy.shape == history.test_accuracy.shape == (201,)
    assert history.test_q.shape == (201, TEST.size, 3)
    assert history.test_labels.tolist() == LABELS[TEST].tolist()
    np.testing.assert_allclose(history.test_q[0], 1 / 3)  # weights start at 0: every class at 1/3
    accuracy = (history.test_q.argmax(axis=2) == LABELS[TEST]).mean(axis=1)
    np.testing.assert_allclose(history.test_accuracy, accuracy)


def test_the_test_loss_is_pytorchs_cross_entropy_of_the_predictions(history):
    """The mean loss is PyTorch's cross_entropy; log q are the logits up to a constant, which it ignores."""
    for epoch in (0, 50, 200):
        logits = np.log(history.test_q[epoch])
        assert history.test_loss[epoch] == pytest.approx(float(cross_entropy_loss(logits, LABELS[TEST])), rel=1e-9)


def test_the_history_is_read_only(history):
    for values in vars(history).values():
        with pytest.raises(ValueError, match="read-only"):
            values[...] = 0


def test_until_is_the_shorter_run(history):
    short = train_softmax_classifier(FEATURES, LABELS, TRAIN, TEST, epochs=20, learning_rate=0.3)
    cut = history.until(20)
    for name, values in vars(short).items():
        np.testing.assert_array_equal(getattr(cut, name), values, err_msg=name)
    assert history.until(0).train_loss.tolist() == [history.train_loss[0]]
    for bad in (-1, 201):
        with pytest.raises(ValueError, match=r"epochs must lie in \[0, 200\]"):
            history.until(bad)


def test_label_smoothing_keeps_the_classifier_from_certainty():
    plain = train_softmax_classifier(FEATURES, LABELS, TRAIN, TEST, epochs=300, learning_rate=1.0)
    smooth = train_softmax_classifier(FEATURES, LABELS, TRAIN, TEST, epochs=300, learning_rate=1.0, label_smoothing=0.2)
    assert smooth.test_q[-1].max() < plain.test_q[-1].max()
    # nor from ruling a class out: the least likely class keeps more probability
    assert smooth.test_q[-1].min() > plain.test_q[-1].min()


def test_features_must_be_finite():
    features = FEATURES.copy()
    features[0, 0] = math.inf
    with pytest.raises(ValueError, match="features must be finite"):
        train_softmax_classifier(features, LABELS, TRAIN, TEST, epochs=1, learning_rate=0.1)


def _train(**changes):
    arguments = {
        "features": FEATURES,
        "labels": LABELS,
        "train": TRAIN,
        "test": TEST,
        "epochs": 3,
        "learning_rate": 0.3,
    } | changes
    features, labels, train, test = (arguments.pop(name) for name in ("features", "labels", "train", "test"))
    return train_softmax_classifier(features, labels, train, test, **arguments)


def _labels_with(row, value):
    labels = LABELS.copy()
    labels[row] = value
    return labels


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"label_smoothing": 1.5}, r"label_smoothing must lie in \[0, 1\]"),
        ({"label_smoothing": -0.1}, r"label_smoothing must lie in \[0, 1\]"),
        ({"label_smoothing": "0.1"}, r"label_smoothing must lie in \[0, 1\]"),
        ({"label_smoothing": None}, r"label_smoothing must lie in \[0, 1\]"),
        ({"learning_rate": -0.5}, "learning_rate must be a finite real number > 0"),
        ({"learning_rate": 0.0}, "learning_rate must be a finite real number > 0"),
        ({"learning_rate": math.nan}, "learning_rate must be a finite real number > 0"),
        ({"learning_rate": math.inf}, "learning_rate must be a finite real number > 0"),
        ({"learning_rate": "0.3"}, "learning_rate must be a finite real number > 0"),
        ({"learning_rate": 1e308}, r"learning_rate=1e\+308 is too large: the weights overflowed at epoch 1"),
        ({"epochs": -1}, "epochs must be an integer ≥ 0"),
        ({"epochs": 2.0}, "epochs must be an integer ≥ 0"),
        ({"epochs": True}, "epochs must be an integer ≥ 0"),
        ({"labels": _labels_with(int(TEST[0]), -1)}, "labels must be class indices ≥ 0, got -1"),
        ({"labels": LABELS.astype(float)}, "labels must be integers"),
        ({"labels": LABELS[:-1]}, r"labels must have shape \(150,\)"),
        ({"labels": LABELS.astype(bool)}, "labels must be real numbers"),
        ({"features": FEATURES[0]}, r"features must have shape \(n, d\)"),
        ({"features": FEATURES.astype(complex)}, "features must be real numbers"),
        ({"train": TRAIN[:0]}, "train must select at least one row"),
        ({"test": []}, "test must select at least one row"),
        ({"train": np.append(TRAIN, 150)}, r"train holds row 150, outside \[0, 150\)"),
        ({"test": np.append(TEST, -1)}, r"test holds row -1, outside \[0, 150\)"),
        ({"train": TRAIN.astype(float)}, "train must be integer row indices"),
        ({"test": np.ones(3, bool)}, r"test as a boolean mask must have shape \(150,\)"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_names_the_argument(changes, message):
    with pytest.raises(ValueError, match=message):
        _train(**changes)


def test_boolean_masks_select_rows_as_in_numpy():
    """A mask picks the rows where it is True (not rows 0 and 1), and the gradient divides by their number."""
    mask = np.zeros(LABELS.size, dtype=bool)
    mask[TRAIN] = True
    by_index = _train()
    for train, test in ((mask, ~mask), (mask.tolist(), (~mask).tolist())):
        by_mask = _train(train=train, test=test)
        for name, values in vars(by_index).items():
            np.testing.assert_array_equal(getattr(by_mask, name), values, err_msg=name)


def test_zero_epochs_give_the_untrained_model():
    history = _train(epochs=0)
    assert history.train_loss.tolist() == [pytest.approx(math.log(3), rel=1e-12)]
    assert history.test_q.shape == (1, TEST.size, 3)


def test_a_feature_constant_over_the_training_set_is_centred_not_divided_by_zero():
    features = FEATURES.copy()
    features[:, 0] = 5.0
    history = _train(features=features, epochs=50)
    assert np.isfinite(history.test_q).all() and history.train_loss[-1] < history.train_loss[0]


def test_one_hot_and_until_check_their_integers():
    with pytest.raises(ValueError, match="n_classes must be a positive integer"):
        one_hot([0], 2.0)
    with pytest.raises(ValueError, match="n_classes must be a positive integer"):
        one_hot([], 0)
    with pytest.raises(ValueError, match=r"epochs must lie in \[0, 3\]"):
        _train().until(1.5)
