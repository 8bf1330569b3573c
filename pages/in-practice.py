"""In practice: a softmax classifier trained on Fisher's iris flowers by minimising cross-entropy."""

import numpy as np
import streamlit as st

from core.classifier import iris_training, one_hot
from core.figures import flower_prediction, learning_curves, true_class_probability
from pages import begin
from ui.charts import chart
from ui.controls import CONTROLS, choice, current_unit, slider
from ui.output import format_perplexity, metrics

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()
MAX_EPOCHS = int(CONTROLS["epochs"].high)


epochs_column, rate_column, smoothing_column = st.columns(3)
epochs = slider("epochs", 150, container=epochs_column)
learning_rate = choice("lr", 0.3, container=rate_column)
smoothing = slider("smoothing", 0.0, container=smoothing_column)

full_history, classes = iris_training(learning_rate, smoothing, MAX_EPOCHS)  # the longest run, cached
history = full_history.until(epochs)

train_loss, test_loss = float(history.train_loss[-1]), float(history.test_loss[-1])  # in nats
metrics(
    [
        ("Train cross-entropy", unit.from_nats(train_loss)),
        ("Train perplexity", format_perplexity(train_loss)),
        ("Train accuracy", f"{history.train_accuracy[-1]:.1%}"),
        ("Test cross-entropy", unit.from_nats(test_loss)),
        ("Test perplexity", format_perplexity(test_loss)),
        ("Test accuracy", f"{history.test_accuracy[-1]:.1%}"),
    ],
    unit,
    per_row=3,
)
chart(learning_curves(history.train_loss, history.test_loss, unit), key="learning-curves")
st.caption(
    "Both curves start at log 3, the cost of a uniform guess over three species. The losses are "
    "measured against the one-hot labels; with label smoothing the training target is softer, so "
    "the classifier stops short of certainty on purpose."
)

st.header("Three test flowers, one of each species")
samples = [int(np.flatnonzero(history.test_labels == label)[0]) for label in range(len(classes))]
names = [f"test flower {i + 1}: {classes[history.test_labels[i]]}" for i in samples]
chart(true_class_probability(history.test_q[:, samples], history.test_labels[samples], names), key="true-class")
st.markdown(f"Their labels p and predictions q after {epochs} epochs:")
labels = one_hot(history.test_labels[samples], len(classes))
for column, i, name, label in zip(st.columns(len(samples)), samples, names, labels, strict=True):
    chart(flower_prediction(label, history.test_q[-1, i], classes, name), key=f"flower-{i}", container=column)
    column.caption(
        ", ".join(f"{species}: q = {value:.3f}" for species, value in zip(classes, history.test_q[-1, i], strict=True))
    )
