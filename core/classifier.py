"""A softmax classifier (multinomial logistic regression) trained by minimising cross-entropy.

Losses are in nats, the unit PyTorch reports; ``Unit.from_nats`` converts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray
from core.data import load_iris, split_iris
from core.losses import (
    _check_label_smoothing,
    _finite_reals,
    _is_integer,
    _is_real,
    _softmax,
    log_softmax,
    softmax,
)

__all__ = ["TrainingHistory", "iris_training", "one_hot", "train_softmax_classifier"]


def one_hot(labels: npt.ArrayLike, n_classes: int) -> FloatArray:
    """Class indices as one-hot distributions, one row each.

    ``labels`` must be integers in [0, ``n_classes``) and ``n_classes`` a positive integer;
    otherwise a ValueError names the argument.

    Examples
    --------
    >>> one_hot([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    if not _is_integer(n_classes) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
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
        if not _is_integer(epochs) or not 0 <= epochs < self.train_loss.size:
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
    train: npt.ArrayLike,
    test: npt.ArrayLike,
    *,
    epochs: int,
    learning_rate: float,
    label_smoothing: float = 0.0,
) -> TrainingHistory:
    """Multinomial logistic regression trained by full-batch gradient descent on cross-entropy.

    Features are standardised with the training set's mean and deviation (a feature constant over
    the training set is only centred); weights start at 0, so every class starts at probability
    1/C and the run is deterministic. The training loss is PyTorch's ``cross_entropy`` with
    ``label_smoothing``; its gradient with respect to the logits is (q − p)/N.

    Parameters
    ----------
    features : array_like, shape (n, d)
        Finite real numbers, one row per sample (n ≥ 1).
    labels : array_like of int, shape (n,)
        Class indices, integers ≥ 0; the classes are 0, 1, …, C − 1 with C = max(labels) + 1.
    train, test : array_like
        The rows to train on and to test on, each non-empty: integer row indices in [0, n)
        (repeats allowed), or boolean masks of shape (n,) as NumPy reads them.
    epochs : int
        The number of descent steps, an integer ≥ 0; 0 gives the untrained model alone (the
        history has one entry, epoch 0, as ``TrainingHistory.until(0)`` does).
    learning_rate : float
        The step size, a finite real number > 0.
    label_smoothing : float in [0, 1], default 0
        As in PyTorch's ``cross_entropy``.

    Raises
    ------
    ValueError
        Naming the argument at fault, for anything outside the above; naming ``learning_rate``
        when it is so large that the weights overflow.

    Examples
    --------
    >>> from core.data import load_iris, split_iris
    >>> features, labels, _, _ = load_iris()
    >>> train, test = split_iris(labels)
    >>> history = train_softmax_classifier(features, labels, train, test, epochs=100, learning_rate=0.5)
    >>> round(float(history.train_loss[0]), 4), bool(history.train_loss[-1] < 0.2), float(history.test_accuracy[-1])
    (1.0986, True, 0.9333333333333333)
    """
    if not _is_integer(epochs) or epochs < 0:
        raise ValueError(f"epochs must be an integer ≥ 0, got {epochs!r}")
    if not _is_real(learning_rate) or not 0 < float(learning_rate) < math.inf:
        raise ValueError(f"learning_rate must be a finite real number > 0, got {learning_rate!r}")
    rate = float(learning_rate)
    smoothing = _check_label_smoothing(label_smoothing)
    x = _finite_reals(features, "features")
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"features must have shape (n, d) with n ≥ 1, one row per sample, got {x.shape}")
    n_samples = x.shape[0]
    y = _labels(labels, n_samples)
    train = _rows(train, "train", n_samples)
    test = _rows(test, "test", n_samples)
    n_classes = int(y.max()) + 1
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    std[std == 0] = 1.0  # a feature constant over the training set: centred to 0, not divided by 0
    x = np.hstack([(x - mean) / std, np.ones((n_samples, 1))])  # a bias column
    x_train = x[train]
    target = (1.0 - smoothing) * one_hot(y[train], n_classes) + smoothing / n_classes
    weights = np.zeros((x.shape[1], n_classes))
    all_logits = np.empty((epochs + 1, n_samples, n_classes))
    with np.errstate(over="ignore", invalid="ignore"):  # a step so large that it overflows is reported below
        for epoch in range(epochs + 1):  # each epoch needs the last weights
            all_logits[epoch] = x @ weights
            if epoch < epochs:
                q_train = _softmax(all_logits[epoch][train], axis=1)
                weights -= rate * x_train.T @ (q_train - target) / train.size
    finite = np.isfinite(all_logits).all(axis=(1, 2))
    if not finite.all():
        raise ValueError(
            f"learning_rate={learning_rate!r} is too large: the weights overflowed at epoch {int(np.argmin(finite))}"
        )
    q = softmax(all_logits, axis=2)
    log_q = log_softmax(all_logits, axis=2)

    def mean_loss(rows: npt.NDArray[np.intp]) -> FloatArray:
        # cross_entropy_loss(logits[rows], y[rows]) for every epoch at once
        return cast(FloatArray, -log_q[:, rows, y[rows]].mean(axis=1))

    def accuracy(rows: npt.NDArray[np.intp]) -> FloatArray:
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


def _labels(labels: npt.ArrayLike, n_samples: int) -> npt.NDArray[np.int64]:
    y = _checks.real_array(labels, "labels")
    if y.shape != (n_samples,):
        raise ValueError(f"labels must have shape ({n_samples},), one per row of features, got {y.shape}")
    if y.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers (class indices), got dtype {y.dtype}")
    if (y < 0).any():
        raise ValueError(f"labels must be class indices ≥ 0, got {y[y < 0][0]}")
    return y.astype(np.int64)


def _rows(rows: npt.ArrayLike, name: str, n_samples: int) -> npt.NDArray[np.intp]:
    """Row indices from integer indices or a boolean mask, checked."""
    try:
        arr = np.asarray(rows)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be row indices or a boolean mask, got {rows!r}") from None
    if arr.dtype.kind == "b":
        if arr.shape != (n_samples,):
            raise ValueError(f"{name} as a boolean mask must have shape ({n_samples},), got {arr.shape}")
        index = np.flatnonzero(arr)
    elif arr.dtype.kind in "iu" and arr.ndim == 1:
        if ((arr < 0) | (arr >= n_samples)).any():
            raise ValueError(f"{name} holds row {arr[(arr < 0) | (arr >= n_samples)][0]}, outside [0, {n_samples})")
        index = arr.astype(np.intp)
    elif arr.size == 0:
        index = np.zeros(0, dtype=np.intp)
    else:
        raise ValueError(
            f"{name} must be integer row indices of shape (k,) or a boolean mask of shape ({n_samples},), "
            f"got dtype {arr.dtype} and shape {arr.shape}"
        )
    if index.size == 0:
        raise ValueError(f"{name} must select at least one row")
    return index


@lru_cache(maxsize=32)
def iris_training(learning_rate: float, label_smoothing: float, epochs: int) -> tuple[TrainingHistory, tuple[str, ...]]:
    """The classifier trained on the iris flowers' fixed split (``core.data``), and the class names.

    Computed once per setting and shared by every session: the history is read-only, and a shorter
    run is a prefix of it (``TrainingHistory.until``). The cache is a plain ``lru_cache`` rather than
    Streamlit's, which any client can empty for everyone (a ``clear_cache`` message). It holds at most
    32 settings, 0.38 MB each at 500 epochs (the test predictions of every epoch): 12 MB at most.

    Examples
    --------
    >>> history, classes = iris_training(0.3, 0.0, 20)
    >>> history is iris_training(0.3, 0.0, 20)[0], classes
    (True, ('setosa', 'versicolor', 'virginica'))
    """
    features, labels, _, classes = load_iris()
    train, test = split_iris(labels)
    history = train_softmax_classifier(
        features, labels, train, test, epochs=epochs, learning_rate=learning_rate, label_smoothing=label_smoothing
    )
    return history, tuple(classes)
