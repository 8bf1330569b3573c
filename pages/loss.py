"""Cross-entropy loss: from logits to a loss, its gradient, and gradient descent toward the target."""

import math

import numpy as np
import streamlit as st

from core import cross_entropy_loss, entropy, format_value, softmax, unit_base
from core.distributions import MAX_WEIGHT, from_weights
from core.figures import (
    binary_gradients,
    binary_losses,
    descent_on_simplex,
    distribution_bars,
    gradient_bars,
    loss_per_step,
)
from core.snippets import loss_snippets
from core.training import binary_loss_curves, framework_losses, gradient_descent, smoothed_target
from pages import run_through_entry_point

run_through_entry_point()

NO_TOOLBAR = {"displayModeBar": False}
LEARNING_RATES = [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0]
LOGIT_GRID = np.round(np.arange(-8.0, 8.0001, 0.1), 1)  # the binary logit slider's steps
unit = st.session_state.unit
in_unit = 1 / math.log(unit_base(unit))  # losses are computed in nats, as PyTorch reports them


st.title("Cross-entropy loss: how classifiers learn")
st.markdown(
    "A classifier outputs one real score per class, its **logits** z. Softmax turns them into a "
    "prediction **q**, and the loss is the cross-entropy **H(p, q)** against the target **p**. "
    "Because H(p, q) is smallest exactly at q = p, lowering the loss pulls the prediction toward "
    "the target. PyTorch reports the loss in nats."
)

st.subheader("One prediction, three classes")
logit_columns = st.columns(3)
z = np.array(
    [
        column.slider(f"z{i}: logit of class {i}", -5.0, 5.0, default, 0.1, key=f"z{i}", bind="query-params")
        for i, (column, default) in enumerate(zip(logit_columns, [-1.0, 2.0, 0.5], strict=True), start=1)
    ]
)
target_column, smoothing_column = st.columns(2)
y = (
    target_column.segmented_control(
        "y: true class", ["1", "2", "3", "soft"], default="1", key="y", bind="query-params", required=True
    )
    or "1"
)  # a link's empty ?y= clears even a required control
eps = smoothing_column.slider(
    "eps: label smoothing",
    0.0,
    0.5,
    0.0,
    0.01,
    key="eps",
    bind="query-params",
    help="Mixes the target with the uniform distribution: (1 − eps)·target + eps/3.",
)
if y == "soft":
    st.caption("Soft target: the weight of each class; the probabilities are the weights over their sum.")
    soft_columns = st.columns(3)
    weights = [
        column.slider(f"t{i}: weight of class {i}", 0, MAX_WEIGHT, default, key=f"t{i}", bind="query-params")
        for i, (column, default) in enumerate(zip(soft_columns, [2, 5, 3], strict=True), start=1)
    ]
    try:
        raw_target = from_weights(weights)
    except ValueError:
        st.warning("Every weight is 0, so there is no target: using the uniform one.")
        raw_target = from_weights([1, 1, 1])
else:
    raw_target = int(y) - 1
p = smoothed_target(raw_target, 3, eps)
q = softmax(z)
loss = float(cross_entropy_loss(z, np.asarray(raw_target), label_smoothing=eps))

loss_column, floor_column = st.columns(2)
loss_column.metric("Loss H(p, q)", format_value(loss * in_unit, unit), border=True)
floor_column.metric("Lowest possible loss H(p)", format_value(float(entropy(p, unit_base(unit))), unit), border=True)
if unit != "nats":
    st.caption(f"PyTorch would report the loss in nats: {format_value(loss, 'nats', decimals=6)}.")
bars, gradient = st.columns(2)
with bars:
    st.markdown("**Target p (after smoothing) and prediction q = softmax(z)**")
    st.plotly_chart(distribution_bars(p, q, names=("target p", "prediction q")), width="stretch", config=NO_TOOLBAR)
with gradient:
    st.markdown("**Gradient of the loss with respect to each logit: q − p**")
    st.plotly_chart(gradient_bars(q, p), width="stretch", config=NO_TOOLBAR)

st.subheader("Gradient descent, live")
st.markdown(
    "Step the logits against the gradient, z ← z − lr·(q − p), and the loss falls toward its floor "
    "H(p): 0 for a one-hot target, more when the target is soft or smoothed. Press play to watch q "
    "travel across the triangle of all predictions to p."
)
steps_column, rate_column = st.columns(2)
steps = steps_column.slider("steps", 0, 200, 60, key="steps", bind="query-params")
learning_rate = rate_column.select_slider("lr: learning rate", LEARNING_RATES, 1.0, key="lr", bind="query-params")
run = gradient_descent(z, p, learning_rate=learning_rate, steps=steps)
curve, path = st.columns(2)
curve.plotly_chart(loss_per_step(run.loss, run.floor, unit), width="stretch", config=NO_TOOLBAR)
path.plotly_chart(descent_on_simplex(p, run.q, unit), width="stretch", config=NO_TOOLBAR)
st.caption(
    f"After {steps} steps: loss {format_value(float(run.loss[-1]) * in_unit, unit)}, "
    f"q = ({', '.join(f'{v:.3f}' for v in run.q[-1])}), p = ({', '.join(f'{v:.3f}' for v in p)})."
)

st.subheader("Two classes: why not squared error?")
st.markdown(
    "With two classes the prediction is q = σ(z), and the loss is the binary cross-entropy "
    "p·log(1/q) + (1 − p)·log(1/(1 − q)). Compare it with the squared error (q − p)²: when the model "
    "is confidently wrong, the squared error's gradient all but vanishes and learning stalls; "
    "cross-entropy's gradient, q − p, stays large."
)
target_b, logit_b = st.columns(2)
p_binary = target_b.slider("pb: target probability of class 1", 0.0, 1.0, 1.0, 0.01, key="pb", bind="query-params")
z_binary = logit_b.slider("zb: logit", -8.0, 8.0, -4.0, 0.1, key="zb", bind="query-params")
curves = binary_loss_curves(p_binary, LOGIT_GRID)
losses_column, gradients_column = st.columns(2)
losses_column.plotly_chart(
    binary_losses(p_binary, z_binary, curves, LOGIT_GRID, unit), width="stretch", config=NO_TOOLBAR
)
gradients_column.plotly_chart(
    binary_gradients(p_binary, z_binary, curves, LOGIT_GRID), width="stretch", config=NO_TOOLBAR
)

st.subheader("What your framework reports")
st.markdown(
    "Libraries that take probabilities rather than logits cannot return ∞, so each bends the "
    "maths near q = 0 and q = 1 in its own documented way. For the target pb above and a "
    "predicted probability q:"
)
q_framework = st.slider("fq: predicted probability q", 0.0, 1.0, 0.0, 0.01, key="fq", bind="query-params")
reported = framework_losses(p_binary, q_framework)
how = {
    "exact": "the mathematics",
    "PyTorch BCELoss": "each log clamped at −100",
    "scikit-learn log_loss": "q clipped to [ε, 1 − ε], ε = 2.2e-16",
    "Keras": "q clipped to [1e-7, 1 − 1e-7]",
}
rows = "\n".join(
    f"| {name} | {how[name]} | {format_value(value, decimals=6)} | {format_value(value * in_unit, decimals=6)} |"
    for name, value in reported.items()
)
st.markdown(f"| computed by | convention | nats | {unit} |\n| --- | --- | --- | --- |\n{rows}")

st.subheader("Copy as code")
st.markdown("The loss of the three-class prediction above, reproduced outside this page:")
snippets = loss_snippets(z, raw_target, eps)
for tab, code in zip(st.tabs(list(snippets)), snippets.values(), strict=True):
    tab.code(code, language="python")
