"""Cross-entropy loss: from logits to a loss, its gradient, and gradient descent toward the target."""

import numpy as np
import streamlit as st

from core import cross_entropy_loss, entropy, figures, format_value, softmax
from core.descent import gradient_descent, smoothed_target
from core.frameworks import framework_losses
from core.snippets import loss_snippets
from core.two_classes import binary_loss_curves
from pages import begin
from ui.charts import OwnControl, chart
from ui.controls import CONTROLS, choice, current_unit, slider, slider_steps
from ui.output import code_tabs, format_perplexity, metrics, table
from ui.weights import weights_editor

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()

st.header("One prediction, three classes")
columns = st.columns(3)
z = np.array([slider(f"logit{i}", start, container=columns[i - 1]) for i, start in ((1, -1.0), (2, 2.0), (3, 0.5))])
label_column, smoothing_column = st.columns(2)
label = choice("label", "1", container=label_column, style="segmented")
smoothing = slider("smoothing", 0.0, container=smoothing_column)
raw_target = weights_editor("p", 3, [2, 5, 3], per_row=3, presets=False) if label == "soft" else int(label) - 1

p = smoothed_target(raw_target, 3, smoothing)
q = softmax(z)
loss = float(cross_entropy_loss(z, np.asarray(raw_target), label_smoothing=smoothing))  # in nats

floor = float(entropy(p, unit.base))
metrics(
    [("Loss H(p, q)", unit.from_nats(loss)), ("Loss floor H(p)", floor), ("Perplexity", format_perplexity(loss))], unit
)
if unit.name != "nats":
    st.caption(f"PyTorch would report the loss in nats: {format_value(loss, decimals=6)} nats.")
bars, gradient = st.columns(2)
bars.markdown("**Target p (after smoothing) and prediction q = softmax(z)**")
chart(figures.distribution_bars(p, q, names=("target p", "prediction q")), key="target-prediction", container=bars)
gradient.markdown(
    "**Gradient of the loss in nats with respect to each logit: q − p**"
    + ("" if unit.name == "nats" else f" (of the loss in {unit.name}: (q − p)/ln {round(unit.base)})")
)
chart(figures.gradient_bars(q, p), key="gradient", container=gradient)

st.header("Gradient descent, live")
st.markdown(
    "Step the logits against the gradient, z ← z − lr·(q − p), and the loss falls toward its floor "
    "H(p): 0 for a one-hot target, more when the target is soft or smoothed. Press ▶ under the "
    "triangle to watch q travel across all predictions to p, or drag its slider to any step."
)
steps_column, rate_column = st.columns(2)
steps = slider("steps", 60, container=steps_column)
learning_rate = choice("lr", 1.0, container=rate_column)
# The whole run, so that moving the step only moves the marks along it.
run = gradient_descent(z, p, learning_rate=learning_rate, steps=CONTROLS["steps"].high)
curve, path = st.columns(2)
chart(figures.loss_per_step(run, unit, step=steps), key="loss-per-step", container=curve)
descent = figures.descent_on_simplex(run, unit, step=steps)
chart(descent, key="descent", container=path, controls=[OwnControl("steps", play="once")])
st.caption(
    f"After {steps} steps: loss {format_value(unit.from_nats(float(run.loss[steps])), unit)}, "
    f"q = ({', '.join(f'{v:.3f}' for v in run.q[steps])}), p = ({', '.join(f'{v:.3f}' for v in p)})."
)

st.header("Two classes: why not squared error?")
st.markdown(
    "With two classes the prediction is q = σ(z), and the loss is the binary cross-entropy "
    "p·log(1/q) + (1 − p)·log(1/(1 − q)). Compare it with the squared error (q − p)²: when the model "
    "is confidently wrong, the squared error's gradient all but vanishes and learning stalls; "
    "cross-entropy's gradient, q − p, stays large (the gradient of the loss in nats"
    + ("" if unit.name == "nats" else f"; of the loss in {unit.name}, (q − p)/ln {round(unit.base)}")
    + ")."
)
target_column, logit_column = st.columns(2)
target = slider("target", 1.0, container=target_column)
logit = slider("logit", -4.0, container=logit_column)
curves = binary_loss_curves(target, slider_steps("logit"))
losses_column, gradients_column = st.columns(2)
chart(figures.binary_losses(curves, logit, unit), key="two-class-losses", container=losses_column)
chart(figures.binary_gradients(curves, logit), key="two-class-gradients", container=gradients_column)

st.header("What your framework reports")
st.markdown(
    "Libraries that take probabilities rather than logits choose to clamp them away from 0 and 1, "
    "each in its own documented way, and so never report ∞. For the target p above and a "
    "predicted probability q:"
)
pred = slider("pred", 0.0)
reported = [
    [f"**{r.library}**: {r.convention}", *(("—", "—") if r.loss is None else (r.loss, unit.from_nats(r.loss)))]
    for r in framework_losses(target, pred)
]
table(["computed by", "nats", unit.name], reported, decimals=6)

st.header("Copy as code")
st.markdown("The loss of the three-class prediction above, reproduced outside this page:")
code_tabs(loss_snippets(z, raw_target, smoothing))
