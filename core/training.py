"""Training with cross-entropy: gradient descent on logits, the binary case, what frameworks report,
and a small softmax classifier on real data.

All losses are in nats, the unit PyTorch reports; divide by ln(base) for another unit.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core import _checks
from core.losses import _softmax, log_softmax, softmax
from core.measures import entropy

__all__ = [
    "IRIS_PATH",
    "Descent",
    "TrainingHistory",
    "binary_loss_curves",
    "framework_losses",
    "gradient_descent",
    "load_iris",
    "smoothed_target",
    "split_iris",
    "train_softmax_classifier",
]

IRIS_PATH = Path(__file__).parents[1] / "data" / "iris.csv"


def smoothed_target(target, n_classes: int, label_smoothing: float = 0.0) -> np.ndarray:
    """The distribution a classifier is trained toward: (1 − ε)·target + ε/C.

    Parameters
    ----------
    target : int or array_like
        A class index in [0, C), or a probability distribution over the C classes.
    n_classes : int
    label_smoothing : float in [0, 1]

    Examples
    --------
    >>> smoothed_target(0, 3, 0.3).round(4).tolist()
    [0.8, 0.1, 0.1]
    >>> smoothed_target([0.5, 0.5, 0.0], 3).tolist()
    [0.5, 0.5, 0.0]
    """
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    if np.ndim(target) == 0:
        if not (float(target).is_integer() and 0 <= int(target) < n_classes):
            raise ValueError(f"target must be a class index in [0, {n_classes}), got {target!r}")
        p = np.eye(n_classes)[int(target)]
    else:
        p = _checks.distribution(target, "target")
        if p.shape != (n_classes,):
            raise ValueError(f"target must have {n_classes} probabilities, got shape {p.shape}")
    return (1.0 - label_smoothing) * p + label_smoothing / n_classes


@dataclass(frozen=True)
class Descent:
    """A run of gradient descent on the logits of one sample.

    Attributes
    ----------
    logits : ndarray, shape (steps + 1, C)
    q : ndarray, shape (steps + 1, C)
        softmax of each step's logits.
    loss : ndarray, shape (steps + 1,)
        H(p, q) in nats at each step.
    floor : float
        The infimum of the loss, H(p) in nats: 0 for a one-hot target.
    """

    logits: np.ndarray
    q: np.ndarray
    loss: np.ndarray
    floor: float


def gradient_descent(logits, target, *, learning_rate: float, steps: int) -> Descent:
    """Minimise H(p, softmax(z)) over the logits z by plain gradient descent: z ← z − lr·(q − p).

    Parameters
    ----------
    logits : array_like, shape (C,)
        The starting logits.
    target : array_like, shape (C,)
        The target distribution p (already smoothed if it should be).
    learning_rate : float > 0
    steps : int ≥ 0

    Returns
    -------
    Descent
        The path of the logits, of q and of the loss, and the floor H(p) the loss approaches.

    Notes
    -----
    The gradient of H(p, softmax(z)) with respect to z is q − p: it vanishes exactly when q = p,
    which is why the loss's minimum over q is the entropy H(p).

    Examples
    --------
    >>> run = gradient_descent([0.0, 0.0, 0.0], [0.7, 0.2, 0.1], learning_rate=1.0, steps=200)
    >>> run.q[-1].round(3).tolist(), round(float(run.loss[-1] - run.floor), 6)
    ([0.7, 0.2, 0.1], 0.0)
    """
    z = _checks.finite(logits, "logits")
    p = _checks.distribution(target, "target")
    if z.ndim != 1 or p.shape != z.shape:
        raise ValueError(f"logits and target must be vectors of the same length, got {z.shape} and {p.shape}")
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate!r}")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, got {steps!r}")
    path = np.empty((int(steps) + 1, z.size))
    path[0] = z
    for step in range(int(steps)):  # each step needs the last: the loop is the algorithm
        path[step + 1] = path[step] - learning_rate * (_softmax(path[step]) - p)
    q = softmax(path, axis=1)
    loss = -(p * log_softmax(path, axis=1)).sum(axis=1)
    return Descent(logits=path, q=q, loss=loss, floor=float(entropy(p, math.e)))


def binary_loss_curves(p: float, z) -> dict[str, np.ndarray]:
    """Cross-entropy and squared error of a sigmoid output against the target p, with their gradients.

    For a logit z the prediction is q = σ(z). Cross-entropy −[p log q + (1 − p) log(1 − q)] has
    gradient q − p with respect to z; squared error (q − p)² has gradient 2(q − p)·q(1 − q), which
    vanishes as q approaches 0 or 1 even when the prediction is confidently wrong.

    Examples
    --------
    >>> curves = binary_loss_curves(1.0, [-8.0, 0.0])
    >>> curves["ce_gradient"].round(4).tolist(), curves["se_gradient"].round(4).tolist()
    ([-0.9997, -0.5], [-0.0007, -0.25])
    """
    p = float(_checks.probabilities(p, "p"))
    z = _checks.finite(z, "z")
    q = 1.0 / (1.0 + np.exp(-z))
    softplus_neg = np.logaddexp(0.0, -z)  # −log σ(z), exact for large |z|
    softplus_pos = np.logaddexp(0.0, z)  # −log(1 − σ(z))
    return {
        "q": q,
        "ce": p * softplus_neg + (1.0 - p) * softplus_pos,
        "ce_gradient": q - p,
        "se": (q - p) ** 2,
        "se_gradient": 2.0 * (q - p) * q * (1.0 - q),
    }


def framework_losses(p: float, q: float) -> dict[str, float]:
    """Binary cross-entropy of the prediction q for the target p, exact and as libraries report it.

    Parameters
    ----------
    p : float
        Target probability of outcome 1 (a label of 0 or 1, or a soft label).
    q : float
        Predicted probability of outcome 1, 0 and 1 included.

    Returns
    -------
    dict
        In nats: ``"exact"`` (∞ where the maths says so); ``"PyTorch BCELoss"`` (each log clamped at
        −100, as ``torch.nn.BCELoss`` documents); ``"scikit-learn log_loss"`` (q clipped to
        [ε, 1 − ε] with ε the float64 machine epsilon); ``"Keras"`` (q clipped to [1e-7, 1 − 1e-7],
        Keras's ``epsilon()``).

    Examples
    --------
    >>> {name: round(value, 4) for name, value in framework_losses(1.0, 0.0).items()}
    {'exact': inf, 'PyTorch BCELoss': 100.0, 'scikit-learn log_loss': 36.0437, 'Keras': 16.1181}
    """
    p = float(_checks.probabilities(p, "p"))
    q = float(_checks.probabilities(q, "q"))

    def clipped(low: float) -> float:
        c = min(max(q, low), 1.0 - low)
        return -(p * math.log(c) + (1.0 - p) * math.log1p(-c))

    with np.errstate(divide="ignore"):  # log 0 = -inf is what the clamp acts on
        log_q, log_1mq = np.log(q), np.log1p(-q)
    exact = -(_term(p, log_q) + _term(1.0 - p, log_1mq))
    torch = -(p * max(float(log_q), -100.0) + (1.0 - p) * max(float(log_1mq), -100.0))
    return {
        "exact": exact,
        "PyTorch BCELoss": torch,
        "scikit-learn log_loss": clipped(float(np.finfo(np.float64).eps)),
        "Keras": clipped(1e-7),
    }


def _term(weight: float, log_value) -> float:
    """weight·log_value with 0·(−∞) = 0: an outcome that never happens costs nothing."""
    return 0.0 if weight == 0 else weight * float(log_value)


# --- A softmax classifier on Fisher's iris data ---------------------------------------------------


def load_iris(path: Path = IRIS_PATH) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """Fisher's iris data as shipped in ``data/iris.csv``: features, class indices, their names.

    Examples
    --------
    >>> features, labels, feature_names, classes = load_iris()
    >>> features.shape, np.bincount(labels).tolist(), classes
    ((150, 4), [50, 50, 50], ['setosa', 'versicolor', 'virginica'])
    """
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    classes = sorted({row[-1] for row in body})
    features = np.array([[float(v) for v in row[:-1]] for row in body])
    labels = np.array([classes.index(row[-1]) for row in body])
    return features, labels, header[:-1], classes


def split_iris(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The fixed train/test split: every fifth flower of each species is held out (120 / 30).

    Examples
    --------
    >>> train, test = split_iris(load_iris()[1])
    >>> train.size, test.size
    (120, 30)
    """
    rank_in_class = np.zeros(labels.size, dtype=int)
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        rank_in_class[members] = np.arange(members.size)
    test = rank_in_class % 5 == 4
    return np.flatnonzero(~test), np.flatnonzero(test)


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

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    test_q: np.ndarray
    test_labels: np.ndarray

    def until(self, epochs: int) -> TrainingHistory:
        """The same run stopped after ``epochs`` epochs: full-batch descent is deterministic, so the
        first epochs of a longer run are exactly a shorter run.

        Examples
        --------
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
    features, labels, train, test, *, epochs: int, learning_rate: float, label_smoothing: float = 0.0
) -> TrainingHistory:
    """Multinomial logistic regression trained by full-batch gradient descent on cross-entropy.

    Features are standardised with the training set's mean and deviation; weights start at 0, so
    every class starts at probability 1/C and the run is deterministic. The training loss is
    PyTorch's ``cross_entropy`` with ``label_smoothing``; its gradient with respect to the logits is
    (q − p)/N.

    Examples
    --------
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
    target = (1.0 - label_smoothing) * np.eye(n_classes)[y_train] + label_smoothing / n_classes
    weights = np.zeros((x.shape[1], n_classes))
    all_logits = np.empty((epochs + 1, x.shape[0], n_classes))
    for epoch in range(epochs + 1):  # each epoch needs the last weights
        all_logits[epoch] = x @ weights
        if epoch < epochs:
            q_train = _softmax(all_logits[epoch][train], axis=1)
            weights -= learning_rate * x_train.T @ (q_train - target) / train.size
    q = softmax(all_logits, axis=2)
    log_q = log_softmax(all_logits, axis=2)

    def mean_loss(rows):  # cross_entropy_loss(logits[rows], y[rows]) for every epoch at once
        return -log_q[:, rows, y[rows]].mean(axis=1)

    def accuracy(rows):
        return (q[:, rows].argmax(axis=2) == y[rows]).mean(axis=1)

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
