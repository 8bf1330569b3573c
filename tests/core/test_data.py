"""Fisher's iris flowers as shipped (core/data.py), and the app's fixed train/test split."""

import numpy as np

from core.data import IRIS_PATH, load_iris, split_iris


def test_iris_as_shipped():
    assert IRIS_PATH.is_file() and IRIS_PATH.name == "iris.csv"
    features, labels, names, classes = load_iris()
    assert features.shape == (150, 4) and features.dtype == np.float64
    assert names == ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
    assert classes == ["setosa", "versicolor", "virginica"]
    assert np.bincount(labels).tolist() == [50, 50, 50]
    assert features[0].tolist() == [5.1, 3.5, 1.4, 0.2] and labels[0] == 0


def test_load_iris_reads_another_file(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("a,b,kind\n1,2,y\n3,4,x\n5.5,6,y\n")
    features, labels, names, classes = load_iris(path)
    assert features.tolist() == [[1.0, 2.0], [3.0, 4.0], [5.5, 6.0]]
    assert classes == ["x", "y"] and labels.tolist() == [1, 0, 1] and names == ["a", "b"]


def test_the_split_holds_out_every_fifth_flower_of_each_species():
    _, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    assert (train.size, test.size) == (120, 30)
    assert np.bincount(labels[test]).tolist() == [10, 10, 10]
    assert not set(train) & set(test) and len(set(train) | set(test)) == 150
    for label in range(3):
        members = np.flatnonzero(labels == label)
        assert set(test) & set(members) == set(members[4::5])
    again_train, again_test = split_iris(labels)
    assert again_train.tolist() == train.tolist() and again_test.tolist() == test.tolist()  # fixed, not random
