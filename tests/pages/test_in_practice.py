"""The in-practice page in AppTest."""

import math

import numpy as np
import streamlit as st
from sklearn.metrics import log_loss

from core import NATS, format_value
from core.classifier import iris_training, train_softmax_classifier
from core.data import load_iris, split_iris
from tests.pages.conftest import array, chart, charts, metric_values

PAGE = "pages/in-practice.py"


def test_defaults_agree_with_a_direct_training_run_and_sklearn(open_link):
    at = open_link(PAGE, unit="nats")
    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    history = train_softmax_classifier(features, labels, train, test, epochs=150, learning_rate=0.3)
    values = metric_values(at)
    sklearn_test = log_loss(labels[test], history.test_q[-1], labels=[0, 1, 2])
    assert values["Test cross-entropy"] == format_value(sklearn_test, NATS)
    assert values["Train cross-entropy"] == format_value(history.train_loss[-1], NATS)
    assert values["Test accuracy"] == f"{history.test_accuracy[-1]:.1%}"
    curves = chart(at, 0)["data"]
    assert [t["name"] for t in curves] == ["train", "test"]
    assert len(charts(at)) == 5  # curves, true-class probabilities, three flowers


def _trained(epochs, learning_rate, smoothing):
    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    return train_softmax_classifier(
        features, labels, train, test, epochs=epochs, learning_rate=learning_rate, label_smoothing=smoothing
    )


def test_each_control_changes_the_training_as_it_says(open_link):
    at = open_link(PAGE, unit="nats")
    at.slider(key="epochs").set_value(20).run()
    assert len(array(chart(at, 0)["data"][0]["y"])) == 21  # epochs 0 to 20
    assert metric_values(at)["Train cross-entropy"] == format_value(_trained(20, 0.3, 0.0).train_loss[-1], NATS)
    at.slider(key="smoothing").set_value(0.2).run()
    smoothed = _trained(20, 0.3, 0.2)
    assert metric_values(at)["Train cross-entropy"] == format_value(smoothed.train_loss[-1], NATS)
    assert metric_values(at)["Test accuracy"] == f"{smoothed.test_accuracy[-1]:.1%}"
    at.select_slider(key="lr").set_value(3.0).run()
    fast = _trained(20, 3.0, 0.2)
    assert metric_values(at)["Train cross-entropy"] == format_value(fast.train_loss[-1], NATS)
    np.testing.assert_allclose(array(chart(at, 0)["data"][1]["y"]), fast.test_loss, rtol=1e-12)
    assert not at.exception


def test_units_and_bad_links(open_link):
    at = open_link(PAGE, epochs="1", unit="bits")
    start = metric_values(at)["Train cross-entropy"]
    assert float(start.split()[0]) < math.log2(3)  # one step below the uniform guess
    at = open_link(PAGE, epochs="0", lr="abc", smoothing="0.9")
    assert at.slider(key="epochs").value == 150 and at.select_slider(key="lr").value == 0.3
    assert at.slider(key="smoothing").value == 0.0
    notes = " ".join(w.value for w in at.warning)
    assert all(f"`{key}`" in notes for key in ("epochs", "lr", "smoothing"))


def test_the_three_flowers_bars_are_named_by_species_and_their_titles_name_the_flowers(open_link):
    at = open_link(PAGE, epochs="40")
    species = ["setosa", "versicolor", "virginica"]
    flowers = [chart(at, index) for index in (2, 3, 4)]
    for flower, name in zip(flowers, species, strict=True):
        assert [trace["x"] for trace in flower["data"]] == [species, species]
        assert flower["layout"]["title"]["text"].endswith(f": {name}")  # one line, not a heading that wraps
    assert "Their labels p and predictions q after 40 epochs:" in [m.value for m in at.markdown]
    assert not any("Outcomes 1, 2, 3" in caption.value for caption in at.caption)


def test_a_clients_clear_cache_leaves_the_training_cache_warm(open_link):
    """A ``clear_cache`` message from any client empties Streamlit's caches for every session
    (``AppSession._handle_clear_cache_request``); the training is cached outside them, so the next
    visitor of a setting already trained is served from the cache, not trained again."""
    open_link(PAGE, lr="0.1", smoothing="0.07")
    before = iris_training.cache_info()
    st.cache_data.clear()  # what the message does, besides clearing its own session's state
    st.cache_resource.clear()
    open_link(PAGE, lr="0.1", smoothing="0.07")
    after = iris_training.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    assert after.currsize == before.currsize
