"""The in-practice page in AppTest."""

import math

from sklearn.metrics import log_loss

from core import format_value
from core.training import load_iris, split_iris, train_softmax_classifier
from tests.pages.conftest import array, chart, metric_values

PAGE = "pages/in-practice.py"


def test_defaults_agree_with_a_direct_training_run_and_sklearn(open_link):
    at = open_link(PAGE, unit="nats")
    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    history = train_softmax_classifier(features, labels, train, test, epochs=150, learning_rate=0.3)
    values = metric_values(at)
    sklearn_test = log_loss(labels[test], history.test_q[-1], labels=[0, 1, 2])
    assert values["Test cross-entropy"] == format_value(sklearn_test, "nats")
    assert values["Train cross-entropy"] == format_value(history.train_loss[-1], "nats")
    assert values["Test accuracy"] == f"{history.test_accuracy[-1]:.1%}"
    curves = chart(at, 0)["data"]
    assert [t["name"] for t in curves] == ["train", "test"]
    assert len(at.get("plotly_chart")) == 5  # curves, true-class probabilities, three flowers


def test_controls_change_the_training(open_link):
    at = open_link(PAGE)
    before = metric_values(at)["Train cross-entropy"]
    at.slider(key="epochs").set_value(20).run()
    assert metric_values(at)["Train cross-entropy"] != before
    at.slider(key="eps").set_value(0.2).run()
    at.select_slider(key="lr").set_value(3.0).run()
    assert not at.exception
    first_loss = array(chart(at, 0)["data"][0]["y"])
    assert len(first_loss) == 21


def test_units_and_bad_links(open_link):
    at = open_link(PAGE, epochs="1", unit="bits")
    start = metric_values(at)["Train cross-entropy"]
    assert float(start.split()[0]) < math.log2(3)  # one step below the uniform guess
    at = open_link(PAGE, epochs="0", lr="abc")
    assert at.slider(key="epochs").value == 150 and at.select_slider(key="lr").value == 0.3
    assert "`epochs`" in " ".join(w.value for w in at.warning)
