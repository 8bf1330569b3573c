"""In practice: a softmax classifier trained on Fisher's iris flowers by minimising cross-entropy."""

import math

import numpy as np
import streamlit as st

from core import format_value, unit_base
from core.figures import distribution_bars, learning_curves, true_class_probability
from core.training import load_iris, split_iris, train_softmax_classifier
from pages import run_through_entry_point

run_through_entry_point()

NO_TOOLBAR = {"displayModeBar": False}
MAX_EPOCHS = 500
LEARNING_RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
unit = st.session_state.unit
in_unit = 1 / math.log(unit_base(unit))


@st.cache_resource(max_entries=64, show_spinner=False)
def train(learning_rate: float, label_smoothing: float):
    """One run of the longest training per learning rate and smoothing, shared by every visitor and
    never mutated: the epochs slider reads a prefix of it."""
    features, labels, _, classes = load_iris()
    train_rows, test_rows = split_iris(labels)
    history = train_softmax_classifier(
        features,
        labels,
        train_rows,
        test_rows,
        epochs=MAX_EPOCHS,
        learning_rate=learning_rate,
        label_smoothing=label_smoothing,
    )
    return history, classes


st.title("In practice: a classifier learns iris species")
st.markdown(
    "Fisher's 150 iris flowers, four measurements each, three species. A softmax classifier "
    "(multinomial logistic regression) predicts a distribution q over the species, and gradient "
    "descent lowers the mean cross-entropy between q and each flower's one-hot label p. "
    "120 flowers train it; every fifth flower of each species, 30 in all, is held out to test it."
)
epochs_column, rate_column, smoothing_column = st.columns(3)
epochs = epochs_column.slider("epochs", 1, MAX_EPOCHS, 150, key="epochs", bind="query-params")
learning_rate = rate_column.select_slider("lr: learning rate", LEARNING_RATES, 0.3, key="lr", bind="query-params")
eps = smoothing_column.slider("eps: label smoothing", 0.0, 0.3, 0.0, 0.01, key="eps", bind="query-params")
full_history, classes = train(learning_rate, eps)
history = full_history.until(epochs)

train_column, test_column = st.columns(2)
train_column.metric("Train cross-entropy", format_value(float(history.train_loss[-1]) * in_unit, unit), border=True)
test_column.metric("Test cross-entropy", format_value(float(history.test_loss[-1]) * in_unit, unit), border=True)
train_column.metric("Train accuracy", f"{history.train_accuracy[-1]:.1%}", border=True)
test_column.metric("Test accuracy", f"{history.test_accuracy[-1]:.1%}", border=True)
st.plotly_chart(learning_curves(history.train_loss, history.test_loss, unit), width="stretch", config=NO_TOOLBAR)
st.caption(
    "Both curves start at log 3, the cost of a uniform guess over three species. The losses are "
    "measured against the one-hot labels; with label smoothing the training target is softer, so "
    "the classifier stops short of certainty on purpose."
)

st.subheader("Three test flowers, one of each species")
samples = [int(np.flatnonzero(history.test_labels == label)[0]) for label in range(len(classes))]
names = [f"test flower {i + 1}: {classes[history.test_labels[i]]}" for i in samples]
st.plotly_chart(
    true_class_probability(history.test_q[:, samples], history.test_labels[samples], names),
    width="stretch",
    config=NO_TOOLBAR,
)
for column, i, name in zip(st.columns(len(samples)), samples, names, strict=True):
    with column:
        st.markdown(f"**{name}** after {epochs} epochs")
        one_hot = np.eye(len(classes))[history.test_labels[i]]
        bars = distribution_bars(one_hot, history.test_q[-1, i], names=("label p", "prediction q"), show_values=False)
        st.plotly_chart(bars, width="stretch", config=NO_TOOLBAR)
        st.caption(
            ", ".join(f"{name}: q = {value:.3f}" for name, value in zip(classes, history.test_q[-1, i], strict=True))
        )
st.caption("Outcomes 1, 2, 3 are " + ", ".join(classes) + ".")
