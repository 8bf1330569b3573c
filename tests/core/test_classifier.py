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
