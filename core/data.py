"""Fisher's iris flowers, as shipped in ``data/iris.csv``, and the app's fixed train/test split."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from core._checks import FloatArray

__all__ = ["IRIS_PATH", "load_iris", "split_iris"]

IRIS_PATH = Path(__file__).parents[1] / "data" / "iris.csv"


def load_iris(path: Path = IRIS_PATH) -> tuple[FloatArray, npt.NDArray[np.int_], list[str], list[str]]:
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


def split_iris(labels: npt.NDArray[np.integer[Any]]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
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
