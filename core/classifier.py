"""A softmax classifier (multinomial logistic regression) trained by minimising cross-entropy.

Losses are in nats, the unit PyTorch reports; ``Unit.from_nats`` converts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray
from core.losses import _softmax, log_softmax, softmax

__all__ = ["TrainingHistory", "one_hot", "train_softmax_classifier"]


def one_hot(labels: npt.ArrayLike, n_classes: int) -> FloatArray:
    """Class indices as one-hot distributions, one row each.

    Examples
    --------
    >>> one_hot([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    labels = np.asarray(labels)
    if labels.size and not (np.issubdtype(labels.dtype, np.integer) and labels.min() >= 0 and labels.max() < n_classes):
        raise ValueError(f"labels must be class indices in [0, {n_classes}), got {labels!r}")
    return cast(FloatArray, np.eye(n_classes)[labels])


@dataclass(frozen=True)
class TrainingHistory:
    """What a practitioner watches, one entry per epoch (epoch 0 is before training).

    Attributes
    ----------
    train_loss, test_loss : ndarray, shape (epochs + 1,)
        Mean cross-entropy in nats against the one-hot labels (without smoothing).
    train_accuracy, test_accuracy : ndarray, shape (epochs + 1,)
    test_q : ndarray, shape (epochs + 1, n_test, C)
        The predicted distribution of every test sample at every epoch.
    test_labels : ndarray, shape (n_test,)
    """

    train_loss: FloatArray
    test_loss: FloatArray
    train_accuracy: FloatArray
    test_accuracy: FloatArray
    test_q: FloatArray
    test_labels: npt.NDArray[np.integer[Any]]

    def until(self, epochs: int) -> TrainingHistory:
        """The same run stopped after ``epochs`` epochs: full-batch descent is deterministic, so the
        first epochs of a longer run are exactly a shorter run.

        Examples
        --------
        >>> from core.data import load_iris, split_iris
        >>> features, labels, _, _ = load_iris()
        >>> train, test = split_iris(labels)
        >>> long = train_softmax_classifier(features, labels, train, test, epochs=50, learning_rate=0.3)
        >>> short = train_softmax_classifier(features, labels, train, test, epochs=20, learning_rate=0.3)
        >>> bool(np.array_equal(long.until(20).test_q, short.test_q))
        True
        """
        if not 0 <= epochs < self.train_loss.size:
            raise ValueError(f"epochs must lie in [0, {self.train_loss.size - 1}], got {epochs!r}")
        end = epochs + 1
        return TrainingHistory(
            train_loss=self.train_loss[:end],
            test_loss=self.test_loss[:end],
            train_accuracy=self.train_accuracy[:end],
            test_accuracy=self.test_accuracy[:end],
            test_q=self.test_q[:end],
            test_labels=self.test_labels,
        )


def train_softmax_classifier(
    features: npt.ArrayLike,
    labels: npt.ArrayLike,
    train: npt.NDArray[np.integer[Any]],
    test: npt.NDArray[np.integer[Any]],
    *,
    epochs: int,
    learning_rate: float,
    label_smoothing: float = 0.0,
) -> TrainingHistory:
    """Multinomial logistic regression trained by full-batch gradient descent on cross-entropy.

    Features are standardised with the training set's mean and deviation; weights start at 0, so
    every class starts at probability 1/C and the run is deterministic. The training loss is
    PyTorch's ``cross_entropy`` with ``label_smoothing``; its gradient with respect to the logits is
    (q − p)/N.

    Examples
    --------
    >>> from core.data import load_iris, split_iris
    >>> features, labels, _, _ = load_iris()
    >>> train, test = split_iris(labels)
    >>> history = train_softmax_classifier(features, labels, train, test, epochs=100, learning_rate=0.5)
    >>> round(float(history.train_loss[0]), 4), bool(history.train_loss[-1] < 0.2), float(history.test_accuracy[-1])
    (1.0986, True, 0.9333333333333333)
    """
    x = _checks.finite(features, "features")
    y = np.asarray(labels)
    n_classes = int(y.max()) + 1
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    x = np.hstack([(x - mean) / std, np.ones((x.shape[0], 1))])  # a bias column
    x_train, y_train = x[train], y[train]
    target = (1.0 - label_smoothing) * one_hot(y_train, n_classes) + label_smoothing / n_classes
    weights = np.zeros((x.shape[1], n_classes))
    all_logits = np.empty((epochs + 1, x.shape[0], n_classes))
    for epoch in range(epochs + 1):  # each epoch needs the last weights
        all_logits[epoch] = x @ weights
        if epoch < epochs:
            q_train = _softmax(all_logits[epoch][train], axis=1)
            weights -= learning_rate * x_train.T @ (q_train - target) / train.size
    q = softmax(all_logits, axis=2)
    log_q = log_softmax(all_logits, axis=2)

    def mean_loss(rows: npt.NDArray[np.integer[Any]]) -> FloatArray:
        # cross_entropy_loss(logits[rows], y[rows]) for every epoch at once
        return cast(FloatArray, -log_q[:, rows, y[rows]].mean(axis=1))

    def accuracy(rows: npt.NDArray[np.integer[Any]]) -> FloatArray:
        return cast(FloatArray, (q[:, rows].argmax(axis=2) == y[rows]).mean(axis=1))

    history = TrainingHistory(
        train_loss=mean_loss(train),
        test_loss=mean_loss(test),
        train_accuracy=accuracy(train),
        test_accuracy=accuracy(test),
        test_q=q[:, test],
        test_labels=y[test],
    )
    for values in vars(history).values():
        values.flags.writeable = False  # a history may be shared between sessions: read-only
    return history
